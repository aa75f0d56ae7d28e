"""jusText's two passes over a page's blocks, applied to text lines.

A first, context-free pass labels each block by its length and stop-word density
(stop words from jusText's lists for the page's language):

- `good`: long (>= length_high chars) and dense in stop words: prose;
- `near`: dense enough but shorter, or long but a little thin;
- `short`: under length_low chars: a heading, a menu item, a caption...;
- `bad`: long enough to judge and low in stop words: lists of links, tags.

A second pass revises `short` and `near` blocks from their neighbours (both labels
are kept, for the report); three or more near blocks in a row are prose by
themselves. `fullpage` finds the article's run among the labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.config import Config
from cleaner.core.document import Block
from cleaner.core.language import stop_density

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"

# Blocks in a row, each near or good, that are prose whatever their neighbours: an
# article of 100-200-character paragraphs (common before 2010) has no block long enough
# to be `good`, and teasers alternate with short headlines, so they do not line up.
NEAR_RUN = 3


@dataclass(frozen=True)
class Labels:
    first: str  # the context-free label
    final: str  # after revising from the neighbours


def first_label(block: Block, stops: frozenset[str], config: Config) -> str:
    size = len(block.text)
    density = stop_density(block.words, stops)
    if size < config.fullpage_length_low:
        return SHORT
    if density >= config.fullpage_stopwords_high and size >= config.fullpage_length_high:
        return GOOD
    if density >= config.fullpage_stopwords_low:
        return NEAR
    return BAD


def _neighbour(labels: list[str], start: int, step: int, reach: int) -> str:
    """The nearest label that is not `short` in direction `step`, at most `reach` short
    blocks away (`bad` past the edge or beyond reach: a long run of short lines is a menu)."""
    i = start + step
    skipped = 0
    while 0 <= i < len(labels):
        if labels[i] != SHORT:
            return labels[i]
        skipped += 1
        if skipped > reach:
            return BAD
        i += step
    return BAD


def _near_runs(first: list[str]) -> list[str]:
    """`first` with every run of NEAR_RUN or more near-or-good blocks in a row made good."""
    final = list(first)
    start = 0
    for i in range(len(first) + 1):
        if i < len(first) and first[i] in (NEAR, GOOD):
            continue
        if i - start >= NEAR_RUN:
            final[start:i] = [GOOD] * (i - start)
        start = i + 1
    return final


def revise(first: list[str], reach: int) -> list[str]:
    """jusText's context pass: short and near blocks take their neighbours' side."""
    final = _near_runs(first)
    # Near blocks next to good ones are good, and so on along a chain of near blocks
    # (plain-text paragraphs of one article); the rest are bad.
    changed = True
    while changed:
        changed = False
        for i, label in enumerate(final):
            if label != NEAR:
                continue
            before, after = _neighbour(final, i, -1, reach), _neighbour(final, i, 1, reach)
            if GOOD in (before, after):
                final[i] = GOOD
                changed = True
    final = [BAD if label == NEAR else label for label in final]
    # Short blocks between two good blocks are good (headings, short paragraphs).
    for i, label in enumerate(first):
        if label != SHORT:
            continue
        before, after = _neighbour(final, i, -1, reach), _neighbour(final, i, 1, reach)
        final[i] = GOOD if before == GOOD and after == GOOD else BAD
    return final
