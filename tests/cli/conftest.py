"""Fixtures for the command-line tools: a fake Pulumi CLI (``run_cli`` is in tests/support)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from typing import Any

import pytest

from appfabric_connect.cli import authorize
from appfabric_connect.cli.pulumi_runner import PulumiCliError


@dataclass
class FakePulumi:
    """Stands in for PulumiCli: a stack config to read, and the `config set` calls made."""

    connections: list[Any] | None = None
    settings: dict[str, str] = field(default_factory=dict)
    sets: list[dict[str, Any]] = field(default_factory=list)
    fail_set_with: str | None = None
    cwd: str = ""
    stack: str | None = None

    def run(self, *args: str, check: bool = True, **_: Any) -> subprocess.CompletedProcess[str]:
        if args == ("config", "--json"):
            config = {
                key: {"value": value, "secret": False} for key, value in self.settings.items()
            }
            return subprocess.CompletedProcess(args, 0, json.dumps(config), "")
        if args == ("config", "get", "connections", "--json"):
            if self.connections is None:
                message = "error: configuration key 'connections' not found for stack 'dev'"
                return subprocess.CompletedProcess(args, 1, "", message)
            value = {"objectValue": self.connections, "secret": True}
            return subprocess.CompletedProcess(args, 0, json.dumps(value), "")
        raise AssertionError(f"unexpected pulumi {args}")

    def config_set(self, key: str, value: str, *, secret: bool = False, path: bool = False) -> None:
        if self.fail_set_with is not None:
            failed = subprocess.CompletedProcess(["pulumi"], 255, "", self.fail_set_with + value)
            raise PulumiCliError(["config", "set", key], failed)
        self.sets.append({"key": key, "value": value, "secret": secret, "path": path})

    def set_at(self, key: str) -> dict[str, Any]:
        return next(s for s in self.sets if s["key"] == key)


@pytest.fixture
def fake_pulumi(monkeypatch: pytest.MonkeyPatch) -> FakePulumi:
    """A FakePulumi that `authorize` uses instead of the Pulumi CLI."""
    fake = FakePulumi()

    def make(cwd: str, stack: str | None = None, **_: Any) -> FakePulumi:
        fake.cwd, fake.stack = cwd, stack
        return fake

    monkeypatch.setattr(authorize, "PulumiCli", make)
    return fake
