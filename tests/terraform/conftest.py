"""Fixtures for runs of the real Terraform CLI (or OpenTofu) against the session's emulator.

The provider is installed with dev_overrides (``appfabric-connect terraform-mirror
--dev-overrides``): no ``terraform init`` per test. ``APPFABRIC_CONNECT_TF_ENGINE=tofu`` runs
the suite under OpenTofu; the engines come from ``scripts/ensure-terraform``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator.seed import Seeded, seed_demo
from appfabric_connect.terraform import mirror
from tests.support.sts import sts, sts_server
from tests.terraform.workspace import Workspace, connection, engine_env

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

__all__ = ["sts", "sts_server"]

ROOT = Path(__file__).resolve().parents[2]


def find_engine(name: str) -> str | None:
    """``terraform`` or ``tofu`` as scripts/ensure-terraform finds it (never builds here)."""
    done = subprocess.run(
        [str(ROOT / "scripts" / "ensure-terraform"), name],
        capture_output=True,
        text=True,
        env={**os.environ, "APPFABRIC_CONNECT_NO_BUILD": "1"},
        check=False,
    )
    found = done.stdout.strip().splitlines()
    return found[0] if done.returncode == 0 and found else None


def engine_or_skip(name: str) -> str:
    """``name``'s path; without it the test skips, but fails in CI (`make test` ensures both)."""
    found = find_engine(name)
    if found is None:
        reason = f"no {name} >= 1.11 (scripts/ensure-terraform {name})"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="session")
def engine() -> str:
    """The engine of the whole suite: terraform, or what APPFABRIC_CONNECT_TF_ENGINE names."""
    return engine_or_skip(os.environ.get("APPFABRIC_CONNECT_TF_ENGINE", "terraform"))


@pytest.fixture(scope="session")
def dev_overrides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CLI configuration whose dev_overrides run this checkout's provider."""
    where = tmp_path_factory.mktemp("provider")
    mirror.write_launcher(where / "bin", sys.executable)
    config = where / "dev.tfrc"
    config.write_text(mirror.dev_overrides_config(where / "bin"))
    return config


@pytest.fixture(scope="session")
def mirror_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CLI configuration that installs the provider from a filesystem mirror, as the README's
    install does (`terraform init` from it)."""
    where = tmp_path_factory.mktemp("mirror")
    mirror.write_mirror(where / "mirror")
    config = where / "mirror.tfrc"
    config.write_text(mirror.mirror_config(where / "mirror"))
    return config


@pytest.fixture
def seeded(appfabric: AppFabricClient) -> Seeded:
    """A bundle with a PendingConnect oauth2 SLACK and apiKey ASANA authorization."""
    return seed_demo(appfabric)


@pytest.fixture
def make_workspace(
    tmp_path: Path, engine: str, dev_overrides: Path, aws_env: str
) -> Callable[..., Workspace]:
    """Makes working directories for ``engine`` (default: one, ``work``)."""

    def make(name: str = "work", cli_config: Path | None = None) -> Workspace:
        directory = tmp_path / name
        directory.mkdir()
        return Workspace(directory, engine, engine_env(cli_config or dev_overrides))

    return make


@pytest.fixture
def workspace(make_workspace: Callable[..., Workspace], seeded: Seeded) -> Workspace:
    found = make_workspace()
    found.seeded = seeded
    return found


@pytest.fixture
def slack_code(
    seeded: Seeded, obtain_code: Callable[[Mapping[str, Any]], str]
) -> Callable[[], str]:
    """A fresh OAuth code for the seeded oauth2 authorization at each call."""

    def fresh() -> str:
        return obtain_code(seeded.oauth2_authorization)

    return fresh


CODE_VARIABLE = """
variable "slack_code" {
  type      = string
  sensitive = true
  ephemeral = true
}
"""


def write_slack(workspace: Workspace, code: str, version: int = 1) -> None:
    """The oauth2 SLACK connection, its code in an ephemeral variable (``TF_VAR_slack_code``),
    as users pass one."""
    seeded = workspace.seeded
    assert seeded is not None
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    workspace.env["TF_VAR_slack_code"] = code
    body = connection("slack", seeded.bundle_arn, arn, code_wo="var.slack_code", version=version)
    workspace.write(CODE_VARIABLE + body)


def write_asana(workspace: Workspace) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    arn = seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(connection("asana", seeded.bundle_arn, arn))


@pytest.fixture
def asana_applied(workspace: Workspace) -> Workspace:
    """The apiKey ASANA connection, applied (Connected)."""
    write_asana(workspace)
    workspace.apply()
    return workspace


@pytest.fixture
def slack_applied(workspace: Workspace, slack_code: Callable[[], str]) -> Workspace:
    """The oauth2 SLACK connection with a write-only code (version 1), applied (Connected)."""
    write_slack(workspace, slack_code())
    workspace.apply()
    return workspace
