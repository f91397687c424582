"""Running `python -m appfabric_connect authorize` for a Terraform working directory as a user
does: it prints the consent URL, the user approves in a browser and pastes the address back."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from appfabric_connect.cli.oauth_redirect import query_param
from tests.support.browser import browser_redirect
from tests.terraform.workspace import Workspace


@dataclass(frozen=True)
class Authorized:
    """One `authorize` run: its exit code, everything it (and apply) printed, and the code."""

    returncode: int
    output: str
    code: str


def run_authorize(
    workspace: Workspace, engine: str, bundle: str, authorization: str, *extra: str
) -> Authorized:
    """`python -m appfabric_connect authorize` in the workspace, as a user runs it: it prints
    the consent URL, the user approves in the browser and pastes the address bar back."""
    env = dict(workspace.env)
    env["PATH"] = f"{Path(engine).parent}{os.pathsep}{env.get('PATH', '')}"
    argv = [
        sys.executable,
        "-m",
        "appfabric_connect",
        "authorize",
        "--bundle",
        bundle,
        "--authorization",
        authorization,
        "--variable",
        "slack_code",
        *extra,
        "--",
        "-auto-approve",
        "-no-color",
    ]
    process = subprocess.Popen(
        argv,
        cwd=workspace.directory,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    printed: list[str] = []
    redirect = ""
    for line in process.stdout:
        printed.append(line)
        if line.startswith("  http"):
            redirect = browser_redirect(line.strip())
            break
    if redirect:
        process.stdin.write(redirect + "\n")
    process.stdin.close()
    printed.append(process.stdout.read())
    returncode = process.wait(timeout=300)
    output = "".join(printed)
    assert redirect, output
    code = query_param(redirect, "code")
    assert code and len(code) > 20
    return Authorized(returncode, output, code)


def engine_option(engine: str) -> tuple[str, ...]:
    """Detection picks `terraform` (the directory has main.tf and no Pulumi.yaml); OpenTofu's
    suite names it."""
    return ("--engine", "tofu") if Path(engine).name.startswith("tofu") else ()


def files_holding(root: Path, secret: str) -> list[Path]:
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink() and secret.encode() in path.read_bytes()
    ]
