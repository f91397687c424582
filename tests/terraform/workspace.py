"""A throwaway Terraform working directory: write main.tf, run the real CLI, read the state."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appfabric_connect.emulator.seed import Seeded
from tests.support.appfabric import REDIRECT_URI

PROVIDER_BLOCK = """\
terraform {
  required_providers {
    appfabricconnect = { source = "appfabric-connect/appfabricconnect" }
  }
}

provider "appfabricconnect" {
  region = "us-east-1"
}
"""


def connection(
    name: str,
    bundle: str,
    authorization: str,
    *,
    code_wo: str | None = None,
    version: int = 1,
    extra: str = "",
) -> str:
    """A resource block; ``code_wo`` (an expression) adds an auth_request with that code."""
    auth = (
        f"""
  auth_request {{
    redirect_uri    = "{REDIRECT_URI}"
    code_wo         = {code_wo}
    code_wo_version = {version}
  }}"""
        if code_wo is not None
        else ""
    )
    return f"""
resource "appfabricconnect_app_authorization_connection" "{name}" {{
  app_bundle_arn        = "{bundle}"
  app_authorization_arn = "{authorization}"{auth}{extra}
}}
"""


def import_block(name: str, arn: str) -> str:
    """An ``import {}`` block (Terraform 1.5+) for connection ``name``, by its ARN."""
    return f"""
import {{
  to = appfabricconnect_app_authorization_connection.{name}
  id = "{arn}"
}}
"""


@dataclass
class Workspace:
    """One working directory and the engine (terraform or tofu) that runs in it."""

    directory: Path
    engine: str
    env: dict[str, str]
    seeded: Seeded | None = None
    runs: list[subprocess.CompletedProcess[str]] = field(default_factory=list)

    def write(self, body: str, provider_block: str = PROVIDER_BLOCK) -> None:
        (self.directory / "main.tf").write_text(provider_block + body)

    def run(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        """``terraform ARGS`` (with -no-color and no input); fails the test on a bad exit code."""
        done = subprocess.run(
            [self.engine, *args],
            cwd=self.directory,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        self.runs.append(done)
        if check and done.returncode != 0:
            raise AssertionError(
                f"{self.engine} {' '.join(args)} exited {done.returncode}:\n"
                f"{done.stdout}\n{done.stderr}"
            )
        return done

    def apply(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("apply", "-auto-approve", "-no-color", "-input=false", *args, check=check)

    def plan_exit_code(self) -> int:
        """``plan -detailed-exitcode``: 0 no changes, 1 error, 2 changes."""
        return self.run(
            "plan", "-detailed-exitcode", "-no-color", "-input=false", check=False
        ).returncode

    def state_text(self) -> str:
        return (self.directory / "terraform.tfstate").read_text()

    def resources(self) -> dict[str, dict[str, Any]]:
        """The state's attributes of every resource instance, by ``type.name``."""
        state = json.loads(self.state_text())
        return {
            f"{r['type']}.{r['name']}": r["instances"][0]["attributes"]
            for r in state["resources"]
            if r["mode"] == "managed"
        }

    def connection(self, name: str) -> dict[str, Any]:
        return self.resources()[f"appfabricconnect_app_authorization_connection.{name}"]


def engine_env(cli_config: Path, plugin_cache: Path | None = None) -> dict[str, str]:
    """This process's environment (AWS settings of the emulator fixtures) plus Terraform's."""
    env = dict(os.environ)
    env.update(
        TF_CLI_CONFIG_FILE=str(cli_config),
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        CHECKPOINT_DISABLE="1",
    )
    if plugin_cache is not None:
        env["TF_PLUGIN_CACHE_DIR"] = str(plugin_cache)
    env.pop("TF_LOG", None)
    return env
