"""What every rule shares: the context it reads and the way it reports a span."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar, cast

from cleaner.config import Config
from cleaner.core.code_lines import code_runs, code_signs, code_stop_words
from cleaner.core.document import Block, Document, Removal, is_paragraph
from cleaner.core.fullpage import Page
from cleaner.core.headline import Headline, is_page_furniture
from cleaner.core.matching import boilerplate_match, notice_evidence
from cleaner.core.patterns import CodeSign, Family, Patterns
from cleaner.core.site import SiteLines
from cleaner.core.text import is_long_row, is_menu_row, is_table_row, menu_items, quote

__all__ = [
    "Context",
    "Finder",
    "Headline",
    "Rule",
    "is_paragraph",
    "paragraph_words",
    "part_of_block",
    "quote",
    "whole_block",
]


T = TypeVar("T")
# The phrase family of an author's closing note: a contact line, a short bio.
AUTHOR_NOTE_FAMILY = "author_bio"


class PageArticle(NamedTuple):
    """Where a whole page's article is: the index of its top (the headline, else its
    first block) and of its last block, and whether it is long enough to be sure of."""

    top: int
    end: int
    sure: bool


@dataclass(frozen=True)
class Context:
    doc: Document
    config: Config
    patterns: Patterns
    headline: Headline | None
    # The site's template lines, when the document is cleaned as part of a corpus.
    site: SiteLines | None = None
    # Where the article is, when the dump is a whole page (full-page mode).
    page: Page | None = None
    # Boilerplate matches and chrome families by block index: several rules (and the
    # full-page and headline finders) ask about the same line.
    _chrome: dict[int, tuple[Family, str] | None] = field(default_factory=dict, compare=False)
    _notices: dict[int, str | None] = field(default_factory=dict, compare=False)
    # The signs of code by block index: the headline finders and the `code` rule ask.
    _code: dict[int, list[CodeSign]] = field(default_factory=dict, compare=False)
    # What several rules read of a document, computed once (`once`). Not carried over by
    # `replace`: a context with another headline or page answers anew.
    _once: dict[Callable[..., Any], Any] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def once(self, compute: Callable[[Context], T]) -> T:
        """`compute(self)`, computed at the first call for this document only."""
        if compute not in self._once:
            self._once[compute] = compute(self)
        return cast(T, self._once[compute])

    def boilerplate(self, block: Block) -> tuple[Family, str] | None:
        """The boilerplate family of a block and how it matched (memoised per document)."""
        if block.index not in self._chrome:
            self._chrome[block.index] = boilerplate_match(
                block.text, len(block.words), self.patterns, self.config, norm=block.norm
            )
        return self._chrome[block.index]

    def chrome_family(self, block: Block) -> str | None:
        """The phrase family a line belongs to ("copyright" for a rights notice), if any:
        a line some rule takes as chrome (both answers are memoised per document)."""
        found = self.boilerplate(block)
        if found is not None:
            return found[0].name
        return "copyright" if self.notice(block) else None

    def notice(self, block: Block) -> str | None:
        """Why the whole line reads as a rights notice, or None (memoised per document)."""
        if block.index not in self._notices:
            self._notices[block.index] = notice_evidence(block.text, self.patterns)
        return self._notices[block.index]

    def is_chrome(self, block: Block) -> bool:
        return self.chrome_family(block) is not None

    @cached_property
    def page_article(self) -> PageArticle | None:
        """A whole page's article (sure when it holds `fullpage_min_article_chars`); None
        when the dump is no whole page.

        Its size is counted from its headline down, not from the run of prose alone: a
        lead paragraph the labels missed is as much article as the run. Lines a rule
        takes anyway (a dateline, a share bar, a rights notice, the site's template
        text) are not counted."""
        page = self.page
        if page is None:
            return None
        top = self.headline.block.index if self.headline and self.headline.block else page.start
        article = sum(
            len(b.text)
            for b in self.doc.blocks[min(top, page.start) : page.end + 1]
            if b.index >= page.start or not (is_page_furniture(b) or self.never_headline(b))
        )
        return PageArticle(top, page.end, article >= self.config.fullpage_min_article_chars)

    @cached_property
    def article_end(self) -> int:
        """Index of the article's last paragraph (a long, finished block); -1 when none.
        The author's note that closes the article (`sign_off`) ends it: readers'
        comments under the note are paragraphs too. A copy of an earlier paragraph
        (`copies`) ends nothing."""
        note = self.sign_off
        copies = self.copies
        for block in reversed(self.doc.blocks[: note.index if note else None]):
            if is_paragraph(block, self.config) and block.index not in copies:
                return block.index
        return -1

    @property
    def copies(self) -> dict[int, int]:
        """The later copies of a paragraph that `repeated_block` takes, by block index,
        each with the index of its first copy (found once per document): no copy ends
        the article, nor carries a cut sentence on, as a second cleaning will not see it."""
        return self.once(_repeated_copies)

    @cached_property
    def sign_off(self) -> Block | None:
        """The author's note ("Jo Roe can be reached at jo@example.com", "Jo Roe is a
        reporter for the Gazette") standing under most of the article's prose, with
        lines under it: the article ends there. The last note decides."""
        for block in reversed(self.doc.blocks[:-1]):
            found = self.boilerplate(block)
            if found is not None and found[0].name == AUTHOR_NOTE_FAMILY:
                return block if self.after_article(block) else None
        return None

    @cached_property
    def _prose_above(self) -> list[int]:
        """Words of the article's prose (its long blocks) above each block, and in all."""
        sums = [0]
        for block in self.doc.blocks:
            long = len(block.words) >= self.config.paragraph_min_words
            sums.append(sums[-1] + (len(block.words) if long else 0))
        return sums

    def prose_above(self, block: Block) -> int:
        """Words of the article's prose above `block`."""
        return self._prose_above[block.index]

    def after_article(self, block: Block) -> bool:
        """Most of the article's prose (related_min_article_share of it) is above `block`."""
        total = self._prose_above[-1]
        return (
            bool(total) and self.prose_above(block) >= total * self.config.related_min_article_share
        )

    def is_menu(self, block: Block) -> bool:
        """A menu printed as one row: short items between bars or bullets. It names no
        story, so it is never the headline (`chrome` takes it outside the prose)."""
        config = self.config
        return is_menu_row(block.text, config.menu_min_items, config.menu_item_max_words)

    def never_headline(self, block: Block) -> bool:
        """A line some rule takes whatever stands around it: chrome, a rights notice, a
        sign-up box's pitch, code, a menu printed as one row ("| Home | News | Sport |"), or
        the site's template text (a promo line the site prints on its pages); or a
        layout table's row of two cells or more ("| Subscribe! | News Ticker |": a
        headline fills one cell), or a long row of short items (`text.is_long_row`). The
        headline finders pass over it, so no such line is guessed as the headline."""
        if self.is_chrome(block) or self.is_menu(block) or self.in_sign_up_box(block):
            return True
        if block.index in self.code_runs:
            return True
        items = menu_items(block.text)
        if is_table_row(block.text) and len(items) >= 2:
            return True
        if is_long_row(items, self.config.menu_item_max_words):
            return True
        site = self.site
        return (
            site is not None
            and "site_boilerplate" in self.config.rules
            and site.pages_with(block.text) is not None
        )

    def in_sign_up_box(self, block: Block) -> bool:
        """A short line with no figure between two lines of one sign-up box ("Pick Six
        Newsletter" / its pitch / "Thanks for signing up!"): the box's pitch, which
        `boilerplate` takes, so it is never the headline either (cleaning twice finds
        the same headline)."""
        blocks = self.doc.blocks
        if not 0 < block.index < len(blocks) - 1 or self.is_chrome(block):
            return False
        above = self.boilerplate(blocks[block.index - 1])
        below = self.boilerplate(blocks[block.index + 1])
        return (
            above is not None
            and below is not None
            and above[0] is below[0]
            and above[0].widget
            and len(block.words) <= self.config.widget_inner_max_words
            and not any(c.isdigit() for c in block.text)  # figures are news, not a pitch
        )

    def code_signs(self, text: str) -> list[CodeSign]:
        """The signs of script, style or markup `text` shows (`core/code_lines.py`)."""
        return code_signs(text, self.patterns.code, self.once(_code_stop_words), self.config)

    def block_code_signs(self, block: Block) -> list[CodeSign]:
        """`code_signs` of a block's text (memoised per document)."""
        if block.index not in self._code:
            self._code[block.index] = self.code_signs(block.text)
        return self._code[block.index]

    @property
    def code_runs(self) -> frozenset[int]:
        """The lines of script, style or markup, by block index: each line that is code
        on its own, and the lines next to it that join it (`joins_code`). The `code`
        rule removes them outside the article; no headline finder takes one."""
        return self.once(_code_runs)

    def is_headline_block(self, block: Block) -> bool:
        """The headline's kept copy, which the rules that judge a line by its form (cut
        off, in capitals, over a credit) leave alone."""
        return self.headline is not None and self.headline.block is block

    def is_named_headline(self, block: Block) -> bool:
        """The headline's kept copy when a title names it (not a guess): the rules that
        know a line as the site's own leave it alone, and judge a guessed one."""
        return self.is_headline_block(block) and not (
            self.headline is not None and self.headline.guessed
        )


