"""The document model: blocks with offsets, layout normalisation, replay."""

from __future__ import annotations

import pytest

from cleaner.core.document import Document, Removal, delete_spans, normalise_layout, replay


def test_blocks_have_exact_offsets() -> None:
    source = "  Title  \r\n\r\nFirst line.\nSecond line.\n"
    doc = Document.from_text(source)
    assert [b.text for b in doc.blocks] == ["Title", "First line.", "Second line."]
    for block in doc.blocks:
        assert source[block.start : block.end] == block.text
    assert [b.paragraph for b in doc.blocks] == [0, 1, 1]


def test_hard_wrapped_text_joins_lines_into_paragraphs() -> None:
    lines = [f"line {n} " + "word " * 13 for n in range(10)]
    source = "\n".join(x.strip() for x in lines[:5]) + "\n\n"
    source += "\n".join(x.strip() for x in lines[5:])
    doc = Document.from_text(source)
    assert len(doc.blocks) == 2
    assert doc.blocks[0].text == source[doc.blocks[0].start : doc.blocks[0].end]


@pytest.mark.parametrize(
    ("text", "title_first", "expected"),
    [
        ("a\n\n\n\nb", False, "a\n\nb"),
        ("  a  \n b\n\n", False, "a\nb"),
        ("\n\nTitle\nBody", True, "Title\n\nBody"),
        ("Title", True, "Title"),
        ("", False, ""),
    ],
)
def test_normalise_layout(text: str, title_first: bool, expected: str) -> None:
    assert normalise_layout(text, title_first=title_first) == expected


def test_delete_spans_refuses_overlaps() -> None:
    assert delete_spans("abcdef", [(1, 2), (3, 5)]) == "acf"
    with pytest.raises(ValueError, match="overlapping"):
        delete_spans("abcdef", [(1, 4), (3, 5)])


def test_replay_removes_whole_lines_without_gaps() -> None:
    source = "One.\nShare this\nTwo.\n"
    removal = Removal("boilerplate", 5, 16, source[5:16], "share prompt")
    assert replay(source, [removal]) == "One.\nTwo."
