"""Does a line match a known phrase? The boilerplate and copyright rules ask this,
and so does the headline finder (a chrome or rights line is never the headline).

Each function returns how the line matched, in words a reason can quote, or None.
"""

from __future__ import annotations

import re

from cleaner.config import Config
from cleaner.core.patterns import Family, Patterns
from cleaner.core.text import normalise_line, quote

_SPLIT = re.compile(r"[\s|•·/,]+")
QUOTES = ('"', "“", "„", "«", "'", "‘")
# A line that opens or closes with a quotation mark is someone's words: a prompt or a
# notice quoted in it ("“Subscribe to the newsletter,” she told readers) is news.
_OPENING_QUOTES = "\"“„«‘‚'"
# (Not "»": closing a line it is a link's arrow, "10 Comments »".)
_CLOSING_QUOTES = "\"”’'"
# What may follow a rights phrase that closes its own sentence.
_SENTENCE_CLOSE = re.compile(r"\s*[.!]?\s*(?:$|[|•·/,;-]|\s*[A-Z(©])")


def _limit(family: Family, default: int) -> int:
    return family.max_words or default


def _share_bar_family(norm: str, patterns: Patterns, config: Config) -> Family | None:
    """The first family whose share-button words make up the whole line, if any."""
    tokens = [t for t in _SPLIT.split(norm) if t]
    if not 0 < len(tokens) <= config.share_bar_max_tokens:
        return None
    if not patterns.share_bar_words.issuperset(tokens):
        return None  # a token no family has: most short lines stop here
    for family in patterns.families:
        if (
            family.words
            and all(t in family.words for t in tokens)
            and any(t not in family.filler_words for t in tokens)
        ):
            return family
    return None


def _one_by_one(
    norm: str, n_words: int, patterns: Patterns, default_limit: int, per_family: str
) -> Family | None:
    """The first family, in order, whose own pattern matches within its word limit."""
    # Past the default limit only families with a limit of their own can match.
    families = patterns.families if n_words <= default_limit else patterns.own_limit_families
    for family in families:
        regex = getattr(family, per_family)
        if regex is None or n_words > _limit(family, default_limit):
            continue
        if regex.match(norm) if per_family == "prefixes" else regex.search(norm):
            return family
    return None


def _first(
    combined: re.Pattern[str] | None,
    norm: str,
    n_words: int,
    patterns: Patterns,
    default_limit: int,
    per_family: str,
) -> Family | None:
    """The family whose (prefix or phrase) pattern matches within its word limit."""
    if combined is None:
        return None
    if per_family == "phrases" and not patterns.phrase_screen.may_match(norm):
        return None  # none of the phrases' literals is in the line
    if n_words > default_limit:
        # Long lines: only the few families allowed past the default limit can match,
        # so skip the combined scan (long prose lines are most of a dump's text).
        return _one_by_one(norm, n_words, patterns, default_limit, per_family)
    found = combined.match(norm) if per_family == "prefixes" else combined.search(norm)
    if found is None:
        return None
    family = patterns.by_name[found.lastgroup or ""]
    if n_words <= _limit(family, default_limit):
        return family
    # Rare: the first family to match is over its word limit; ask them one by one (that
    # one fails its own limit again).
    return _one_by_one(norm, n_words, patterns, default_limit, per_family)


def boilerplate_match(
    text: str, n_words: int, patterns: Patterns, config: Config, *, norm: str | None = None
) -> tuple[Family, str] | None:
    """The boilerplate family a line belongs to, with how it matched ("is", "starts like"...).

    The whole line is tried against every family first, then prefixes, then phrases,
    then share-button rows: one regex per step for all families together.
    """
    norm = normalise_line(text) if norm is None else norm
    if not norm:
        return None
    whole = whole_line_family(norm, patterns)
    if whole is not None:
        return patterns.by_name[whole], "is"
    if _quoted(text):
        return None
    prefix = _first(
        patterns.all_prefixes,
        norm,
        n_words,
        patterns,
        config.boilerplate_prefix_max_words,
        "prefixes",
    )
    if prefix is not None:
        return prefix, "starts like"
    phrase = _first(
        patterns.all_phrases,
        norm,
        n_words,
        patterns,
        config.boilerplate_phrase_max_words,
        "phrases",
    )
    if phrase is not None:
        return phrase, "contains"
    if n_words <= config.share_bar_max_tokens:
        bar = _share_bar_family(norm, patterns, config)
        if bar is not None:
            return bar, "is made of"
    return None


def whole_line_family(norm: str, patterns: Patterns) -> str | None:
    """The name of the family one of whose whole-line patterns the normalised line is."""
    # Without the literals of the costly whole-line patterns, the line is matched without
    # them (`Patterns.lines_screen`): the same family, or none, and a fraction of the work.
    lines = patterns.all_lines if patterns.lines_screen.may_match(norm) else patterns.cheap_lines
    whole = lines.match(norm) if lines is not None else None
    return whole.lastgroup if whole is not None else None


def _quoted(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in _OPENING_QUOTES or stripped.rstrip(".,;:!?…")[-1:] in _CLOSING_QUOTES


def notice_evidence(text: str, patterns: Patterns) -> str | None:
    """Why `text` reads as a rights notice, or None."""
    stripped = text.lstrip(" *•-–—|[")
    lead = patterns.copyright_leads.match(stripped)
    if lead:
        return f"opens with the rights mark {quote(lead.group())}"
    folded = text.casefold()
    # Casefolding keeps most lines' length, and then a miss here is a miss below.
    if len(folded) == len(text) and not patterns.copyright_screen.may_match(folded):
        return None
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
