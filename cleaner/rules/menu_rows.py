"""A site's menu printed as one row of links, above or below the article's prose.

    "| Rugby | Soccer | Cricket |\\nLocal News \\\\| State News \\\\| Obituaries\\n"
    "The council voted ... (prose)"  ->  "The council voted ... (prose)"

Extractors that keep a page's layout tables (trafilatura, readability) or print a
whole page print a menu as one line: three or more items set apart by bars or
bullets, each a few words with no figure and no end mark (`Context.is_menu`).
Above the article's first long block or below its last (a later copy of a paragraph or
a line of chrome, such as a rights notice, bounds nothing: a second cleaning will not
see it), such a line is navigation (in the validation data's dumps by nine extractors,
none of these lines was gold text). Left alone: the same shape between two of the article's paragraphs; a row
over a row of figures (a table's header: "| Pos | Player | Plays | % |"); a headline
with its site's name ("Ferry fares to rise | Local News | Harbour Times"); lines of a
poem or a song (items in lower case).
"""

from __future__ import annotations

from cleaner.core.document import Block, is_table_header
from cleaner.rules.base import Context


def _long(block: Block, ctx: Context) -> bool:
    """Long enough to be a paragraph, finished or not: a layout table prints the
    article's paragraphs as rows that end on a bar, not a full stop."""
    return len(block.words) >= ctx.config.paragraph_min_words and not ctx.is_menu(block)


def menu_rows(ctx: Context) -> list[tuple[Block, bool]]:
    """The menu rows above the article's first long block or below its last, each with
    whether it is above (an extracted article; a whole page's are `chrome`'s already)."""
    blocks = ctx.doc.blocks
    # A later copy of a paragraph (`Context.copies`) and a line of the page's chrome (a
    # rights notice) are gone on a second cleaning: they bound nothing, so that a menu
    # beside them is judged as that cleaning will.
    copies = ctx.copies
    long = [
        b.index for b in blocks if _long(b, ctx) and b.index not in copies and not ctx.is_chrome(b)
    ]
    if not long:
        return []
    first, last = long[0], long[-1]
    return [
        (block, block.index < first)
        for block in blocks
        if (block.index < first or block.index > last)
        and not ctx.is_headline_block(block)
        and ctx.is_menu(block)
        and not is_table_header(blocks, block.index)
    ]
