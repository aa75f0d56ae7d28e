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
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Removal
from cleaner.core.headline import is_page_furniture
from cleaner.rules.base import Context, Rule, whole_block

KIND = "chrome"


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


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="site navigation and page furniture around the article in full-page dumps "
    "(stop-word density, line length, neighbours; --full-page auto/on/off)",
    find=find,
)
