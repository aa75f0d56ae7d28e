"""Is the headline the cleaner finds in a dump the page's own? l3s-dev marks each
page's headline, so a guess can be checked: right (the marked headline, or it with
a site name attached), wrong (another line: a section name, a date, a promo), or
none (no line taken). A wrong title misleads more than none: it is printed as the
article's headline at the top of the clean text.
"""

from __future__ import annotations

from typing import Any

from cleaner.config import DEFAULT_CONFIG
from cleaner.core.headline import same_headline
from cleaner.evaluation.data import Gold
from cleaner.evaluation.jobs import DumpOutcome
from cleaner.evaluation.summary import excerpt

WRONG_LISTED = 5


def _right(title: str, marked: str) -> bool:
    return same_headline(title, marked, DEFAULT_CONFIG.headline_similarity) is not None


def title_figures(outcomes: list[DumpOutcome], gold: dict[str, Gold]) -> dict[str, Any] | None:
    """Right, wrong and no titles over one extractor's dumps of pages with a marked
    headline; None when the set marks none."""
    marked = [o for o in outcomes if gold[o.page_id].title]
    if not marked:
        return None
    right: list[DumpOutcome] = []
    wrong: list[DumpOutcome] = []
    for outcome in marked:
        if outcome.title is not None:
            found_right = _right(outcome.title, gold[outcome.page_id].title or "")
            (right if found_right else wrong).append(outcome)
    found = len(right) + len(wrong)
    return {
        "pages": len(marked),
        "right": len(right),
        "wrong": len(wrong),
        "none": len(marked) - found,
        "wrong_share": len(wrong) / found if found else 0.0,
        "wrong_examples": [
            {"id": o.page_id, "title": excerpt(o.title or ""), "marked": gold[o.page_id].title}
            for o in wrong[:WRONG_LISTED]
        ],
    }
