"""repeated_block: a paragraph or line repeated within the same document.

    "Schools close early.\\nParents were told on Friday.\\nSchools close early."
    -> "Schools close early.\\nParents were told on Friday."   (with 5+ words)

The first copy stays; later copies go. Copies are compared after normalising
case, spacing and punctuation. Left alone, because they are the structure of
a page rather than scraping noise: short lines (a "Yes." or "Q:" in an
interview), lines that are not finished sentences (list items, headings,
repeated questions of an interview template), and lines repeated more than
`repeated_max_copies` times (a meal plan repeating "Eat before your workout.").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cleaner.document import Block, Removal
from cleaner.rules.base import Context, Rule, quote, whole_block
from cleaner.text import key

KIND = "repeated_block"
# A finished sentence: a full stop, an exclamation mark, an ellipsis or a closing quote.
_SENTENCE_END = re.compile(r"""[.!…]["'”’»)\]]*$|["”’»]$""")


def _candidate(block: Block, ctx: Context) -> bool:
    config = ctx.config
    return (
        len(block.words) >= config.repeated_min_words
        and len(block.text) >= config.repeated_min_chars
        and bool(_SENTENCE_END.search(block.text))
    )


def find(ctx: Context) -> Iterator[Removal]:
    keys = {b.index: key(b.text) for b in ctx.doc.blocks if _candidate(b, ctx)}
    copies = Counter(keys.values())
    first_seen: dict[str, int] = {}
    for block in ctx.doc.blocks:
        block_key = keys.get(block.index)
        if block_key is None or copies[block_key] > ctx.config.repeated_max_copies:
            continue
        if block_key not in first_seen:
            first_seen[block_key] = block.index
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
