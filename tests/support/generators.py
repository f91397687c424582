"""What a generator in scripts/ writes for one target, read from its ``--stdout``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def generated(script: str, target: str) -> str:
    """``scripts/<script> --stdout <target>``: the text it would write to ``target``."""
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), "--stdout", target],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
