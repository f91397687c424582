"""The end-to-end harness: without a Pulumi CLI the e2e tests fail, never skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pulumi_project import MISSING_PULUMI, find_pulumi


def test_a_missing_pulumi_cli_fails_the_test_saying_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(pytest.fail.Exception) as failed:
        find_pulumi()

    assert str(failed.value) == MISSING_PULUMI
