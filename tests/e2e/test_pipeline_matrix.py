"""Pipeline patterns by front ends, through the real CLIs: each cell counts Connects, reads the
final status and checks the exit code.

Written as pipelines are: Terraform passes the code through an ephemeral variable with a null
default and ``TF_VAR_code`` set only when rotating (with ``code_version`` raised), and deploys
with ``terraform apply`` (which refreshes first); Pulumi stacks deploy with ``pulumi up
--refresh`` and drop the code from their config between rotations. The gate is ``terraform plan
-detailed-exitcode`` and ``pulumi preview --refresh --expect-no-changes``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from appfabric_connect.terraform import mirror
from tests.package.conftest import PACKAGE_PROGRAMS, package_project, plugin_dir, yaml_host_dir
from tests.support.appfabric import REDIRECT_URI, status_of
from tests.support.pulumi_project import PulumiProject, new_project
from tests.terraform.conftest import engine_or_skip
from tests.terraform.workspace import Workspace, engine_env

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

__all__ = ["plugin_dir", "yaml_host_dir"]

pytestmark = pytest.mark.e2e

CONNECT = "ConnectAppAuthorization"
SLOW_CONNECT_S = 6

TERRAFORM_PROGRAM = """
variable "code" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null
}

variable "code_version" {
  type    = number
  default = 1
}

resource "appfabricconnect_app_authorization_connection" "slack" {
  app_bundle_arn        = "{bundle}"
  app_authorization_arn = "{authorization}"

  auth_request {
    redirect_uri    = "{redirect_uri}"
    code_wo         = var.code
    code_wo_version = var.code_version
  }
}
"""


@dataclass
class Run:
    """One CLI command's exit code and everything it printed."""

    exit_code: int
    output: str


