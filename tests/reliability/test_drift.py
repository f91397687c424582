"""Service-side drift: read reports the status, diff asks for a reconnect, errors say what to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.core import statuses
from appfabric_connect.emulator import EmulatorControl
from tests.reliability.helpers import inputs, one_clear_line, uuid_of

DRIFTS = [statuses.TOKEN_AUTO_ROTATION_FAILED, statuses.CONNECTION_VALIDATION_FAILED]
# What each status asks of the user beyond a new code (from statuses.REMEDIES["…"]["oauth2"]).
STATUS_ADVICE = {
    statuses.TOKEN_AUTO_ROTATION_FAILED: "failed to refresh the access token",
    statuses.CONNECTION_VALIDATION_FAILED: "check the OAuth client ID and secret",
}


@pytest.fixture
def connected(
    prov: AppAuthorizationConnectionProvider,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(inputs, outputs) of a Connected oauth2 connection, as Pulumi recorded them."""
    props = inputs(oauth2_authorization, obtain_code(oauth2_authorization))
    return props, dict(prov.create(props).outs or {})


def drift(
    prov: AppAuthorizationConnectionProvider,
    control: EmulatorControl,
    outs: dict[str, Any],
    status: str,
) -> dict[str, Any]:
    control.set_status(outs["app_authorization_arn"], status)
    return dict(prov.read(outs["app_authorization_arn"], outs).outs or {})


@pytest.mark.parametrize("status", DRIFTS)
def test_read_reports_service_side_drift(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    connected: tuple[dict[str, Any], dict[str, Any]],
    status: str,
) -> None:
    _, outs = connected
    refreshed = drift(prov, emulator_control, outs, status)
    assert refreshed["status"] == status
    assert refreshed["auth_url"]  # where to get a new code, while one is needed
    assert refreshed["code_fingerprint"] == outs["code_fingerprint"]


@pytest.mark.parametrize("status", DRIFTS)
def test_diff_asks_for_a_reconnect_after_drift(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    connected: tuple[dict[str, Any], dict[str, Any]],
    status: str,
) -> None:
    props, outs = connected
    refreshed = drift(prov, emulator_control, outs, status)
    result = prov.diff(outs["app_authorization_arn"], refreshed, props)
    assert result.changes is True
    assert not result.replaces


@pytest.mark.parametrize("status", DRIFTS)
def test_update_with_the_spent_code_after_drift_says_exactly_what_to_do(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    connected: tuple[dict[str, Any], dict[str, Any]],
    status: str,
) -> None:
    props, outs = connected
    refreshed = drift(prov, emulator_control, outs, status)
    emulator_control.reset_calls()
    with pytest.raises(ConnectionFailed) as raised:
        prov.update(outs["app_authorization_arn"], refreshed, props)
    message = one_clear_line(raised.value)
    print(f"\n{status}: {message}")
    assert uuid_of(outs) in message
    assert status in message
    assert refreshed["auth_url"] in message
    assert "new code" in message
    assert STATUS_ADVICE[status] in message
    assert props["auth_request"]["code"] not in message
    assert "ConnectAppAuthorization" not in emulator_control.calls()  # the code is not spent


@pytest.mark.parametrize("status", DRIFTS)
def test_update_with_a_new_code_after_drift_reconnects(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    connected: tuple[dict[str, Any], dict[str, Any]],
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
    status: str,
) -> None:
    _, outs = connected
    refreshed = drift(prov, emulator_control, outs, status)
    news = inputs(oauth2_authorization, obtain_code(oauth2_authorization))
    result = prov.update(outs["app_authorization_arn"], refreshed, news)
    assert (result.outs or {})["status"] == statuses.CONNECTED


@pytest.mark.parametrize("status", DRIFTS)
def test_drifted_api_key_connection_is_reported_and_reconnected_by_update(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    api_key_authorization: Any,
    status: str,
) -> None:
    props = inputs(api_key_authorization)
    outs = dict(prov.create(props).outs or {})
    refreshed = drift(prov, emulator_control, outs, status)
    assert refreshed["status"] == status
    assert prov.diff(outs["app_authorization_arn"], refreshed, props).changes is True
    result = prov.update(outs["app_authorization_arn"], refreshed, props)
    assert (result.outs or {})["status"] == statuses.CONNECTED
