"""Running the command-line tools in-process: ``run_cli`` with a user who pastes the redirect."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest

from appfabric_connect.cli.main import main
from tests.support.browser import browser_redirect, printed_auth_url


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


class _PastingStdin:
    """Stdin of a user who opens the printed URL, approves, and pastes the address bar back."""

    def __init__(self, stdout: io.StringIO, answer: Callable[[str], str] | None) -> None:
        self._stdout = stdout
        self._answer = answer

    def isatty(self) -> bool:
        return False

    def readline(self, size: int = -1) -> str:
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
