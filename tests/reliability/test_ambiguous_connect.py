"""Ambiguous Connect (applied, but answered 500): the spent OAuth code is never sent again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.emulator import EmulatorControl
from tests.reliability.helpers import inputs, uuid_of


def test_ambiguous_oauth2_connect_checks_the_status_instead_of_resending_the_code(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    code = obtain_code(oauth2_authorization)
    emulator_control.reset_calls()
    emulator_control.set_faults(ambiguous_connects=1)
    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        result = prov.create(inputs(oauth2_authorization, code))
    calls = emulator_control.calls()
    assert (result.outs or {})["status"] == "Connected"
    assert calls.get("ConnectAppAuthorization") == 1
    assert calls.get("GetAppAuthorization", 0) >= 1
    warning = " ".join(r.getMessage() for r in caplog.records if r.name == "appfabric_connect")
    assert uuid_of(oauth2_authorization) in warning
    assert "Connected" in warning


def test_ambiguous_api_key_connect_is_retried_and_succeeds(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    api_key_authorization: Any,
) -> None:
    emulator_control.reset_calls()
    emulator_control.set_faults(ambiguous_connects=1)
    result = prov.create(inputs(api_key_authorization))
    assert (result.outs or {})["status"] == "Connected"
    assert emulator_control.calls().get("ConnectAppAuthorization") == 2  # a plain retry
