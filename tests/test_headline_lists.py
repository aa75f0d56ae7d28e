"""Lists of other stories' headlines told by shape (cleaner/core/headline_lists.py)."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.core.document import Document
from cleaner.core.headline_lists import in_headline_list, is_title_case

LIST = [
    "Cornwall Abuse Inquiry Scope Clipped by Appeals Court",
    "Alleged Red-Light Runner Injures Five",
    "Carleton Boosts Security After Lost Keys",
]


def _listed(lines: list[str]) -> list[bool]:
    return in_headline_list(Document.from_text("\n".join(lines) + "\n").blocks, Config())


def test_three_headlines_in_a_row_are_a_list() -> None:
    assert _listed(LIST) == [True, True, True]
    assert _listed(["The council met on Tuesday.", *LIST]) == [False, True, True, True]


def test_two_are_not() -> None:
    assert _listed(LIST[:2]) == [False, False]


@pytest.mark.parametrize(
    "line",
    [
        "1. Bayliss (Ducati) 1'32.2",  # a results table's row: a figure
        "Tue – Sat 4PM (Closed on Sun & Mon)",  # a programme's times
        "Squad: Graeme Smith (captain), Herschelle Gibbs, Jacques Kallis, AB de",  # names
        "- Harbour Board Approves Second Ferry Pier",  # a list's item
        "The board approved the pier on Tuesday.",  # a sentence
        "the board approved the pier on tuesday",  # not in title case
    ],
)
def test_lines_that_are_no_headline_break_the_list(line: str) -> None:
    assert _listed([LIST[0], LIST[1], line, LIST[2]]) == [False] * 4


def test_title_case_counts_the_longer_words_after_the_first() -> None:
    assert is_title_case(["Could", "Spot", "Signs", "of", "Life"], 0.6)
    assert not is_title_case(["Could", "spot", "signs", "of", "life"], 0.6)
    assert not is_title_case(["Go"], 0.6)


def test_a_list_the_article_introduces_is_its_own() -> None:
    # "These are the titles:" over a reading group's books.
    assert _listed(["These are the titles:", *LIST]) == [False] * 4
