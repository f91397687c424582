"""Installing the provider the way Terraform users do: a filesystem mirror, or dev_overrides.

A mirror holds one zip per platform and registry host, laid out as Terraform's packed layout
wants it (``<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip``),
under ``registry.terraform.io`` (Terraform's default host) and ``registry.opentofu.org``
(OpenTofu's), so that the one source ``appfabric-connect/appfabricconnect`` installs under both
engines. ``terraform init`` / ``tofu init`` then install from it offline and record its checksums
in ``.terraform.lock.hcl``.

The zip holds a launcher (a POSIX shell script) that embeds nothing of the machine it was made
on: the zip of one version is the same bytes wherever it is made, for every platform, so a
committed lock file holds on a teammate's machine and a CI runner. The launcher finds its Python
when the engine starts it (see ``LAUNCHER``); when it cannot, it prints one line naming the fix
to stderr and exits 1.
"""

from __future__ import annotations

import os
import platform
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .. import __version__

HOST = "registry.terraform.io"
OPENTOFU_HOST = "registry.opentofu.org"
HOSTS = (HOST, OPENTOFU_HOST)
NAMESPACE = "appfabric-connect"
TYPE = "appfabricconnect"
SOURCE = f"{NAMESPACE}/{TYPE}"
EXECUTABLE = f"terraform-provider-{TYPE}"
PYTHON_ENV = "APPFABRIC_CONNECT_PYTHON"
# The launcher is a shell script: the same bytes serve every POSIX platform, so the mirror holds
# it for these (and this machine's), and `terraform providers lock -platform=…` can cover them.
PLATFORMS = ("darwin_amd64", "darwin_arm64", "linux_amd64", "linux_arm64")
_ARCHES = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
# The launcher's first step, run before site: its text is the start of the launcher's program.
WARM_CLIENT = Path(__file__).parent.parent / "warm" / "client.py"

