"""A thin runner for the Pulumi CLI: stack selection, config (secrets via stdin), outputs."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


class PulumiCliError(Exception):
    """A Pulumi command that failed; carries its output (which never holds a value we piped in)."""

    def __init__(self, args: Sequence[str], result: subprocess.CompletedProcess[str]) -> None:
        self.args_ = list(args)
        self.returncode = result.returncode
        self.stdout = result.stdout
        self.stderr = result.stderr
        tail = (result.stderr or result.stdout).strip().splitlines()[-15:]
        super().__init__(
            f"`pulumi {' '.join(args)}` exited with {result.returncode}:\n" + "\n".join(tail)
        )


class PulumiCli:
    """Runs ``pulumi`` in a project directory, for one stack, non-interactively."""

    def __init__(
        self,
        cwd: str | os.PathLike[str],
        stack: str | None = None,
        env: Mapping[str, str] | None = None,
        executable: str = "pulumi",
    ) -> None:
        self.cwd = Path(cwd)
        self.stack = stack
        self.env = {**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "1", **(env or {})}
        self.executable = executable

    def run(
        self, *args: str, check: bool = True, stdin: str | None = None, stack: bool = True
    ) -> subprocess.CompletedProcess[str]:
        argv = [*args, "--non-interactive"]
        if stack and self.stack:
            argv += ["--stack", self.stack]
        result = subprocess.run(
            [self.executable, *argv],
            cwd=self.cwd,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise PulumiCliError(argv, result)
        return result

    def select_stack(self, create: bool = True) -> None:
        assert self.stack, "no stack given"
        args = ["stack", "select", self.stack] + (["--create"] if create else [])
        self.run(*args, stack=False)

    def config_set(self, key: str, value: str, *, secret: bool = False, path: bool = False) -> None:
        """Sets ``key``; the value goes through stdin, so it is in no process's argument list."""
        flags = (["--secret"] if secret else ["--plaintext"]) + (["--path"] if path else [])
        self.run("config", "set", *flags, key, stdin=value)

    def outputs(self) -> dict[str, Any]:
        result = self.run("stack", "output", "--json")
        return dict(json.loads(result.stdout or "{}"))