def _code_runs(ctx: Context) -> frozenset[int]:
    texts = [block.text for block in ctx.doc.blocks]
    signs = [ctx.block_code_signs(block) for block in ctx.doc.blocks]
    return code_runs(texts, signs, ctx.patterns.code)


def _code_stop_words(ctx: Context) -> frozenset[str]:
    return code_stop_words(ctx.doc.language, ctx.patterns.code.keywords)


def paragraph_words(blocks: list[Block], config: Config) -> int:
    """Words in the paragraphs among `blocks` (long and finished)."""
    return sum(len(b.words) for b in blocks if is_paragraph(b, config))


def whole_block(
    ctx: Context, block: Block, kind: str, reason: str, *, confident: bool = True
) -> Removal:
    """A removal of the whole block, its line break included (so no gap is left)."""
    start, end = block.start, block.line_end
    return Removal(kind, start, end, ctx.doc.source[start:end], reason, confident)


def part_of_block(
    ctx: Context,
    block: Block,
    start: int,
    end: int,
    kind: str,
    reason: str,
    *,
    confident: bool = True,
) -> Removal:
    """A removal of `block.text[start:end]` (offsets relative to the block)."""
    if end >= len(block.text):
        absolute_end = block.line_end if start == 0 else block.end
    else:
        absolute_end = block.start + end
    absolute_start = block.start + start
    return Removal(
        kind,
        absolute_start,
        absolute_end,
        ctx.doc.source[absolute_start:absolute_end],
        reason,
        confident,
    )


