"""Is a line script, a style sheet or markup printed as text? Read by the `code` rule,
which removes such lines, and by the headline finders, which never take one.

A line is code when it shows `min_signs` or more of the signs in the [code] section of
`cleaner/patterns/common.toml`, one of them strong (a brace that opens a block, a
declaration, a tag, a style rule, a name written as code: "ad_width", "getElementById"),
and, when it is long enough to tell (`prose_min_words`), few common words: fewer than in
any block of prose by jusText's measure (`fullpage_stopwords_low`), in all and in each of
its pieces between tags, braces and semicolons (a script's string may hold the article:
"var blurb = 'KIRKWALL - The board agreed …'"; a page's markup printed whole on one line
holds its paragraphs). Weak signs alone ("W = won; D = drawn;", "Apple (AAPL);") are
prose's too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from cleaner.config import Config
from cleaner.core.language import stop_density, stop_words_for
from cleaner.core.patterns import CodeSign, CodeSigns
from cleaner.core.text import is_list_item

_COMMENT = re.compile(r"\s*(?://|/\*|<!--|-->)")
_TAG = re.compile(r"<[^<>]*>")
# What parts a line of code into pieces: tags, braces and semicolons.
_PIECE_BREAK = re.compile(r"<[^<>]*>|[{};]")
_WORD = re.compile(r"[^\W\d_]+")
# A line with none of these shows no sign (a cheap test before the signs' regexes) ...
_CODE_CHARACTERS = frozenset("{}();=<>&|_")
# ... unless it is this short and a keyword alone ("else") or a style's declaration
# ("position:absolute ;", "overflow:hidden") may be.
_SHORT_LINE = 40
_SHORT_CODE = re.compile(r"\s*(?:[a-z]+\s*;?\s*$|[a-z-]+\s*:)")
# What a line that only closes or opens a block is made of ("}", "});", "{").
_BRACKET_LINE = frozenset(" \t{}()[];,")


def code_signs(text: str, code: CodeSigns, stops: frozenset[str], config: Config) -> list[CodeSign]:
    """The signs of code `text` shows; none when it reads as prose (`stops`: the common
    words of the page's language)."""
    if not _CODE_CHARACTERS.intersection(text) and not (
        len(text) <= _SHORT_LINE and _SHORT_CODE.match(text)
    ):
        return []
    found = [sign for sign in code.signs if sign.pattern.search(text)]
    if not found or holds_prose(text, code, stops, config):
        return []
    return found


def holds_prose(text: str, code: CodeSigns, stops: frozenset[str], config: Config) -> bool:
    """Many common words, in all (read without tags) or in a long piece between tags,
    braces and semicolons: a script's string that holds the article, a page's markup
    that holds its paragraphs."""

    def prose(piece: str) -> bool:
        words = _WORD.findall(piece)
        return (
            len(words) >= code.prose_min_words
            and stop_density(words, stops) >= config.fullpage_stopwords_low
        )

    pieces = _PIECE_BREAK.split(text)
    long = (p for p in pieces if len(_WORD.findall(p)) >= config.paragraph_min_words)
    return prose(without_tags(text)) or any(prose(p) for p in long)


def without_tags(text: str) -> str:
    """`text` with anything between angle brackets blanked: the words of a line of
    markup, or of a page printed with its markup."""
    return _TAG.sub(" ", text)


@cache
def code_stop_words(language: str, keywords: frozenset[str]) -> frozenset[str]:
    """The common words of English and of a page's language, as code is read against:
    a dump made mostly of script may be guessed as another language, and code's
    keywords are English. Of the other language's words, script's keywords count not
    ("var" is Latvian for "can" and Swedish for "was"); of any, no single letter but
    "a" (names in code: "i", "d"; English prose writes "I")."""
    words = (stop_words_for(language) - keywords) | stop_words_for("en")
    return frozenset(w for w in words if len(w) > 1 or w == "a")


def is_code(signs: Sequence[CodeSign], code: CodeSigns) -> bool:
    """Enough signs of code (`code_signs`) for a line on its own, one of them strong."""
    return len(signs) >= code.min_signs and any(sign.strong for sign in signs)


def joins_code(text: str, signs: Sequence[CodeSign], code: CodeSigns) -> bool:
    """A line that, next to code, is part of it: a strong sign ("if (!format) {"), as many
    signs as code shows ("return text.split(sep);"), only brackets ("}", "});"), or a
    comment ("// Reloads the page"). A closing semicolon alone is prose's too ("- Apple
    (AAPL);" in a list under the article)."""
    if len(signs) >= code.min_signs or any(sign.strong for sign in signs):
        return True
    bracket_line = "{" in text or "}" in text
    return bool((bracket_line and set(text) <= _BRACKET_LINE) or _COMMENT.match(text))


def code_runs(
    texts: Sequence[str], signs: Sequence[Sequence[CodeSign]], code: CodeSigns
) -> frozenset[int]:
    """The lines of script, style or markup, by index: each line that is code on its own
    (`is_code`), the lines next to it that join it (`joins_code`), and up to
    `bridge_max_lines` lines in a row with a weak sign only ("break;", "else") between
    such lines and a line with a strong sign (`_bridge`): inside a script, not prose's
    ("- Apple (AAPL);" stays under the article, next to no more code)."""
    runs = {i for i, found in enumerate(signs) if is_code(found, code)}
    if not runs:
        return frozenset()
    joins = [joins_code(text, found, code) for text, found in zip(texts, signs, strict=True)]
    for i in sorted(runs):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(texts) and j not in runs:
                if joins[j]:
                    runs.add(j)
                    j += step
                    continue
                bridge = _bridge(j, step, texts, signs, joins, code.bridge_max_lines)
                if not bridge:
                    break
                runs.update(bridge)
                j = bridge[-1] + step
    return frozenset(runs)


def _bridge(
    start: int,
    step: int,
    texts: Sequence[str],
    signs: Sequence[Sequence[CodeSign]],
    joins: Sequence[bool],
    most: int,
) -> list[int]:
    """The lines from `start` on, each with a sign and no list's item, up to a line with
    a strong sign of code; none when no such line comes within `most` lines."""
    bridge: list[int] = []
    j = start
    while (
        0 <= j < len(signs)
        and len(bridge) < most
        and signs[j]
        and not joins[j]
        and not is_list_item(texts[j])
    ):
        bridge.append(j)
        j += step
    # It closes on a line with a strong sign, not on a comment ("// end") or brackets.
    closed = 0 <= j < len(signs) and any(sign.strong for sign in signs[j])
    return bridge if closed and bridge else []
