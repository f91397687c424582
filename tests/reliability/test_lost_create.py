"""Lost create: Connect succeeded but Pulumi never recorded it; the re-run must adopt it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.emulator import EmulatorControl
from tests.reliability.helpers import inputs, uuid_of
from tests.support.appfabric import status_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


def test_lost_create_rerun_with_the_spent_code_adopts_the_connected_authorization(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
    oauth2_authorization: Any,
    obtain_code: Callable[[Any], str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    props = inputs(oauth2_authorization, obtain_code(oauth2_authorization))
    prov.create(props)  # the process dies here: Pulumi never records the result
    assert status_of(appfabric, oauth2_authorization) == "Connected"

    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        result = prov.create(props)  # `pulumi up` again, with the same (now spent) code

    assert (result.outs or {})["status"] == "Connected"
    assert result.id == oauth2_authorization["appAuthorizationArn"]
    warnings = [r for r in caplog.records if r.name == "appfabric_connect"]
    assert warnings
    assert warnings[0].levelno == logging.WARNING
    assert uuid_of(oauth2_authorization) in warnings[0].getMessage()
    assert "adopting" in warnings[0].getMessage()
    assert status_of(appfabric, oauth2_authorization) == "Connected"


def test_lost_create_rerun_of_an_api_key_connection_succeeds(
    prov: AppAuthorizationConnectionProvider,
    api_key_authorization: Any,
) -> None:
    prov.create(inputs(api_key_authorization))  # result lost
    result = prov.create(inputs(api_key_authorization))
    assert (result.outs or {})["status"] == "Connected"
