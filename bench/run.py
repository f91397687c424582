#!/usr/bin/env python3
"""`make bench`: measures (bench/measure.py, results.json), then reports (bench/report.py)."""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a script: Python put bench/ first on the path, not the repository
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import measure, report


def main() -> int:
    measure.main()
    return report.main()


if __name__ == "__main__":
    sys.exit(main())
