"""The dump the project started from: headline once, footer gone, cut-off paragraph gone."""

from __future__ import annotations

from cleaner import clean_text, replay

HEADLINE = "USA jet destroys Russian-made tank in Syria"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_seed_headline_once_footer_and_cut_gone(seed_text: str) -> None:
    result = clean_text(seed_text)
    assert result.title == HEADLINE
    assert result.text.count(HEADLINE) == 1
    assert "Leader Call" not in result.text
    assert "Of course, if indeed" not in result.text
    assert {r.kind for r in result.removals} == {"duplicate_headline", "copyright", "truncated"}


def test_seed_keeps_every_other_paragraph(seed_text: str) -> None:
    result = clean_text(seed_text)
    dropped = ("Of course, if indeed", "© 2015 Leader Call")
    expected = [
        p for p in _paragraphs(seed_text)[1:] if p != HEADLINE and not p.startswith(dropped)
    ]
    assert _paragraphs(result.body) == expected


def test_seed_report_rebuilds_output(seed_text: str) -> None:
    result = clean_text(seed_text)
    assert replay(result.source, result.removals, title_first=True) == result.text
    for removal in result.removals:
        assert result.source[removal.start : removal.end] == removal.text
        assert removal.reason
