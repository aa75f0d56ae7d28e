"""related_links: the list of other stories' headlines that trails an article.

    "... the council will vote in May.\\nMore stories\\nBus fares rise again\\n"
    "Library hours cut\\nNew mayor sworn in"
    -> "... the council will vote in May."

Three shapes; the first two only after most of the article's prose:
- everything after a related-content heading ("Related articles", "More Great
  WIRED Stories", "You may also like") when no long paragraph follows it, and the
  article does not close on two paragraphs of prose below it (a "HAVE YOUR SAY"
  box set inside the article);
- a closing run of headline-like lines (short, capitalised, no full stop) after
  the article's last paragraph (bullet points written as sentences are the
  article's own list; lines that mostly end on a time, score or price, or are a
  table's rows with figures in two cells or more, are its table of results);
- a box inside the article: a related heading with two to six headline-like
  lines under it and the article's paragraphs going on below.
A long paragraph after the heading means the article goes on, and the rule
leaves that dump alone. Readers' comments are the exception (kind
`comments`): after a heading that can only open them ("Top Rated Comments",
"12 Comments") and a real article above it (in a whole page, above it and below the
article's top: teasers above the headline are none), everything below goes, however
long. So does a thread without a heading that closes the dump: three or more
"2 days ago" stamps and readers' votes ("Rating: 36 Votes", "Reply"), a few
lines apart and a vote between every two stamps, under the article's prose or
making up the whole dump (a live blog's entries have stamps, and at most the
shares and views of the posts they embed); and a thread whose comments are each
signed on a line of their own ("Posted by: Jo | January 14, 2008 08:53 PM", "By
DUMAS"), a few lines apart, by three or more names, under the article's prose (a
live blog's time stamps and an author's own dated bylines differ by their dates
only); these three are found in `comment_threads`. Other shapes of promoted headlines
are in `promo_headlines`.
Source: boilerpipe's terminating blocks ("comments", "add your comment" end the
article), position after the main text (jusText).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.headline_lists import is_title_case
from cleaner.core.text import ends_with_mark, is_figures_row
from cleaner.rules.base import Context, Rule, quote, whole_block
from cleaner.rules.comment_threads import comment_thread, comments_section, signed_thread

KIND = "related_links"
COMMENTS_KIND = "comments"
# Families whose heading ends the article: what follows is not the article.
TERMINATING_FAMILIES = {"related", "comments"}
# "Q: Favourite meal?" / "A: Soup": the close of an interview, not a list of links.
_QA_LABEL = re.compile(r"^[A-Z]{1,2}\s?:")
# A list item's bullet: "- 15 Amazing Images of Stars".
BULLETED = re.compile(r"[-–•·*] \S")
# A figure closing a line: a time, score, price, share or decimal ("5:41.2", "1'32.2",
# "3-1", "$4.20", "12%", "4.7"). Not a bare number nor a date: lists of other stories end on
# their dates ("Ike wins, Jan. 7", "… 09/07/2026", "… 2026-07-09") or comment counts.
FIGURE = re.compile(
    r"(?<![\w'’:.,/%$£€-])(?![\d:.-]*(?:19|20)\d\d\b)"
    r"(?:[$£€]\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?%|\d+(?:['’:.]\d+)+|\d+-\d+)$"
)


def headline_like(block: Block, ctx: Context) -> bool:
    """Short, capitalised, no end mark: how a list prints other stories' headlines."""
    text = block.text
    n = len(block.words)
    return (
        ctx.config.related_item_min_words <= n <= ctx.config.related_item_max_words
        and not text[0].islower()
        and not ends_with_mark(text.rstrip("?!"))
        and not text.rstrip().endswith((".", ":", ";", ","))
        and not _QA_LABEL.match(text)
    )


def _after_terminator(ctx: Context) -> tuple[Block, list[Block]] | None:
    blocks = ctx.doc.blocks
    for block in blocks:
        found = ctx.boilerplate(block)
        if found is None or found[0].name not in TERMINATING_FAMILIES:
            continue
        rest = blocks[block.index + 1 :]
        if not ctx.after_article(block):
            continue
        if not rest or any(len(b.words) >= ctx.config.related_max_item_words_after for b in rest):
            continue
        if _closes_on_prose(rest, ctx):
            continue
        return block, rest
    return None


def _closes_on_prose(rest: list[Block], ctx: Context) -> bool:
    """The article ends on paragraphs of prose: it goes on below the heading (a box
    "HAVE YOUR SAY" set inside it), where lists of other stories and comment threads
    end on a teaser, a label or a short comment. The article's end is the dump's, or a
    whole page's article region, past a line or two of share bar or menu below it."""
    config = ctx.config
    end = len(rest)
    if ctx.page is not None:
        end = sum(1 for b in rest if b.index <= ctx.page.end)
    for _ in range(config.related_closing_tail_lines):
        if end and len(rest[end - 1].words) < config.paragraph_min_words:
            end -= 1
    last = rest[max(0, end - config.related_closing_paragraphs) : end]
    return len(last) == config.related_closing_paragraphs and all(
        len(b.words) >= config.related_closing_paragraph_words and ends_with_mark(b.text)
        for b in last
    )


