"""Role sessions that expire during a long run are renewed by botocore before a call fails."""

from __future__ import annotations

import datetime
import types
from typing import TYPE_CHECKING, Any

import botocore.credentials
import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.identity.conftest import ROLE_ONE, ROLE_TWO, Configured, api_key_inputs
from tests.support.sts import Sts

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

ENV_ACCESS_KEY = "AKIAPIPELINEREFRESH"
CHAIN = [{"roleArn": ROLE_ONE, "duration": "1h"}, {"roleArn": ROLE_TWO, "duration": "1h"}]


class _RealDatetime(type):
    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, datetime.datetime)


class _Clock(metaclass=_RealDatetime):
    """``datetime.datetime`` as botocore's credential refresh sees it: now, plus ``ahead``."""

    ahead = datetime.timedelta(0)

    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> datetime.datetime:
        return datetime.datetime.now(tz) + cls.ahead

    fromtimestamp = staticmethod(datetime.datetime.fromtimestamp)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[_Clock]:
    """botocore's credential clock, which the test moves forward (signing keeps real time)."""
    monkeypatch.setattr(_Clock, "ahead", datetime.timedelta(0))
    shim = types.SimpleNamespace(datetime=_Clock, timedelta=datetime.timedelta)
    monkeypatch.setattr(botocore.credentials, "datetime", shim)
    return _Clock


def test_a_role_chain_from_env_keys_is_renewed_before_its_sessions_expire(
    configured: Configured,
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
    clock: type[_Clock],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ENV_ACCESS_KEY)
    emulator_control.reset_calls()
    prov = configured({"aws:assumeRoles": CHAIN})
    created = prov.create(api_key_inputs(api_key_authorization))
    first_sessions = len(sts.assumed_roles())

    clock.ahead = datetime.timedelta(minutes=55)  # 5 minutes left: botocore must renew now
    read = prov.read(created.id, created.outs or {})

    assert read.outs is not None and read.outs["status"] == "Connected"
    callers = emulator_control.callers()
    assert [c["operation"] for c in callers][-1] == "GetAppAuthorization"
    assert {sts.role_of(c["accessKeyId"]) for c in callers} == {ROLE_TWO}
    assert callers[0]["accessKeyId"] != callers[-1]["accessKeyId"]  # a renewed session
    renewed = [s["role_arn"] for s in sts.assumed_roles()[first_sessions:]]
    assert renewed[:2] == [ROLE_ONE, ROLE_TWO]
    # Each renewal is signed as the first was: ROLE_ONE by the env key, ROLE_TWO by ROLE_ONE.
    assume_calls = [c for c in sts.calls() if c.action == "AssumeRole"]
    signed_by = {
        (session["role_arn"], sts.role_of(call.access_key or "") or call.access_key)
        for call, session in zip(assume_calls, sts.assumed_roles(), strict=True)
    }
    assert signed_by == {(ROLE_ONE, ENV_ACCESS_KEY), (ROLE_TWO, ROLE_ONE)}
