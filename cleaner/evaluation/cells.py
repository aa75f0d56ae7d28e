"""The cells of the evaluation tables: a section of rows, and how a figure is written.

Numbers have 3 decimals; a figure that does not exist (no gap to close, no
line predicted) shows as "–".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MISSING = "–"
# Cells longer than this are cut in the tables (eval.json keeps the longer excerpt).
CELL_CHARS = 160


@dataclass(frozen=True)
class Section:
    title: str
    columns: Sequence[str]
    rows: list[list[str]]
    note: str = ""


def fmt(value: Any) -> str:
    """A cell: floats with 3 decimals, None as a dash, text on one line and cut."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def prf(scores: dict[str, Any] | None) -> list[str]:
    """F1, precision and recall as three cells (dashes when there are no scores)."""
    if not scores:
        return [MISSING] * 3
    return [fmt(scores["f1"]), fmt(scores["precision"]), fmt(scores["recall"])]


def removed(pairs: Sequence[Sequence[str]], title: str | None = None) -> str:
    """Removals as "[kind] text | ...", led by the line taken as title (left out of .body)."""
    items = ([["title, not in .body", title]] if title else []) + list(pairs)
    return " | ".join(f"[{kind}] {text}" for kind, text in items) or MISSING
