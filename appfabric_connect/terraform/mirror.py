"""Installing the provider the way Terraform users do: a filesystem mirror, or dev_overrides.

A mirror holds one zip per platform, laid out as Terraform's packed layout wants it
(``<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip``); the zip holds
a launcher that runs this Python's ``python -m appfabric_connect.terraform``. ``terraform init``
then installs from it offline and records its checksums in ``.terraform.lock.hcl``.
"""

from __future__ import annotations

import platform
import stat
import sys
import zipfile
from pathlib import Path

from .. import __version__

HOST = "registry.terraform.io"
NAMESPACE = "appfabric-connect"
TYPE = "appfabricconnect"
SOURCE = f"{NAMESPACE}/{TYPE}"
EXECUTABLE = f"terraform-provider-{TYPE}"
_ARCHES = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}


def terraform_platform() -> str:
    """This machine as Terraform names platforms: ``linux_amd64``, ``darwin_arm64``, …"""
    machine = platform.machine().lower()
    return f"{sys.platform.removesuffix('2')}_{_ARCHES.get(machine, machine)}"


def launcher(python: str) -> str:
    """A shell script that starts the provider with ``python`` (the one with this package)."""
    return f'#!/bin/sh\nexec "{python}" -m appfabric_connect.terraform "$@"\n'


def write_launcher(directory: Path, python: str = sys.executable) -> Path:
    """The executable dev_overrides points at: ``DIRECTORY/terraform-provider-appfabricconnect``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / EXECUTABLE
    path.write_text(launcher(python))
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def write_mirror(directory: Path, python: str = sys.executable) -> Path:
    """The mirror's zip for this platform; returns its path."""
    where = directory / HOST / NAMESPACE / TYPE
    where.mkdir(parents=True, exist_ok=True)
    archive = where / f"{EXECUTABLE}_{__version__}_{terraform_platform()}.zip"
    entry = zipfile.ZipInfo(EXECUTABLE, date_time=(2020, 1, 1, 0, 0, 0))
    entry.external_attr = (stat.S_IFREG | 0o755) << 16
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(entry, launcher(python))
    return archive


def mirror_config(directory: Path) -> str:
    """The CLI configuration that installs this provider from the mirror, others as usual."""
    return (
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f'    path    = "{directory.resolve()}"\n'
        f'    include = ["{HOST}/{SOURCE}"]\n'
        "  }\n"
        "  direct {\n"
        f'    exclude = ["{HOST}/{SOURCE}"]\n'
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
