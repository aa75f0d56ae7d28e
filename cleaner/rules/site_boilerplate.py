"""site_boilerplate: a line the same site prints on many of its pages.

    (on 48 of 62 pages of example.com) "% of readers think this story is Fact."
    -> removed, with "seen in 48 of 62 pages of example.com" as the reason

One document cannot tell a site's template text (a promo headline injected
into every page, "Subscribe to ... for FREE") from content; a corpus can. The
counts come from a first pass over the corpus (`cleaner.site.SiteTable`); this
rule only looks them up, so it does nothing when cleaning a lone document.

A site of many authors prints each author's signature block on a few of its
pages only ("Follow @BuelahMan" / "BuelaHuh?" / "If for some reason you liked
this post ..." on 2 of 69). Lines on so few pages are taken only as a run of two
or more such lines at the page's edge: no paragraph of the page's own (a long,
finished line not seen elsewhere) between them and its top or its bottom. A
background paragraph that two stories of a site share sits among their own
paragraphs and stays, and so does every line of a page that is mostly lines of
other pages (the same story posted twice). These are guesses: the safety valve
applies.
Sources: CCNet's line hashing (normalised lines seen before in a shard),
Dolma's paragraph Bloom filter; here per site, with evidence, order-free.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Block, Removal
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block

KIND = "site_boilerplate"


def find(ctx: Context) -> Iterator[Removal]:
    site = ctx.site
    if site is None or not (site.repeated or site.shared):
        return
    blocks = [b for b in ctx.doc.blocks if not ctx.is_headline_block(b)]
    yield from _template_lines(ctx, blocks)
    yield from _signature_runs(ctx, blocks)


def _template_lines(ctx: Context, blocks: list[Block]) -> Iterator[Removal]:
    """Lines on enough of the site's pages to be its template text on their own."""
    assert ctx.site is not None
    for block in blocks:
        pages = ctx.site.pages_with(block.text)
        if pages is not None:
            yield whole_block(
                ctx,
                block,
                KIND,
                f"the site's own template text: {quote(block.text)} is seen in {pages} of "
                f"{ctx.site.documents} pages of {ctx.site.site}",
            )


def _signature_runs(ctx: Context, blocks: list[Block]) -> Iterator[Removal]:
    """Lines on a few of the site's pages, in a run of such lines at the page's edge."""
    site = ctx.site
    assert site is not None
    if not site.shared:
        return
    sharing = [site.pages_sharing(b.text) for b in blocks]
    elsewhere = [
        n is not None or site.pages_with(b.text) is not None
        for b, n in zip(blocks, sharing, strict=True)
    ]
    own_words = sum(len(b.words) for b, seen in zip(blocks, elsewhere, strict=True) if not seen)
    if 2 * own_words <= sum(len(b.words) for b in blocks):
        return  # mostly lines of other pages: a copy of a story, not a page with a signature
    own = [
        is_paragraph(b, ctx.config) and not seen for b, seen in zip(blocks, elsewhere, strict=True)
    ]
    for i, (block, pages) in enumerate(zip(blocks, sharing, strict=True)):
        if pages is None:
            continue
        in_run = (i > 0 and elsewhere[i - 1]) or (i + 1 < len(blocks) and elsewhere[i + 1])
        at_edge = not any(own[:i]) or not any(own[i + 1 :])
        if in_run and at_edge:
            yield whole_block(
                ctx,
                block,
                KIND,
                f"the site's template text: {quote(block.text)} is seen in {pages} of "
                f"{site.documents} pages of {site.site}, in a run of such lines at the "
                "page's edge",
                confident=False,
            )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="lines a site prints on many of its pages, or on a few of them as a run at "
    "the page's edge (needs a corpus: counted per site in a first pass)",
    find=find,
    needs_corpus=True,
)
