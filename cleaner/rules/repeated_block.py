"""repeated_block: a paragraph or line repeated within the same document.

    "Schools close early.\\nParents were told on Friday.\\nSchools close early."
    -> "Schools close early.\\nParents were told on Friday."   (with 5+ words)

The first copy stays; later copies go. Short lines are left alone: a "Yes."
or "Q:" repeated in an interview is not noise. Copies are compared after
normalising case, spacing and punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Removal
from cleaner.rules.base import Context, Rule, quote, whole_block
from cleaner.text import key

KIND = "repeated_block"


def find(ctx: Context) -> Iterator[Removal]:
    config = ctx.config
    first_seen: dict[str, int] = {}
    for block in ctx.doc.blocks:
        if (
            len(block.words) < config.repeated_min_words
            or len(block.text) < config.repeated_min_chars
        ):
            continue
        block_key = key(block.text)
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
