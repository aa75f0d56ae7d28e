"""site_boilerplate: a line the same site prints on many of its pages.

    (on 48 of 62 pages of example.com) "% of readers think this story is Fact."
    -> removed, with "seen in 48 of 62 pages of example.com" as the reason

One document cannot tell a site's template text (a promo headline injected
into every page, "Subscribe to ... for FREE") from content; a corpus can. The
counts come from a first pass over the corpus (`cleaner.core.site.SiteTable`); this
rule only looks them up, so it does nothing when cleaning a lone document.

A site of many authors prints each author's signature block on a few of its
pages only ("Follow @BuelahMan" / "BuelaHuh?" / "If for some reason you liked
this post ..." on 2 of 69). Lines on so few pages are taken only as a run of two
or more lines seen on other pages, at the page's edge (no paragraph of the page's
own, a long finished line not seen elsewhere, between them and its top or its
bottom), holding a short line of the signature's own (not a paragraph, not a
known chrome phrase). Paragraphs two stories of a site share (a follow-up's lede,
a wire background) hold no such line and stay; lines with figures count only when
their figures match too (two market reports' "The pound rose 0.2 per cent" and
"... 0.5 per cent" are different lines); and every line of a page that is mostly
lines of other pages (the same story posted twice) stays. These are
guesses: the safety valve applies.
Sources: CCNet's line hashing (normalised lines seen before in a shard),
Dolma's paragraph Bloom filter; here per site, with evidence, order-free.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Block, Removal
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block

KIND = "site_boilerplate"


def find(ctx: Context) -> Iterator[Removal]:
    site = ctx.site
    if site is None or not (site.repeated or site.shared):
        return
    # A guessed headline is judged as any line: one the site prints on its pages is none.
    blocks = [b for b in ctx.doc.blocks if not ctx.is_named_headline(b)]
    pages = [site.pages(b.text) for b in blocks]
    yield from _template_lines(ctx, blocks, [template for template, _ in pages])
    if site.shared:
        yield from _signature_runs(ctx, blocks, pages)


def _template_lines(
    ctx: Context, blocks: list[Block], template: list[int | None]
) -> Iterator[Removal]:
    """Lines on enough of the site's pages to be its template text on their own."""
    assert ctx.site is not None
    for block, pages in zip(blocks, template, strict=True):
        if pages is not None:
            yield whole_block(
                ctx,
                block,
                KIND,
                f"the site's own template text: {quote(block.text)} is seen in {pages} of "
                f"{ctx.site.documents} pages of {ctx.site.site}",
            )


def _signature_runs(
    ctx: Context, blocks: list[Block], pages: list[tuple[int | None, int | None]]
) -> Iterator[Removal]:
    """Lines on a few of the site's pages, in a run of such lines at the page's edge that
    holds a short one of its own (the signature: "BuelaHuh?", "Received by Jo Roe")."""
    site = ctx.site
    assert site is not None
    sharing = [shared for _, shared in pages]
    elsewhere = [template is not None or shared is not None for template, shared in pages]
    own_words = sum(len(b.words) for b, seen in zip(blocks, elsewhere, strict=True) if not seen)
    if 2 * own_words <= sum(len(b.words) for b in blocks):
        return  # mostly lines of other pages: a copy of a story, not a page with a signature
    own = [
        is_paragraph(b, ctx.config) and not seen for b, seen in zip(blocks, elsewhere, strict=True)
    ]
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and elsewhere[end]:
            end += 1
        run = range(start, end)
        start = end + 1
        if len(run) < 2 or (any(own[: run.start]) and any(own[run.stop :])):
            continue  # a lone line, or one between the page's own paragraphs
        # Paragraphs two stories share (a lede, a wire background) are no signature.
        if not any(
            sharing[i] is not None
            and not is_paragraph(blocks[i], ctx.config)
            and not ctx.is_chrome(blocks[i])
            for i in run
        ):
            continue
        for i in run:
            seen = sharing[i]
            if seen is not None:
                yield whole_block(
                    ctx,
                    blocks[i],
                    KIND,
                    f"the site's template text: {quote(blocks[i].text)} is seen in {seen} "
                    f"of {site.documents} pages of {site.site}, in a signature block at "
                    "the page's edge",
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
