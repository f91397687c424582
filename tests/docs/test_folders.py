"""Each folder of the package says what it owns and may import, and imports nothing else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import appfabric_connect

PACKAGE = Path(appfabric_connect.__file__).parent  # the checkout's, or the installed wheel's
# The package's folders, and the Pulumi front ends' own: ``pulumi/dynamic``, ``pulumi/package``.
FOLDERS = sorted(
    path.parent.relative_to(PACKAGE).as_posix()
    for path in [*PACKAGE.glob("*/__init__.py"), *PACKAGE.glob("pulumi/*/__init__.py")]
)
# The 0.1.0 names Pulumi state pickled, kept in one module (at the provider's pickled path).
PICKLED_PATH = PACKAGE / "provider.py"


def _may_import(folder: str) -> set[str]:
    """The names in double backquotes of the docstring's ``May import:`` paragraph, up to never."""
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())) or ""
    rule = doc.partition("May import:")[2].split("\n\n")[0].split("never")[0]
    return set(re.findall(r"``([a-z_/-]+)``", rule))


def _folder_of(path: Path) -> str:
    """The innermost folder of ``FOLDERS`` that holds the module (``""``: the package's own)."""
    where = path.relative_to(PACKAGE).as_posix()
    return max((f for f in FOLDERS if where.startswith(f"{f}/")), key=len, default="")


def _imports_of(path: Path) -> set[str]:
    """What one module imports of the package (see ``_name``) and ``pulumi``, lazily or not."""
    package = ["appfabric_connect", *path.parent.relative_to(PACKAGE).parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(_name(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found.update(_name(_submodule(module, alias.name)) for alias in node.names)
    return found - {""}


def _submodule(module: str, name: str) -> str:
    """``module.name`` when that is a module of the package (``from .. import core``), else
    ``module`` (``from ..core import statuses``: an attribute of ``core``)."""
    inner = PACKAGE.joinpath(*f"{module}.{name}".split(".")[1:])
    is_module = inner.with_suffix(".py").is_file() or (inner / "__init__.py").is_file()
    return f"{module}.{name}" if module.startswith("appfabric_connect") and is_module else module


def _imports(folder: str) -> set[str]:
    """What the folder's modules (not its own folders') import, less the folder's own modules."""
    found: set[str] = set()
    for path in (PACKAGE / folder).rglob("*.py"):
        if _folder_of(path) == folder:
            found |= _imports_of(path)
    return {name for name in found if _owner(name) != folder} - {"__version__"}


def _name(module: str) -> str:
    """``appfabric_connect.aws.arn`` → ``aws``; ``appfabric_connect.pulumi.dynamic.args`` →
    ``pulumi/dynamic``; ``appfabric_connect.pulumi.messages`` → ``pulumi/messages``;
    ``pulumi.dynamic`` (the SDK) → ``pulumi``; others: ""."""
    parts = module.split(".")
    if parts[0] == "pulumi":
        return "pulumi"
    if parts[0] != "appfabric_connect" or len(parts) == 1:
        return ""
    if parts[1] == "pulumi":
        return "/".join(parts[1:3]) if len(parts) > 2 else "pulumi/"
    return parts[1]


def _owner(name: str) -> str:
    """The folder a name of ``_name`` is in: itself, or ``pulumi`` for ``pulumi/messages``."""
    return name if name in FOLDERS else name.rpartition("/")[0]


def test_the_package_has_the_folders_of_the_layout() -> None:
    assert FOLDERS == [
        "aws",
        "cli",
        "core",
        "emulator",
        "pulumi",
        "pulumi/dynamic",
        "pulumi/package",
        "terraform",
        "warm",
    ]


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_says_what_it_owns_and_may_import(folder: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())) or ""

    assert "Owns:" in doc
    assert _may_import(folder)


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_imports_only_what_its_docstring_allows(folder: str) -> None:
    assert _imports(folder) - _may_import(folder) == set()


def test_no_module_outside_the_pulumi_front_ends_imports_pulumi() -> None:
    outside = [
        path
        for path in PACKAGE.rglob("*.py")
        if _folder_of(path).split("/")[0] != "pulumi" and path != PICKLED_PATH
    ]

    assert len(outside) > 50
    assert [path for path in outside if "pulumi" in _imports_of(path)] == []


def test_the_pickled_path_imports_only_the_classes_and_settings_it_keeps() -> None:
    assert _imports_of(PICKLED_PATH) == {"aws", "pulumi/dynamic", "pulumi/messages"}


def test_the_core_aws_and_emulator_do_not_import_pulumi_or_a_front_end() -> None:
    for folder in ("core", "aws", "emulator"):
        front_ends = {"pulumi", "provider", "cli", "terraform"}
        assert {name.split("/")[0] for name in _imports(folder)} & front_ends == set(), folder


def test_the_terraform_provider_imports_no_pulumi_front_end() -> None:
    assert {name.split("/")[0] for name in _imports("terraform")} & {"pulumi", "provider"} == set()
