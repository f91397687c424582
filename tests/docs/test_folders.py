"""Each folder of the package says what it owns and may import, and imports nothing else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import appfabric_connect

PACKAGE = Path(appfabric_connect.__file__).parent  # the checkout's, or the installed wheel's
FOLDERS = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))


def _may_import(folder: str) -> set[str]:
    """The names in double backquotes of the paragraph of the docstring after ``May import:``."""
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())) or ""
    rule = doc.partition("May import:")[2].split("\n\n")[0]
    return set(re.findall(r"``([a-z_-]+)``", rule))


def _imports(folder: str) -> set[str]:
    """What the folder's modules import of the package (its top-level names) and ``pulumi``."""
    found: set[str] = set()
    for path in (PACKAGE / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(_top(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add(_top(node.module or ""))
            elif isinstance(node, ast.ImportFrom) and node.level == 2:
                names = [node.module] if node.module else [a.name for a in node.names]
                found.update(str(name).split(".")[0] for name in names)
    return found - {folder, "", "__version__"}


def _top(module: str) -> str:
    """``appfabric_connect.aws.arn`` → ``aws``; ``pulumi.dynamic`` → ``pulumi``; others: ""."""
    parts = module.split(".")
    if parts[0] == "appfabric_connect" and len(parts) > 1:
        return parts[1]
    return "pulumi" if parts[0] == "pulumi" else ""


def test_the_package_has_the_folders_of_the_layout() -> None:
    assert FOLDERS == ["aws", "cli", "core", "emulator", "package", "provider", "terraform"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_says_what_it_owns_and_may_import(folder: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())) or ""

    assert "Owns:" in doc
    assert _may_import(folder)


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_imports_only_what_its_docstring_allows(folder: str) -> None:
    assert _imports(folder) - _may_import(folder) == set()


def test_the_core_aws_and_emulator_do_not_import_pulumi_or_a_front_end() -> None:
    for folder in ("core", "aws", "emulator"):
        front_ends = {"pulumi", "provider", "package", "cli", "terraform"}
        assert _imports(folder) & front_ends == set(), folder


def test_the_terraform_provider_imports_no_pulumi_front_end() -> None:
    assert _imports("terraform") & {"pulumi", "provider", "package", "statuses"} == set()
