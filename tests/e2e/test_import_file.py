"""`import-file`, then the real `pulumi import --file`: two existing connections in a stack."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect import statuses
from appfabric_connect.cli.main import main
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from tests.support.pulumi_project import PulumiProject, combined

pytestmark = pytest.mark.e2e


def test_pulumi_import_of_an_oauth2_and_an_apikey_connection_then_no_changes_refresh_up_destroy(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    emulator_control: EmulatorControl,
    capsys: pytest.CaptureFixture[str],
) -> None:
    arns = [
        seeded.oauth2_authorization["appAuthorizationArn"],
        seeded.api_key_authorization["appAuthorizationArn"],
    ]
    for arn in arns:
        emulator_control.set_status(arn, statuses.CONNECTED)  # connected in the console
    stack = make_project()
    import_file = stack.path / "import.json"

    assert main(["import-file", "--bundle", seeded.bundle_arn, "--out", str(import_file)]) == 0
    capsys.readouterr()
    emulator_control.reset_calls()
    resources: list[dict[str, Any]] = json.loads(import_file.read_text())["resources"]
    imported = stack.cli.run(
        "import",
        "--file",
        str(import_file),
        "--protect=false",
        "--generate-code=false",
        "--yes",
        check=False,
    )
    assert imported.returncode == 0, combined(imported)
    assert emulator_control.calls().get("GetAppAuthorization", 0) == 0  # no Read (#23984)
    assert {r["id"] for r in stack.resources()} == set(arns)

    config = {"aws:region": resources[0]["inputs"]["region"]}
    for index, resource in enumerate(resources):
        for key in ("app_bundle_identifier", "app_authorization_identifier", "region"):
            config[f"connections[{index}].{key}"] = resource["inputs"][key]
        config[f"connections[{index}].name"] = resource["name"]
    stack.set_config(config)

    gate = stack.preview("--expect-no-changes", check=False)
    assert gate.returncode == 0, combined(gate)

    stack.refresh()
    assert set(stack.statuses().values()) == {statuses.CONNECTED}

    emulator_control.set_status(arns[1], statuses.TOKEN_AUTO_ROTATION_FAILED)
    stack.refresh()
    assert stack.preview("--expect-no-changes", check=False).returncode != 0
    stack.up()
    assert set(stack.statuses().values()) == {statuses.CONNECTED}

    stack.cli.run("destroy", "--yes", "--skip-preview")
    assert stack.resources() == []
