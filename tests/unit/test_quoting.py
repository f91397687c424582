"""Messages show the whole value a user must fix (issue 28), never a secret."""

from __future__ import annotations

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import provider_args
from appfabric_connect.aws.settings import STACK_CONFIG
from appfabric_connect.pulumi.stack_config import stack_config_values
from appfabric_connect.quoting import QUOTE_LIMIT, quoted
from appfabric_connect.terraform.lifecycle_adapter import Connections
from tests.unit.aws_stub import AUTHORIZATION, BUNDLE, oauth_inputs

# A long (141-character) authorization ARN whose mistake ("appauthorisation") is past character 80.
LONG = (
    f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{BUNDLE}/appauthorisation/{AUTHORIZATION}"
)


def test_a_long_malformed_arn_is_shown_whole() -> None:
    assert LONG.index("appauthorisation") > 80
    news = {**oauth_inputs(), "app_authorization_identifier": LONG}
    result = AppAuthorizationConnectionProvider().check({}, news)
    reason = {f.property: f.reason for f in result.failures}["app_authorization_identifier"]
    assert repr(LONG) in reason and "characters)" not in reason


def test_a_long_malformed_role_arn_is_shown_whole_in_terraform() -> None:
    role = "arn:aws:iam::123456789012:rol/" + "deployers/" * 10 + "ci"
    assert len(role) > 80
    (problem,) = Connections.provider_problems({"assume_role": [{"role_arn": role}]})
    assert problem.path == "assume_role[0].role_arn" and repr(role) in problem.message


def test_every_identifier_an_aws_api_takes_fits_and_longer_text_is_cut() -> None:
    assert QUOTE_LIMIT >= 2048  # STS AssumeRole RoleArn; AppFabric identifiers: 1011
    assert quoted("x" * 3000).endswith("… (3000 characters)")


def test_an_oauth_code_in_a_pasted_url_is_masked() -> None:
    pasted = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2?code=SECRETCODE&state=s#x"
    assert "SECRETCODE" not in quoted(pasted) and "code=***&state=s" in quoted(pasted)
    news = oauth_inputs()
    news["auth_request"]["redirect_uri"] = pasted
    result = AppAuthorizationConnectionProvider().check({}, news)
    assert result.failures and all("SECRETCODE" not in f.reason for f in result.failures)


def test_a_secret_setting_that_is_not_valid_json_is_never_shown() -> None:
    # Pulumi hands object config over as JSON text: a broken one is named, not shown.
    settings = {
        "assumeRoleWithWebIdentity": '{"webIdentityToken": "SECRET-TOKEN',
        "accessKey": "{KEY",
    }
    decoded, problems = stack_config_values(settings)
    _, more = provider_args.read(provider_args.schema_names(decoded))
    problems += more
    assert [STACK_CONFIG(p.path) for p in problems] == [
        "aws:assumeRoleWithWebIdentity",
        "aws:secretKey",
    ]
    assert all("SECRET" not in p.reason and "{KEY" not in p.reason for p in problems)
