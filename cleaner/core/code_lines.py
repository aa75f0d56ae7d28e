"""Is a line script, a style sheet or markup printed as text? Read by the `code` rule,
which removes such lines, and by the headline finders, which never take one.

A line is code when it shows `code_min_signs` or more of the signs in the [code]
section of `cleaner/patterns/common.toml` and is not made of prose: fewer of its words
are common words than in any prose block by jusText's measure (`fullpage_stopwords_low`).
"""

from __future__ import annotations

import re

from cleaner.config import Config
from cleaner.core.language import stop_density
from cleaner.core.patterns import Patterns

# A line made of brackets and punctuation only closes or opens a block of code.
_BRACKETS = re.compile(r"[\s{}()\[\];,]*[{}][\s{}()\[\];,]*")
_COMMENT = re.compile(r"\s*(?://|/\*|<!--)")
_TAG = re.compile(r"<[^<>]*>")
# What parts a line of code into pieces: tags, braces and semicolons.
_PIECE_BREAK = re.compile(r"<[^<>]*>|[{};]")
_WORD = re.compile(r"[^\W\d_]+")
# Fewer words than this are too few to tell prose by its common words: "if
# (player.isStopped()) { window.location.reload(); }" has two of six.
_PROSE_MIN_WORDS = 8
# Code has one of these at least (a cheap test before the signs').
_CODE_CHARACTERS = frozenset("{}();=<>&|")


def code_signs(text: str, patterns: Patterns, stops: frozenset[str], config: Config) -> list[str]:
    """The names of the signs of code `text` shows; none when it reads as prose (`stops`:
    the common words of the page's language)."""
    if not any(c in _CODE_CHARACTERS for c in text):
        return []
    found = [label for label, sign in patterns.code_signs if sign.search(text)]
    if not found:
        return []

    def prose(piece: str) -> bool:
        words = _WORD.findall(piece)  # a few words tell nothing ("if (player.stopped())")
        short = len(words) < _PROSE_MIN_WORDS
        return not short and stop_density(words, stops) >= config.fullpage_stopwords_low

    # Read without its tags; and a page's markup printed whole on one line holds the
    # article's paragraphs between its tags ("var blurb = 'KIRKWALL - The board …'"
    # holds one too).
    pieces = _PIECE_BREAK.split(text)
    long = (p for p in pieces if len(_WORD.findall(p)) >= config.paragraph_min_words)
    if prose(_TAG.sub(" ", text)) or any(prose(p) for p in long):
        return []
    return found


def part_of_code(text: str) -> bool:
    """Only brackets ("}", "});"), or a comment ("// Reloads the page"): next to code,
    part of it."""
    return bool(_BRACKETS.fullmatch(text) or _COMMENT.match(text))