# Which Python runs the provider, decided each time the engine starts it:
#   1. $APPFABRIC_CONNECT_PYTHON, when set (a path, or a command on PATH);
#   2. else the interpreter of the `appfabric-connect` command on PATH (its `#!` line, as pip
#      writes it), which is the Python the package was installed into;
#   3. else `python3` on PATH.
# That Python must have appfabric-connect[terraform] of the launcher's version. `--check` prints
# the Python and version found instead of starting the provider.
LAUNCHER = """\
#!/bin/sh
# terraform-provider-appfabricconnect {version}: starts the appfabric-connect provider with
# $APPFABRIC_CONNECT_PYTHON, else the Python of the `appfabric-connect` command on PATH, else
# `python3` on PATH. It embeds no path of the machine it was made on.
want={version}
fix="set APPFABRIC_CONNECT_PYTHON to the python of the environment"
fix="$fix where appfabric-connect[terraform] $want is installed"
# A failure is one line on stderr and, under an engine, on stdout too: Terraform and OpenTofu
# show the plugin's first stdout line ("Unrecognized remote plugin message: …"), not its stderr.
fail() {{
  echo "terraform-provider-appfabricconnect: $*" >&2
  [ -z "${{TF_PLUGIN_MAGIC_COOKIE:-}}" ] || echo "terraform-provider-appfabricconnect: $*"
  exit 1
}}
if [ -n "${{APPFABRIC_CONNECT_PYTHON:-}}" ]; then
  case $APPFABRIC_CONNECT_PYTHON in  # a path: no subshell (each start pays one)
    /*) python=$APPFABRIC_CONNECT_PYTHON; [ -f "$python" ] && [ -x "$python" ] ;;
    *) python=$(command -v "$APPFABRIC_CONNECT_PYTHON" 2>/dev/null) ;;
  esac ||
    fail "APPFABRIC_CONNECT_PYTHON=$APPFABRIC_CONNECT_PYTHON is not an executable: $fix"
else
  python=
  if script=$(command -v appfabric-connect 2>/dev/null); then
    # pip's console script starts `#!PYTHON`, or for a long path `#!/bin/sh` and then
    # a line `'''exec' "PYTHON" "$0" "$@"`
    shebang='1s/^#![[:space:]]*\\([^[:space:]]*python[^[:space:]]*\\)[[:space:]]*$/\\1/p'
    long="2s/^'''exec' \\"\\(.*\\)\\" \\"\\$0\\" \\"\\$@\\"\\$/\\1/p"
    python=$(sed -n -e "$shebang" -e "$long" "$script" 2>/dev/null | head -n 1)
    [ -n "$python" ] && [ -x "$python" ] || python=
  fi
  [ -n "$python" ] || python=$(command -v python3 2>/dev/null) ||
    fail "no Python with appfabric-connect[terraform] $want found on PATH: $fix"
fi
# python -S: site (about 25 ms) only for a cold start; a warm one needs only attach (below).
exec "$python" -S -c 'import sys
if sys.path[:1] == [""]:
    del sys.path[0]  # not the working directory (the configuration, when an engine runs this)
{warm_client}
want, fix, check = sys.argv[1], sys.argv[2], sys.argv[3:4] == ["--check"]
if not check and os.environ.get("TF_PLUGIN_MAGIC_COOKIE"):
    # A later start of this engine run: its warm parent starts the plugin.
    attach("terraform", want, os.getppid(), sys.argv[3:])
import site
site.main()
def fail(message):
    line = f"terraform-provider-appfabricconnect: {{sys.executable}} {{message}}"
    if os.environ.get("TF_PLUGIN_MAGIC_COOKIE"):
        print(line, flush=True)
    sys.exit(line)
try:
    import appfabric_connect
except ImportError:
    fail(f"has no appfabric-connect: {{fix}}")
have = appfabric_connect.__version__
if have != want:
    fail(
        f"has appfabric-connect {{have}}, not {{want}} (the version in .terraform.lock.hcl): "
        f"{{fix}}, or run `appfabric-connect terraform-mirror` and `terraform init -upgrade` "
        f"to use {{have}}"
    )
try:
    import appfabric_connect.terraform.server
except ImportError as error:
    fail(f"lacks {{error.name}}: install appfabric-connect[terraform] {{want}} there")
if check:
    print(sys.executable, have)
    sys.exit(0)
del sys.argv[1:3]
from appfabric_connect.terraform import main
main()
' "$want" "$fix" "$@"
"""


def terraform_platform() -> str:
    """This machine as Terraform names platforms: ``linux_amd64``, ``darwin_arm64``, …"""
    machine = platform.machine().lower()
    return f"{sys.platform.removesuffix('2')}_{_ARCHES.get(machine, machine)}"


def launcher(python: str | None = None) -> str:
    """The launcher script; with ``python``, a dev_overrides launcher that defaults
    APPFABRIC_CONNECT_PYTHON to it (never in a mirror's zip)."""
    client = WARM_CLIENT.read_text(encoding="utf-8")
    if "'" in client:  # it sits between the single quotes of the launcher
        raise ValueError(f"{WARM_CLIENT.name} holds a single quote")
    script = LAUNCHER.format(version=__version__, warm_client=client.rstrip("\n"))
    if python is None:
        return script
    head, rest = script.split("\n", 1)
    default = _sh_quote(python)
    return f'{head}\n: "${{{PYTHON_ENV}:={default}}}"  # dev_overrides: this checkout\'s\n{rest}'


def _sh_quote(text: str) -> str:
    """``text`` for inside a double-quoted shell word."""
    for special in ("\\", '"', "$", "`"):
        text = text.replace(special, "\\" + special)
    return text


