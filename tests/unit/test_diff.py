"""diff: no API call; identifiers or region → replace; new code or bad status → reconnect."""

from __future__ import annotations

from typing import Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients
from appfabric_connect.core.fingerprint import fingerprint
from tests.unit.aws_stub import (
    ACCOUNT,
    AUTHORIZATION,
    AUTHORIZATION_ARN,
    BUNDLE,
    BUNDLE_ARN,
    CODE,
    UNKNOWN,
    oauth_inputs,
)


@pytest.fixture(autouse=True)
def no_api_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_client(*_: Any) -> Any:
        raise AssertionError("diff must not call AWS")

    monkeypatch.setattr(clients, "client", no_client)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


def olds(**changes: Any) -> dict[str, Any]:
    state = {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "region": "us-east-1",
        "status": "Connected",
        "auth_type": "oauth2",
        "code_fingerprint": fingerprint(CODE),
    }
    return {**state, **changes}


def diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[bool | None, list[str]]:
    result = AppAuthorizationConnectionProvider().diff(AUTHORIZATION_ARN, old, new)
    return result.changes, result.replaces or []


def test_diff_reports_no_change_for_the_same_inputs() -> None:
    assert diff(olds(), oauth_inputs()) == (False, [])


def test_diff_treats_an_arn_and_the_uuid_of_the_same_authorization_as_equal() -> None:
    new = {**oauth_inputs(), "app_bundle_identifier": BUNDLE_ARN}
    new["app_authorization_identifier"] = AUTHORIZATION_ARN
    assert diff(olds(), new) == (False, [])


def test_diff_replaces_when_the_authorization_changes() -> None:
    new = {**oauth_inputs(), "app_authorization_identifier": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}
    assert diff(olds(), new) == (True, ["app_authorization_identifier"])


def test_diff_replaces_when_the_bundle_changes() -> None:
    new = {**oauth_inputs(), "app_bundle_identifier": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}
    assert diff(olds(), new) == (True, ["app_bundle_identifier"])


def test_diff_replaces_when_the_region_changes() -> None:
    assert diff(olds(), {**oauth_inputs(), "region": "eu-west-1"}) == (True, ["region"])


def test_diff_resolves_an_unset_region_like_the_provider_does() -> None:
    assert diff(olds(), {**oauth_inputs(), "region": None}) == (False, [])


def test_diff_asks_for_an_update_when_the_code_is_new() -> None:
    assert diff(olds(), oauth_inputs(code="a-brand-new-code")) == (True, [])


@pytest.mark.parametrize(
    "status", ["PendingConnect", "ConnectionValidationFailed", "TokenAutoRotationFailed"]
)
def test_diff_asks_for_a_reconnect_when_the_status_is_not_connected(status: str) -> None:
    assert diff(olds(status=status), oauth_inputs()) == (True, [])


def test_diff_asks_for_an_update_when_the_code_is_unknown() -> None:
    new = {
        **oauth_inputs(),
        "auth_request": {"redirect_uri": "https://x.example", "code": UNKNOWN},
    }
    assert diff(olds(), new) == (True, [])


def test_diff_replaces_when_an_identifier_is_unknown() -> None:
    new = {**oauth_inputs(), "app_authorization_identifier": UNKNOWN}
    assert diff(olds(), new) == (True, ["app_authorization_identifier"])


def test_diff_ignores_a_removed_auth_request_on_a_connected_authorization() -> None:
    new = oauth_inputs()
    del new["auth_request"]
    assert diff(olds(), new) == (False, [])


def test_diff_never_deletes_before_replacing() -> None:
    result = AppAuthorizationConnectionProvider().diff(AUTHORIZATION_ARN, olds(), oauth_inputs())
    assert result.delete_before_replace is False


OTHER_ACCOUNT_ROLE = "arn:aws:iam::210987654321:role/deployer"
SAME_ACCOUNT_ROLE = f"arn:aws:iam::{ACCOUNT}:role/deployer"


def connected(**changes: Any) -> dict[str, Any]:
    """The state of a connection created by a resource with its own ``aws``."""
    return olds(app_authorization_arn=AUTHORIZATION_ARN, **changes)


def with_aws(**aws: Any) -> dict[str, Any]:
    return {**oauth_inputs(), "aws": aws}


def test_diff_is_no_change_when_the_keys_of_the_aws_input_are_rotated() -> None:
    new = with_aws(access_key="AKIANEW", secret_key="new-secret", token="new-token")
    assert diff(connected(), new) == (False, [])


def test_diff_is_no_change_when_a_role_session_name_changes_in_the_same_account() -> None:
    new = with_aws(assume_roles=[{"role_arn": SAME_ACCOUNT_ROLE, "session_name": "renamed"}])
    assert diff(connected(), new) == (False, [])


def test_diff_replaces_when_the_aws_region_changes() -> None:
    new = {**with_aws(region="eu-west-1"), "region": None}
    assert diff(connected(), new) == (True, ["region"])


def test_diff_replaces_when_the_last_role_is_in_another_account() -> None:
    new = with_aws(assume_roles=[{"role_arn": SAME_ACCOUNT_ROLE}, {"role_arn": OTHER_ACCOUNT_ROLE}])
    assert diff(connected(), new) == (True, ["aws"])


def test_diff_replaces_when_the_allowed_accounts_leave_out_the_connections() -> None:
    assert diff(connected(), with_aws(allowed_account_ids=["210987654321"])) == (True, ["aws"])


def test_diff_replaces_when_the_connections_account_is_forbidden() -> None:
    assert diff(connected(), with_aws(forbidden_account_ids=[ACCOUNT])) == (True, ["aws"])


class StackConfig:
    def __init__(self, values: dict[str, Any]) -> None:
        self._props = values

    def get(self, key: str) -> Any:
        return self._props.get(key)


def test_diff_does_not_replace_while_the_role_arn_is_unknown() -> None:
    provider = AppAuthorizationConnectionProvider()
    provider.configure_from(StackConfig({"aws:assumeRoles": [{"roleArn": OTHER_ACCOUNT_ROLE}]}))
    new = with_aws(assume_roles=[{"role_arn": UNKNOWN}])

    result = provider.diff(AUTHORIZATION_ARN, connected(), new)
    assert (result.changes, result.replaces) == (False, [])


def test_diff_does_not_replace_while_the_aws_region_is_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    new = {**with_aws(region=UNKNOWN), "region": None}
    assert diff(connected(), new) == (False, [])


def test_diff_leaves_the_account_of_a_connection_without_aws_to_the_stack() -> None:
    provider = AppAuthorizationConnectionProvider()
    provider.configure_from(StackConfig({"aws:assumeRoles": [{"roleArn": OTHER_ACCOUNT_ROLE}]}))

    result = provider.diff(AUTHORIZATION_ARN, connected(), oauth_inputs())
    assert (result.changes, result.replaces) == (False, [])
