"""A byline with its date on one line (`cleaner.core.dated_byline`), and where the byline
rule takes it: over the article's text, alone of its shape there."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.core.dated_byline import is_dated_byline
from cleaner.core.patterns import load_patterns
from cleaner.core.text import normalise_line


def _dated(line: str, language: str = "en") -> bool:
    patterns = load_patterns()
    words = patterns.function_words_for(language)
    return is_dated_byline(line, normalise_line(line), patterns, words)


@pytest.mark.parametrize(
    "line",
    [
        "By MARTA OKONJO, Coastal Wire Transport Writer Fri Dec 28, 6:46 AM ET",
        "By Ines Varga On 11/13/19 at 4:00 PM EST",
        "By Tomas Lind @tlind Nov 18, 2019, 11:47am EST",
        "By Ada Moll Updated Nov 13, 2019, 10:28am EST",
        "By ODILE MARCHAND and PIET ROOS, Coastal Wire Writers 1 hour, 32 minutes ago",
        "| By Jo Roe | Jan 3, 2008 |",
    ],
)
def test_a_byline_and_its_date(line: str) -> None:
    assert _dated(line)


def test_a_byline_and_its_date_in_german() -> None:
    assert _dated("Von Moritz Berger publiziert am 25. September 2018", "de")
    assert not _dated("Von der Polizei festgenommen am 12.03.2008", "de")


@pytest.mark.parametrize(
    "line",
    [
        # A time, a manner or a figure after "By", not a name.
        "By Monday, the council voted to close it on Jan 3, 2008",
        "By late afternoon on Sat Dec 29, 10:10 AM ET",
        "by 10 points on Jan 3, 2008",
        "By March the queue had reached the gate, 1/10/2008",
        "By Tuesday's deadline of 11/13/19 at 5:00 PM EST",
        "By Christmas, Dec. 25, 2008",
        "By Order of the Court on Jan. 3, 2008",
        "By Design: Chairs of the Bauhaus Fri Jan 4, 10:00 AM",
        "By Mr. Roe's count on Nov. 18, 2019 at 11:47 a.m.",
        # A line opening in lowercase goes on a sentence above it.
        "by Mayor Helen Grant on Jan. 3, 2008",
        # Figures in prose are no date: only the dates a byline carries count.
        "By Noon the turnout stood at 12.40 percent, the lowest since 1998",
        # A name in lowercase: a reader's handle, the comment rules' to weigh.
        "Posted by simon on January 6, 2008 11:10 AM",
        # No date at the end.
        "By Jo Roe, AP Business Writer",
    ],
)
def test_no_dated_byline(line: str) -> None:
    assert not _dated(line)


_ARTICLE = (
    "The island ferry will sail twice a day instead of four times from January, the "
    "operator said on Thursday, citing a shortage of crew.\n\n"
    "Residents said the change would make it hard to reach the mainland hospital for "
    "morning appointments.\n\n"
    "The operator said the full timetable would return in April, when two new crew "
    "members finish their training.\n"
)
_BYLINE = "By MARTA OKONJO, Coastal Wire Transport Writer Fri Dec 28, 6:46 AM ET"


def test_taken_over_the_article_as_a_guess() -> None:
    result = clean_text(f"Ferry timetable cut\n\n{_BYLINE}\n\n{_ARTICLE}")
    (removal,) = result.removals
    assert removal.kind == "byline" and removal.text.strip() == _BYLINE
    assert not removal.confident
    assert "over the article's text" in removal.reason


def test_left_below_the_articles_paragraphs() -> None:
    text = f"Ferry timetable cut\n\n{_ARTICLE}\n{_BYLINE}\n"
    assert _BYLINE in clean_text(text).text


def test_two_such_lines_over_the_article_are_a_listing() -> None:
    listing = "By Popular Demand Sat Jan 5, 8:00 PM\nBy Royal Appointment Sun Jan 6, 7:00 PM"
    text = f"Winter season at the Lantern\n\n{listing}\n\n{_ARTICLE}"
    assert listing in clean_text(text).text


def test_a_byline_printed_again_goes_with_its_copy() -> None:
    # The copy is `repeated_block`'s; with it gone, the first is the one line of its shape.
    text = f"Ferry timetable cut\n\n{_BYLINE}\n\n{_ARTICLE}\n{_BYLINE}\n"
    kinds = [r.kind for r in clean_text(text).removals]
    assert kinds == ["byline", "repeated_block"]


def test_a_hard_wrapped_line_of_a_sentence_stays() -> None:
    wrapped = (
        "Harbour award for lifeboat crew\n\n"
        "The crew's medals were presented\n"
        "By Mayor Helen Grant on Jan. 3, 2008\n"
        "at the town hall, before a crowd of two hundred people.\n\n"
        f"{_ARTICLE}"
    )
    assert "By Mayor Helen Grant on Jan. 3, 2008" in clean_text(wrapped).text


@pytest.mark.parametrize(
    "top",
    [
        # The phrase family takes the first line; the second is judged without it.
        "By Royal Appointment — Jan 5, 2008, 7:30 PM\nBy Popular Demand Sat Jan 12, 2008, 8:00 PM",
        "Words by Jo Roe @jroe Nov 18, 2019, 11:47am EST\nReporting by Al Poe; Editing by Tom Lee",
        # The article printed twice, its byline with it.
        f"{_BYLINE}\n\n{_ARTICLE}\n{_BYLINE}",
    ],
)
def test_cleaning_twice_changes_nothing(top: str) -> None:
    once = clean_text(f"Festival notes\n\n{top}\n\n{_ARTICLE}").text
    assert clean_text(once).text == once
