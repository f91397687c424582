"""A generated Pulumi YAML program of N package resources, and the CLI environment it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.harness import REPO
from bench.pulumi_runs import Project

NAME = "appfabric-connect-bench-yaml"
TOKEN = "appfabric-connect:index:AppAuthorizationConnection"
PLUGIN = "pulumi-resource-appfabric-connect"


def program(n: int) -> str:
    """``Pulumi.yaml`` declaring ``n`` connections ``c0`` ... from the config list of ARNs."""
    lines = [
        f"name: {NAME}",
        "runtime: yaml",
        "config:",
        "  bundle:",
        "    type: string",
        "  authorizations:",
        "    type: array",
        "    items:",
        "      type: string",
        "resources:",
    ]
    for index in range(n):
        lines += [
            f"  c{index}:",
            f"    type: {TOKEN}",
            "    properties:",
            "      appBundleIdentifier: ${bundle}",
            f"      appAuthorizationIdentifier: ${{authorizations[{index}]}}",
        ]
    return "\n".join(lines) + "\n"


def package_env(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with the YAML language host and this virtualenv's plugin first on PATH."""
    plugin_dir = Path(sys.executable).parent
    if not (plugin_dir / PLUGIN).is_file():
        raise RuntimeError(f"no {PLUGIN} in {plugin_dir}: run `pip install -e .`")
    host_dir = subprocess.run(
        [str(REPO / "scripts" / "ensure-pulumi-yaml")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.strip()
    return {**env, "PATH": os.pathsep.join([host_dir, str(plugin_dir), env["PATH"]])}


class PackageProject(Project):
    """The generated YAML program of ``n`` package resources, in a throwaway project."""

    def __init__(self, root: Path, env: Mapping[str, str], n: int) -> None:
        super().__init__(root, package_env(env), {"Pulumi.yaml": program(n)})

    def new_stack(self, name: str, bundle: str, authorizations: Sequence[str]) -> None:
        """``stack init``, then the program's config: the bundle and the list of ARNs."""
        self.new_stack_with(
            name, {f"{NAME}:bundle": bundle, f"{NAME}:authorizations": list(authorizations)}
        )
