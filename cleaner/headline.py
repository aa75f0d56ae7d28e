"""Find the headline and decide whether a line is a copy of it.

The headline is the `title` given by the caller (a record's title field,
`--title`): it always wins, and a line at the top that repeats it is its kept
copy. Else a line at the top that repeats the page's own title (og:title or
<title>, which often carries the site's name), else the first short, title-like
line: a guess, which the rules judge as any line (a line a rule removes is no
headline: the document then has no title). Comparison follows newspaper4k and
readability: ignore case, whitespace and punctuation; accept a site name attached
with a separator; accept near-identical variants.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from cleaner.config import Config
from cleaner.document import Block, Document
from cleaner.text import is_separator, key

# Separators that attach a site name or section to a headline.
# A full stop between two sentences ("? " and "! " are fine in headlines).
_FULL_STOP = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")
# A quotation inside a headline may hold full stops of its own ("'Meth. We're On It'").
_QUOTED = re.compile(r"""["“][^"”]*["”]|(?<!\w)['‘].*?['’](?!\w)""")
_WEB = re.compile(r"https?://|www\.|\.(?:com|net|org|co\.uk)\b", re.IGNORECASE)
SITE_SEPARATORS = re.compile(r"\s+[|\-–—·•:»/]+\s+|\s*\|\s*|:\s+")


@dataclass(frozen=True)
class Headline:
    """The document's headline: its text, and the block that holds the kept copy (if any)."""

    text: str
    block: Block | None
    # The caller's title: the headline whatever the text prints (`block` is its copy).
    given: bool = False
    # `block` was picked from the text alone (no title names it): the rules that know a
    # line as the site's own judge it as any other, and a line a rule removes is no
    # headline (the document then reports none).
    guessed: bool = False


def headline_parts(text: str) -> list[str]:
    """Keys of the pieces of `text` split at site-name separators ("Title | Site")."""
    return [k for k in (key(p) for p in SITE_SEPARATORS.split(text)) if k]


@lru_cache(maxsize=256)
def _headline_keys(headline: str) -> tuple[str, tuple[str, ...]]:
    return key(headline), tuple(headline_parts(headline))


def same_headline(line: str, headline: str, similarity: float) -> str | None:
    """How `line` repeats `headline` ("exact", "site name", "variant"), or None."""
    if _far_too_long(line, headline):
        return None
    return _same_headline(line, key(line), headline, similarity)


def block_repeats_headline(block: Block, headline: str, similarity: float) -> str | None:
    """`same_headline` for a block's text, with the block's memoised comparison key."""
    if _far_too_long(block.text, headline):
        return None
    return _same_headline(block.text, block.key, headline, similarity)


def _far_too_long(line: str, headline: str) -> bool:
    """Far too long to be a copy of `headline`, even with a site name."""
    return len(line) > 2 * len(headline) + 60


def _same_headline(line: str, a: str, headline: str, similarity: float) -> str | None:
    """`same_headline`, given `a`, the key of `line`."""
    b, parts_b = _headline_keys(headline)
    if not a or not b:
        return None
    if a == b:
        return "exact"
    if len(a) > 2 * len(b) + 40 or len(b) > 2 * len(a) + 40:
        return None
    words_a, words_b = set(a.split()), set(b.split())
    if len(words_a & words_b) < min(len(words_a), len(words_b)) * 0.5:
        return None  # too few words in common for any kind of copy: skip the slow checks
    pieces_a, pieces_b = headline_parts(line), list(parts_b)
    # "Title | Site" against "Title", or "Site: Title" against "Title | Other site".
    if (b in pieces_a and len(pieces_a) > 1) or (a in pieces_b and len(pieces_b) > 1):
        return "site name"
    if (
        set(pieces_a) & set(pieces_b) - {""}
        and max(len(p.split()) for p in set(pieces_a) & set(pieces_b)) >= 3
    ):
        return "site name"
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() >= similarity and matcher.ratio() >= similarity:
        return "variant"
    return None


def is_title_like(block: Block, config: Config) -> bool:
    """Short, not a sentence: no final full stop (a ? or ! is fine), not starting lowercase."""
    text = block.text
    n = len(block.words)
    if not (config.headline_min_words <= n <= config.headline_max_words):
        return False
    if len(text) > config.headline_max_chars:
        return False
    if text[0].islower():
        return False
    last = text.rstrip("\"'”’»)]")[-1:]
    if last in ".,;:" and not text.endswith("..."):
        return False
    # A headline is one phrase: no second sentence, no web address, at most one colon.
    # A placeholder word, so that a full stop right after the quote still counts.
    unquoted = _QUOTED.sub("quoted", text)
    return not (_FULL_STOP.search(unquoted) or _WEB.search(text) or text.count(":") > 1)


