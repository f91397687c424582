"""Slow connect (PendingConnect for a while): create waits, and past its timeout fails clearly."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.core import connect
from appfabric_connect.emulator import EmulatorControl
from tests.reliability.helpers import inputs, one_clear_line, uuid_of


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connect, "POLL_FIRST_DELAY", 0.1)


def test_slow_connect_waits_until_connected(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
) -> None:
    code = obtain_code(oauth2_authorization)
    emulator_control.set_faults(connect_delay_s=0.6)
    emulator_control.reset_calls()
    started = time.monotonic()
    result = prov.create(inputs(oauth2_authorization, code))
    assert (result.outs or {})["status"] == "Connected"
    assert time.monotonic() - started >= 0.6
    calls = emulator_control.calls()
    assert calls["ConnectAppAuthorization"] == 1
    assert calls["GetAppAuthorization"] >= 1


def test_slow_connect_past_connect_timeout_names_the_authorization_status_and_timeout(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    api_key_authorization: Any,
) -> None:
    emulator_control.set_faults(connect_delay_s=5)
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as raised:
        prov.create(inputs(api_key_authorization, connect_timeout=0.5))
    assert time.monotonic() - started < 3
    message = one_clear_line(raised.value)
    assert uuid_of(api_key_authorization) in message
    assert "PendingConnect" in message
    assert "0.5 s" in message
    assert "connect_timeout" in message
