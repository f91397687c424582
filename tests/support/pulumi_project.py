"""A throwaway Pulumi project and stack, on a ``file://`` backend, run by the real Pulumi CLI.

A :class:`PulumiProject` is one stack driven through a :class:`RecordingCli`, which keeps the
output of every command it runs (for assertions and leak checks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from appfabric_connect.cli.pulumi_runner import PulumiCli, PulumiCliError
from appfabric_connect.emulator.seed import Seeded
from tests.support.appfabric import REDIRECT_URI, REGION

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
PROGRAMS = REPO / "tests" / "e2e" / "programs"
STACK = "dev"
PASSPHRASE = "appfabric-connect-e2e"
E2E_ACCESS_KEY = "AKIAE2EPULUMICLI"
# Distinctive, so a leak anywhere (state, output, logs) is found by a plain substring search.
E2E_SECRET_KEY = "e2e-aws-secret-key-7c1f9d2b-must-never-leak"
MISSING_PULUMI = (
    "the `pulumi` CLI is not on PATH, so the end-to-end tests cannot run: run `make test`, "
    "or put scripts/ensure-pulumi's directory on PATH "
    "(PATH=$(scripts/ensure-pulumi $PWD/.venv/bin/python):$PATH .venv/bin/pytest tests/e2e)"
)
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the engine's marker for a not-yet-known value


def copy_project_file(source: Path, project: Path) -> None:
    """Copies ``source``'s Pulumi.yaml into ``project``, pointing its virtualenv at this
    interpreter's, so that any language host (ours or a regular install's) runs it."""
    settings = yaml.safe_load((source / "Pulumi.yaml").read_text())
    settings["runtime"] = {"name": "python", "options": {"virtualenv": sys.prefix}}
    (project / "Pulumi.yaml").write_text(yaml.safe_dump(settings))


def find_pulumi() -> str:
    """The ``pulumi`` on PATH; a missing CLI FAILS the test (CI must never pass silently)."""
    path = shutil.which("pulumi")
    if path is None:
        pytest.fail(MISSING_PULUMI, pytrace=False)
    return path


def pulumi_environment(
    backend: Path, pulumi_home: Path, emulator_url: str, aws_files: Path
) -> dict[str, str]:
    """The CLI's whole environment: no AWS or Pulumi setting of the caller leaks in."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "PULUMI_")) and name != "BOTO_CONFIG"
    }
    env.update(
        {
            "PULUMI_BACKEND_URL": f"file://{backend}",
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_HOME": str(pulumi_home),
            "PULUMI_SKIP_UPDATE_CHECK": "1",
            "AWS_ENDPOINT_URL_APPFABRIC": emulator_url,
            "AWS_ACCESS_KEY_ID": E2E_ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": E2E_SECRET_KEY,
            "AWS_REGION": REGION,
            "AWS_CONFIG_FILE": str(aws_files / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(aws_files / "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    return env


class RecordingCli(PulumiCli):
    """A :class:`PulumiCli` that keeps every command's result (for assertions and leak checks)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.results: list[subprocess.CompletedProcess[str]] = []

    def run(
        self, *args: str, check: bool = True, stdin: str | None = None, stack: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = super().run(*args, check=False, stdin=stdin, stack=stack)
        self.results.append(result)
        if check and result.returncode != 0:
            raise PulumiCliError(list(result.args[1:]), result)
        return result


def new_project(
    directory: Path,
    env: Mapping[str, str],
    source: Path = REPO,
    program: Path | None = None,
) -> PulumiProject:
    """A project in ``directory`` with ``source``'s Pulumi.yaml and its ``__main__.py`` (or the
    files of ``program``), and its stack ``dev`` selected, for a CLI run with ``env``."""
    directory.mkdir()
    copy_project_file(source, directory)
    if program is None:
        shutil.copy(source / "__main__.py", directory / "__main__.py")
    else:
        assert (program / "__main__.py").is_file(), f"no test program {program}"
        shutil.copytree(program, directory, dirs_exist_ok=True, ignore=_ignore_caches)
    cli = RecordingCli(directory, stack=STACK, executable=find_pulumi())
    cli.env = dict(env)
    cli.select_stack(create=True)
    backend = Path(env["PULUMI_BACKEND_URL"].removeprefix("file://"))
    return PulumiProject(cli, directory, backend)


def _ignore_caches(_directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name in {"__pycache__", ".pytest_cache"}]


@dataclass
class PulumiProject:
    """One stack of a throwaway project, on its own file backend."""

    cli: RecordingCli
    path: Path
    backend_dir: Path
    seeded: Seeded | None = None
    codes: list[str] = field(default_factory=list)

    # -- config ------------------------------------------------------------------------------

    def set_config(self, values: Mapping[str, str]) -> None:
        """Plain (non-secret) config by path, in one command."""
        pairs = [arg for key, value in values.items() for arg in ("--plaintext", f"{key}={value}")]
        self.cli.run("config", "set-all", "--path", *pairs)

    def set_code(self, index: int, code: str) -> None:
        """``connections[index].auth_request.code`` as a secret (the value goes through stdin)."""
        self.codes.append(code)
        self.cli.config_set(f"connections[{index}].auth_request.code", code, secret=True, path=True)

    def set_connections(self, bundle_arn: str, entries: Iterable[tuple[str, str, bool]]) -> None:
        """The root program's ``connections``: (name, authorization ARN, has auth_request)."""
        values = {"aws:region": REGION}
        for index, (name, arn, oauth2) in enumerate(entries):
            values[f"connections[{index}].name"] = name
            values[f"connections[{index}].app_bundle_identifier"] = bundle_arn
            values[f"connections[{index}].app_authorization_identifier"] = arn
            if oauth2:
                values[f"connections[{index}].auth_request.redirect_uri"] = REDIRECT_URI
        self.set_config(values)

    def set_secret(self, key: str, value: str) -> None:
        self.codes.append(value)
        self.cli.config_set(key, value, secret=True)

    def stack_config(self) -> dict[str, Any]:
        """The stack's config file, as stored (secrets encrypted)."""
        text = (self.path / f"Pulumi.{STACK}.yaml").read_text()
        return dict(yaml.safe_load(text)["config"])

    # -- commands ----------------------------------------------------------------------------

    def up(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.cli.run("up", "--yes", "--skip-preview", *args, check=check)

    def preview(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.cli.run("preview", *args, check=check)

    def preview_json(self, *args: str) -> dict[str, Any]:
        result = self.cli.run("preview", "--json", *args)
        return dict(json.loads(result.stdout))

    def refresh(self) -> subprocess.CompletedProcess[str]:
        """``refresh --yes``, running the program too: a plain refresh updates the resources'
        state but not the stack outputs, which only a program run re-exports."""
        return self.cli.run("refresh", "--yes", "--skip-preview", "--run-program")

    def outputs(self) -> dict[str, Any]:
        return self.cli.outputs()

    def statuses(self) -> dict[str, str]:
        """The ``status`` of every exported connection, from ``stack output --json``."""
        return {name: value["status"] for name, value in self.outputs().items()}

    def export(self) -> dict[str, Any]:
        return dict(json.loads(self.cli.run("stack", "export").stdout))

    def resources(self, type_suffix: str = "AppAuthorizationConnection") -> list[dict[str, Any]]:
        deployment = self.export()["deployment"]
        return [r for r in deployment.get("resources") or [] if r["type"].endswith(type_suffix)]

    # -- leak checks -------------------------------------------------------------------------

    def leaks(self, secrets: Iterable[str]) -> list[str]:
        """Where any of ``secrets`` appears in plain text: command output, backend, project."""
        secrets = [s for s in secrets if s]
        found: list[str] = []
        for number, result in enumerate(self.cli.results):
            for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
                found += [
                    f"{stream} of command #{number} `{' '.join(result.args[1:3])}`"
                    for secret in secrets
                    if secret in (text or "")
                ]
        for root in (self.backend_dir, self.path):
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                data = path.read_bytes()
                found += [str(path) for secret in secrets if secret.encode() in data]
        return found


def step_ops(preview: Mapping[str, Any], name: str) -> list[str]:
    """The ops that ``preview --json`` plans for the resource named ``name``."""
    return [step["op"] for step in preview.get("steps", []) if step["urn"].endswith(f"::{name}")]


def step_of(preview: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The first step of ``preview --json`` for the resource named ``name``."""
    steps = [s for s in preview.get("steps", []) if s["urn"].endswith(f"::{name}")]
    assert steps, f"no step for {name} in preview: {json.dumps(preview)[:2000]}"
    return dict(steps[0])


def combined(result: subprocess.CompletedProcess[str]) -> str:
    return f"{result.stdout}\n{result.stderr}"
