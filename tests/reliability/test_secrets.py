"""Secrets: nothing the provider emits holds the OAuth code, the AWS secret key or the client
secret; and nothing of ours turns botocore's DEBUG logging (which prints request bodies) on."""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest
from pulumi.dynamic.dynamic import serialize_provider

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import DEMO_API_KEY, DEMO_CLIENT_SECRET
from tests.reliability.helpers import inputs
from tests.support.appfabric import TEST_SECRET_KEY

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def debug_logs() -> Iterator[Records]:
    """Every log record at DEBUG, botocore's included, as a user with DEBUG on would see."""
    root, handler = logging.getLogger(), Records()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def render(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info:
        text += logging.Formatter().formatException(record.exc_info)
    return text


def logging_state() -> dict[str, Any]:
    names = ["botocore", "boto3", "urllib3", "botocore.endpoint", "botocore.parsers"]
    return {
        name: (logging.getLogger(name).level, len(logging.getLogger(name).handlers))
        for name in names
    }


def test_nothing_the_provider_emits_contains_the_code_the_secret_key_or_the_client_secret(
    prov: AppAuthorizationConnectionProvider,
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
    make_authorization: Callable[..., Any],
    obtain_code: Callable[[Any], str],
    debug_logs: Records,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    botocore_before = logging_state()
    slack, broken, ambiguous, other, asana = (
        make_authorization("oauth2", "SLACK"),
        make_authorization("oauth2", "JIRA"),
        make_authorization("oauth2", "OKTA"),
        make_authorization("oauth2", "ZENDESK"),
        make_authorization("apiKey", "ASANA"),
    )
    codes = [obtain_code(slack), obtain_code(slack), obtain_code(ambiguous), obtain_code(other)]
    codes.append("bogus-code-" + codes[0][::-1])
    emitted: list[str] = []  # outputs and failure messages
    failures: list[str] = []

    def run(step: Callable[[], Any]) -> None:
        try:
            result = step()
            emitted.append(repr(vars(result)))
        except Exception as error:  # every failure path: its text is what the user sees
            failures.append(f"{type(error).__name__}: {error}")

    arn = slack["appAuthorizationArn"]
    created = prov.create(inputs(slack, codes[0]))
    emitted.append(repr(vars(created)))
    outs = dict(created.outs or {})
    run(lambda: prov.read(arn, outs))
    emulator_control.set_status(arn, "TokenAutoRotationFailed")
    drifted = dict(prov.read(arn, outs).outs or {})
    run(lambda: prov.diff(arn, drifted, inputs(slack, codes[0])))
    run(lambda: prov.update(arn, drifted, inputs(slack, codes[0])))  # spent code
    run(lambda: prov.update(arn, drifted, inputs(slack, codes[1])))  # new code: reconnects
    run(lambda: prov.create(inputs(slack, codes[0])))  # lost create: adopts, warns
    run(lambda: prov.create(inputs(broken, codes[4])))  # bad code: ConnectionValidationFailed
    emulator_control.set_faults(ambiguous_connects=1)
    run(lambda: prov.create(inputs(ambiguous, codes[2])))  # applied but 500: adopts, warns
    emulator_control.set_faults(ambiguous_connects=1)
    run(lambda: prov.create(inputs(broken, codes[3])))  # someone else's code, 500: not resent
    run(lambda: prov.create({**inputs(asana), "auth_request": {"code": codes[3]}}))  # ProviderBug
    emulator_control.set_faults(connect_delay_s=5)
    run(lambda: prov.create(inputs(other, codes[3], connect_timeout=0.3)))  # timeout
    emulator_control.set_faults(connect_delay_s=0)
    run(lambda: prov.create(inputs(asana)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL_APPFABRIC", f"http://127.0.0.1:{port}")
    prov.configure(ConfigureRequest(Config({"appfabric-connect:maxAttempts": "1"}, "p")))
    clients.clear_clients()
    run(lambda: prov.create(inputs(other, codes[3])))  # endpoint down
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    clients.clear_clients()
    run(lambda: prov.create(inputs(other, codes[3])))  # no credentials
    blob = serialize_provider(prov)
    captured = capsys.readouterr()  # pulumi.log.warn prints here outside the engine

    secrets = {f"code {i}": code for i, code in enumerate(codes)}
    secrets |= {
        "AWS secret key": TEST_SECRET_KEY,
        "client secret": DEMO_CLIENT_SECRET,
        "API key": DEMO_API_KEY,
    }
    ours = [render(r) for r in debug_logs.records if r.name.startswith("appfabric_connect")]
    haystacks = {
        "outputs": "\n".join(emitted),
        "failure messages": "\n".join(failures),
        "serialized provider": blob + base64.b64decode(blob).decode("latin-1"),
        "our log records": "\n".join(ours),
        "stdout/stderr": captured.out + captured.err,
    }
    hits = [
        f"{secret} in {where}"
        for where, text in haystacks.items()
        for secret, value in secrets.items()
        if value in text
    ]
    print(f"\n{len(failures)} failure paths:\n" + "\n".join(failures))
    assert len(failures) >= 7
    assert len(emitted) >= 5
    assert any("adopting it" in line for line in ours)  # the warnings were recorded and scanned
    assert hits == []
    # botocore's own DEBUG output is the user's choice; report what it would show.
    botocore_text: dict[str, str] = {}
    for record in debug_logs.records:
        if not record.name.startswith("appfabric"):
            botocore_text[record.name] = botocore_text.get(record.name, "") + render(record)
    shown = {
        secret: sorted({name for name, text in botocore_text.items() if value in text})
        for secret, value in secrets.items()
    }
    print(f"botocore/urllib3 DEBUG records holding a secret: {shown}")
    assert logging_state() == botocore_before


def test_importing_and_using_the_provider_leaves_botocore_logging_alone(
    aws_env: str, api_key_authorization: Any
) -> None:
    script = """
import json, logging, sys
NAMES = ["", "botocore", "boto3", "urllib3", "botocore.endpoint", "botocore.parsers",
         "appfabric_connect"]
def state():  # a library's NullHandler (boto3, botocore, urllib3 add one on import) is fine
    return {n: [logging.getLogger(n).level, logging.getLogger(n).getEffectiveLevel(),
                logging.getLogger(n).propagate,
                [type(h).__name__ for h in logging.getLogger(n).handlers
                 if not isinstance(h, logging.NullHandler)]] for n in NAMES}
before = state()
import appfabric_connect
from appfabric_connect import AppAuthorizationConnectionProvider
from pulumi.dynamic import Config, ConfigureRequest
provider = AppAuthorizationConnectionProvider()
provider.configure(ConfigureRequest(Config({}, "p")))
props = json.loads(sys.argv[1])
provider.check({}, props)
created = provider.create(props)
provider.read(created.id, created.outs)
print(json.dumps({"before": before, "after": state(), "disable": logging.root.manager.disable}))
"""
    props = inputs(api_key_authorization)
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(props)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["after"] == report["before"]
    assert report["after"]["botocore"][1] > logging.DEBUG
    assert report["disable"] == 0
    assert result.stderr == ""
