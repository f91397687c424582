"""Fixtures for the command-line tools: a browser, a fake Pulumi CLI, and a way to run `main`."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from typing import Any

import pytest

from appfabric_connect import cli_authorize
from appfabric_connect.__main__ import main
from appfabric_connect.pulumi_cli import PulumiCliError

from .browser import browser_redirect, printed_auth_url


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


class _PastingStdin(io.StringIO):
    """Stdin of a user who opens the printed URL, approves, and pastes the address bar back."""

    def __init__(self, stdout: io.StringIO, answer: Callable[[str], str] | None) -> None:
        super().__init__()
        self._stdout = stdout
        self._answer = answer

    def isatty(self) -> bool:
        return False

    def readline(self, size: int | None = -1) -> str:
        if self._answer is None:
            return ""
        return self._answer(printed_auth_url(self._stdout.getvalue())) + "\n"


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """run_cli(*argv, paste=browser_redirect): runs `main`, stdin answered by `paste(auth_url)`."""

    def run(*argv: str, paste: Callable[[str], str] | None = browser_redirect) -> Result:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr("sys.stdin", _PastingStdin(out, paste))
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
        return Result(code, out.getvalue(), err.getvalue())

    return run


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

    monkeypatch.setattr(cli_authorize, "PulumiCli", make)
    return fake
