"""Map removals onto labelled lines, and score the line labels a cleaner predicts.

    >>> removal = SimpleSpan("copyright", 11, 22)
    >>> predict_lines("Real text\\n\\n(c) 2024 AP", [removal], [1, 3])
    {1: 'keep', 3: 'copyright'}

A line is predicted as the kind whose removals cover at least half of its
characters (the line stripped of surrounding whitespace; removals of one kind
add up); a removal kind outside the four label kinds counts as `boilerplate`.
Any other line is predicted `keep`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

KEEP = "keep"
NOISE_KINDS = ("duplicate_headline", "copyright", "truncated", "boilerplate")
OTHER_KIND = "boilerplate"
# A line counts as removed when removals cover at least this share of its characters.
LINE_COVER_MIN = 0.5


class Span(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class SimpleSpan:
    """A removal reduced to what line mapping needs (picklable, JSON-friendly)."""

    kind: str
    start: int
    end: int


def label_kind(kind: str) -> str:
    """The label a removal kind maps to."""
    return kind if kind in NOISE_KINDS else OTHER_KIND


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `text.splitlines()` line, stripped; index 0 is line 1."""
    spans = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.splitlines()[0]
        start = position + len(content) - len(content.lstrip())
        spans.append((start, max(start, position + len(content.rstrip()))))
        position += len(raw)
    return spans


def line_cover(span: tuple[int, int], removals: Iterable[Span]) -> dict[str, int]:
    """Characters of the line covered by removals, by label kind."""
    start, end = span
    cover: Counter[str] = Counter()
    for removal in removals:
        shared = min(end, removal.end) - max(start, removal.start)
        if shared > 0:
            cover[label_kind(removal.kind)] += shared
    return dict(cover)


def predict_line(span: tuple[int, int], removals: Iterable[Span]) -> tuple[str, float]:
    """(predicted label, share of the line's characters removed) for one line."""
    length = span[1] - span[0]
    cover = line_cover(span, removals)
    if length <= 0 or not cover:
        return KEEP, 0.0
    removed = min(1.0, sum(cover.values()) / length)
    kind, chars = max(cover.items(), key=lambda item: (item[1], item[0]))
    return (kind if chars >= LINE_COVER_MIN * length else KEEP), removed


def predict_lines(text: str, removals: Sequence[Span], numbers: Iterable[int]) -> dict[int, str]:
    """Predicted label of each given 1-based line number of `text`."""
    spans = line_spans(text)
    return {n: predict_line(spans[n - 1], removals)[0] for n in numbers}


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _binary(
    pairs: Sequence[tuple[str, str]], positive: Iterable[str]
) -> dict[str, int | float | None]:
    wanted = set(positive)
    tp = sum(1 for gold, pred in pairs if gold in wanted and pred in wanted)
    fp = sum(1 for gold, pred in pairs if gold not in wanted and pred in wanted)
    fn = sum(1 for gold, pred in pairs if gold in wanted and pred not in wanted)
    return {
        "support": tp + fn,
        "predicted": tp + fp,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
    }


def score_lines(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Precision and recall per kind and for noise vs keep, from (gold, predicted) labels.

    For one kind a line counts as right only with the exact kind; for `noise`
    any noise kind is right for any noise line. A ratio with nothing to divide
    by is None.
    """
    confusion: dict[str, Counter[str]] = {}
    for gold, pred in pairs:
        confusion.setdefault(gold, Counter())[pred] += 1
    return {
        "lines": len(pairs),
        "per_kind": {kind: _binary(pairs, [kind]) for kind in (*NOISE_KINDS, KEEP)},
        "noise": _binary(pairs, NOISE_KINDS),
        "confusion": {gold: dict(counts) for gold, counts in sorted(confusion.items())},
    }