Finder = Callable[[Context], Iterator[Removal]]


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    summary: str
    find: Finder
    # Only works with counts from a whole corpus (tested in tests/test_site.py).
    needs_corpus: bool = False
    # Other kinds its removals may carry (`cleaner rules` lists them; tests/test_rules.py
    # reads each rule's code for the kinds it makes, so none goes unlisted).
    other_kinds: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every kind this rule's removals may carry, its own first."""
        return (self.kind, *self.other_kinds)


REPEATED_KIND = "repeated_block"
DUPLICATE_HEADLINE_KIND = "duplicate_headline"
# A finished sentence: a full stop, an exclamation mark, an ellipsis or a closing quote.
_SENTENCE_END = re.compile(r"""[.!…]["'”’»)\]]*$|["”’»]$""")


def _repeated_copies(ctx: Context) -> dict[int, int]:
    """`Context.copies`: see `cleaner/rules/repeated_block.py` for what counts."""
    if REPEATED_KIND not in ctx.config.rules:
        return {}
    config = ctx.config
    blocks = ctx.doc.blocks
    keys = {
        b.index: b.key
        for b in blocks
        if len(b.words) >= config.repeated_min_words and len(b.text) >= config.repeated_min_chars
    }
    counts = Counter(keys.values())
    # Only repeated lines can be another rule's repeated footer, or a sign-up box's pitch
    # that `boilerplate` takes: ask about those alone.
    keys = {
        i: k
        for i, k in keys.items()
        if counts[k] == 1 or not (ctx.is_chrome(blocks[i]) or ctx.in_sign_up_box(blocks[i]))
    }
    counts = Counter(keys.values())
    # The headline's copies are `duplicate_headline`'s, and gone on a second cleaning: they
    # are no line of a template (an article printed twice under its headline is no form).
    headline = ctx.headline.block if ctx.headline is not None else None
    repeated = {k for k, n in counts.items() if n > 1}
    if headline is not None and DUPLICATE_HEADLINE_KIND in config.rules:
        repeated.discard(headline.key)
    if len(repeated) > config.repeated_max_distinct:
        return {}  # a templated page (meal plan, interview form): its repeats are its structure
    first_seen: dict[str, int] = {}
    found: dict[int, int] = {}
    for block in blocks:
        key = keys.get(block.index)
        if key is None:
            continue
        if key not in first_seen:
            first_seen[key] = block.index
            continue
        # Long lines always count; shorter ones only as finished sentences seen at most twice.
        long = len(block.words) >= config.repeated_long_words
        finished = counts[key] <= config.repeated_max_copies and _SENTENCE_END.search(block.text)
        # A whole page prints its headline as <title> and again as <h1>: the <h1> is the
        # kept copy (the one above goes as page furniture).
        if (long or finished) and not ctx.is_headline_block(block):
            found[block.index] = first_seen[key]
    return found
