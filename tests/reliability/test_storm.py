"""Throttling and 5xx storms: every connection ends Connected; retries are botocore's, bounded."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.aws import clients
from appfabric_connect.aws.settings import AwsSettings
from appfabric_connect.emulator import EmulatorControl
from tests.reliability.helpers import inputs
from tests.support.appfabric import status_of
from tests.support.provider_process import ProviderProcess

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

CONNECTIONS = 40  # the emulator allows 50 app authorizations per bundle
OAUTH_CONNECTIONS = 6
# Sequential oauth2 connects with this seed draw a 500 for at least one Connect (asserted below).
OAUTH_SEED = 3


def test_storm_of_throttles_and_5xx_connects_40_connections_through_one_provider_process(
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
    make_authorization: Callable[..., Any],
) -> None:
    authorizations = [make_authorization("apiKey", "ASANA") for _ in range(CONNECTIONS)]
    with ProviderProcess() as process:
        emulator_control.reset_calls()
        emulator_control.set_faults(throttle_rate=0.3, error_rate=0.05, seed=20261128)

        def create(i: int) -> tuple[str, dict[str, Any]]:
            return process.create(f"conn-{i}", inputs(authorizations[i]))

        with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
            results = list(pool.map(create, range(CONNECTIONS)))
        emulator_control.set_faults(throttle_rate=0, error_rate=0)
        calls = emulator_control.calls()

    for (id_, outs), authorization in zip(results, authorizations, strict=True):
        assert id_ == authorization["appAuthorizationArn"]
        assert outs["status"] == "Connected"
    assert all(status_of(appfabric, a) == "Connected" for a in authorizations)
    # An apiKey create is one successful ConnectAppAuthorization (it answers Connected at once),
    # so every other API call the emulator saw was a retry of a throttled or failed request.
    total = sum(calls.values())
    retries = total - CONNECTIONS
    print(f"\nstorm: {CONNECTIONS} creates, {total} API calls, {retries} retries; calls={calls}")
    assert set(calls) == {"ConnectAppAuthorization"}
    assert 0 < retries < 10 * CONNECTIONS


def test_storm_never_resends_an_oauth_code_whose_connect_got_a_5xx(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
    make_authorization: Callable[..., Any],
    obtain_code: Callable[[Any], str],
) -> None:
    authorizations = [make_authorization("oauth2", "SLACK") for _ in range(OAUTH_CONNECTIONS)]
    codes = [obtain_code(a) for a in authorizations]
    # Watch every HTTP exchange of the provider's own client: an unconfigured provider's is the
    # one cached for the default settings.
    events: list[tuple[str, str | int]] = []
    client = clients.client(AwsSettings(), "us-east-1")

    def on_send(request: Any, **_: Any) -> None:
        events.append(("send", json.loads(request.body)["authRequest"]["code"]))

    def on_response(response_dict: Any, **_: Any) -> None:
        events.append(("answer", response_dict["status_code"]))

    client.meta.events.register("before-send.appfabric.ConnectAppAuthorization", on_send)
    client.meta.events.register("before-parse.appfabric.ConnectAppAuthorization", on_response)
    emulator_control.set_faults(throttle_rate=0.3, error_rate=0.2, seed=OAUTH_SEED)

    outcomes: list[str] = []
    for authorization, code in zip(authorizations, codes, strict=True):
        try:
            outcomes.append((prov.create(inputs(authorization, code)).outs or {})["status"])
        except ConnectionFailed as error:
            outcomes.append(str(error))
    emulator_control.set_faults(throttle_rate=0, error_rate=0)

    sends = {code: 0 for code in codes}
    last_answer: dict[str, int] = {}
    current = ""
    for kind, value in events:
        if kind == "send":
            current = str(value)
            assert last_answer.get(current, 0) < 500, "a Connect that got a 5xx was re-sent"
            sends[current] += 1
        else:
            last_answer[current] = int(value)
    print(f"\noauth2 storm: outcomes={[o[:40] for o in outcomes]} sends={list(sends.values())}")
    assert any(answer >= 500 for answer in last_answer.values()), "no Connect got a 5xx"
    assert any(answer == 429 for kind, answer in events if kind == "answer")
    assert any(n > 1 for n in sends.values()), "throttled Connects should still be retried"
    for outcome, authorization in zip(outcomes, authorizations, strict=True):
        if outcome == "Connected":
            continue
        # Not re-sent: the user is told why and where to get a new code.
        assert "got no clear answer" in outcome, outcome
        assert "not sent again" in outcome, outcome
        assert status_of(appfabric, authorization) == "PendingConnect"
    assert outcomes.count("Connected") >= 1


def test_provider_clients_retry_in_botocore_standard_mode_with_a_bound(aws_env: str) -> None:
    client = clients.client(AwsSettings(), "us-east-1")
    # botocore's standard mode: exponential backoff with full jitter (rand(0, 1) * base * 2^i,
    # capped at 20 s), a retry quota per client, and at most 10 attempts in all per call.
    config: Any = client.meta.config
    assert config.retries == {"mode": "standard", "total_max_attempts": 10}
