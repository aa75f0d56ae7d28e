"""Is a top line title-like: one phrase, no second sentence (quotations aside)."""

from __future__ import annotations

from cleaner.config import Config
from cleaner.document import Document
from cleaner.headline import is_title_like


def _title_like(line: str) -> bool:
    return is_title_like(Document.from_text(line).blocks[0], Config())


def test_full_stops_inside_a_quoted_slogan_keep_one_phrase() -> None:
    assert _title_like("South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you OK?")
    assert _title_like('Council adopts "Slow. Children Playing." signs on the valley road')


def test_a_full_stop_after_the_quote_still_ends_a_sentence() -> None:
    assert not _title_like("Dow's 'Black Monday'. Traders recall the worst day in decades")
    assert not _title_like("The bridge is shut. Drivers face long detours all week")
