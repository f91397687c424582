"""Figure 7: what an assumed-role identity costs: STS calls per provider process, create time."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from pulumi.dynamic import Config, ConfigureRequest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients
from bench.harness import LATENCY_MS, Emulator, Seeder, appfabric_client, log
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts

CREATES = 5
CHAIN = [
    {"roleArn": "arn:aws:iam::111111111111:role/ci-hop", "sessionName": "bench"},
    {"roleArn": "arn:aws:iam::222222222222:role/appfabric-deployer"},
]


def measure_identity_cost(emulator: Emulator) -> dict[str, dict[str, Any]]:
    """Per identity (static keys; keys + a two-role chain): STS AssumeRole calls in one provider
    process over ``CREATES`` creates, and each create's wall time (the first is cold)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        sts = Sts(f"http://{host}:{port}")
        seeder = Seeder(appfabric_client(emulator.url))
        results = {}
        for name, extra in (
            ("static keys", {}),
            ("keys + 2 assumed roles", {"aws:assumeRoles": CHAIN}),
        ):
            log(f"identity cost: {name}")
            sts.reset()
            clients.clear_clients()  # a fresh provider process: nothing cached
            provider = _configured(emulator.url, sts.url, extra)
            arns = seeder.api_keys(CREATES)  # seeded at zero latency, as Seeder wants
            walls = []
            with emulator.latency(LATENCY_MS):
                for arn in arns:
                    started = time.perf_counter()
                    provider.create(
                        {
                            "app_authorization_identifier": arn,
                            "app_bundle_identifier": seeder.bundle,
                        }
                    )
                    walls.append(time.perf_counter() - started)
            results[name] = {
                "assume_role_calls": len(sts.assumed_roles()),
                "first_create_s": walls[0],
                "warm_create_s": statistics.median(walls[1:]),
            }
        return results
    finally:
        clients.clear_clients()
        server.stop()


def _configured(
    appfabric: str, sts: str, extra: dict[str, Any]
) -> AppAuthorizationConnectionProvider:
    config = {
        "aws:region": "us-east-1",
        "aws:accessKey": BASE_ACCESS_KEY,
        "aws:secretKey": BASE_SECRET_KEY,
        "aws:endpoints": [{"sts": sts, "appfabric": appfabric}],
        **extra,
    }
    raw = {k: v if isinstance(v, str) else json.dumps(v) for k, v in config.items()}
    provider = AppAuthorizationConnectionProvider()
    provider.configure(ConfigureRequest(Config(raw, "bench")))
    return provider
