"""The literal screen: what each regex must contain, and that it never rules out a match."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.core.patterns import load_patterns
from cleaner.core.screen import LiteralScreen, required_literals, starts_with_literal
from cleaner.core.text import normalise_line
from tests.casefile import read_case

CASES = Path(__file__).parent / "cases"
CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("we use cookies", {"we use cookies"}),
        ("follow [^.!?]{1,30} on", {"follow "}),
        # Each choice brings its own literal; any one of them will do.
        ("(?:subscribe|sign up) to our newsletter", {" to our newsletter"}),
        ("(?:quotes|prices) delayed", {" delayed"}),
        ("(?:quotes|prices) (?:are )?\\d+", {"quotes", "prices"}),
        # An optional part, a lookahead or a repeat that may be absent needs nothing.
        ("(?:read )?more(?! than)", {"more"}),
        ("x(?:abc)*y", None),
        # Too short to screen anything out, or no literal at all.
        ("a [a-z]+", None),
        ("[^.!?]{10,400}", None),
        # Ignoring case, the literals could come in any case.
        ("(?i)we use cookies", None),
        ("(?i:bab)|cookies", None),
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == literals


def test_screen_rules_out_lines_without_the_literals() -> None:
    screen = LiteralScreen(["we use cookies", "(?:subscribe|sign up) to our newsletter"])
    assert not screen.may_match("the council met on tuesday")
    assert screen.may_match("please sign up to our newsletter")
    # A pattern with nothing it must contain could match any line.
    assert LiteralScreen(["[a-z]+"]).may_match("anything")


def _lines() -> list[str]:
    """Our own texts: every line of the case files and the bundled corpus."""
    texts = [read_case(path).input for path in sorted(CASES.rglob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    return [line for text in texts for line in text.splitlines() if line.strip()]


def test_screen_never_rules_out_a_match() -> None:
    """Wherever a family's phrase or a rights phrase matches, its screen lets it through."""
    patterns = load_patterns()
    phrases = [(f.phrases, patterns.phrase_screen) for f in patterns.families if f.phrases]
    rights = [(patterns.copyright_rights, patterns.copyright_screen)]
    rights.append((patterns.copyright_reuse, patterns.copyright_screen))
    checked = 0
    for line in _lines():
        norm, folded = normalise_line(line), line.casefold()
        for regex, screen in phrases:
            if regex.search(norm):
                checked += 1
                assert screen.may_match(norm), (regex.pattern[:80], line)
        for regex, screen in rights:
            if regex.search(folded):
                checked += 1
                assert screen.may_match(folded), (regex.pattern[:80], line)
    assert checked > 50  # the texts do exercise the phrases


def test_every_phrase_has_literals() -> None:
    """A phrase without literals would make the screen pass every line (and slow)."""
    patterns = load_patterns()
    assert not patterns.phrase_screen.screens_nothing
    assert not patterns.copyright_screen.screens_nothing


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("share this", True),
        ("(?:tweet|email) this", True),
        ("[^.!?]{2,50} is a reporter", False),
        ("(?:on )?monday", False),
        ("\\d+ comments", False),
    ],
)
def test_starts_with_literal(pattern: str, starts: bool) -> None:
    assert starts_with_literal(pattern) is starts


def test_cheap_lines_match_as_all_lines_where_the_screen_rules_out() -> None:
    """A line with none of the costly whole-line patterns' literals gets the same family
    from the regex without them."""
    patterns = load_patterns()
    assert patterns.all_lines is not None and patterns.cheap_lines is not None
    assert not patterns.lines_screen.screens_nothing
    matched = screened = 0
    for line in _lines():
        norm = normalise_line(line)
        full = patterns.all_lines.match(norm)
        matched += full is not None
        if not patterns.lines_screen.may_match(norm):
            screened += 1
            cheap = patterns.cheap_lines.match(norm)
            assert (cheap and cheap.lastgroup) == (full and full.lastgroup), line
    assert matched > 20 and screened > 100  # the texts do exercise both
