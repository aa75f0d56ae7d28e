"""The fast paths taken for speed decide as the slower forms they stand for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.matching import boilerplate_match
from cleaner.patterns import load_patterns
from cleaner.text import END_MARK, ends_with_mark

# Text made mostly of end marks, closing quotes, line breaks and letters.
_ENDINGS = st.text(alphabet=st.sampled_from(".!?…:;\"'”’»)]\n\r x-aZ"))


@given(_ENDINGS)
def test_ends_with_mark_is_the_end_mark_regex(text: str) -> None:
    assert ends_with_mark(text) == bool(END_MARK.search(text))


def test_ends_with_mark_examples() -> None:
    for text in ("", "\n", "Done.", "Done.\n", "Done.\n\n", "“Quote.”", "(aside)", "On and"):
        assert ends_with_mark(text) == bool(END_MARK.search(text)), text


def test_share_bar_words_hold_every_family_word() -> None:
    patterns = load_patterns()
    for family in patterns.families:
        assert family.words <= patterns.share_bar_words


def test_share_bar_rows_still_match() -> None:
    patterns, config = load_patterns(), Config()
    found = boilerplate_match("Facebook Twitter Email", 3, patterns, config)
    assert found is not None and found[1] == "is made of"
    assert boilerplate_match("Facebook Twitter Bridge", 3, patterns, config) is None


def test_every_ellipsis_end_needs_an_ellipsis_mark() -> None:
    # truncated skips the ellipsis searches in lines without "..." or "…".
    from cleaner.patterns import _read
    from cleaner.rules.truncated import ELLIPSIS_MARKS

    assert ELLIPSIS_MARKS == ("...", "…")
    for pattern in _read("common")["truncated"]["ellipsis_ends"]:
        assert r"\.\.\." in pattern or "…" in pattern, pattern
