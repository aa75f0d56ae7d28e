"""boilerplate: site chrome and calls to action standing as their own line.

    "The council meets again in May.\\nShare this article\\nAdvertisement"
    -> "The council meets again in May."

A line is boilerplate when, normalised (case, quotes, edge punctuation), it
is entirely one of the phrases of a family in `cleaner/patterns/*.toml`
(share and follow prompts, ad labels, continue-reading links, related-content
headings, comment prompts, cookie notices, skip links, photo credits,
counters); or it starts with a family's prefix ("Read more: ...") and is
short; or it contains a policy phrase (comment policy, cookie notice) and is
short; or it is only share-button labels ("Facebook Twitter Email"). A line
that merely uses such a word inside prose does not match. Sources:
trafilatura's share labels, RefinedWeb's counters, C4's policy lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.document import Block, Removal
from cleaner.patterns import Family, normalise_line
from cleaner.rules.base import Context, Rule, quote, whole_block

KIND = "boilerplate"
_SPLIT = re.compile(r"[\s|•·/,]+")


def _match(family: Family, norm: str, n_words: int, ctx: Context) -> str | None:
    """How the normalised line matches `family`, or None."""
    if family.lines is not None and family.lines.match(norm):
        return "is"
    if (
        family.prefixes is not None
        and n_words <= ctx.config.boilerplate_prefix_max_words
        and family.prefixes.match(norm)
    ):
        return "starts like"
    if (
        family.phrases is not None
        and n_words <= ctx.config.boilerplate_phrase_max_words
        and family.phrases.search(norm)
    ):
        return "contains"
    if family.words:
        tokens = [t for t in _SPLIT.split(norm) if t]
        if (
            tokens
            and len(tokens) <= 12
            and all(t in family.words for t in tokens)
            and any(
                t not in {"in", "new", "article", "opens", "window", "link", "copy", "save", "x"}
                for t in tokens
            )
        ):
            return "is made of"
    return None


def classify(block: Block, ctx: Context) -> tuple[Family, str] | None:
    """The boilerplate family a block belongs to, with how it matched."""
    norm = normalise_line(block.text)
    if not norm:
        return None
    n_words = len(block.words)
    for family in ctx.patterns.families:
        how = _match(family, norm, n_words, ctx)
        if how is not None:
            return family, how
    return None


def find(ctx: Context) -> Iterator[Removal]:
    for block in ctx.doc.blocks:
        if ctx.is_headline_block(block):
            continue
        found = classify(block, ctx)
        if found is None:
            continue
        family, how = found
        yield whole_block(
            ctx,
            block,
            family.kind,
            f"{family.label}: the line {how} {quote(block.text)}",
            confident=how in {"is", "is made of"},
        )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="share/follow/newsletter prompts, ad labels, read-more links, related headings, "
    "comment and cookie notices, photo credits, counters (en de fr es it pt nl)",
    find=find,
)
