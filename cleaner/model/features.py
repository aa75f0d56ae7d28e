"""What the line model sees of each block: its shape, its place, its neighbours, and
what the rules and phrase lists said of it.

Every feature is a plain number computed from the document alone (and the site's
line counts when a corpus is cleaned), so the same code builds the training rows
and scores a document at run time. The names are data: the model file lists the
names it was trained on, and loading fails when they differ.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from cleaner.core.coverage import Coverage
from cleaner.core.document import Block, Removal
from cleaner.core.language import stop_density, stop_words_for
from cleaner.core.text import ends_with_mark, is_separator
from cleaner.rules.base import Context, is_paragraph

# The removal kinds a rule can report, each a feature: "a rule took this line as X".
RULE_KINDS = (
    "duplicate_headline",
    "copyright",
    "boilerplate",
    "byline",
    "timestamp",
    "bare_url",
    "site_boilerplate",
    "repeated_block",
    "truncated",
    "related_links",
    "comments",
    "chrome",
)
# Kinds named after the model was trained, each seen as the feature of the kind the same
# removals had then (the shipped weights know them by it): promo_headlines' lines were
# reported as related_links, and the footer under a closing rights notice as boilerplate
# (as is what stands under the author's closing note, which the rules then left).
FEATURE_KIND = {
    "promo_headlines": "related_links",
    "footer": "boilerplate",
    "sign_off": "boilerplate",
    "code": "boilerplate",
}
# The phrase families most often seen around articles, each a feature.
FAMILIES = (
    "share",
    "follow",
    "newsletter",
    "ad_label",
    "read_more",
    "related",
    "tags",
    "comments",
    "cookies",
    "skip",
    "photo_credit",
    "byline",
    "click",
    "author_bio",
    "promo",
    "copyright",
)
_WEB = re.compile(r"https?://|www\.|@\w+\.\w|\.(?:com|net|org|co\.uk)\b", re.IGNORECASE)
_UPPER_WORD = re.compile(r"^[^\W\d_]")
# Numbers and the separators of dates and times ("12:52", "1/8/2008").
_DIGIT = re.compile(r"\d")
# A rule "took" a line when its removals cover at least this share of the line.
COVER_SHARE = 0.5
SHORT_WORDS = 6

SHAPE = (
    "log_words",
    "log_chars",
    "ends_mark",
    "ends_colon",
    "ends_ellipsis",
    "starts_lower",
    "title_case",
    "capitals",
    "digits",
    "punctuation",
    "web_address",
    "separator",
    "stop_density",
    "is_paragraph",
)
PLACE = (
    "position",
    "first_three",
    "last_three",
    "after_last_paragraph",
    "before_first_paragraph",
    "prose_above",
    "headline_block",
    "doc_log_blocks",
    "doc_paragraph_share",
    "full_page",
    "site_pages",
)
NEIGHBOURS = (
    "prev_log_words",
    "next_log_words",
    "prev_paragraph",
    "next_paragraph",
    "prev_stop_density",
    "next_stop_density",
    "short_run",
)
NAMES: tuple[str, ...] = (
    SHAPE
    + PLACE
    + NEIGHBOURS
    + tuple(f"family_{name}" for name in FAMILIES)
    + tuple(f"rule_{kind}" for kind in RULE_KINDS)
)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_UPPER = re.compile(r"[A-Z]")
# Not a letter, digit or space: punctuation and symbols.
_MARK = re.compile(r"[^\w\s]|_")


def capitals_share(text: str) -> float:
    """The share of the letters that are capitals."""
    if text.isascii():
        letters = len(_ASCII_LETTER.findall(text))
        return len(_ASCII_UPPER.findall(text)) / letters if letters else 0.0
    letters_list = [c for c in text if c.isalpha()]
    return sum(1 for c in letters_list if c.isupper()) / len(letters_list) if letters_list else 0.0


def punctuation_share(text: str) -> float:
    """The share of the characters that are neither letters, digits nor spaces."""
    return len(_MARK.findall(text)) / len(text)


def _shape(block: Block, stops: frozenset[str], paragraph: bool) -> list[float]:
    text = block.text
    words = block.words
    n = len(words)
    long_words = [w for w in words if len(w) > 3]
    return [
        math.log1p(n),
        math.log1p(len(text)),
        float(ends_with_mark(text) and not text.endswith(":")),
        float(text.endswith(":")),
        float(text.endswith(("...", "…"))),
        float(text[:1].islower()),
        sum(1 for w in long_words if _UPPER_WORD.match(w) and w[0].isupper()) / len(long_words)
        if long_words
        else 0.0,
        capitals_share(text),
        len(_DIGIT.findall(text)) / len(text),
        punctuation_share(text),
        float(bool(_WEB.search(text))),
        float(is_separator(text)),
        stop_density(block.words, stops),
        float(paragraph),
    ]


def _covered(blocks: Sequence[Block], removals: Sequence[Removal]) -> list[set[str]]:
    """The kinds whose removals (settled) cover at least half of each block."""
    coverage = Coverage(removals)
    covered: list[set[str]] = []
    for block in blocks:
        cover: dict[str, int] = {}
        for removal in coverage.touching(block):
            kind = FEATURE_KIND.get(removal.kind, removal.kind)
            overlap = min(block.end, removal.end) - max(block.start, removal.start)
            cover[kind] = cover.get(kind, 0) + overlap
        least = COVER_SHARE * max(1, block.end - block.start)
        covered.append({kind for kind, size in cover.items() if size >= least})
    return covered


def block_features(
    ctx: Context, removals: Sequence[Removal], only: Sequence[int] | None = None
) -> list[list[float]]:
    """One feature row (in `NAMES` order) per block of `ctx.doc`, or per block of the
    indices in `only` (the neighbours' figures are still read off every block)."""
    blocks = ctx.doc.blocks
    if not blocks:
        return []
    stops = stop_words_for(ctx.doc.language)
    config = ctx.config
    paragraphs = [is_paragraph(b, config) for b in blocks]
    first_paragraph = next((i for i, p in enumerate(paragraphs) if p), len(blocks))
    last_paragraph = ctx.article_end
    total_prose = ctx.prose_above(blocks[-1]) + (
        len(blocks[-1].words) if len(blocks[-1].words) >= config.paragraph_min_words else 0
    )
    densities = [stop_density(b.words, stops) for b in blocks]
    log_words = [math.log1p(len(b.words)) for b in blocks]
    taken = _covered(blocks, removals)
    n = len(blocks)
    doc_features = [math.log1p(n), sum(paragraphs) / n, float(ctx.page is not None)]
    # Runs of short lines (menus, link lists) around each block.
    short = [len(b.words) < SHORT_WORDS for b in blocks]
    run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = max(j, i + 1)
    rows: list[list[float]] = []
    for block in blocks if only is None else [blocks[i] for i in only]:
        index = block.index
        family = ctx.chrome_family(block)
        site_pages = 0.0
        if ctx.site is not None and ctx.site.documents:
            template, shared = ctx.site.pages(block.text)
            seen = template or shared or 0
            site_pages = seen / ctx.site.documents
        row = _shape(block, stops, paragraphs[index])
        row += [
            index / max(1, n - 1),
            float(index < 3),
            float(index >= n - 3),
            float(last_paragraph >= 0 and index > last_paragraph),
            float(index < first_paragraph),
            ctx.prose_above(block) / total_prose if total_prose else 0.0,
            float(ctx.is_headline_block(block)),
            *doc_features,
            site_pages,
        ]
        row += [
            log_words[index - 1] if index > 0 else 0.0,
            log_words[index + 1] if index + 1 < n else 0.0,
            float(index > 0 and paragraphs[index - 1]),
            float(index + 1 < n and paragraphs[index + 1]),
            densities[index - 1] if index > 0 else 0.0,
            densities[index + 1] if index + 1 < n else 0.0,
            math.log1p(run[index]),
        ]
        row += [float(family == name) for name in FAMILIES]
        row += [float(kind in taken[index]) for kind in RULE_KINDS]
        rows.append(row)
    return rows


_SAID: dict[str, tuple[str, str]] = {
    # name: (said when the value is high, said when it is low)
    "ends_mark": ("ends like a sentence", "no end mark"),
    "ends_colon": ("ends on a colon", "no colon at the end"),
    "ends_ellipsis": ("ends on an ellipsis", "no ellipsis"),
    "starts_lower": ("starts in lowercase", "starts in capitals"),
    "web_address": ("holds a web address", "no web address"),
    "separator": ("a separator line", "not a separator"),
    "is_paragraph": ("a paragraph", "not a paragraph"),
    "first_three": ("among the first three lines", "below the first three lines"),
    "last_three": ("among the last three lines", "above the last three lines"),
    "after_last_paragraph": ("after the last paragraph", "not after the last paragraph"),
    "before_first_paragraph": ("before the first paragraph", "not before the first paragraph"),
    "headline_block": ("the headline", "not the headline"),
    "full_page": ("in a whole page", "in an extracted article"),
    "prev_paragraph": ("under a paragraph", "not under a paragraph"),
    "next_paragraph": ("above a paragraph", "not above a paragraph"),
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe(name: str, value: float) -> str:
    """A feature's value as a person reads it ("7 words", "after the last paragraph")."""
    if name in _SAID:
        high, low = _SAID[name]
        return high if value >= 0.5 else low
    if name == "log_words":
        return _count(round(math.expm1(value)), "word")
    if name == "log_chars":
        return f"{round(math.expm1(value))} characters"
    if name.startswith("family_"):
        family = name.removeprefix("family_").replace("_", " ")
        return f"like a {family} line" if value else f"not like a {family} line"
    if name.startswith("rule_"):
        kind = name.removeprefix("rule_")
        return f"a rule took it as {kind}" if value else f"no rule took it as {kind}"
    if name == "short_run":
        return f"in a run of {round(math.expm1(value))} short lines"
    if name in ("prev_log_words", "next_log_words"):
        side = "above" if name.startswith("prev") else "below"
        return f"{_count(round(math.expm1(value)), 'word')} in the line {side}"
    if name in ("digits", "capitals", "punctuation"):
        return f"no {name}" if not value else f"{value:.0%} {name}"
    if name == "site_pages":
        return f"on {value:.0%} of the site's pages"
    if name == "position":
        return f"{value:.0%} down the dump"
    return f"{name.replace('_', ' ')} {value:.2f}"
