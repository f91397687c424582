"""`terraform providers schema -json` (the real CLI, the provider installed through the filesystem
mirror): every attribute and block of the provider, resource and data source has a description,
and each is on its registry page (docs/, scripts/gen-tfdocs)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from appfabric_connect.terraform import mirror
from appfabric_connect.terraform import terraform_schema as s
from tests.terraform.conftest import ROOT
from tests.terraform.workspace import PROVIDER_BLOCK, Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

PAGES = {
    "provider": "docs/index.md",
    s.RESOURCE: "docs/resources/app_authorization_connection.md",
    s.DATA_SOURCE: "docs/data-sources/app_authorization.md",
}


def _members(block: dict[str, Any], path: str) -> Iterator[tuple[str, str, str]]:
    """(path, name, description) of every attribute and nested block, depth first."""
    for name, attribute in block.get("attributes", {}).items():
        yield f"{path}.{name}", name, attribute.get("description", "")
    for name, nested in block.get("block_types", {}).items():
        yield f"{path}.{name}", name, nested["block"].get("description", "")
        yield from _members(nested["block"], f"{path}.{name}")


@pytest.fixture
def provider_schema(
    make_workspace: Callable[..., Workspace], mirror_config: Path
) -> dict[str, Any]:
    workspace = make_workspace(cli_config=mirror_config)
    workspace.env[mirror.PYTHON_ENV] = sys.executable
    workspace.write("", PROVIDER_BLOCK)
    workspace.run("init", "-no-color")
    shown = json.loads(workspace.run("providers", "schema", "-json").stdout)
    schemas = shown["provider_schemas"]
    assert len(schemas) == 1, list(schemas)
    found: dict[str, Any] = next(iter(schemas.values()))
    return found


def test_every_attribute_and_block_in_the_engines_schema_has_a_description(
    provider_schema: dict[str, Any],
) -> None:
    blocks = {
        "provider": provider_schema["provider"]["block"],
        s.RESOURCE: provider_schema["resource_schemas"][s.RESOURCE]["block"],
        s.DATA_SOURCE: provider_schema["data_source_schemas"][s.DATA_SOURCE]["block"],
    }
    for kind, block in blocks.items():
        assert block.get("description", "").strip(), kind
        members = list(_members(block, kind))
        assert len(members) > 5, kind
        missing = [path for path, _, text in members if not text.strip()]
        assert not missing, f"no description: {missing}"
        page = (ROOT / PAGES[kind]).read_text()
        for path, name, text in members:
            assert f"- `{name}` (" in page and text in page, f"{path} is not on {PAGES[kind]}"
