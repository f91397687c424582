"""Which modules a few lines of code import, run in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence


def imported_by(code: str, modules: Sequence[str]) -> list[str]:
    """Those of ``modules`` that are imported once ``code`` has run in a new interpreter."""
    check = f"import sys\nprint(','.join(m for m in {tuple(modules)!r} if m in sys.modules))"
    printed = subprocess.run(
        [sys.executable, "-c", f"{code}\n{check}"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return printed.split(",") if printed else []
