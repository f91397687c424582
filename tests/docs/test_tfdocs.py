"""docs/ (the Terraform registry's pages, tfplugindocs' layout) is what scripts/gen-tfdocs writes
from the provider's schema today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from appfabric_connect.terraform import terraform_schema as schema
from appfabric_connect.terraform.terraform_blocks import Block
from tests.support.generators import generated

REPO = Path(__file__).resolve().parents[2]
PAGES = {
    "docs/index.md": schema.PROVIDER,
    "docs/resources/app_authorization_connection.md": schema.RESOURCE_BLOCK,
    "docs/data-sources/app_authorization.md": schema.DATA_SOURCE_BLOCK,
}


@pytest.mark.parametrize("page", PAGES)
def test_a_registry_page_is_what_gen_tfdocs_writes_from_the_schema(page: str) -> None:
    assert (REPO / page).read_text() == generated("gen-tfdocs", page), "run scripts/gen-tfdocs"


def _documented(block: Block, path: str = "") -> list[str]:
    """``- `name` (`` of every attribute and block, nested ones included."""
    found = [f"- `{attr.name}` (" for attr in block.attributes]
    for nested in block.blocks:
        found.append(f"- `{nested.name}` (")
        found += _documented(nested.block, f"{path}{nested.name}.")
    return found


@pytest.mark.parametrize(("page", "block"), PAGES.items(), ids=list(PAGES))
def test_a_registry_page_lists_every_attribute_in_tfplugindocs_layout(
    page: str, block: Block
) -> None:
    text = (REPO / page).read_text()

    assert text.startswith('---\npage_title: "')
    assert "\n## Example Usage\n\n```terraform\n" in text
    assert "\n## Schema\n" in text
    for line in _documented(block):
        assert f"\n{line}" in text, line


def test_gen_tfdocs_check_passes_on_the_committed_pages() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen-tfdocs"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
