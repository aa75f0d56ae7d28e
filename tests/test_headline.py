"""Is a top line title-like: one phrase, no second sentence (quotations aside)."""

from __future__ import annotations

from cleaner.config import Config
from cleaner.core.document import Document
from cleaner.core.headline import is_page_furniture, is_title_like


def _title_like(line: str) -> bool:
    return is_title_like(Document.from_text(line).blocks[0], Config())


def test_full_stops_inside_a_quoted_slogan_keep_one_phrase() -> None:
    assert _title_like("South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you OK?")
    assert _title_like('Council adopts "Slow. Children Playing." signs on the valley road')


def test_a_full_stop_after_the_quote_still_ends_a_sentence() -> None:
    assert not _title_like("Dow's 'Black Monday'. Traders recall the worst day in decades")
    assert not _title_like("The bridge is shut. Drivers face long detours all week")


def _furniture(line: str) -> bool:
    return is_page_furniture(Document.from_text(line).blocks[0])


def test_menus_share_bars_and_datelines_are_page_furniture() -> None:
    assert _furniture("Editions: North | South | East | West | Coast")
    assert _furniture("Email to a friend Printer friendly")
    assert _furniture("Digg Reddit Facebook Delicious (What are these?)")
    assert _furniture("Tuesday, 15 January, 2008, 10:42 GMT")
    assert _furniture("Harbour Desk / March 3, 2008")


def test_headlines_with_dates_or_share_words_are_not_page_furniture() -> None:
    assert not _furniture("Share prices fall for a third day")
    assert not _furniture("Post office to close on Sunday")
    assert not _furniture("Storm hits the coast on May 3")
    assert not _furniture("Council to vote on bus lanes in January 2008")
    assert not _furniture("Weir and Ames finish third and fourth | Golf")
