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
from cleaner.core.credits import is_credit
from cleaner.core.document import WRAP_LONG_LINE, WRAP_SLACK, Block, Document
from cleaner.core.guesses import is_item_or_cells, is_junk, names_the_article
from cleaner.core.patterns import load_patterns
from cleaner.core.text import ends_with_mark, first_sentence_end, is_separator, key

# Separators that attach a site name or section to a headline.
# A full stop between two sentences ("? " and "! " are fine in headlines), after the
# word it ends; not after a title that stands before a name ("Rep. Ilhan Omar").
_FULL_STOP = re.compile(r"(\w*[a-z]{2})\.\s+(?=[A-Z])")
# A quotation inside a headline may hold full stops of its own ("'Meth. We're On It'").
_QUOTED = re.compile(r"""["“][^"”]*["”]|(?<!\w)['‘].*?['’](?!\w)""")
_WEB = re.compile(r"https?://|www\.|\.(?:com|net|org|co\.uk)\b", re.IGNORECASE)
# Page furniture that reads like a title in a whole page: a menu with its items
# separated ("Africa | Arabic | Brazil"), ...
_MENU_SEPARATORS = re.compile(r"\s[|·•]\s|\s?\|\s?")
# ... a bar of share and print buttons ("Email to a friend Printer friendly", "Digg
# Reddit Facebook"): the words of such bars, lower case.
# fmt: off
_TOOL_WORDS = frozenset({
    "email", "e", "mail", "send", "print", "printer", "friendly", "article", "story", "this",
    "page", "to", "a", "friend", "share", "save", "bookmark", "comment", "comments", "post",
    "add", "recommend", "don", "t", "digg", "reddit", "facebook", "stumbleupon", "delicious",
    "del", "icio", "us", "yahoo", "my", "web", "twitter", "rss", "font", "text", "size",
    "what", "are", "these", "close", "form", "version", "subscribe", "link",
})
# fmt: on
# ... a date or a time on its own ("30 December 2007 (18:30)", "Globe Staff / May 3, 2008").
_DATE_WORDS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|am|pm|[ap]\.m\.|gmt|utc|"
    r"[ecmp][sd]t|ist|bst|cet|updated|posted|published|last|modified|on|at|st|nd|rd|th|"
    r"\d+(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_DATE_ANCHOR = re.compile(
    r"\b(?:19|20)\d\d\b|\d:\d\d|\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
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
    # headline (the document then reports none). Nor is a guess whose words its lede
    # does not repeat (`guesses.names_the_lede`): the rules still treat it as the
    # headline (they spare it and take its copies, as a second cleaning will), but it is
    # not reported as the title and the line stays in the text.
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
    never_final = load_patterns().never_final
    stops = (m for m in _FULL_STOP.finditer(unquoted) if m.group(1) + "." not in never_final)
    return not (any(stops) or _WEB.search(text) or text.count(":") > 1)


def is_page_furniture(block: Block) -> bool:
    """A line of a whole page that is shaped like a title but is no headline: a menu of
    two or more separated items, a bar of share and print buttons, or a dateline (a
    date or time with at most two other words: a desk's name, a place)."""
    text = block.text
    if len(_MENU_SEPARATORS.findall(text)) >= 2:
        return True
    words = [w.casefold() for w in block.words]
    if words and sum(w in _TOOL_WORDS for w in words) >= max(2, len(words) - 1):
        return True
    return bool(_DATE_ANCHOR.search(text)) and len(_WORD.findall(_DATE_WORDS.sub(" ", text))) <= 2


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
    shown = _first_line_headline(doc, top, config)
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


def _may_be_guessed(block: Block, config: Config) -> bool:
    """Shaped like a title, not a list's item nor two cells side by side, and no junk."""
    return is_title_like(block, config) and not (is_item_or_cells(block) or is_junk(block))


def _first_line_headline(doc: Document, top: list[Block], config: Config) -> Headline | None:
    if top and _may_be_guessed(top[0], config) and not runs_on(top[0], doc):
        return Headline(top[0].text, top[0], guessed=True)
    return None


