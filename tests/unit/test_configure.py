"""configure: stack config sets region, identity, endpoints, retries and the connect timeout."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from botocore.stub import Stubber
from pulumi.dynamic import Config, ConfigureRequest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.aws import clients
from appfabric_connect.aws.settings import AssumeRole, AwsSettings
from tests.unit.aws_stub import authorization, connect_params, oauth_inputs, read_first, summary


def configured(values: dict[str, str]) -> AppAuthorizationConnectionProvider:
    prov = AppAuthorizationConnectionProvider()
    prov.configure(ConfigureRequest(Config(values, "project")))
    return prov


def test_stack_config_becomes_the_client_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[AwsSettings, str]] = []

    def record(settings: AwsSettings, region: str) -> Any:
        seen.append((settings, region))
        raise ConnectionFailed("recorded")

    monkeypatch.setattr(clients, "client", record)
    prov = configured(
        {
            "aws:region": "eu-west-1",
            "aws:profile": "ops",
            "appfabric-connect:endpoint": "http://127.0.0.1:4599",
            "appfabric-connect:retryMode": "adaptive",
            "appfabric-connect:maxAttempts": "4",
        }
    )
    with pytest.raises(ConnectionFailed):
        prov.create(oauth_inputs())
    assert seen == [
        (
            AwsSettings(
                region="eu-west-1",
                profile="ops",
                endpoint_url="http://127.0.0.1:4599",
                retry_mode="adaptive",
                max_attempts=4,
            ),
            "eu-west-1",
        )
    ]


def test_a_client_gets_the_configured_retry_mode_and_attempts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUNITTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "unit-secret-key")
    client = clients.client(AwsSettings(retry_mode="adaptive", max_attempts=4), "us-east-1")
    config: Any = client.meta.config
    assert config.retries == {"mode": "adaptive", "total_max_attempts": 4}


def stays_pending(stubber: Stubber) -> None:
    """Connect answers PendingConnect, and so does every later read."""
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("PendingConnect"), connect_params())
    for _ in range(20):
        stubber.add_response("get_app_authorization", authorization("PendingConnect"))


def test_the_configured_connect_timeout_bounds_the_wait(
    spare_stubber: Stubber, no_sleep: list[float]
) -> None:
    prov = configured({"appfabric-connect:connectTimeout": "2"})
    stays_pending(spare_stubber)
    with pytest.raises(ConnectionFailed, match="after 2 s"):
        prov.create(oauth_inputs())
    _look_again, *polls = no_sleep
    assert sum(polls) == pytest.approx(2, abs=0.01)


def test_the_resource_connect_timeout_wins_over_stack_config(
    spare_stubber: Stubber, no_sleep: list[float]
) -> None:
    prov = configured({"appfabric-connect:connectTimeout": "2"})
    stays_pending(spare_stubber)
    with pytest.raises(ConnectionFailed, match="after 1 s"):
        prov.create({**oauth_inputs(), "connect_timeout": 1})


def test_the_aws_profile_supplies_the_region(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    config_file = tmp_path / "config"
    config_file.write_text("[profile ops]\nregion = eu-west-2\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    seen: list[tuple[AwsSettings, str]] = []

    def record(settings: AwsSettings, region: str) -> Any:
        seen.append((settings, region))
        raise ConnectionFailed("recorded")

    monkeypatch.setattr(clients, "client", record)
    with pytest.raises(ConnectionFailed):
        configured({"aws:profile": "ops"}).create(oauth_inputs())
    assert seen == [(AwsSettings(profile="ops"), "eu-west-2")]


def test_an_unknown_aws_profile_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    (tmp_path / "config").write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConnectionFailed) as raised:
        configured({"aws:profile": "nope"}).create(oauth_inputs())
    message = str(raised.value)
    assert "nope" in message
    assert "fix `aws:profile` or AWS_PROFILE" in message
    assert "\n" not in message


def settings_of(values: dict[str, str]) -> AwsSettings:
    return configured(values)._config.settings


def failures_of(values: dict[str, str]) -> list[tuple[str, str]]:
    result = configured(values).check({}, oauth_inputs())
    return [(failure.property, failure.reason) for failure in result.failures]


def test_objects_and_lists_set_with_path_arrive_as_json_and_become_the_identity() -> None:
    # Exactly as `pulumi config set --path 'aws:assumeRoles[0].roleArn' …` reaches configure.
    settings = settings_of(
        {
            "aws:assumeRoles": '[{"roleArn":"arn:aws:iam::111111111111:role/one",'
            '"sessionName":"ci","duration":"1h30m","externalId":"x-1",'
            '"tags":{"team":"platform"},"transitiveTagKeys":["team"]},'
            '{"roleArn":"arn:aws:iam::222222222222:role/two"}]',
            "aws:endpoints": '[{"sts":"http://127.0.0.1:5000","iam":"http://ignored"}]',
            "aws:allowedAccountIds": "[222222222222, 12345678901]",
            "aws:insecure": "true",
            "aws:maxRetries": "3",
            "aws:retryMode": "adaptive",
            "aws:stsRegion": "eu-west-1",
        }
    )
    assert settings.assume_roles == (
        AssumeRole(
            role_arn="arn:aws:iam::111111111111:role/one",
            session_name="ci",
            duration_seconds=5400,
            external_id="x-1",
            tags=(("team", "platform"),),
            transitive_tag_keys=("team",),
        ),
        AssumeRole(role_arn="arn:aws:iam::222222222222:role/two"),
    )
    assert settings.sts_endpoint == "http://127.0.0.1:5000"
    assert settings.allowed_account_ids == ("222222222222", "012345678901")
    assert (settings.insecure, settings.max_attempts, settings.retry_mode) == (
        True,
        3,
        "adaptive",
    )
    assert settings.sts_region == "eu-west-1"


def test_appfabric_connect_settings_win_over_their_aws_equivalents() -> None:
    settings = settings_of(
        {
            "aws:endpoints": '[{"appfabric":"http://aws-endpoints:1"}]',
            "appfabric-connect:endpoint": "http://appfabric-connect:2",
            "aws:maxRetries": "3",
            "appfabric-connect:maxAttempts": "5",
        }
    )
    assert (settings.endpoint_url, settings.max_attempts) == ("http://appfabric-connect:2", 5)
    assert settings_of({"aws:endpoints": '[{"appfabric":"http://a:1"}]'}).endpoint_url == (
        "http://a:1"
    )


def test_an_unsupported_identity_key_fails_check_in_one_line_naming_it() -> None:
    assert failures_of({"aws:ec2MetadataServiceEndpoint": "http://169.254.169.254"}) == [
        (
            "aws:ec2MetadataServiceEndpoint",
            "is not supported by appfabric-connect (it would change the identity)",
        )
    ]


def test_an_unknown_aws_key_fails_check_rather_than_being_ignored() -> None:
    assert failures_of({"aws:assumeRoleArn": "arn:aws:iam::111111111111:role/x"}) == [
        ("aws:assumeRoleArn", "is not a pulumi-aws provider setting that appfabric-connect knows")
    ]


def test_keys_that_do_not_apply_to_connections_are_accepted() -> None:
    assert (
        failures_of(
            {
                "aws:defaultTags": '{"tags":{"team":"platform"}}',
                "aws:ignoreTags": '{"keys":["x"]}',
                "aws:s3UsePathStyle": "true",
                "aws:skipMetadataApiCheck": "false",
            }
        )
        == []
    )


def test_bad_identity_values_fail_check_naming_the_exact_key() -> None:
    assert sorted(
        failures_of(
            {
                "aws:assumeRoles": '[{"roleArn":"arn:aws:iam::111111111111:role/a",'
                '"duration":"5m"},{"sessionName":"no-arn"}]',
                "aws:accessKey": "AKIAONLYHALF",
                "aws:forbiddenAccountIds": '["12345"]',
            }
        )
    ) == [
        (
            "aws:assumeRoles[0].duration",
            "must be a duration between 15m and 12h such as \"1h\", got '5m'",
        ),
        ("aws:assumeRoles[1].roleArn", "is required: the ARN of the IAM role to assume"),
        ("aws:forbiddenAccountIds", "must hold 12-digit AWS account IDs, got '12345'"),
        ("aws:secretKey", "aws:accessKey and aws:secretKey must be set together"),
    ]


def test_an_unknown_region_fails_check_unless_region_validation_is_skipped() -> None:
    assert failures_of({"aws:region": "moon-base-1"}) == [
        (
            "aws:region",
            "'moon-base-1' is not an AWS region (set aws:skipRegionValidation to true for one "
            "botocore does not know yet)",
        )
    ]
    assert failures_of({"aws:region": "moon-base-1", "aws:skipRegionValidation": "true"}) == []


def test_a_misspelt_region_endpoint_or_role_arn_fails_check_naming_its_key() -> None:
    # The partition's pattern matches any us-…-1: a region must be one botocore lists.
    assert failures_of(
        {
            "aws:region": "us-eest-1",
            "aws:endpoints": '[{"appfabric": "localhost:4599"}]',
            "aws:assumeRoles": '[{"roleArn": "not-an-arn"}]',
        }
    ) == [  # in the order they are read
        (
            "aws:endpoints[0].appfabric",
            "must be an http:// or https:// URL such as http://127.0.0.1:4599, got "
            "'localhost:4599'",
        ),
        (
            "aws:assumeRoles[0].roleArn",
            "must be an IAM role ARN such as arn:aws:iam::123456789012:role/NAME, got 'not-an-arn'",
        ),
        (
            "aws:region",
            "'us-eest-1' is not an AWS region (set aws:skipRegionValidation to true for one "
            "botocore does not know yet)",
        ),
    ]


def test_secret_settings_are_never_shown_nor_pickled() -> None:
    settings = settings_of(
        {
            "aws:accessKey": "AKIAUNITTEST",
            "aws:secretKey": "unit-secret-key-must-not-show",
            "aws:assumeRoleWithWebIdentity": '{"roleArn":"arn:aws:iam::1:role/w",'
            '"webIdentityToken":"oidc-token-must-not-show"}',
        }
    )
    assert "must-not-show" not in repr(settings)
    with pytest.raises(TypeError, match="never pickled"):
        pickle.dumps(settings)
    blob = pickle.dumps(configured({"aws:secretKey": "unit-secret-key-must-not-show"}))
    assert b"must-not-show" not in blob