def _closing_run(ctx: Context) -> list[Block]:
    blocks = ctx.doc.blocks
    run: list[Block] = []
    for block in reversed(blocks):
        if not headline_like(block, ctx):
            break
        run.append(block)
    run.reverse()
    if len(run) < ctx.config.related_min_run or len(run) == len(blocks):
        return []
    bulleted = [b for b in run if BULLETED.match(b.text)]
    if bulleted and not all(title_case(b, ctx) for b in bulleted):
        return []  # bullet points written as sentences: the article's own list
    if results_table(run, ctx):
        return []
    previous = blocks[run[0].index - 1]
    # The run must follow a finished paragraph; after a colon it is the article's own list.
    finished = ends_with_mark(previous.text) and not previous.text.endswith(":")
    if len(previous.words) < ctx.config.paragraph_min_words or not finished:
        return []
    return run


def results_table(run: list[Block], ctx: Context) -> bool:
    """Most lines end on a figure (times, scores, prices): the article's own table of
    results or markets, which headlines of other stories do not look like."""
    rows = sum(bool(FIGURE.search(b.text.rstrip())) or is_figures_row(b.text) for b in run)
    return rows >= len(run) * ctx.config.related_figure_rows_share


def title_case(block: Block, ctx: Context) -> bool:
    """Most longer words capitalised, as headlines are written ("Could Spot Signs of Life")."""
    return is_title_case(block.words, ctx.config.related_title_case_share)


def _box_heading(block: Block, ctx: Context) -> bool:
    """A "Related stories" heading, or a "More:" that a colon makes a heading over a list."""
    found = ctx.boilerplate(block)
    if found is None or found[1] != "is":
        return False
    family = found[0].name
    return family == "related" or (family == "read_more" and block.text.rstrip().endswith(":"))


def _inline_boxes(ctx: Context) -> Iterator[tuple[Block, list[Block]]]:
    """A related-content heading inside the article ("More:", "Related stories") with a
    few headline-like lines under it, and the article's paragraphs going on after them."""
    blocks = ctx.doc.blocks
    for block in blocks:
        if not _box_heading(block, ctx):
            continue
        items: list[Block] = []
        for following in blocks[block.index + 1 :]:
            if not headline_like(following, ctx) or ctx.is_headline_block(following):
                break
            items.append(following)
        if not ctx.config.related_box_min_items <= len(items) <= ctx.config.related_box_max_items:
            continue
        # The article goes on below (past any chrome line, such as a story id).
        after = (b for b in blocks[block.index + 1 + len(items) :] if ctx.boilerplate(b) is None)
        below = next(after, None)
        if below is not None and len(below.words) >= ctx.config.paragraph_min_words:
            yield block, items


def claim(
    ctx: Context,
    blocks: list[Block],
    claimed: set[int],
    kind: str,
    reason: str | Callable[[Block, int], str],
    *,
    confident: bool = False,
) -> Iterator[Removal]:
    """Whole-block removals of the `blocks` no earlier shape has claimed, claiming them;
    `reason` is the same for all, or `reason(block, n)` explains one of the n taken."""
    fresh = [b for b in blocks if b.index not in claimed]
    claimed.update(b.index for b in fresh)
    for block in fresh:
        why = reason if isinstance(reason, str) else reason(block, len(fresh))
        yield whole_block(ctx, block, kind, why, confident=confident)


def find(ctx: Context) -> Iterator[Removal]:
    claimed: set[int] = set()
    comments = comments_section(ctx)
    if comments is not None:
        heading, rest = comments
        yield from claim(
            ctx,
            [heading, *rest],
            claimed,
            COMMENTS_KIND,
            f"readers' comments: follows the heading {quote(heading.text)} after the "
            "article's text",
            confident=True,
        )
    yield from claim(
        ctx,
        comment_thread(ctx),
        claimed,
        COMMENTS_KIND,
        lambda block, n: (
            "part of a thread of readers' comments closing the dump: 'posted ... ago' stamps "
            f"and readers' votes every few lines: {quote(block.text)}"
        ),
        confident=True,
    )
    yield from claim(
        ctx,
        signed_thread(ctx),
        claimed,
        COMMENTS_KIND,
        lambda block, n: (
            "part of a thread of readers' comments closing the dump, each signed on a line "
            f"of its own (a name, a date) by another reader: {quote(block.text)}"
        ),
        confident=True,
    )
    terminated = _after_terminator(ctx)
    if terminated is not None:
        heading, rest = terminated
        yield from claim(
            ctx,
            rest,
            claimed,
            KIND,
            f"follows the heading {quote(heading.text)} after the article's text, "
            "and no long paragraph follows it or ends the dump",
        )
    for heading, items in _inline_boxes(ctx):
        yield from claim(
            ctx,
            items,
            claimed,
            KIND,
            f"one of {len(items)} headlines under {quote(heading.text)} inside the "
            "article (its paragraphs go on below them)",
        )
    yield from claim(
        ctx,
        _closing_run(ctx),
        claimed,
        KIND,
        lambda block, n: (
            f"one of {n} headline-like lines closing the dump after the article's last "
            f"paragraph: {quote(block.text)}"
        ),
    )


RULE = Rule(
    name=KIND,
    kind=KIND,
    other_kinds=(COMMENTS_KIND,),
    summary="lists of other stories' headlines after the article (after a 'Related' "
    "heading, or a closing run of headline-like lines); readers' comments as comments",
    find=find,
)
