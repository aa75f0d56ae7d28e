"""repeated_block: a paragraph or line repeated within the same document.

    "Schools close early.\\nParents were told on Friday.\\nSchools close early."
    -> "Schools close early.\\nParents were told on Friday."   (with 5+ words)

The first copy stays; later copies go. Copies are compared after normalising
case, spacing and punctuation. Left alone, because they are the structure of
a page rather than scraping noise: short lines (a "Yes." or "Q:" in an
interview); shorter lines that are not finished sentences (list items,
headings, the questions of an interview template) or that come more than
`repeated_max_copies` times; and every repeat in a page with more than
`repeated_max_distinct` different repeated lines (a meal plan, a form; the
headline's copy is `duplicate_headline`'s and not counted, so an article printed
twice under its headline loses its copy).
A long line (an injected promo headline) counts however often it comes.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Removal
from cleaner.rules.base import REPEATED_KIND, Context, Rule, quote, whole_block

KIND = REPEATED_KIND


def find(ctx: Context) -> Iterator[Removal]:
    """The later copies (`Context.copies`, found once per document: `truncated` and the
    article's end read them too)."""
    blocks = ctx.doc.blocks
    for index, first in ctx.copies.items():
        block = blocks[index]
        yield whole_block(
            ctx, block, KIND, f"repeats block {first + 1} {quote(block.text)} word for word"
        )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="a paragraph or line repeated in the same document (the first copy stays)",
    find=find,
)
