"""chrome: site navigation and page furniture around the article in a full-page dump.

    "Skip to content\\nHome\\nNews\\nSport\\nBridge reopens\\nThe bridge ... (prose)\\n"
    "About us\\nContact\\nPrivacy"  ->  "Bridge reopens\\n\\nThe bridge ... (prose)"

Only in full-page mode (a dump that looks like a whole page, or when forced).
Every block above the article's headline and below its last paragraph goes, and
so do menus, share bars and datelines between the headline and the first paragraph;
the reason gives the block's two labels (context-free, then revised from its
neighbours) and where the article lies. See `cleaner.core.fullpage` for how the
article is found (jusText's stop-word density and context revision, applied
to text lines).

A page laid out as a table prints its columns side by side on one line ("WAG      TORONTO
-- Punky pop star Avril Lavigne has reached a settlement ..."): inside the article,
what stands beside a line's one paragraph of prose, set apart by a wide gap and too
short to be prose itself, is a sidebar's column and goes too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.core.document import Removal
from cleaner.core.headline import is_page_furniture
from cleaner.core.language import stop_words
from cleaner.rules.base import Context, Rule, part_of_block, whole_block

KIND = "chrome"
# Spaces that set a page's columns apart on one line (as full-page mode reads them).
COLUMN_GAP = re.compile(r" {6,}")
# A column's text is prose from this many words (and stop words as dense as the
# full-page labels ask of a near-prose line); beside it, a sidebar's is under
# SIDE_MAX_WORDS: a menu item, a teaser's headline, a label.
PROSE_MIN_WORDS = 12
SIDE_MAX_WORDS = 10
_WORD = re.compile(r"\w[\w'’-]*")


def find(ctx: Context) -> Iterator[Removal]:
    page, article = ctx.page, ctx.page_article
    if page is None or article is None:
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
    stops = stop_words(ctx.doc.language or "") or stop_words("en")
    for block in ctx.doc.blocks[top : page.end + 1]:
        prose = _prose_column(block.text, stops, ctx.config.fullpage_stopwords_low)
        if prose is None:
            continue
        reason = f"a sidebar's column printed beside the article's prose on one line ({span})"
        if prose[0] > 0:
            yield part_of_block(ctx, block, 0, prose[0], KIND, reason, confident=confident)
        if prose[1] < len(block.text):
            end = len(block.text)
            yield part_of_block(ctx, block, prose[1], end, KIND, reason, confident=confident)


def _prose_column(text: str, stops: frozenset[str], density: float) -> tuple[int, int] | None:
    """Where a line's one column of prose is, when the rest of the line is columns too
    short to be prose (offsets into `text`); None for any other line."""
    starts = [0, *(gap.end() for gap in COLUMN_GAP.finditer(text))]
    ends = [*(gap.start() for gap in COLUMN_GAP.finditer(text)), len(text)]
    if len(starts) < 2:
        return None
    prose = None
    for start, end in zip(starts, ends, strict=True):
        words = _WORD.findall(text[start:end])
        if len(words) >= PROSE_MIN_WORDS and _density(words, stops) >= density:
            if prose is not None:
                return None  # two columns of prose: a table the article holds
            prose = (start, end)
        elif len(words) >= SIDE_MAX_WORDS:
            return None
    return prose


def _density(words: list[str], stops: frozenset[str]) -> float:
    return sum(w.casefold() in stops for w in words) / len(words)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="site navigation and page furniture around the article in full-page dumps "
    "(stop-word density, line length, neighbours; --full-page auto/on/off)",
    find=find,
)
