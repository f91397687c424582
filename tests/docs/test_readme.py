"""The README's tables and layout agree with the code they describe."""

from __future__ import annotations

import re
from pathlib import Path

import appfabric_connect
from appfabric_connect import schema
from appfabric_connect.schema import Property

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()


def _table_after(heading: str) -> str:
    """The first Markdown table after ``heading``, as its lines joined."""
    section = README.split(f"\n{heading}\n", 1)[1]
    lines = section.strip().splitlines()
    return "\n".join(line for line in lines[: _table_end(lines)] if line.startswith("|"))


def _table_end(lines: list[str]) -> int:
    started = False
    for index, line in enumerate(lines):
        if line.startswith("|"):
            started = True
        elif started:
            return index
    return len(lines)


def _rows(heading: str) -> list[tuple[str, str, str]]:
    """The first table after ``heading``: each row's name, type and (last cell) meaning."""
    rows = [line.strip("|").split(" | ") for line in _table_after(heading).splitlines()[2:]]
    return [(row[0].strip().strip("`"), row[1].strip(), row[-1].strip()) for row in rows]


def _described(properties: tuple[Property, ...]) -> list[tuple[str, str, str]]:
    return [(prop.name, prop.type, prop.pulumi_doc) for prop in properties]


# scripts/gen-args writes both tables; tests/docs/test_generated.py checks it was rerun.
def test_the_inputs_table_is_the_schemas() -> None:
    assert _rows("### Inputs") == _described(schema.INPUTS)


def test_the_outputs_table_is_the_schemas() -> None:
    assert _rows("### Outputs") == _described(schema.OUTPUTS)


def _layout_rows() -> dict[str, str]:
    """The Layout table: each path (``appfabric_connect/provider/``) and what its row says."""
    layout = README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (.*) \|$", layout, flags=re.MULTILINE)
    return dict(rows)


def test_the_layout_names_every_module_of_the_package_in_its_folders_row() -> None:
    rows = _layout_rows()
    package = Path(appfabric_connect.__file__).parent  # the checkout's, or the installed wheel's
    for folder in sorted({p.parent for p in package.rglob("*.py") if "__pycache__" not in p.parts}):
        row = rows[f"{folder.relative_to(package.parent).as_posix()}/"]
        modules = {p.name for p in folder.glob("*.py") if p.name != "__init__.py"}
        named = set(re.findall(r"`([a-z0-9_]+\.py)`", row))

        assert modules - named == set(), f"{folder.name}: modules the Layout does not name"
        assert named - modules == set(), f"{folder.name}: modules the Layout names in vain"


def test_the_layout_names_every_top_level_folder() -> None:
    rows = _layout_rows()
    tracked = {"appfabric_connect", "tests", "bench", "examples", "scripts", "docs"}

    assert {path.split("/")[0] for path in rows} == tracked
