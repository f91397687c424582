"""The seeding helpers and the EmulatorServer object."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from appfabric_connect.emulator import EmulatorServer
from appfabric_connect.emulator.seed import seed_bundle, seed_demo

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


def test_seed_demo_creates_a_bundle_with_oauth2_slack_and_api_key_asana(
    appfabric: AppFabricClient,
) -> None:
    seeded = seed_demo(appfabric)
    slack, asana = seeded.oauth2_authorization, seeded.api_key_authorization
    assert (slack["app"], slack["authType"], slack["status"]) == (
        "SLACK",
        "oauth2",
        "PendingConnect",
    )
    assert (asana["app"], asana["authType"], asana["status"]) == (
        "ASANA",
        "apiKey",
        "PendingConnect",
    )
    assert slack["appBundleArn"] == asana["appBundleArn"] == seeded.bundle_arn
    assert "authUrl" in slack


def test_seed_bundle_reuses_the_region_bundle(appfabric: AppFabricClient, bundle_arn: str) -> None:
    assert seed_bundle(appfabric) == bundle_arn


def test_server_url_is_only_known_while_running() -> None:
    server = EmulatorServer(port=0)
    with pytest.raises(RuntimeError):
        _ = server.url
    with server:
        assert server.url.startswith("http://127.0.0.1:")
        assert not server.url.endswith(":0")
    with pytest.raises(RuntimeError):
        _ = server.url


def test_server_account_option_shapes_the_arns(tmp_path: Path) -> None:
    import boto3

    with EmulatorServer(account="210987654321") as server:
        client = boto3.session.Session(
            aws_access_key_id="A", aws_secret_access_key="B", region_name="eu-west-1"
        ).client("appfabric", endpoint_url=server.url)
        arn = client.create_app_bundle()["appBundle"]["arn"]
    assert arn.startswith("arn:aws:appfabric:eu-west-1:210987654321:appbundle/")
