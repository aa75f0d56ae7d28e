"""duplicate_headline: later copies of the headline.

    "Bridge reopens\\n\\nBridge reopens | Valley Post\\n\\nThe bridge ..."
    -> "Bridge reopens\\n\\nThe bridge ..."

Copies may differ in case, spacing and punctuation, carry a site name
("Title | Site", "Site: Title"), sit behind a short kicker line ("LOCAL NEWS"),
stand at the end of the dump, or open the first paragraph. The first copy near
the top is kept as the title. Sources: newspaper4k (title equal to the first
block after normalising; a short kicker before it), readability (similarity to
the title).
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.headline import block_repeats_headline
from cleaner.core.text import ends_with_mark, is_separator, key
from cleaner.rules.base import (
    DUPLICATE_HEADLINE_KIND,
    Context,
    Rule,
    part_of_block,
    quote,
    whole_block,
)

KIND = DUPLICATE_HEADLINE_KIND


def _is_kicker(block: Block, ctx: Context) -> bool:
    text = block.text
    return (
        0 < len(block.words) <= ctx.config.kicker_max_words
        and not ends_with_mark(text)
        and not text[0].islower()
        # A known chrome line ("Share this article") is the boilerplate rule's, which
        # is sure of it; taken here it would count as a guess.
        and ctx.boilerplate(block) is None
    )


def _above_copy(block: Block, ctx: Context) -> str | None:
    """What the line right above a copy of the headline is, when it goes with the copy:
    a kicker ("Opinion"), or a deck printed between the two copies of the headline
    (headline, "Subscribe ...", deck, headline again: the page's header printed twice),
    with chrome above it and no end mark (a lede or a correction there stays). A line
    with no letter or digit ("/", "* * *") is neither: `boilerplate` judges separators
    (a mark on several lines sets out a list), and cleaning twice must agree with it."""
    if is_separator(block.text):
        return None
    if _is_kicker(block, ctx):
        return "kicker"
    headline = ctx.headline
    if headline is None or headline.block is None or block.index < headline.block.index:
        return None
    between = ctx.doc.blocks[headline.block.index + 1 : block.index]
    if (
        len(block.words) <= ctx.config.deck_max_words
        and not block.text[0].islower()
        and not ends_with_mark(block.text)  # a lede, a correction, an answer: sentences
        and ctx.boilerplate(block) is None
        and between  # the page's chrome between the two headers
        and all(ctx.is_chrome(b) for b in between)
    ):
        return "deck"
    return None


def _opening_copy_end(block: Block, headline: str) -> int | None:
    """Offset where a copy of the headline that opens `block` ends, if it does."""
    head_words = key(headline).split()
    matches = list(block.words_with_spans())[: len(head_words) + 1]
    if len(matches) <= len(head_words):
        return None
    if [w.casefold() for w, _, _ in matches[: len(head_words)]] != head_words:
        return None
    end = matches[len(head_words) - 1][2]
    next_start = matches[len(head_words)][1]
    between = block.text[end:next_start]
    following = block.text[next_start]
    # A new sentence (capital) or a separator must follow the copy, so that a
    # lede that merely begins with the headline's words is left alone.
    if not (following.isupper() or following.isdigit() or between.strip(" ")):
        return None
    return next_start


def find(ctx: Context) -> Iterator[Removal]:
    headline = ctx.headline
    if headline is None:
        return
    blocks = ctx.doc.blocks
    similarity = ctx.config.headline_similarity
    removed: set[int] = set()
    for block in blocks:
        if block is headline.block or len(block.words) > ctx.config.headline_max_words * 2:
            continue
        how = block_repeats_headline(block, headline.text, similarity)
        if how is None:
            continue
        removed.add(block.index)
        where = "at the end" if block.index == len(blocks) - 1 else f"at block {block.index + 1}"
        yield whole_block(
            ctx,
            block,
            KIND,
            f"repeats the headline {quote(headline.text)} ({how} copy, {where})",
            confident=how != "variant",
        )
        previous = blocks[block.index - 1] if block.index > 0 else None
        first_copy_near_top = block.index <= ctx.config.headline_search_blocks + 1
        if (
            previous is not None
            and previous is not headline.block
            and previous.index not in removed
            and first_copy_near_top
        ):
            what = _above_copy(previous, ctx)
            if what is not None:
                removed.add(previous.index)
                yield whole_block(
                    ctx,
                    previous,
                    KIND,
                    f"{what} {quote(previous.text)} standing above a repeated headline",
                    confident=False,
                )

    # The headline repeated as the opening words of the first paragraph.
    if len(key(headline.text).split()) < ctx.config.headline_prefix_min_words:
        return
    start = headline.block.index + 1 if headline.block is not None else 0
    for block in blocks[start:]:
        if block.index in removed:
            continue
        end = _opening_copy_end(block, headline.text)
        if end is not None:
            yield part_of_block(
                ctx,
                block,
                0,
                end,
                KIND,
                f"the first paragraph opens with the headline {quote(headline.text)} again",
            )
        break


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="later copies of the headline (variants, with a site name, behind a kicker, "
    "at the end, opening the first paragraph)",
    find=find,
)
