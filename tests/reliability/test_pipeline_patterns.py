"""Pipeline patterns through the core: no code between rotations, a killed reconnect re-run after a
refresh, and no value that is not a code ever sent."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed, core
from appfabric_connect.core import connect, target
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.messages import PULUMI
from tests.reliability.helpers import inputs, one_clear_line
from tests.support.appfabric import REDIRECT_URI, status_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

CONNECT = "ConnectAppAuthorization"


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connect, "POLL_FIRST_DELAY", 0.1)
    monkeypatch.setattr(connect, "LOOK_AGAIN_MIN_S", 0.0)


@pytest.fixture
def connected(
    prov: AppAuthorizationConnectionProvider,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
) -> dict[str, Any]:
    """The outputs of a Connected oauth2 connection, as the state recorded them."""
    return dict(
        prov.create(inputs(oauth2_authorization, obtain_code(oauth2_authorization))).outs or {}
    )


@pytest.fixture
def drifted(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    connected: dict[str, Any],
) -> dict[str, Any]:
    """That connection's state after a refresh found it drifted (ConnectionValidationFailed)."""
    emulator_control.set_status(connected["app_authorization_arn"], "ConnectionValidationFailed")
    return _refresh(prov, connected)


def _without_code(authorization: Any) -> dict[str, Any]:
    """The inputs of a run that passes no code (the pipeline's code variable left unset)."""
    return {**inputs(authorization), "auth_request": {"redirect_uri": REDIRECT_URI, "code": None}}


def _refresh(prov: AppAuthorizationConnectionProvider, state: dict[str, Any]) -> dict[str, Any]:
    return dict(prov.read(state["app_authorization_arn"], state).outs or {})


def test_a_run_without_a_code_passes_check_and_plans_no_change_on_a_connected_connection(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    connected: dict[str, Any],
) -> None:
    emulator_control.reset_calls()
    props = _without_code(oauth2_authorization)
    assert prov.check({}, props).failures == []
    state = _refresh(prov, connected)
    assert prov.diff(state["app_authorization_arn"], state, props).changes is False
    assert CONNECT not in emulator_control.calls()


def test_no_code_on_a_drifted_connection_plans_a_reconnect_and_refuses_it_before_any_connect(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    drifted: dict[str, Any],
) -> None:
    props = _without_code(oauth2_authorization)
    assert prov.diff(drifted["app_authorization_arn"], drifted, props).changes is True
    emulator_control.reset_calls()
    with pytest.raises(ConnectionFailed) as raised:
        prov.update(drifted["app_authorization_arn"], drifted, props)
    message = one_clear_line(raised.value)
    assert "needs an OAuth code" in message
    assert "auth_request.code" in message
    assert "/oauth2/authorize?" in message  # the auth_url, where to get a new code
    assert CONNECT not in emulator_control.calls()


def test_a_create_without_a_code_adopts_a_connected_authorization_and_refuses_one_that_is_not(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    connected: dict[str, Any],
    make_authorization: Callable[..., Any],
) -> None:
    emulator_control.reset_calls()
    adopted = prov.create(_without_code(oauth2_authorization)).outs or {}
    assert adopted["status"] == "Connected"
    other = make_authorization("oauth2")
    with pytest.raises(ConnectionFailed) as raised:
        prov.create(_without_code(other))
    assert "needs an OAuth code, and none was given" in one_clear_line(raised.value)
    assert CONNECT not in emulator_control.calls()


# Pulumi's wire marker for a value not known yet (pulumi.runtime.rpc.UNKNOWN): as text, it is
# what a front end once handed the core as a code.
WIRE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


@pytest.mark.parametrize(
    "not_a_code", [WIRE_UNKNOWN, core.UNKNOWN, ""], ids=["pulumi-wire", "core-unknown", "empty"]
)
def test_a_value_that_is_not_a_code_is_never_sent(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
    oauth2_authorization: Any,
    drifted: dict[str, Any],
    not_a_code: Any,
) -> None:
    emulator_control.reset_calls()
    with pytest.raises(ConnectionFailed) as raised:
        prov.update(
            drifted["app_authorization_arn"], drifted, inputs(oauth2_authorization, not_a_code)
        )
    message = one_clear_line(raised.value)
    assert "was not sent" in message or "needs an OAuth code" in message
    assert CONNECT not in emulator_control.calls()
    assert status_of(appfabric, oauth2_authorization) == "ConnectionValidationFailed"


