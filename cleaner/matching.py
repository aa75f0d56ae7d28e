"""Does a line match a known phrase? The boilerplate and copyright rules ask this,
and so does the headline finder (a chrome or rights line is never the headline).

Each function returns how the line matched, in words a reason can quote, or None.
"""

from __future__ import annotations

import re

from cleaner.config import Config
from cleaner.patterns import Family, Patterns, normalise_line
from cleaner.text import quote

_SPLIT = re.compile(r"[\s|•·/,]+")
QUOTES = ('"', "“", "„", "«", "'", "‘")
# What may follow a rights phrase that closes its own sentence.
_SENTENCE_CLOSE = re.compile(r"\s*[.!]?\s*(?:$|[|•·/,;-]|\s*[A-Z(©])")


def _family_match(family: Family, norm: str, n_words: int, config: Config) -> str | None:
    if family.lines is not None and family.lines.match(norm):
        return "is"
    prefix_limit = family.max_words or config.boilerplate_prefix_max_words
    phrase_limit = family.max_words or config.boilerplate_phrase_max_words
    if family.prefixes is not None and n_words <= prefix_limit and family.prefixes.match(norm):
        return "starts like"
    if family.phrases is not None and n_words <= phrase_limit and family.phrases.search(norm):
        return "contains"
    if family.words:
        tokens = [t for t in _SPLIT.split(norm) if t]
        if (
            tokens
            and len(tokens) <= config.share_bar_max_tokens
            and all(t in family.words for t in tokens)
            and any(t not in family.filler_words for t in tokens)
        ):
            return "is made of"
    return None


def boilerplate_match(
    text: str, n_words: int, patterns: Patterns, config: Config
) -> tuple[Family, str] | None:
    """The boilerplate family a line belongs to, with how it matched ("is", "starts like"...)."""
    norm = normalise_line(text)
    if not norm:
        return None
    for family in patterns.families:
        how = _family_match(family, norm, n_words, config)
        if how is not None:
            return family, how
    return None


def notice_evidence(text: str, patterns: Patterns) -> str | None:
    """Why `text` reads as a rights notice, or None."""
    stripped = text.lstrip(" *•-–—|[")
    lead = patterns.copyright_leads.match(stripped)
    if lead:
        return f"opens with the rights mark {quote(lead.group())}"
    for match in patterns.copyright_rights.finditer(text):
        # The phrase must close a sentence of its own, not be quoted inside prose.
        before, after = text[: match.start()].rstrip(), text[match.end() :]
        if before.endswith(QUOTES) or not _SENTENCE_CLOSE.match(after):
            continue
        return f"contains the rights phrase {quote(match.group())}"
    reuse = patterns.copyright_reuse.search(text)
    if reuse:
        return f"contains the reuse notice {quote(reuse.group())}"
    return None
