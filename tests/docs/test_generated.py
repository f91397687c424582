"""The generated modules are what their generator writes from the schema today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from appfabric_connect import aws_config_args

REPO = Path(__file__).resolve().parents[2]


def test_aws_config_args_is_what_gen_args_writes_from_the_schema() -> None:
    written = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen-args"), "--stdout"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout

    assert Path(aws_config_args.__file__).read_text() == written, "run scripts/gen-args"


def test_a_generated_module_says_so_on_its_first_line() -> None:
    first = Path(aws_config_args.__file__).read_text().splitlines()[0]

    assert first == "# Generated from schema.py by scripts/gen-args — do not edit."
