"""The title figures of the validation sets (cleaner/evaluation/titles.py)."""

from __future__ import annotations

from cleaner.evaluation.data import Gold
from cleaner.evaluation.jobs import DumpOutcome
from cleaner.evaluation.metric import Overlap
from cleaner.evaluation.titles import title_figures

NONE = Overlap(0.0, 0.0, 0.0)


def _outcome(page_id: str, title: str | None) -> DumpOutcome:
    return DumpOutcome("t", page_id, NONE, NONE, NONE, (), title)


def test_titles_are_right_wrong_or_none_against_the_marked_headline() -> None:
    gold = {
        p: Gold(p, "body", None, "Ferry fares to rise in April")
        for p in ("exact", "site", "wrong", "none")
    }
    figures = title_figures(
        [
            _outcome("exact", "Ferry fares to rise in April"),
            _outcome("site", "Ferry fares to rise in April | Harbour Gazette"),
            _outcome("wrong", "Subscription Deals"),
            _outcome("none", None),
        ],
        gold,
    )
    assert figures is not None
    assert (figures["pages"], figures["right"], figures["wrong"], figures["none"]) == (4, 2, 1, 1)
    assert figures["wrong_share"] == 1 / 3
    assert figures["wrong_examples"] == [
        {"id": "wrong", "title": "Subscription Deals", "marked": "Ferry fares to rise in April"}
    ]


def test_pages_without_a_marked_headline_are_not_counted() -> None:
    gold = {"a": Gold("a", "body", None, None), "b": Gold("b", "body", None, "Ferry fares")}
    figures = title_figures([_outcome("a", "Anything"), _outcome("b", "Ferry fares")], gold)
    assert figures is not None and (figures["pages"], figures["right"]) == (1, 1)
    assert title_figures([_outcome("a", "Anything")], {"a": gold["a"]}) is None
