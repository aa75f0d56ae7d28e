"""Coverage: which blocks settled removals touch, and which they take whole."""

from __future__ import annotations

from cleaner.core.coverage import Coverage
from cleaner.core.document import Document, Removal

TEXT = "Share this\nThe ferry sails at noon. Read more\nThe fare is two pounds.\nHome | News"


def _removal(doc: Document, text: str) -> Removal:
    start = doc.source.index(text)
    return Removal("boilerplate", start, start + len(text), text, "")


def test_touching_covers_and_first_kept() -> None:
    doc = Document.from_text(TEXT)
    share, read_more, menu = (
        _removal(doc, t) for t in ("Share this\n", " Read more", "Home | News")
    )
    coverage = Coverage([share, read_more, menu])
    blocks = {b.text: b for b in doc.blocks}
    ferry = blocks["The ferry sails at noon. Read more"]
    assert coverage.covers(blocks["Share this"]) and coverage.covers(blocks["Home | News"])
    assert coverage.touching(ferry) == [read_more] and not coverage.covers(ferry)
    assert coverage.touching(blocks["The fare is two pounds."]) == []
    assert [coverage.touches(b) for b in doc.blocks] == [
        bool(coverage.touching(b)) for b in doc.blocks
    ]
    assert coverage.touches(ferry) and not coverage.touches(blocks["The fare is two pounds."])
    assert coverage.first_kept(doc.blocks) is ferry
    assert Coverage([]).first_kept(doc.blocks) is doc.blocks[0]
