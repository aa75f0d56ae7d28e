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
from collections import Counter
from collections.abc import Iterator
from functools import cache

from cleaner.config import Config
from cleaner.core.document import Removal
from cleaner.core.fullpage import ENDING_FAMILIES
from cleaner.core.headline import is_page_furniture
from cleaner.core.language import stop_density, stop_words_for
from cleaner.core.text import ends_with_mark, menu_items, words
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
    stops = stop_words_for(ctx.doc.language)
    columns = {
        b.index: prose
        for b in ctx.doc.blocks[top : page.end + 1]
        # A hard-wrapped paragraph's line breaks are no columns.
        if "\n" not in b.text and (prose := _prose_column(b.text, stops, ctx.config))
    }
    columns |= _column_beyond(ctx, columns, page.end)
    for block in ctx.doc.blocks:
        if block.index in columns:
            continue  # the article's column of a layout table: its side columns go below
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
    for index, prose in sorted(columns.items()):
        block = ctx.doc.blocks[index]
        reason = f"a sidebar's column printed beside the article's prose on one line ({span})"
        if prose[0] > 0:
            yield part_of_block(ctx, block, 0, prose[0], KIND, reason, confident=confident)
        if prose[1] < len(block.text):
            end = len(block.text)
            yield part_of_block(ctx, block, prose[1], end, KIND, reason, confident=confident)


def _column_beyond(
    ctx: Context, columns: dict[int, tuple[int, int]], end: int
) -> dict[int, tuple[int, int]]:
    """The article's column of a layout table where it runs on below the article's span.

    The page's labels judge a line whole, its side columns with its prose, so the span
    can stop a few lines short of where the column ends. Below the span, a line whose
    text starts within a gap's width of where most of the span's column lines start
    theirs (two at least), beside columns too short to be prose, is the article's column
    too when it finishes a sentence, however short (a headline in the column is left to
    the rest). Lines of side columns alone (`fullpage_max_gap` at most in a row: a
    menu's items printed one to a line) do not end it; chrome that ends articles does
    (a rights notice above readers' comments in the same column)."""
    starts = Counter(prose[0] for prose in columns.values() if prose[0] > 0)
    if not starts or starts.most_common(1)[0][1] < 2:
        return {}
    at = starts.most_common(1)[0][0]
    found: dict[int, tuple[int, int]] = {}
    blocks = ctx.doc.blocks
    i, skipped = end + 1, 0
    while i < len(blocks) and skipped <= ctx.config.fullpage_max_gap:
        if ctx.chrome_family(blocks[i]) in ENDING_FAMILIES:
            break  # a rights notice, a comments heading: what follows is not the article
        piece = _column_at(blocks[i].text, at, ctx.config)
        if piece is None:
            skipped += 1
        else:
            found[i], skipped = piece, 0
        i += 1
    return found


def _column_at(text: str, at: int, config: Config) -> tuple[int, int] | None:
    """The column of `text` starting within a gap's width of `at`, when every other
    column is too short to be prose; None for any other line."""
    if "\n" in text:
        return None  # a hard-wrapped paragraph's line breaks are no columns
    pieces = _pieces(text, config)
    near = [p for p in pieces if abs(p[0] - at) <= config.fullpage_column_gap]
    if len(pieces) < 2 or len(near) != 1:
        return None
    others = [p for p in pieces if p is not near[0]]
    if any(len(words(text[a:b])) >= config.fullpage_side_max_words for a, b in others):
        return None
    return near[0] if ends_with_mark(text[near[0][0] : near[0][1]]) else None


def _pieces(text: str, config: Config) -> list[tuple[int, int]]:
    """A line's columns: its text between gaps of `fullpage_column_gap` spaces or more."""
    gaps = list(_column_gap(config.fullpage_column_gap).finditer(text))
    starts = [len(text) - len(text.lstrip()), *(gap.end() for gap in gaps)]
    ends = [*(gap.start() for gap in gaps), len(text.rstrip())]
    return list(zip(starts, ends, strict=True))


def _prose_column(text: str, stops: frozenset[str], config: Config) -> tuple[int, int] | None:
    """Where a line's one column of prose is, when the rest of the line is columns too
    short to be prose (offsets into `text`); None for any other line."""
    pieces = _pieces(text, config)
    if len(pieces) < 2:
        return None
    prose = None
    for start, end in pieces:
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
