"""A stack written by release 0.1.0 (its pickled provider included) works with this release."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.support.pulumi_project import PulumiProject, combined

pytestmark = pytest.mark.e2e

RELEASE = "v0.1.0"
Imported = Callable[[str], PulumiProject]


def _blobs(project: PulumiProject) -> list[str]:
    return [r["inputs"]["__provider"] for r in project.resources()]


def test_the_fixture_holds_the_0_1_0_provider_blob(imported_stack: Imported) -> None:
    project = imported_stack(RELEASE)

    blobs = _blobs(project)

    assert len(blobs) == 2
    # 0.1.0 pickled the instance with its settings, an appfabric_connect.aws.AwsSettings.
    assert all(b"AwsSettings" in base64.b64decode(blob) for blob in blobs)


def test_a_0_1_0_stack_refreshes(imported_stack: Imported) -> None:
    project = imported_stack(RELEASE)

    result = project.refresh()

    assert "ProviderBug" not in combined(result)
    assert project.statuses() == {"slack": "Connected", "asana": "Connected"}


def test_a_0_1_0_stack_previews_no_changes_after_a_refresh(imported_stack: Imported) -> None:
    project = imported_stack(RELEASE)
    project.refresh()

    result = project.preview("--expect-no-changes", check=False)

    assert result.returncode == 0, combined(result)


def test_a_0_1_0_stack_reconnects_after_drift(imported_stack: Imported) -> None:
    project = imported_stack(RELEASE)
    control = EmulatorControl(project.cli.env["AWS_ENDPOINT_URL_APPFABRIC"])
    control.set_status(project.outputs()["asana"]["arn"], "TokenAutoRotationFailed")

    project.up("--refresh")

    assert project.statuses()["asana"] == "Connected"
    assert control.calls().get("ConnectAppAuthorization") == 1


def test_a_0_1_0_stack_is_destroyed(imported_stack: Imported) -> None:
    project = imported_stack(RELEASE)

    project.cli.run("destroy", "--yes", "--skip-preview")

    assert project.resources() == []
