"""repeated_block: a paragraph or line repeated within the same document.

    "Schools close early.\\nParents were told on Friday.\\nSchools close early."
    -> "Schools close early.\\nParents were told on Friday."   (with 5+ words)

The first copy stays; later copies go. Copies are compared after normalising
case, spacing and punctuation. Left alone, because they are the structure of
a page rather than scraping noise: short lines (a "Yes." or "Q:" in an
interview); shorter lines that are not finished sentences (list items,
headings, the questions of an interview template) or that come more than
`repeated_max_copies` times; and every repeat in a page with more than
`repeated_max_distinct` different repeated lines (a meal plan, a form).
A long line (an injected promo headline) counts however often it comes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cleaner.core.document import Block, Removal
from cleaner.rules.base import Context, Rule, quote, whole_block

KIND = "repeated_block"
# A finished sentence: a full stop, an exclamation mark, an ellipsis or a closing quote.
_SENTENCE_END = re.compile(r"""[.!…]["'”’»)\]]*$|["”’»]$""")


def _candidate(block: Block, ctx: Context) -> bool:
    config = ctx.config
    return (
        len(block.words) >= config.repeated_min_words
        and len(block.text) >= config.repeated_min_chars
    )


def _removable(block: Block, copies: int, ctx: Context) -> bool:
    """Long lines always count; shorter ones only as finished sentences seen at most twice."""
    if len(block.words) >= ctx.config.repeated_long_words:
        return True
    return copies <= ctx.config.repeated_max_copies and bool(_SENTENCE_END.search(block.text))


def find(ctx: Context) -> Iterator[Removal]:
    yield from copies(ctx)


def copies(ctx: Context) -> list[Removal]:
    """The later copies this rule takes, found once per document (`truncated` asks too:
    a copy carries no sentence on from the line above it)."""
    return ctx.once(_copies)


def _copies(ctx: Context) -> list[Removal]:
    return list(_find_copies(ctx))


def _find_copies(ctx: Context) -> Iterator[Removal]:
    keys = {b.index: b.key for b in ctx.doc.blocks if _candidate(b, ctx)}
    copies = Counter(keys.values())
    # Only repeated lines can be another rule's repeated footer: ask about those alone.
    blocks = ctx.doc.blocks
    keys = {i: k for i, k in keys.items() if copies[k] == 1 or not ctx.is_chrome(blocks[i])}
    copies = Counter(keys.values())
    repeated = [k for k, n in copies.items() if n > 1]
    if len(repeated) > ctx.config.repeated_max_distinct:
        return  # a templated page (meal plan, interview form): its repeats are its structure
    first_seen: dict[str, int] = {}
    for block in ctx.doc.blocks:
        block_key = keys.get(block.index)
        if block_key is None:
            continue
        if block_key not in first_seen:
            first_seen[block_key] = block.index
            continue
        if not _removable(block, copies[block_key], ctx):
            continue
        if ctx.is_headline_block(block):
            # A whole page prints its headline as <title> and again as <h1>: the <h1>
            # is the kept copy (the one above goes as page furniture).
            continue
        yield whole_block(
            ctx,
            block,
            KIND,
            f"repeats block {first_seen[block_key] + 1} {quote(block.text)} word for word",
        )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="a paragraph or line repeated in the same document (the first copy stays)",
    find=find,
)
