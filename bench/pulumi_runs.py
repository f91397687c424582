"""`pulumi up` of the root program with the real CLI, in a throwaway project and file backend."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness import REGION, REPO

COMMAND_TIMEOUT = 240.0
_running: set[int] = set()  # process groups of the pulumi commands running now


def kill_all() -> None:
    """Kills the process group of every pulumi command still running (watchdog)."""
    for group in list(_running):
        with contextlib.suppress(OSError):
            os.killpg(group, signal.SIGKILL)


class PulumiFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class UpRun:
    seconds: float
    start: float
    end: float


class Project:
    """A copy of the root program (Pulumi.yaml, __main__.py), or the files ``program`` (name ->
    text), with its own backend and home."""

    def __init__(
        self, root: Path, env: Mapping[str, str], program: Mapping[str, str] | None = None
    ) -> None:
        self.dir = root / "project"
        backend = root / "backend"
        home = root / "pulumi-home"
        for path in (self.dir, backend, home):
            path.mkdir(parents=True)
        if program is None:
            for name in ("Pulumi.yaml", "__main__.py"):
                shutil.copy(REPO / name, self.dir / name)
        for name, text in (program or {}).items():
            (self.dir / name).write_text(text)
        self.env = {
            **env,
            "PULUMI_BACKEND_URL": f"file://{backend}",
            "PULUMI_HOME": str(home),
            "PULUMI_CONFIG_PASSPHRASE": "appfabric-connect-bench",
            "PULUMI_SKIP_UPDATE_CHECK": "1",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        }

    def run(self, *args: str, stack: str | None = None) -> str:
        """Runs ``pulumi ARGS`` (its whole process group is killed on timeout); returns stdout."""
        argv = ["pulumi", *args, "--non-interactive"] + (["--stack", stack] if stack else [])
        process = subprocess.Popen(
            argv,
            cwd=self.dir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        _running.add(process.pid)
        try:
            stdout, stderr = process.communicate(timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            message = f"`{' '.join(argv)}` timed out after {COMMAND_TIMEOUT:g} s"
            raise PulumiFailed(message) from None
        finally:
            _running.discard(process.pid)
        if process.returncode != 0:
            tail = "\n".join((stderr or stdout).strip().splitlines()[-20:])
            raise PulumiFailed(f"`{' '.join(argv)}` exited with {process.returncode}:\n{tail}")
        return stdout

    def new_stack(self, name: str, bundle: str, authorizations: Sequence[str]) -> None:
        """``stack init``, then the root program's config written straight into the stack file."""
        connections = [
            {
                "name": f"c{index}",
                "app_bundle_identifier": bundle,
                "app_authorization_identifier": arn,
            }
            for index, arn in enumerate(authorizations)
        ]
        self.new_stack_with(
            name, {"aws:region": REGION, "appfabric-connect:connections": connections}
        )

    def new_stack_with(self, name: str, config: Mapping[str, object]) -> None:
        """``stack init``, then ``config`` (key -> value) written straight into the stack file."""
        self.run("stack", "init", name)
        stack_file = self.dir / f"Pulumi.{name}.yaml"
        with stack_file.open("a") as stack_config:  # JSON is YAML: no YAML writer needed
            stack_config.write("config:\n")
            for key, value in config.items():
                text = value if isinstance(value, str) else json.dumps(value)
                stack_config.write(f"  {key}: {text}\n")

    def up(self, stack: str, *args: str) -> UpRun:
        """``pulumi up --yes --skip-preview ARGS``, timed."""
        start = time.perf_counter()
        self.run("up", "--yes", "--skip-preview", *args, stack=stack)
        end = time.perf_counter()
        return UpRun(end - start, start, end)

    def export(self, stack: str) -> tuple[int, dict[str, Any]]:
        """The size in bytes of ``pulumi stack export``, and the parsed deployment."""
        text = self.run("stack", "export", stack=stack)
        return len(text.encode()), json.loads(text)