# A lowercase word glued to a capital or digit is a brand ("iPhone", "eBay"), which may
# open a sentence of its own under a headline.
_BRAND = re.compile(r"^[a-z]+[A-Z0-9]")
# A sentence carried on below a line finishes within this many lines of its paragraph.
RUN_ON_LINES = 3


def runs_on(block: Block, doc: Document) -> bool:
    """The line opens a sentence the lines under it carry on: a short wrapped paragraph's
    first line ("Australia's team in the Hopman Cup will need" / "to win their match
    tonight to stay in contention."), not a headline. It is long, as a wrapped line is;
    the next line of its paragraph opens in lowercase; and that line, or one of the next
    few filled as wrapped lines are, finishes a sentence. A headline's lowercase byline
    or dateline ("by Chris Stanton, 30 December 2007") finishes none."""
    text = block.text
    if len(text) < WRAP_LONG_LINE:
        return False
    below = [
        b
        for b in doc.blocks[block.index + 1 : block.index + 1 + RUN_ON_LINES]
        if b.paragraph == block.paragraph
    ]
    if not below or not below[0].text[:1].islower() or _BRAND.match(below[0].text):
        return False
    for line in below:
        if ends_with_mark(line.text) or first_sentence_end(line.text) is not None:
            return True
        if len(line.text) < len(text) - WRAP_SLACK:
            return False  # a short line that does not finish: a label, not the sentence
    return False


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

    The caller's title wins (a title-like line repeating it is its copy). Menus, share
    bars and datelines (`is_page_furniture`) are never candidates; separator lines do
    not count in the search window. Else preferred, in order: a line matching the
    page's title; a title-like line repeating a line at the top of the page (the
    <title> a whole-page dump opens with); one of a headline's length the page prints
    twice; the nearest of a headline's length; the nearest title-like line. The last
    four are guesses.
    """
    candidates = [
        b
        for b in _lines_above(doc, article_start, config.fullpage_headline_search)
        if _may_be_guessed(b, config)
        and not is_chrome(b)
        and not is_page_furniture(b)
        and not runs_on(b, doc)
    ]
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
    guessed = _page_guess(doc, candidates, config, is_chrome)
    return guessed or (Headline(named, None) if named else None)


def _lines_above(doc: Document, start: int, count: int) -> list[Block]:
    """Up to `count` blocks above block `start`, nearest first; a separator line ("*",
    "----", a row of bullets) is layout and does not count."""
    lines: list[Block] = []
    for block in reversed(doc.blocks[:start]):
        if len(lines) == count:
            break
        if not is_separator(block.text):
            lines.append(block)
    return lines


def repeats_page_title(block: Block, doc: Document, config: Config) -> bool:
    """The page's <title> opens a whole-page dump: a line that repeats a line at the top
    of the page (another than itself) is the headline as printed, the <h1>."""
    top = doc.blocks[: config.headline_search_blocks]
    similarity = config.headline_similarity
    return any(block_repeats_headline(b, block.text, similarity) for b in top if b is not block)


def _page_guess(
    doc: Document, candidates: list[Block], config: Config, is_chrome: IsChrome
) -> Headline | None:
    similarity = config.headline_similarity
    for block in candidates:
        if repeats_page_title(block, doc, config):
            return Headline(block.text, block, guessed=True)
    candidates = [b for b in candidates if names_the_article(b, doc, is_chrome)]
    if not candidates:
        return None
    # A byline or an audio prompt ("Listen to this article") also sits just above the
    # text; a headline is usually longer. A menu item printed twice (a menu at the top
    # and again in the footer) is short too.
    long = [b for b in candidates if len(b.words) >= config.fullpage_headline_min_words]
    # So does a newsroom credit ("Palm Beach Post Staff Writer"): a long line that is no
    # credit is preferred. Without one the credit's shape may be the headline's
    # ("Gazette Hires Staff Writer" under a masthead), which the report does not name
    # the title (`pipeline`).
    patterns = load_patterns()
    long = [b for b in long if not is_credit(b.text, patterns, doc.language)] or long
    for block in long:
        earlier = doc.blocks[: block.index]
        if any(block_repeats_headline(b, block.text, similarity) for b in earlier):
            return Headline(block.text, block, guessed=True)
    chosen = long[0] if long else candidates[0]
    return Headline(chosen.text, chosen, guessed=True)
