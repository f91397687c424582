"""The `aws=` input: a connection's own identity, typed, validated, its secrets kept secret."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from appfabric_connect import (
    AppAuthorizationConnection,
    AppAuthorizationConnectionProvider,
    AwsAssumeRoleArgs,
    AwsAssumeRoleWithWebIdentityArgs,
    AwsConfigArgs,
    AwsConfigArgsDict,
    schema,
)
from appfabric_connect.core.outputs import outputs
from appfabric_connect.schema import Property
from tests.support.mocks import BUNDLE_UUID, MockedRun, pulumi_test, unsecret
from tests.unit.aws_stub import UNKNOWN

APIKEY = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e"
ROLE = "arn:aws:iam::111111111111:role/deployer"
SECRET_KEY = "per-resource-secret-key-never-shown"


def failures(aws: Any) -> dict[str, str]:
    news = {"app_bundle_identifier": BUNDLE_UUID, "app_authorization_identifier": APIKEY}
    result = AppAuthorizationConnectionProvider().check({}, {**news, "aws": aws})
    return {failure.property: failure.reason for failure in result.failures}


@pytest.mark.parametrize("field", schema.AWS_CONFIG_FIELDS, ids=lambda p: p.name)
def test_every_aws_setting_is_a_documented_property_of_aws_config_args(field: Property) -> None:
    getter = inspect.getattr_static(AwsConfigArgs, field.name)

    assert " ".join((inspect.getdoc(getter) or "").split()) == field.pulumi_doc
    assert field.name in AwsConfigArgsDict.__annotations__


def test_check_accepts_the_args_names_and_pulumi_aws_camel_case() -> None:
    aws = {
        "region": "eu-west-1",
        "assume_roles": [{"role_arn": ROLE, "session_name": "ci", "duration": "1h"}],
        "allowedAccountIds": ["111111111111"],
        "endpoints": [{"sts": "http://127.0.0.1:1"}],
    }
    assert failures(aws) == {}


def test_check_names_each_bad_aws_setting_in_one_line() -> None:
    aws = {
        "regoin": "eu-west-1",
        "assume_roles": [{"session_name": "ci"}],
        "allowed_account_ids": ["12"],
        "access_key": "AKIAONLY",
    }
    found = failures(aws)

    assert set(found) == {
        "aws.regoin",
        "aws.assume_roles[0].role_arn",
        "aws.allowed_account_ids",
        "aws.secret_key",
    }
    assert found["aws.secret_key"] == "aws.access_key and aws.secret_key must be set together"
    assert found["aws.assume_roles[0].role_arn"] == "is required: the ARN of the IAM role to assume"
    assert all("\n" not in reason for reason in found.values())


def test_check_says_what_aws_must_be() -> None:
    assert failures("us-east-1") == {
        "aws": "must be an object such as AwsConfigArgs(region=…), got the string 'us-east-1'"
    }


def test_check_lets_an_unknown_role_arn_pass() -> None:
    assert failures({"assume_roles": [{"role_arn": UNKNOWN}]}) == {}


def test_the_outputs_never_echo_the_keys_of_aws() -> None:
    props = {"aws": {"secret_key": SECRET_KEY, "access_key": "AKIA"}}
    authorization = {
        "appAuthorizationArn": "arn",
        "appBundleArn": "bundle",
        "app": "ASANA",
        "status": "Connected",
    }
    outs = outputs(props, "us-east-1", authorization, None)

    assert outs["aws"] == {"own_credentials": True}
    assert SECRET_KEY not in repr(outs)


def own_identity(name: str, aws: Any) -> AppAuthorizationConnection:
    return AppAuthorizationConnection(
        name, app_bundle_identifier=BUNDLE_UUID, app_authorization_identifier=APIKEY, aws=aws
    )


# Pulumi sends an object holding a secret as one secret: the whole `aws`, then.
@pytest.mark.parametrize(
    "secret",
    [
        {"access_key": "AKIAOWN", "secret_key": SECRET_KEY},
        {"token": SECRET_KEY},
        {"assume_role_with_web_identity": {"role_arn": ROLE, "web_identity_token": SECRET_KEY}},
    ],
    ids=["keys", "token", "web-identity-token"],
)
@pulumi_test
def test_aws_holding_a_key_or_token_is_sent_as_a_secret(
    pulumi_mocks: MockedRun, secret: dict[str, Any]
) -> Any:
    stack = pulumi_mocks()
    connection = own_identity("secret", {"region": "eu-west-1", **secret})

    def check(_: Any) -> None:
        sent = stack.mocks.inputs("secret")["aws"]
        assert sent != unsecret(sent)
        assert SECRET_KEY in repr(unsecret(sent))

    return connection.id.apply(check)


@pulumi_test
def test_aws_without_keys_or_tokens_is_sent_in_plain(pulumi_mocks: MockedRun) -> Any:
    stack = pulumi_mocks()
    connection = own_identity("plain", AwsConfigArgs(region="eu-west-1"))

    def check(_: Any) -> None:
        sent = stack.mocks.inputs("plain")["aws"]
        assert sent == unsecret(sent)
        assert sent["region"] == "eu-west-1"

    return connection.id.apply(check)


@pulumi_test
def test_aws_config_args_are_sent_as_dicts_of_their_fields(pulumi_mocks: MockedRun) -> Any:
    stack = pulumi_mocks()
    connection = own_identity(
        "typed",
        AwsConfigArgs(
            access_key="AKIAOWN",
            secret_key=SECRET_KEY,
            assume_roles=[AwsAssumeRoleArgs(role_arn=ROLE, session_name="ci")],
            assume_role_with_web_identity=AwsAssumeRoleWithWebIdentityArgs(
                role_arn=ROLE, web_identity_token_file="/token"
            ),
        ),
    )

    def check(_: Any) -> None:
        sent = unsecret(stack.mocks.inputs("typed")["aws"])
        assert sent["secret_key"] == SECRET_KEY
        assert [{k: v for k, v in role.items() if v} for role in sent["assume_roles"]] == [
            {"role_arn": ROLE, "session_name": "ci"}
        ]
        web = sent["assume_role_with_web_identity"]
        assert web["web_identity_token_file"] == "/token"

    return connection.id.apply(check)
