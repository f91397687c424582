"""Summaries of repeated measurements (min / median / max) and Markdown tables."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Stats:
    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Iterable[float]) -> Stats:
        return cls(tuple(values))

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    def fmt(self, unit: str = "", scale: float = 1.0, digits: int = 0) -> str:
        """``min / median / max`` with ``unit``, each value multiplied by ``scale``."""
        parts = [f"{v * scale:.{digits}f}" for v in (self.min, self.median, self.max)]
        if len(set(parts)) == 1:
            return f"{parts[0]}{unit}"
        return " / ".join(parts) + unit


def ms(stats: Stats) -> str:
    return stats.fmt(" ms", 1000.0)


def seconds(stats: Stats, digits: int = 2) -> str:
    return stats.fmt(" s", 1.0, digits)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
