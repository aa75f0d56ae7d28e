"""site_boilerplate: a line the same site prints on many of its pages.

    (on 48 of 62 pages of example.com) "% of readers think this story is Fact."
    -> removed, with "seen in 48 of 62 pages of example.com" as the reason

One document cannot tell a site's template text (a promo headline injected
into every page, "Subscribe to ... for FREE") from content; a corpus can. The
counts come from a first pass over the corpus (`cleaner.site.SiteTable`); this
rule only looks them up, so it does nothing when cleaning a lone document.
Sources: CCNet's line hashing (normalised lines seen before in a shard),
Dolma's paragraph Bloom filter; here per site, with evidence, order-free.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Removal
from cleaner.rules.base import Context, Rule, quote, whole_block

KIND = "site_boilerplate"


def find(ctx: Context) -> Iterator[Removal]:
    site = ctx.site
    if site is None or not site.repeated:
        return
    for block in ctx.doc.blocks:
        if ctx.is_headline_block(block):
            continue
        pages = site.pages_with(block.text)
        if pages is None:
            continue
        yield whole_block(
            ctx,
            block,
            KIND,
            f"the site's own template text: {quote(block.text)} is seen in {pages} of "
            f"{site.documents} pages of {site.site}",
        )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="lines a site prints on many of its pages (needs a corpus: counted per site "
    "in a first pass)",
    find=find,
    needs_corpus=True,
)
