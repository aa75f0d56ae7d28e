"""chrome: site navigation and page furniture around the article in a full-page dump.

    "Skip to content\\nHome\\nNews\\nSport\\nBridge reopens\\nThe bridge ... (prose)\\n"
    "About us\\nContact\\nPrivacy"  ->  "Bridge reopens\\n\\nThe bridge ... (prose)"

In full-page mode (a dump that looks like a whole page, or when forced),
every block above the article's headline and below its last paragraph goes, and
so do menus, share bars and datelines between the headline and the first paragraph;
the reason gives the block's two labels (context-free, then revised from its
neighbours) and where the article lies. See `cleaner.core.fullpage` for how the
article is found (jusText's stop-word density and context revision, applied
to text lines).

A page laid out as a table prints its columns side by side on one line: inside the
article, what stands beside a line's one paragraph of prose, set apart by a wide gap
and too short to be prose itself, is a sidebar's column and goes too.

    "Local Directory        Two of three embassies were cleared of danger ..."
    ->  "Two of three embassies were cleared of danger ..."

In any other dump, only a menu printed as one row goes (`menu_rows`: "| Rugby |
Soccer | Cricket |" above the article's first paragraph or below its last).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from cleaner.config import Config
from cleaner.core.document import Removal
from cleaner.core.headline import is_page_furniture
from cleaner.core.language import stop_density, stop_words_for
from cleaner.core.text import menu_items, words
from cleaner.rules.base import Context, Rule, part_of_block, whole_block
from cleaner.rules.menu_rows import menu_rows

KIND = "chrome"


def find(ctx: Context) -> Iterator[Removal]:
    page, article = ctx.page, ctx.page_article
    if page is None:
        for block, above in menu_rows(ctx):
            yield whole_block(
                ctx,
                block,
                KIND,
                f"a menu printed as one row of {len(menu_items(block.text))} items "
                "(each a few words, capitalised, no figure, no end mark), "
                f"{'above' if above else 'below'} the article's prose",
            )
        return
    if article is None:
        return
    top, confident = article.top, article.sure
    span = f"the article is blocks {top + 1}-{page.end + 1}"
    for block in ctx.doc.blocks:
        if top < block.index < page.start and is_page_furniture(block):
            # A share bar, a menu or a dateline between the headline and the text.
            where = "between the headline and the article's first paragraph"
        elif top <= block.index <= page.end:
            continue
        elif block.index < top:
            where = "above the headline"
        else:
            where = "below the article's last paragraph"
        labels = page.labels[block.index]
        yield whole_block(
            ctx,
            block,
            KIND,
            f"page furniture {where} ({span}); block labelled {labels.first}, "
            f"{labels.final} after its neighbours",
            confident=confident,
        )
    stops = stop_words_for(ctx.doc.language)
    for block in ctx.doc.blocks[top : page.end + 1]:
        if "\n" in block.text:
            continue  # a hard-wrapped paragraph: its line breaks are no columns
        prose = _prose_column(block.text, stops, ctx.config)
        if prose is None:
            continue
        reason = f"a sidebar's column printed beside the article's prose on one line ({span})"
        if prose[0] > 0:
            yield part_of_block(ctx, block, 0, prose[0], KIND, reason, confident=confident)
        if prose[1] < len(block.text):
            end = len(block.text)
            yield part_of_block(ctx, block, prose[1], end, KIND, reason, confident=confident)


def _prose_column(text: str, stops: frozenset[str], config: Config) -> tuple[int, int] | None:
    """Where a line's one column of prose is, when the rest of the line is columns too
    short to be prose (offsets into `text`); None for any other line."""
    gaps = list(_column_gap(config.fullpage_column_gap).finditer(text))
    if not gaps:
        return None
    starts = [0, *(gap.end() for gap in gaps)]
    ends = [*(gap.start() for gap in gaps), len(text)]
    prose = None
    for start, end in zip(starts, ends, strict=True):
        # Counted as a block's words are, so the density is the one full-page mode reads.
        column = words(text[start:end])
        if len(column) >= config.fullpage_column_prose_words and (
            stop_density(column, stops) >= config.fullpage_stopwords_low
        ):
            if prose is not None:
                return None  # two columns of prose: a table the article holds
            prose = (start, end)
        elif len(column) >= config.fullpage_side_max_words:
            return None
    return prose


@cache
def _column_gap(spaces: int) -> re.Pattern[str]:
    """Spaces that set columns apart, between two pieces of text on one line."""
    return re.compile(rf"(?<=\S) {{{spaces},}}(?=\S)")


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="site navigation and page furniture around the article in full-page dumps "
    "(stop-word density, line length, neighbours; --full-page auto/on/off); elsewhere, "
    "a menu printed as one row above or below the article's prose",
    find=find,
)
