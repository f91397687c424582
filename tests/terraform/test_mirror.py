"""``appfabric-connect terraform-mirror DIR``: the README's install, through the mirror (not
dev_overrides), under Terraform and OpenTofu; and a lock file that travels between two installs."""

from __future__ import annotations

import os
import site
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from appfabric_connect import __version__
from appfabric_connect.emulator.seed import Seeded
from appfabric_connect.terraform import mirror
from tests.terraform.conftest import ROOT, engine_or_skip, write_asana
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

BIN = Path(sys.executable).parent  # this install's bin: `appfabric-connect` is there
LOCKED = f'provider "{{host}}/{mirror.SOURCE}"'


@pytest.fixture(params=["terraform", "tofu"])
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine the README names, whatever the suite's: its install steps hold under both."""
    return engine_or_skip(request.param)


def _host(engine: str) -> str:
    """The registry host an unqualified source resolves on under ``engine``."""
    return mirror.OPENTOFU_HOST if Path(engine).name.startswith("tofu") else mirror.HOST


def _without_python_setting(env: dict[str, str]) -> dict[str, str]:
    env = dict(env)
    env.pop(mirror.PYTHON_ENV, None)
    return env


def _mirror(command: list[str], directory: Path, config: Path, env: dict[str, str]) -> str:
    """``COMMAND terraform-mirror DIRECTORY > CONFIG``, as the README runs it; its stderr."""
    with config.open("w") as out:
        done = subprocess.run(
            [*command, "terraform-mirror", str(directory)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_readme_install_through_the_mirror_inits_offline_and_applies(
    make_workspace: Callable[..., Workspace], seeded: Seeded, engine: str, tmp_path: Path
) -> None:
    # The README's steps: `appfabric-connect terraform-mirror DIR > FILE`,
    # TF_CLI_CONFIG_FILE=FILE, `terraform init`; the launcher finds this install's Python
    # through the `appfabric-connect` command on PATH (no APPFABRIC_CONNECT_PYTHON).
    config = tmp_path / "appfabric.tfrc"
    env = _without_python_setting(dict(os.environ))
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    said = _mirror([str(BIN / "appfabric-connect")], tmp_path / "mirror", config, env)
    assert f"runs with {BIN / 'python'}" in said or f"runs with {sys.executable}" in said, said
    workspace = make_workspace(cli_config=config)
    workspace.env = {**_without_python_setting(workspace.env), "PATH": env["PATH"]}
    workspace.seeded = seeded
    write_asana(workspace)
    workspace.run("init", "-no-color")
    lock = (workspace.directory / ".terraform.lock.hcl").read_text()
    assert LOCKED.format(host=_host(engine)) in lock
    assert f'version = "{__version__}"' in lock
    workspace.apply()
    assert workspace.connection("asana")["status"] == "Connected"
    assert workspace.plan_exit_code() == 0


def _second_install(where: Path) -> Path:
    """Another Python install of this package, at another path: a venv (no pip) that reads
    this one's site-packages (the package and its dependencies). Returns its python."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120
    )
    python = where / "bin" / "python"
    found = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = "".join(f"import site; site.addsitedir({path!r})\n" for path in site.getsitepackages())
    (Path(found.stdout.strip()) / "appfabric_connect_first_install.pth").write_text(lines)
    return python


def test_a_lock_file_made_with_one_install_holds_for_another(
    make_workspace: Callable[..., Workspace], seeded: Seeded, engine: str, tmp_path: Path
) -> None:
    other = _second_install(tmp_path / "other-venv")
    clean = _without_python_setting(dict(os.environ))
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _mirror(
        [sys.executable, "-m", "appfabric_connect"], first / "mirror", first / "cli.tfrc", clean
    )
    _mirror([str(other), "-m", "appfabric_connect"], second / "mirror", second / "cli.tfrc", clean)
    zips = sorted(p.relative_to(first / "mirror") for p in (first / "mirror").rglob("*.zip"))
    assert len(zips) >= 2 * len(mirror.PLATFORMS)
    for name in zips:  # the same bytes, whichever Python and directory made them
        assert (first / "mirror" / name).read_bytes() == (second / "mirror" / name).read_bytes()
    launcher = mirror.launcher()
    assert sys.executable not in launcher and str(other) not in launcher
    assert str(tmp_path) not in launcher and str(ROOT) not in launcher

    # One teammate: init writes the lock file (to be committed), then locks other platforms.
    mine = make_workspace("mine", cli_config=first / "cli.tfrc")
    mine.env[mirror.PYTHON_ENV] = sys.executable
    mine.seeded = seeded
    write_asana(mine)
    mine.run("init", "-no-color")
    mine.run(
        "providers",
        "lock",
        "-no-color",
        f"-fs-mirror={first / 'mirror'}",
        "-platform=linux_amd64",
        "-platform=linux_arm64",
        "-platform=darwin_arm64",
        "-platform=darwin_amd64",
    )
    lock = (mine.directory / ".terraform.lock.hcl").read_text()
    assert LOCKED.format(host=_host(engine)) in lock
    refused = mine.run(
        "providers",
        "lock",
        "-no-color",
        f"-fs-mirror={first / 'mirror'}",
        "-platform=windows_amd64",
        check=False,
    )
    assert refused.returncode != 0  # no zip for it: the lock covers the mirror's platforms only

    # Another teammate (another install, another mirror): init with the committed lock file.
    theirs = make_workspace("theirs", cli_config=second / "cli.tfrc")
    theirs.env[mirror.PYTHON_ENV] = str(other)
    theirs.seeded = seeded
    write_asana(theirs)
    (theirs.directory / ".terraform.lock.hcl").write_text(lock)
    theirs.run("init", "-no-color", "-lockfile=readonly")
    assert (theirs.directory / ".terraform.lock.hcl").read_text() == lock
    assert mirror.check_launcher(theirs.env) == (True, f"{other} {__version__}")
    theirs.apply()
    assert theirs.connection("asana")["status"] == "Connected"


def test_launcher_without_a_python_says_what_to_set_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    base = {"PATH": str(empty), "HOME": str(tmp_path)}
    cases = {
        "APPFABRIC_CONNECT_PYTHON=/nonexistent is not an executable": {
            **base,
            mirror.PYTHON_ENV: "/nonexistent",
        },
        "no Python with appfabric-connect[terraform]": base,
    }
    # A python3 on PATH without the package (the interpreter this venv was made from).
    bare = tmp_path / "bare-bin"
    bare.mkdir()
    (bare / "python3").symlink_to(getattr(sys, "_base_executable", sys.executable))
    cases["has no appfabric-connect"] = {**base, "PATH": str(bare)}
    for expected, env in cases.items():
        ok, said = mirror.check_launcher(env)
        assert not ok and expected in said, said
        assert "APPFABRIC_CONNECT_PYTHON" in said
        script = tmp_path / mirror.EXECUTABLE
        script.write_text(mirror.launcher())
        done = subprocess.run(
            ["/bin/sh", str(script)], capture_output=True, text=True, env=env, cwd=tmp_path
        )
        assert done.returncode == 1
        assert len(done.stderr.splitlines()) == 1 and expected in done.stderr, done.stderr
        assert done.stdout == ""  # only under an engine (TF_PLUGIN_MAGIC_COOKIE), which shows it


def test_launcher_python_code_has_no_single_quote() -> None:
    """The launcher's Python is one single-quoted shell word."""
    body = mirror.LAUNCHER.split("-c '", 1)[1].rsplit('\' "$want" "$fix"', 1)[0]
    assert "'" not in body


def test_terraform_mirror_refuses_a_python_that_cannot_run_the_provider(tmp_path: Path) -> None:
    for python, expected in (
        ("/nonexistent", "--python /nonexistent: no such executable"),
        (str(tmp_path), "no such executable"),
    ):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "appfabric_connect",
                "terraform-mirror",
                "--python",
                python,
                str(tmp_path / "mirror"),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2
        assert done.stderr.splitlines() == [f"appfabric-connect terraform-mirror: {expected}"] or (
            len(done.stderr.splitlines()) == 1 and expected in done.stderr
        ), done.stderr
        assert "Traceback" not in done.stderr and not (tmp_path / "mirror").exists()
