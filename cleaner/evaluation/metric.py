"""The article-extraction-benchmark metric: 4-token shingle overlap, per document, averaged.

    >>> score = overlap("the bridge opened on monday", "the bridge opened on monday")
    >>> (score.precision, score.recall)
    (1.0, 1.0)

Tokens are `\\w+` matches (Unicode, case kept). Each text becomes the multiset
of its 4-token shingles; a text of one to three tokens is one shingle (its
whole token tuple). Per document, tp/fp/fn are the multiset overlap, predicted
extra and gold missing, normalised to sum to 1. Corpus precision and recall
are the means of the per-document figures; F1 is their harmonic mean.

Edge cases: a ratio 0/0 counts as 1.0 (nothing claimed, so nothing claimed wrongly).
- no gold and no prediction: P = R = 1.0 (the README's rule);
- an empty prediction of a non-empty gold: P = 1.0, R = 0.0;
- a non-empty prediction of an empty gold: P = 0.0, R = 1.0.
The empty-prediction case matters: goose3 and justext dumps, and line-oracle
outputs, have empty documents; scoring them P = 0 instead gives raw and oracle
figures up to 0.03 F1 below the project's reference numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4
# The line oracle keeps a line when at least this share of its shingles are gold shingles.
ORACLE_MIN_SHARE = 0.5

Shingle = tuple[str, ...]


def tokens(text: str | None) -> list[str]:
    """The `\\w+` tokens of `text`, case kept."""
    return TOKEN.findall(text or "")


def shingles(words: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """Multiset of `size`-token shingles; fewer tokens than `size` make one shingle."""
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def text_shingles(text: str | None) -> Counter[Shingle]:
    return shingles(tokens(text))


def _ratio(part: float, whole: float) -> float:
    """`part / whole`, with 0/0 counted as 1.0 (see the module docstring)."""
    return part / whole if whole > 0 else 1.0


def harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


@dataclass(frozen=True)
class Overlap:
    """One document's tp, fp and fn, normalised to sum to 1 (all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """This document's own F1 (for ranking documents; the corpus F1 is not their mean)."""
        return harmonic(self.precision, self.recall)


def overlap(gold: str | None, predicted: str | None) -> Overlap:
    """Score one predicted text against its gold text."""
    gold_shingles = text_shingles(gold)
    predicted_shingles = text_shingles(predicted)
    tp = sum((gold_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - gold_shingles).values())
    fn = sum((gold_shingles - predicted_shingles).values())
    total = tp + fp + fn
    if total == 0:
        return Overlap(0.0, 0.0, 0.0)
    return Overlap(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class Scores:
    """Corpus scores: mean precision and recall over documents, F1 their harmonic mean."""

    precision: float
    recall: float
    f1: float
    n: int

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "n": self.n}


def corpus_scores(overlaps: Iterable[Overlap]) -> Scores:
    """Average per-document precision and recall; an empty corpus scores 0 with n = 0."""
    items = list(overlaps)
    if not items:
        return Scores(0.0, 0.0, 0.0, 0)
    precision = sum(o.precision for o in items) / len(items)
    recall = sum(o.recall for o in items) / len(items)
    return Scores(precision, recall, harmonic(precision, recall), len(items))


def shingles_kept(gold: str | None, cleaned: str | None) -> float:
    """Share of gold's shingles (multiset) still present in `cleaned`; 1.0 for an empty gold."""
    gold_shingles = text_shingles(gold)
    total = sum(gold_shingles.values())
    if total == 0:
        return 1.0
    return sum((gold_shingles & text_shingles(cleaned)).values()) / total


class GoldLines:
    """Answers the line oracle's question for any line: is it mostly gold text?

    A line of 4+ tokens is gold when at least half of its 4-token shingles are gold
    shingles; a line of 1-3 tokens when its tokens occur contiguously in the gold; a
    line without tokens is not.
    """

    def __init__(self, gold: str | None) -> None:
        self.words = tokens(gold)
        self.shingles = set(shingles(self.words))
        self._short: dict[int, set[Shingle]] = {}

    def holds(self, line: str) -> bool:
        words = tokens(line)
        if not words:
            return False
        if len(words) < SHINGLE_SIZE:
            n = len(words)
            if n not in self._short:
                gold = self.words
                self._short[n] = {tuple(gold[i : i + n]) for i in range(len(gold) - n + 1)}
            return tuple(words) in self._short[n]
        line_shingles = [
            tuple(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)
        ]
        hits = sum(1 for s in line_shingles if s in self.shingles)
        return hits >= ORACLE_MIN_SHARE * len(line_shingles)


def line_oracle(dump: str, gold: str | None) -> str:
    """The dump with only its gold lines (see `GoldLines`): the best a line-dropping
    cleaner could do. Kept lines are joined with newlines."""
    oracle = GoldLines(gold)
    return "\n".join(line for line in dump.splitlines() if oracle.holds(line))