def write_launcher(directory: Path, python: str = sys.executable) -> Path:
    """The executable dev_overrides points at: ``DIRECTORY/terraform-provider-appfabricconnect``,
    running ``python`` unless APPFABRIC_CONNECT_PYTHON says otherwise."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / EXECUTABLE
    path.write_text(launcher(python))
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def archive_bytes() -> bytes:
    """The zip of this version: the same bytes on every machine and for every platform (fixed
    time and mode, stored, not deflated: zlib builds differ)."""
    entry = zipfile.ZipInfo(EXECUTABLE, date_time=_ZIP_TIME)
    entry.create_system = 3  # Unix: the mode below is kept
    entry.external_attr = (stat.S_IFREG | 0o755) << 16
    entry.compress_type = zipfile.ZIP_STORED
    with tempfile.SpooledTemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zipped:
            zipped.writestr(entry, launcher())
        buffer.seek(0)
        return buffer.read()


def platforms(extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The platforms a mirror holds: PLATFORMS, this machine's, and ``extra``."""
    return tuple(sorted({*PLATFORMS, terraform_platform(), *extra}))


def write_mirror(directory: Path, extra_platforms: tuple[str, ...] = ()) -> list[Path]:
    """The mirror's zips, one per host and platform; returns their paths."""
    data = archive_bytes()
    written = []
    for host in HOSTS:
        where = directory / host / NAMESPACE / TYPE
        where.mkdir(parents=True, exist_ok=True)
        for name in platforms(extra_platforms):
            archive = where / f"{EXECUTABLE}_{__version__}_{name}.zip"
            archive.write_bytes(data)
            written.append(archive)
    return written


def mirror_config(directory: Path) -> str:
    """The CLI configuration that installs this provider from the mirror under Terraform and
    OpenTofu (each engine reads its own host), others as usual."""
    sources = ", ".join(f'"{host}/{SOURCE}"' for host in HOSTS)
    return (
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f'    path    = "{directory.resolve()}"\n'
        f"    include = [{sources}]\n"
        "  }\n"
        "  direct {\n"
        f"    exclude = [{sources}]\n"
        "  }\n"
        "}\n"
    )


def dev_overrides_config(directory: Path) -> str:
    """The CLI configuration that runs the launcher in ``directory`` (no ``terraform init``)."""
    return (
        "provider_installation {\n"
        "  dev_overrides {\n"
        f'    "{SOURCE}" = "{directory.resolve()}"\n'
        "  }\n"
        "  direct {}\n"
        "}\n"
    )


def check_launcher(env: dict[str, str] | None = None) -> tuple[bool, str]:
    """Runs the mirror's launcher with ``--check`` in ``env`` (default: this environment):
    (True, "PYTHON VERSION") when it finds a Python that can run the provider, else (False,
    its one-line message)."""
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / EXECUTABLE
        script.write_text(launcher())
        done = subprocess.run(
            ["/bin/sh", str(script), "--check"],
            capture_output=True,
            text=True,
            env=dict(os.environ) if env is None else env,
            timeout=60,
            check=False,
        )
    if done.returncode == 0:
        return True, done.stdout.strip()
    lines = done.stderr.strip().splitlines()
    return False, lines[-1] if lines else f"the launcher exited {done.returncode}"


def python_problem(python: str) -> str | None:
    """Why ``python`` cannot run this provider (one line), or None when it can."""
    if not os.path.isfile(python) or not os.access(python, os.X_OK):
        return f"--python {python}: no such executable"
    try:
        done = subprocess.run(
            [
                python,
                "-c",
                "import appfabric_connect, msgpack, cryptography, grpc; "
                "print(appfabric_connect.__version__)",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except OSError as error:
        return f"--python {python}: cannot run it ({error.strerror})"
    if done.returncode != 0:
        return (
            f"--python {python}: it cannot import appfabric-connect[terraform]: install it "
            "there (pip install 'appfabric-connect[terraform]')"
        )
    if done.stdout.strip() != __version__:
        return (
            f"--python {python}: it has appfabric-connect {done.stdout.strip()}, not {__version__}"
        )
    return None
