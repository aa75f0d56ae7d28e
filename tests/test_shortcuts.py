"""The fast paths taken for speed decide as the slower forms they stand for."""

from __future__ import annotations

from itertools import pairwise
from unittest.mock import patch

from ftfy.badness import BADNESS_RE
from hypothesis import given
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.core.matching import boilerplate_match
from cleaner.core.patterns import load_patterns
from cleaner.core.text import END_MARK, _normalise_any, ends_with_mark, normalise_line
from cleaner.formats import repair

# Text made mostly of end marks, closing quotes, line breaks and letters.
_ENDINGS = st.text(alphabet=st.sampled_from(".!?…:;\"'”’»)]\n\r x-aZ"))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_lines_normalise_as_any_line(text: str) -> None:
    assert normalise_line(text) == _normalise_any(text)


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
    from cleaner.core.patterns import _read
    from cleaner.rules.truncated import ELLIPSIS_MARKS

    assert ELLIPSIS_MARKS == ("...", "…")
    for pattern in _read("common")["truncated"]["ellipsis_ends"]:
        assert r"\.\.\." in pattern or "…" in pattern, pattern


def test_language_codes_are_distinct() -> None:
    # guess_language counts votes by a language's position: two names with one code
    # would split its votes.
    from cleaner.core.language import CODES

    assert len(set(CODES.values())) == len(CODES)


def test_block_key_is_the_text_key() -> None:
    from cleaner.core.document import Document
    from cleaner.core.text import key

    doc = Document.from_text("Bridge Reopens!\n\nThe bridge, at last, opened.\n")
    for block in doc.blocks:
        assert block.key == key(block.text)
        assert block.words is block.words  # memoised: computed once


@given(st.text() | st.text(alphabet=st.characters(max_codepoint=127)))
def test_block_key_is_the_text_key_for_any_text(text: str) -> None:
    # ASCII blocks take their key from their words.
    from cleaner.core.document import Document
    from cleaner.core.text import key

    for block in Document.from_text(text).blocks:
        assert block.key == key(block.text)


def test_no_letter_or_digit_is_in_a_separator_category() -> None:
    # is_separator says no at a line's first letter or digit without asking unicodedata.
    import sys
    import unicodedata

    from cleaner.core.text import _SEPARATOR_CATEGORIES

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isalnum():
            assert not unicodedata.category(char).startswith(_SEPARATOR_CATEGORIES), hex(code)


_MOJIBAKE_LINES = [
    "voilÃ  le travail",
    "Ã  b",
    "CafÃ© au lait",
    "â€œQuotedâ€\x9d, she said",
    "The café opened.",
    "naïve “quoted” — ok",
    "plain ascii",
]


@given(st.lists(st.sampled_from(_MOJIBAKE_LINES), max_size=6))
def test_mojibake_repairs_as_with_ftfy_on_every_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    with patch.object(repair, "_suspects", lambda: None):
        every_line = repair.fix_mojibake(text)
    assert repair.fix_mojibake(text) == every_line


# Characters of mojibake and of ordinary non-English text, and ASCII.
_MIXED = st.text(
    alphabet=st.sampled_from("aZ .,!-\n\xa0\x81\x9déÉàÃÂâ€œ™ž“”‘’—–©°µ²ØÙВСГРЂў×√≈‚Äβ€Œœ¢£")
)


@given(_MIXED)
def test_badness_matches_hold_a_suspect(text: str) -> None:
    # A line without any of the suspects skips ftfy: its badness regex cannot match it.
    suspects = repair._suspects()
    assert suspects is not None  # (None with an ftfy whose regex it cannot read: slower)
    if BADNESS_RE.search(text):
        assert not suspects.isdisjoint(text)


@given(_MIXED)
def test_badness_matches_hold_a_near_pair(text: str) -> None:
    # A line whose non-ASCII characters all stand apart skips ftfy too.
    if BADNESS_RE.search(text):
        assert repair._NEAR_PAIR.search(text), text


def test_every_badness_branch_needs_a_near_pair() -> None:
    # Read off the regex as the engine parses it: each branch of ftfy's badness regex
    # holds a character only flagged alone, or two non-ASCII characters side by side.
    from cleaner.core.screen import sre_constants, sre_parser

    def chars(op: object, arg: object) -> set[str] | None:
        if op is sre_constants.LITERAL:
            return {chr(arg)}  # type: ignore[arg-type]
        return repair._chars(arg) if op is sre_constants.IN else None

    [(op, (_, branches))] = list(sre_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags))
    assert op is sre_constants.BRANCH
    for branch in branches:
        sets = [chars(op, arg) for op, arg in branch]
        alone = any(s is not None and s <= repair._ALONE for s in sets)
        non_ascii = [s is not None and not any(c.isascii() for c in s) for s in sets]
        side_by_side = any(a and b for a, b in pairwise(non_ascii))
        assert alone or side_by_side, branch


def test_badness_matches_hold_a_near_pair_on_many_lines() -> None:
    # Mostly ASCII, as real lines are, with the badness regex's own characters.
    import random
    import string

    own = sorted({c for c in BADNESS_RE.pattern if not c.isascii()} | {"\x85", "\x9d"})
    ascii_chars = string.ascii_letters + string.digits + " .,?!-\n\t"
    chooser = random.Random(7)
    matched = 0
    for _ in range(100_000):
        size = chooser.randint(2, 8)
        text = "".join(
            chooser.choice(own) if chooser.random() < 0.3 else chooser.choice(ascii_chars)
            for _ in range(size)
        )
        if BADNESS_RE.search(text):
            matched += 1
            assert repair._NEAR_PAIR.search(text), text
    assert matched > 10_000  # the strings do exercise the regex