@dataclass
class Pipeline:
    """One oauth2 connection, deployed by one front end the way a pipeline deploys it."""

    front_end: str
    deploy_argv: list[str]
    gate_argv: list[str]
    cwd: Path
    env: dict[str, str]
    give: Callable[[str], None]  # sets the code for the next runs (and raises the version)
    drop: Callable[[], None]  # no code on the next runs
    after_kill: Callable[[], None] = lambda: None
    runs: list[Run] = field(default_factory=list)

    def _run(self, argv: list[str]) -> Run:
        done = subprocess.run(
            argv, cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=600
        )
        run = Run(done.returncode, " ".join(f"{done.stdout}\n{done.stderr}".split()))
        self.runs.append(run)
        return run

    def deploy(self, **env: str) -> Run:
        if not env:
            return self._run(self.deploy_argv)
        saved = dict(self.env)
        self.env.update(env)
        try:
            return self._run(self.deploy_argv)
        finally:
            self.env.clear()
            self.env.update(saved)

    def gate(self) -> Run:
        return self._run(self.gate_argv)

    def deploy_killed_after_its_connect(self, control: EmulatorControl) -> None:
        """``kill -9`` of the deploy once its Connect reached AppFabric, then what the pipeline's
        re-run needs first (Pulumi: ``cancel``, for the lock the killed run left)."""
        before = control.calls().get(CONNECT, 0)
        process = subprocess.Popen(
            self.deploy_argv,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while control.calls().get(CONNECT, 0) == before:
            assert process.poll() is None, f"{self.front_end}: the deploy ended before its Connect"
            assert time.monotonic() < deadline, f"{self.front_end}: no Connect within 120 s"
            time.sleep(0.1)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        self.after_kill()


def _terraform(engine: str, seeded: Seeded, directory: Path, cli_config: Path) -> Pipeline:
    directory.mkdir()
    program = TERRAFORM_PROGRAM
    for key, value in {
        "bundle": seeded.bundle_arn,
        "authorization": seeded.oauth2_authorization["appAuthorizationArn"],
        "redirect_uri": REDIRECT_URI,
    }.items():
        program = program.replace("{" + key + "}", value)
    workspace = Workspace(directory, engine, engine_env(cli_config))
    workspace.env[mirror.PYTHON_ENV] = sys.executable
    workspace.write(program)
    workspace.run("init", "-no-color")  # from the filesystem mirror, as the README installs it
    env = workspace.env
    version = {"n": 0}

    def give(code: str) -> None:
        version["n"] += 1
        env["TF_VAR_code"] = code
        env["TF_VAR_code_version"] = str(version["n"])

    def drop() -> None:
        env.pop("TF_VAR_code", None)

    return Pipeline(
        engine.rsplit("/", 1)[-1],
        [engine, "apply", "-auto-approve", "-no-color", "-input=false"],
        [engine, "plan", "-detailed-exitcode", "-no-color", "-input=false"],
        directory,
        env,
        give,
        drop,
    )


def _pulumi(front_end: str, stack: PulumiProject, code_key: str, path: bool) -> Pipeline:
    cli = stack.cli

    def give(code: str) -> None:
        cli.config_set(code_key, code, secret=True, path=path)

    def drop() -> None:
        cli.run("config", "rm", *(["--path"] if path else []), code_key)

    def after_kill() -> None:
        cli.run("cancel", "--yes")

    flags = ["--non-interactive", "--stack", cli.stack or "dev"]
    return Pipeline(
        front_end,
        [cli.executable, "up", "--yes", "--skip-preview", "--refresh", *flags],
        [cli.executable, "preview", "--refresh", "--expect-no-changes", *flags],
        stack.path,
        cli.env,
        give,
        drop,
        after_kill,
    )


FRONT_ENDS = [
    pytest.param("dynamic", id="dynamic"),
    pytest.param("package", id="package-yaml"),
    pytest.param("terraform", id="terraform", marks=pytest.mark.terraform),
    pytest.param("tofu", id="tofu", marks=pytest.mark.terraform),
]


@pytest.fixture(scope="session")
def mirrored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CLI configuration that installs the provider from a filesystem mirror (README)."""
    where = tmp_path_factory.mktemp("mirror")
    mirror.write_mirror(where / "mirror")
    config = where / "appfabric.tfrc"
    config.write_text(mirror.mirror_config(where / "mirror"))
    return config


@pytest.fixture(params=FRONT_ENDS)
def pipeline(
    request: pytest.FixtureRequest,
    seeded: Seeded,
    tmp_path: Path,
    aws_env: str,
) -> Pipeline:
    """The oauth2 SLACK connection of ``seeded`` in a new project of one front end, not yet
    deployed and with no code."""
    front_end: str = request.param
    if front_end in ("terraform", "tofu"):
        engine = engine_or_skip(front_end)
        return _terraform(engine, seeded, tmp_path / "work", request.getfixturevalue("mirrored"))
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    if front_end == "dynamic":
        stack = new_project(tmp_path / "project", request.getfixturevalue("pulumi_env"))
        stack.set_connections(seeded.bundle_arn, [("slack", arn, True)])
        return _pulumi(front_end, stack, "connections[0].auth_request.code", path=True)
    env = request.getfixturevalue("package_env")
    stack = package_project(PACKAGE_PROGRAMS / "yaml-pipeline", tmp_path / "project", env)
    stack.set_config({"bundleArn": seeded.bundle_arn, "authorizationArn": arn})
    return _pulumi(front_end, stack, "code", path=False)


@pytest.fixture
def package_env(pulumi_env: dict[str, str], yaml_host_dir: str, plugin_dir: str) -> dict[str, str]:
    return {**pulumi_env, "PATH": os.pathsep.join([yaml_host_dir, plugin_dir, pulumi_env["PATH"]])}


@pytest.fixture
def code(seeded: Seeded, obtain_code: Callable[[Mapping[str, Any]], str]) -> Callable[[], str]:
    """A fresh OAuth code for the connection at each call (the consent page's)."""
    return lambda: obtain_code(seeded.oauth2_authorization)


@dataclass
class Cell:
    """What a cell of the matrix checks after a run: its exit code, the Connects AppFabric took
    since the cell started, and the authorization's final status."""

    control: EmulatorControl
    appfabric: AppFabricClient
    seeded: Seeded

    def after(self, run: Run) -> tuple[int, int, str]:
        status = status_of(self.appfabric, self.seeded.oauth2_authorization)
        return run.exit_code, self.control.calls().get(CONNECT, 0), status

    def drift(self, status: str) -> None:
        self.control.set_status(self.seeded.oauth2_authorization["appAuthorizationArn"], status)


@pytest.fixture
def cell(emulator_control: EmulatorControl, appfabric: AppFabricClient, seeded: Seeded) -> Cell:
    return Cell(emulator_control, appfabric, seeded)


@pytest.fixture
def connected(pipeline: Pipeline, code: Callable[[], str], cell: Cell) -> Pipeline:
    """The pipeline after its first deploy with a code: Connected; Connects counted from here."""
    pipeline.give(code())
    first = pipeline.deploy()
    assert first.exit_code == 0, first.output
    cell.control.reset_calls()
    return pipeline


CHANGES = (2, 7)  # the gate found changes: plan -detailed-exitcode's 2, --expect-no-changes' 7


def test_no_code_between_rotations_keeps_a_connected_connection_untouched(
    connected: Pipeline, cell: Cell
) -> None:
    connected.drop()
    gate = connected.gate()
    assert gate.exit_code == 0, gate.output
    deploy = connected.deploy()
    assert cell.after(deploy) == (0, 0, "Connected"), deploy.output


def test_no_code_on_a_drifted_connection_plans_the_reconnect_and_refuses_it_before_any_connect(
    connected: Pipeline, cell: Cell
) -> None:
    connected.drop()
    cell.drift("TokenAutoRotationFailed")
    gate = connected.gate()
    assert gate.exit_code in CHANGES, gate.output
    deploy = connected.deploy()
    assert cell.after(deploy)[1:] == (0, "TokenAutoRotationFailed"), deploy.output
    assert deploy.exit_code != 0
    assert "needs an OAuth code" in deploy.output, deploy.output
    assert "code_wo_version" in deploy.output or "auth_request.code" in deploy.output
    assert "/oauth2/authorize?" in deploy.output  # the auth_url


def test_the_same_code_passed_again_sends_nothing(connected: Pipeline, cell: Cell) -> None:
    gate = connected.gate()
    assert gate.exit_code == 0, gate.output
    deploy = connected.deploy()
    assert cell.after(deploy) == (0, 0, "Connected"), deploy.output


def test_a_new_code_rotates_with_one_connect(
    connected: Pipeline, code: Callable[[], str], cell: Cell
) -> None:
    connected.give(code())
    gate = connected.gate()
    assert gate.exit_code in CHANGES, gate.output
    deploy = connected.deploy()
    assert cell.after(deploy) == (0, 1, "Connected"), deploy.output
    assert connected.gate().exit_code == 0


def test_a_killed_create_rerun_at_once_connects_with_one_connect(
    pipeline: Pipeline, code: Callable[[], str], cell: Cell
) -> None:
    pipeline.give(code())
    cell.control.set_faults(connect_delay_s=SLOW_CONNECT_S)
    cell.control.reset_calls()
    pipeline.deploy_killed_after_its_connect(cell.control)
    rerun = pipeline.deploy()
    assert cell.after(rerun) == (0, 1, "Connected"), rerun.output
    assert "not sent" in rerun.output, rerun.output


def test_a_killed_reconnect_rerun_at_once_sends_the_code_once(
    connected: Pipeline, code: Callable[[], str], cell: Cell
) -> None:
    cell.drift("ConnectionValidationFailed")
    connected.give(code())
    cell.control.set_faults(connect_delay_s=SLOW_CONNECT_S)
    connected.deploy_killed_after_its_connect(cell.control)
    rerun = connected.deploy(TF_LOG="info")  # Terraform's log; Pulumi ignores it
    assert cell.after(rerun) == (0, 1, "Connected"), rerun.output
    assert "not sent" in rerun.output, rerun.output
    assert "a connect may be in flight" in rerun.output, rerun.output
    if connected.front_end in ("terraform", "tofu"):
        # why it waits, in Terraform's log when it starts waiting (not only in the diagnostics
        # at the end): go-plugin files a provider's "[WARN]" line at that level
        assert "[WARN] appfabric_connect: App authorization" in rerun.output, rerun.output
    assert connected.gate().exit_code == 0
