"""`import-file`, then the real `pulumi import --file`: two existing connections in a stack."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from appfabric_connect.cli.main import main
from appfabric_connect.core import statuses
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from tests.support.pulumi_project import PulumiProject, combined

pytestmark = pytest.mark.e2e

DYNAMIC_TYPE = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
README = Path(__file__).resolve().parents[2] / "README.md"


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


def test_pulumi_import_by_id_of_the_dynamic_type_fails_in_the_sdk_before_any_code_of_ours(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    emulator_control: EmulatorControl,
) -> None:
    """Pins today's behaviour, which no code of this package can change (pulumi/pulumi#16175).

    The engine asks the Python SDK's dynamic-provider server to Read the ID with no properties
    and no inputs; the server looks for the pickled provider there (``get_provider``) before it
    loads anything of ours, and answers with its traceback. If this test fails because the import
    worked or ended otherwise, Pulumi changed: update the README's "Importing an existing
    connection" section, and this test, to what it does now.
    """
    arn = seeded.api_key_authorization["appAuthorizationArn"]
    emulator_control.set_status(arn, statuses.CONNECTED)
    stack = make_project()
    emulator_control.reset_calls()

    imported = stack.cli.run("import", DYNAMIC_TYPE, "asana", arn, "--yes", check=False)

    output = combined(imported)
    assert imported.returncode != 0, output
    frames = re.findall(r'File "([^"]+)", line \d+, in (\w+)', output)
    assert frames, output
    sdk_server = "pulumi/dynamic/__main__.py"  # every frame is in it: none is this package's
    assert all(path.replace("\\", "/").endswith(sdk_server) for path, _ in frames), output
    assert [function for _, function in frames[-2:]] == ["Read", "get_provider"], output
    last_lines = [line.strip() for line in output.splitlines() if "Error: " in line]
    assert last_lines and set(last_lines) == {"KeyError: '__provider'"}, output
    assert emulator_control.calls().get("GetAppAuthorization", 0) == 0  # our read never ran
    assert stack.resources() == []  # nothing was imported

    section = README.read_text().split("\n## Importing an existing connection\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    for said in (
        f"pulumi import {DYNAMIC_TYPE} NAME ARN",
        "KeyError: '__provider'",
        "appfabric-connect import-file",
        "pulumi import appfabric-connect:index:AppAuthorizationConnection NAME ARN",
    ):
        assert said in section, f"the README's import section does not say {said!r}"