# Does a rule take the line whatever stands around it (chrome, a rights notice, the
# site's template text)? Such a line above the article is never its headline. The
# pipeline passes `Context.never_headline`, memoised per document.
IsChrome = Callable[[Block], bool]


def _one_line(title: str | None) -> str | None:
    """A title on one line (its white space normalised), or None when it is blank."""
    text = " ".join(title.split()) if title else ""
    return text or None


def find_headline(
    doc: Document,
    title: str | None,
    config: Config,
    is_chrome: IsChrome,
    *,
    page_title: str | None = None,
) -> Headline | None:
    """The headline, and the block holding the copy we keep (the first one near the top).

    `title` is the caller's and wins; `page_title` is the page's metadata, whose copy
    in the text is the headline as printed.
    """
    top = _top_blocks(doc, config, is_chrome)
    given = _one_line(title)
    if given:
        return Headline(given, _printed_copy(top, given, config), given=True)
    named = _one_line(page_title)
    if named:
        copy = _printed_copy(top, named, config)
        if copy is not None:
            return Headline(copy.text, copy)
    # The page's title is not printed at the top (metadata often differs from the
    # page's headline): the first title-like line there is the headline we keep.
    shown = _first_line_headline(top, config)
    return shown or (Headline(named, None) if named else None)


def _printed_copy(top: list[Block], title: str, config: Config) -> Block | None:
    """The first block of `top` that repeats `title`: an exact copy first, else any."""
    matches = [
        (block_repeats_headline(block, title, config.headline_similarity), block) for block in top
    ]
    for how, block in matches:
        if how == "exact":
            return block
    return next((block for how, block in matches if how is not None), None)


def _top_blocks(doc: Document, config: Config, is_chrome: IsChrome) -> list[Block]:
    """The first `headline_search_blocks` blocks that are not chrome or a separator (a
    line with no letter or digit): noise above the headline does not push it out of
    reach (and cleaning twice finds the same one)."""
    top: list[Block] = []
    for block in doc.blocks:
        if len(top) == config.headline_search_blocks:
            break
        if not is_chrome(block) and not is_separator(block.text):
            top.append(block)
    return top


def _first_line_headline(top: list[Block], config: Config) -> Headline | None:
    if top and is_title_like(top[0], config):
        return Headline(top[0].text, top[0], guessed=True)
    return None


def find_page_headline(
    doc: Document,
    article_start: int,
    title: str | None,
    config: Config,
    is_chrome: IsChrome,
    *,
    page_title: str | None = None,
) -> Headline | None:
    """In a full-page dump: the headline just above the article's first paragraph.

    The caller's title wins (a title-like line repeating it is its copy). Else
    preferred, in order: a line matching the page's title; a title-like line the page
    prints twice (as <title> and <h1> both show); the nearest title-like line of a
    headline's length; the nearest title-like line. The last three are guesses.
    """
    window = doc.blocks[max(0, article_start - config.fullpage_headline_search) : article_start]
    candidates = [b for b in reversed(window) if is_title_like(b, config) and not is_chrome(b)]
    similarity = config.headline_similarity
    given = _one_line(title)
    if given:
        copy = next((b for b in candidates if block_repeats_headline(b, given, similarity)), None)
        return Headline(given, copy, given=True)
    named = _one_line(page_title)
    if named:
        for block in candidates:
            if block_repeats_headline(block, named, similarity) is not None:
                return Headline(block.text, block)
    guessed = _page_guess(doc, candidates, config)
    return guessed or (Headline(named, None) if named else None)


def _page_guess(doc: Document, candidates: list[Block], config: Config) -> Headline | None:
    if not candidates:
        return None
    for block in candidates:
        earlier = doc.blocks[: block.index]
        if any(block_repeats_headline(b, block.text, config.headline_similarity) for b in earlier):
            return Headline(block.text, block, guessed=True)
    # A byline or an audio prompt ("Listen to this article") also sits just above the
    # text; a headline is usually longer.
    for block in candidates:
        if len(block.words) >= config.fullpage_headline_min_words:
            return Headline(block.text, block, guessed=True)
    return Headline(candidates[0].text, candidates[0], guessed=True)
