"""Readers' comments closing a dump, for `related_links` (kind `comments`): where they
start, in three shapes.

- After a heading that can only open them ("Top Rated Comments", "12 Comments"), with
  a real article above it.
- A thread without a heading: "2 days ago" stamps and readers' votes a few lines
  apart, a vote between every two stamps.
- A thread of comments each signed on a line of its own ("Posted by: Jo | January 14,
  2008 08:53 PM", "By DUMAS" over a date), by three or more names.

The article above is counted from its top in a whole page: teasers above a headline
are no article that comments could follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cleaner.core.document import Block
from cleaner.core.page_comments import signer
from cleaner.core.patterns import COMMENTS_HEADING
from cleaner.core.text import ends_with_mark
from cleaner.rules.base import Context
from cleaner.rules.phrase_lines import taken_lines

# The kinds of the phrase lines that sign a reader's comment: a name, a date, or both.
SIGNATURE_KINDS = frozenset({"byline", "timestamp"})


def _article_above(ctx: Context, block: Block) -> int:
    """Words of the article's prose above `block`; in a whole page, from the article's
    top only (the teasers and menus above it are no article a thread could follow)."""
    article = ctx.page_article
    top = ctx.prose_above(ctx.doc.blocks[article.top]) if article is not None else 0
    return ctx.prose_above(block) - top


def comments_section(ctx: Context) -> tuple[Block, list[Block]] | None:
    """Readers' comments after a comments heading ("Top Rated Comments", "12 Comments")."""
    blocks = ctx.doc.blocks
    for block in blocks:
        if not COMMENTS_HEADING.match(block.norm):
            continue
        rest = blocks[block.index + 1 :]
        if rest and _article_above(ctx, block) >= ctx.config.comments_min_article_words:
            return block, rest
    return None


def _marks_from_the_end(
    blocks: list[Block],
    marked: Callable[[Block], bool],
    max_gap: int,
    in_tail: Callable[[Block], bool] = lambda block: True,
) -> Iterator[tuple[Block, int]]:
    """Walking up from the dump's end, each marked line (a comment's stamp, vote or
    signature) with the number of unmarked lines below it, until more than `max_gap`
    unmarked lines in a row. Under the last mark, only the lines `in_tail` count."""
    gap = 0
    seen = False
    for block in reversed(blocks):
        if marked(block):
            yield block, gap
            gap = 0
            seen = True
        elif seen or in_tail(block):
            gap += 1
            if gap > max_gap:
                return


def comment_thread(ctx: Context) -> list[Block]:
    """Readers' comments without a heading, closing the dump: walking up from its end,
    "2 days ago" stamps and readers' votes at most a few lines apart, a vote between
    every two stamps (an article's own "2 hours ago" under its headline has none after
    it), and above the thread either the article's prose or nothing at all."""
    blocks = ctx.doc.blocks
    config = ctx.config
    patterns = ctx.patterns
    start = None
    stamps = reactions = 0
    voted = False  # a vote seen since the last stamp (walking up)

    def marked(block: Block) -> bool:
        return bool(
            patterns.comment_reaction.match(block.norm) or patterns.comment_stamp.match(block.norm)
        )

    for block, _ in _marks_from_the_end(blocks, marked, config.comment_thread_max_gap):
        if patterns.comment_reaction.match(block.norm):
            reactions += 1
            voted = True
        else:
            if stamps and not voted:
                break
            stamps += 1
            voted = False
        start = block.index
    if (
        start is None
        or stamps < config.comment_thread_min_stamps
        or reactions < config.comment_thread_min_reactions
    ):
        return []
    # The first commenter's name, just above the first stamp ("Nick A").
    if start > 0 and _commenter_name(blocks[start - 1], ctx):
        start -= 1
    if start and _article_above(ctx, blocks[start]) < config.comments_min_article_words:
        return []  # a few lines above it: too little to tell an article from a page
    return blocks[start:]


def signed_thread(ctx: Context) -> list[Block]:
    """Readers' comments each signed on a line of its own, closing the dump: walking up
    from its end, byline and dateline lines ("By DUMAS" over "Dec 30, 2007 7:06 PM | Link
    to this", "Posted by: Jo of Leeds 2:19pm January 14, 2008") at most a few lines
    apart, with a comment between two signatures, signed by at least three people (the
    lines differ beyond their dates: a live blog's time stamps and an author's own
    bylines say the same each time), and the article's prose above. The thread starts
    at its first signature. Under the last comment, a comment form and the page's end
    ("Name:", "Email:", "Weather", "Contact us") may stand: there only the lines of more
    than `closing_short_words` words count towards the gap."""
    blocks = ctx.doc.blocks
    config = ctx.config
    signatures = {
        index for index, taken in taken_lines(ctx).items() if taken.family.kind in SIGNATURE_KINDS
    }
    # Each comment's signature lines (adjacent ones sign the same comment), bottom up.
    signed: list[list[Block]] = []
    walk = _marks_from_the_end(
        blocks,
        lambda block: block.index in signatures,
        config.comment_thread_max_gap,
        lambda block: len(block.words) > config.closing_short_words,
    )
    for block, gap in walk:
        if signed and gap == 0:
            signed[-1].insert(0, block)
        else:
            signed.append([block])
    # The walk may have gone on into the article (its own dateline): the thread starts
    # at the first signature with the article's prose above it.
    while signed and _article_above(ctx, signed[-1][0]) < config.comments_min_article_words:
        signed.pop()
    signers = {frozenset(signer(b.norm, ctx.patterns) for b in signature) for signature in signed}
    if len(signers) < config.comment_thread_min_stamps:
        return []
    return blocks[signed[-1][0].index :]


def _commenter_name(block: Block, ctx: Context) -> bool:
    """A short line that is no sentence: a commenter's name."""
    return len(block.words) <= ctx.config.closing_short_words and not ends_with_mark(block.text)
