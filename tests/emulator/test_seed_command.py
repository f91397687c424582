"""`python -m appfabric_connect.emulator seed`: a bundle and authorizations from the command line,
printed as ARNs, JSON or Terraform variables; one-line errors."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.support.appfabric import authorization_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

SEED = [sys.executable, "-m", "appfabric_connect.emulator", "seed"]


def _seed(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SEED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env if env is not None else dict(os.environ),
        check=False,
    )


def test_seed_creates_the_demo_bundle_and_authorizations_and_prints_json(
    emulator_control: EmulatorControl, appfabric: AppFabricClient
) -> None:
    done = _seed("--url", emulator_control.url, "--json")

    assert done.returncode == 0, done.stderr
    seeded = json.loads(done.stdout)
    bundles = appfabric.list_app_bundles()["appBundleSummaryList"]
    assert [b["arn"] for b in bundles] == [seeded["app_bundle_arn"]]
    made = {a["app"]: a for a in seeded["app_authorizations"]}
    assert {app: a["auth_type"] for app, a in made.items()} == {
        "SLACK": "oauth2",
        "ASANA": "apiKey",
    }
    for a in made.values():
        live = authorization_of(appfabric, a["app_authorization_arn"])
        assert live["status"] == a["status"] == "PendingConnect"
        assert live["authType"] == a["auth_type"]
    assert made["SLACK"]["auth_url"].startswith(emulator_control.url + "/oauth2/authorize?")
    assert made["ASANA"]["auth_url"] is None


def test_seed_takes_the_url_from_the_environment_and_reuses_the_regions_bundle(
    emulator_control: EmulatorControl, aws_env: str, appfabric: AppFabricClient
) -> None:
    first = _seed("--json")  # AWS_ENDPOINT_URL_APPFABRIC (aws_env) names the emulator
    again = _seed("--app", "ZOOM", "--app", "TERRAFORMCLOUD", "--app", "JIRA:apiKey", "--json")

    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    bundle = json.loads(first.stdout)["app_bundle_arn"]
    assert json.loads(again.stdout)["app_bundle_arn"] == bundle  # one bundle per Region
    types = {a["app"]: a["auth_type"] for a in json.loads(again.stdout)["app_authorizations"]}
    assert types == {"ZOOM": "oauth2", "TERRAFORMCLOUD": "apiKey", "JIRA": "apiKey"}
    listed = appfabric.list_app_authorizations(appBundleIdentifier=bundle)
    assert len(listed["appAuthorizationSummaryList"]) == 5


def test_seed_prints_arns_or_the_examples_tfvars(emulator_control: EmulatorControl) -> None:
    text = _seed("--url", emulator_control.url)
    tfvars = _seed("--url", emulator_control.url, "--app", "ASANA", "--tfvars")

    assert text.returncode == 0 and tfvars.returncode == 0, text.stderr + tfvars.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("app bundle  arn:aws:appfabric:us-east-1:")
    assert [line.split()[:2] for line in lines[1:]] == [["SLACK", "oauth2"], ["ASANA", "apiKey"]]
    assert all("/appauthorization/" in line.split()[2] for line in lines[1:])
    names = [line.split(" = ")[0].strip() for line in tfvars.stdout.splitlines()]
    assert names == ["app_bundle_arn", "app_authorization_arn"]
    assert '"arn:aws:appfabric:us-east-1:' in tfvars.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--app", "SLACK:oauth"],
            "argument --app: 'SLACK:oauth': the auth type must be oauth2 or apiKey, not 'oauth'",
        ),
        (["--app", ":apiKey"], "argument --app: ':apiKey': give APP or APP:AUTH_TYPE"),
        (["--tfvars"], "--tfvars prints one app_authorization_arn: give exactly one --app (got 2)"),
        (["--json", "--tfvars"], "argument --tfvars: not allowed with argument --json"),
    ],
)
def test_bad_arguments_are_one_line_with_exit_code_2(
    emulator_control: EmulatorControl, args: list[str], message: str
) -> None:
    done = _seed("--url", emulator_control.url, *args)

    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("appfabric-emulator seed: error: ")
    assert message in done.stderr
    assert done.stdout == ""


def test_no_emulator_at_the_url_is_one_line(unused_url: str) -> None:
    done = _seed("--url", unused_url)

    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"appfabric-emulator seed: error: no AppFabric emulator answers at {unused_url}: start "
        "one with `python -m appfabric_connect.emulator` or pass its URL with --url"
    )


@pytest.fixture
def unused_url() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readmes_export_line_is_all_a_region_less_client_and_seed_need(
    emulator_control: EmulatorControl,
) -> None:
    line = next(
        line
        for line in README.read_text().splitlines()
        if line.startswith("export AWS_ENDPOINT_URL_APPFABRIC=")
    )
    assert "AWS_DEFAULT_REGION=" in line
    line = line.replace("http://127.0.0.1:4599", emulator_control.url)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    clean["AWS_EC2_METADATA_DISABLED"] = "true"  # for the check below: no instance metadata
    listing = (
        "import boto3; "
        "print(len(boto3.client('appfabric').list_app_bundles()['appBundleSummaryList']))"
    )
    listed = shlex.join([sys.executable, "-c", listing])
    script = f"{line}\n{shlex.join(SEED)} >/dev/null && {listed}"

    done = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, env=clean, timeout=60, check=False
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
