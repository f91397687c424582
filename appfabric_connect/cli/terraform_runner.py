"""The Terraform (or OpenTofu) CLI for ``authorize``: read the state's connection, run apply.

The OAuth code reaches ``terraform apply`` as ``TF_VAR_<variable>`` in the child's environment
only: never in an argument list, a file, or anything printed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..aws import arn
from .errors import CliError, UsageError

RESOURCE_TYPE = "appfabricconnect_app_authorization_connection"

# Terraform's variable names: a letter or underscore, then letters, digits, underscores, dashes.
_VARIABLE_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def check_variable(option: str, name: str) -> None:
    """Raises a UsageError unless ``name`` can be a Terraform variable's name."""
    if not _VARIABLE_RE.fullmatch(name):
        raise UsageError(
            f"{option} {name!r}: not a Terraform variable name (letters, digits, _ and -, "
            'not starting with a digit): give the name in `variable "NAME" {{}}`'
        )


@dataclass(frozen=True)
class StateConnection:
    """The state's connection for one authorization (what ``authorize`` needs of it)."""

    address: str
    code_wo_version: int | None
    redirect_uri: str | None


@dataclass(frozen=True)
class TerraformCli:
    """``terraform`` or ``tofu`` in a working directory."""

    executable: str
    cwd: Path

    @property
    def name(self) -> str:
        return Path(self.executable).name

    @classmethod
    def find(cls, engine: str, cwd: Path) -> TerraformCli:
        """The engine's command on PATH: ``tofu`` for ``tofu``; for ``terraform``, terraform
        else tofu. A one-line error when neither is there."""
        names = ("tofu",) if engine == "tofu" else ("terraform", "tofu")
        for name in names:
            found = shutil.which(name)
            if found:
                return cls(found, cwd)
        wanted = " or ".join(f"`{name}`" for name in names)
        raise CliError(
            f"{wanted} is not on PATH: install Terraform (>= 1.11) or OpenTofu, or run "
            "`authorize --engine pulumi` for a Pulumi stack"
        )

    def connection(self, authorization: str) -> StateConnection | None:
        """The state's connection for ``authorization`` (ARN or UUID; compared by UUID), from
        ``show -json``; None when the state has none (not applied yet)."""
        done = subprocess.run(
            [self.executable, "show", "-json", "-no-color"],
            cwd=self.cwd,
            env=_quiet_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            said = [line.strip("│ ").strip() for line in done.stderr.splitlines()]
            first = next((line for line in said if line and line != "Error:"), "no message")
            raise CliError(
                f"`{self.name} show -json` failed in {self.cwd}: {first.removeprefix('Error: ')} "
                f"(run `{self.name} init` there first)"
            )
        try:
            shown = json.loads(done.stdout or "{}")
        except json.JSONDecodeError:
            raise CliError(f"`{self.name} show -json` printed no JSON in {self.cwd}") from None
        wanted = arn.authorization_uuid(authorization)
        root = (shown.get("values") or {}).get("root_module") or {}
        for resource in _resources(root):
            values = resource.get("values") or {}
            found = str(values.get("app_authorization_arn") or values.get("id") or "")
            if resource.get("type") != RESOURCE_TYPE or arn.authorization_uuid(found) != wanted:
                continue
            request = (values.get("auth_request") or [{}])[0] or {}
            version = request.get("code_wo_version")
            return StateConnection(
                address=str(resource.get("address")),
                code_wo_version=int(version) if isinstance(version, (int, float)) else None,
                redirect_uri=request.get("redirect_uri"),
            )
        return None

    def apply(self, env: Mapping[str, str], args: Sequence[str]) -> int:
        """``apply ARGS`` with ``env`` added to this environment (the child's only), its input
        and output the user's; returns its exit code."""
        done = subprocess.run(
            [self.executable, "apply", *args],
            cwd=self.cwd,
            env={**os.environ, **env},
            check=False,
        )
        return done.returncode


def _resources(module: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield from module.get("resources") or []
    for child in module.get("child_modules") or []:
        yield from _resources(child)


def _quiet_env() -> dict[str, str]:
    """This environment without TF_LOG: ``show`` is a read, its log of no use here."""
    env = dict(os.environ)
    env.pop("TF_LOG", None)
    return env