def test_the_core_refuses_to_send_its_unknown_where_the_call_is_made(
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    connected: dict[str, Any],
) -> None:
    config = core.ProviderConfig(PULUMI)
    to = target.resolve(config.settings, config.words, inputs(oauth2_authorization))
    emulator_control.reset_calls()
    for not_a_code in (core.UNKNOWN, WIRE_UNKNOWN.encode(), 42, ""):
        with pytest.raises(core.Failure, match="was not sent"):
            connect.sendable(to, {"redirect_uri": REDIRECT_URI, "code": not_a_code})
    assert CONNECT not in emulator_control.calls()


@pytest.mark.parametrize("refreshed_while", ["PendingConnect", "Connected"])
def test_a_killed_reconnect_rerun_after_a_refresh_adopts_its_connect_without_sending_the_code_again(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
    drifted: dict[str, Any],
    refreshed_while: str,
) -> None:
    new_code = obtain_code(oauth2_authorization)
    emulator_control.set_faults(connect_delay_s=1.5)
    emulator_control.reset_calls()
    # The killed run's Connect: AppFabric took it; the run died before recording anything.
    appfabric.connect_app_authorization(
        appBundleIdentifier=oauth2_authorization["appBundleArn"],
        appAuthorizationIdentifier=oauth2_authorization["appAuthorizationArn"],
        authRequest={"redirectUri": REDIRECT_URI, "code": new_code},
    )
    if refreshed_while == "Connected":
        while status_of(appfabric, oauth2_authorization) != "Connected":
            time.sleep(0.1)
    state = _refresh(prov, drifted)  # the re-run's refresh (`up --refresh`, `terraform apply`)
    assert state["status"] == refreshed_while

    outs = prov.update(
        state["app_authorization_arn"], state, inputs(oauth2_authorization, new_code)
    )

    assert (outs.outs or {})["status"] == "Connected"
    assert emulator_control.calls()[CONNECT] == 1
    assert status_of(appfabric, oauth2_authorization) == "Connected"


def test_a_deliberate_rotation_after_a_refresh_still_sends_the_new_code(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
    connected: dict[str, Any],
) -> None:
    state = _refresh(prov, connected)
    emulator_control.reset_calls()
    props = inputs(oauth2_authorization, obtain_code(oauth2_authorization))
    assert prov.diff(state["app_authorization_arn"], state, props).changes is True
    outs = prov.update(state["app_authorization_arn"], state, props).outs or {}
    assert outs["status"] == "Connected"
    assert emulator_control.calls()[CONNECT] == 1
    assert outs["connected_at"] != connected["connected_at"]


def test_a_refresh_keeps_what_the_connection_last_connected(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    connected: dict[str, Any],
) -> None:
    assert connected["connected_at"] == connected["updated_at"]
    emulator_control.set_status(connected["app_authorization_arn"], "TokenAutoRotationFailed")
    state = _refresh(prov, connected)
    assert state["updated_at"] != connected["updated_at"]
    assert state["connected_at"] == connected["connected_at"]


def test_a_recent_pending_connect_drift_is_waited_for_with_a_warning_first_then_the_code_is_sent(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
    connected: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A real drift to PendingConnect (UpdateAppAuthorization) looks like a connect in flight: the
    # run waits until connect_timeout after the change, saying so before it starts waiting.
    emulator_control.set_status(connected["app_authorization_arn"], "PendingConnect")
    state = _refresh(prov, connected)
    emulator_control.reset_calls()
    props = inputs(oauth2_authorization, obtain_code(oauth2_authorization), connect_timeout=1.0)
    with caplog.at_level("WARNING", logger="appfabric_connect"):
        outs = prov.update(state["app_authorization_arn"], state, props).outs or {}
    warnings = [
        r.getMessage() for r in caplog.records if "connect may be in flight" in r.getMessage()
    ]
    assert len(warnings) == 1 and "Waiting for it to settle" in warnings[0]
    assert outs["status"] == "Connected"
    assert emulator_control.calls()[CONNECT] == 1
