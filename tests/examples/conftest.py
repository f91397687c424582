"""Runs an example's `__main__.py` under Pulumi's mocks, with its stack config and exports."""

from __future__ import annotations

import runpy
from collections.abc import Mapping
from typing import Any

import pytest
import yaml

from tests.support.mocks import MockedRun, MockedStack
from tests.support.pulumi_project import EXAMPLES


@pytest.fixture
def run_example(pulumi_mocks: MockedRun) -> MockedRun:
    """``run_example(name, config={key: value}, secrets={key: value}, statuses={name: status})``.

    Keys without a namespace belong to the example's project; objects are JSON-encoded;
    ``statuses`` are what the mocked connections answer (``Connected`` otherwise).
    """

    def run(
        example: str,
        config: Mapping[str, Any] | None = None,
        secrets: Mapping[str, Any] | None = None,
        statuses: Mapping[str, str] | None = None,
    ) -> MockedStack:
        project = yaml.safe_load((EXAMPLES / example / "Pulumi.yaml").read_text())["name"]
        stack = pulumi_mocks(str(project), config, secrets, statuses)
        runpy.run_path(str(EXAMPLES / example / "__main__.py"), run_name="__main__")
        return stack

    return run
