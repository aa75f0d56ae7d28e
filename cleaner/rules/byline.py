"""byline: the author's credit and note, standing as their own line.

    "Harbour wall repairs to start\\nBy Jane Roe\\nThe harbour board agreed ..."
    -> "Harbour wall repairs to start\\nThe harbour board agreed ..."

A line is a byline when it is entirely one of the byline family's phrases in
`cleaner/patterns/*.toml` ("By Jane Roe", "By Jane Roe - 11/18/19 11:04 PM EST", "Jane
Roe @janeroe", "(Reporting by ...; Editing by ...)", "Tom Poe contributed reporting",
"Authored by Jo Roe via Site.com"), or, after the article's last paragraph, an author
note ("Jo Roe is a graduate of ...", "Jo can be reached at: ..."). A label alone on its
line ("By") takes the short line under it, the name. So does the author's name alone
between the headline and the article's first paragraph, set as bylines set it: the
surname in capitals ("Xuan Loc DOAN"), or the name and the outlet in capitals ("PETER
KORZUN / STRATEGIC CULTURE"). "By law, ..." and a sentence about a reporter inside the
article stay, as does a name in title case under the headline (a signature, a heading).
A byline with its date on the same line ("By JO ROE, AP Writer Fri Dec 28, 6:46 AM ET",
`cleaner/core/dated_byline.py`) goes when it stands over the article's text, the one
line of its shape there: an event's listing is set the same way. Which family a line
belongs to is found once for the phrase rules (`phrase_lines.py`). Why: the fakenews
labels mark bylines as noise, and the gold bodies leave them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice, pairwise

from cleaner.core.dated_byline import is_dated_byline
from cleaner.core.document import Removal
from cleaner.core.headline import same_headline
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block
from cleaner.rules.phrase_lines import family_lines, label_value_lines, label_values, taken_lines

KIND = "byline"
# A byline's name with the surname in capitals: "Xuan Loc DOAN", "Jay SYRMOPOULOS"
# (given names first), or all in capitals with the outlet after a slash or a comma
# ("PETER KORZUN / STRATEGIC CULTURE", "VICTOR TANGERMANN, FUTURISM").
_NAME_LINES = (
    re.compile(r"^(?:[A-Z][a-z'’-]+ ){1,2}[A-Z][A-Z'’-]{2,}$"),
    re.compile(
        r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){1,2}(?: /|,) [A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}$"
    ),
)


# A byline with its date stands over the article: above its first paragraph, or under a
# standfirst, the one paragraph above it.
DATED_PARAGRAPHS_ABOVE = 1
# More lines so shaped over the article than this are a listing's ("By Popular Demand Sat
# Jan 5, 8:00 PM" over "By Royal Appointment Sun Jan 6, 7:00 PM"), not bylines.
DATED_MAX = 1


def find(ctx: Context) -> Iterator[Removal]:
    yield from family_lines(ctx, KIND)
    yield from label_value_lines(ctx, KIND)
    yield from _dated_over_article(ctx)
    yield from _name_under_headline(ctx)


def _dated_over_article(ctx: Context) -> Iterator[Removal]:
    """A byline and its date on one line ("By Jo Roe, AP Writer Fri Dec 28, 6:46 AM ET";
    `cleaner.core.dated_byline`), over the article's text: no more than one paragraph
    above it (a standfirst; a phrase family's paragraph, a cookie notice, is none), the
    one line of its shape there besides the phrase families' lines, and no sentence
    going on below it in lowercase (a hard-wrapped line: "... the award was presented"
    / "By Mayor Jo Roe on Jan. 3, 2008" / "at the town hall.")."""
    taken, values = taken_lines(ctx), label_values(ctx)
    function_words = ctx.patterns.function_words_for(ctx.doc.language)
    blocks = ctx.doc.blocks
    found = []
    paragraphs = 0
    for block in blocks:
        if block.index in taken or block.index in values:
            # Gone in any case: a second cleaning, without them, must judge the same.
            continue
        if is_paragraph(block, ctx.config):
            paragraphs += 1
            if paragraphs > DATED_PARAGRAPHS_ABOVE:
                break
        elif not ctx.is_headline_block(block) and is_dated_byline(
            block.text, block.norm, ctx.patterns, function_words
        ):
            found.append(block)
    if not found or len(found) > DATED_MAX:
        return
    copies = ctx.copies
    for block in found:
        # A line printed again (an article printed twice, its byline with it) is the
        # repeats' to weigh, as the other copies are; a copy `repeated_block` takes is
        # gone in any case.
        printed = sum(b.key == block.key for b in blocks if b.index not in copies)
        below = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
        if printed > 1 or (
            below is not None and below.paragraph == block.paragraph and below.text[:1].islower()
        ):
            continue
        reason = f"a byline and its date: {quote(block.text)}, over the article's text"
        yield whole_block(ctx, block, KIND, reason, confident=False)


def _name_under_headline(ctx: Context) -> Iterator[Removal]:
    """A byline without "By": the author's name alone between the headline (its copies,
    its standfirst) and the article's first paragraph, as bylines set it. A given title
    the dump does not print stands above its first line."""
    headline = ctx.headline
    if headline is None:
        return
    taken = taken_lines(ctx)
    start = headline.block.index + 1 if headline.block is not None else 0
    similarity = ctx.config.headline_similarity
    # The first three lines under the headline that are not chrome, template lines or
    # its copies (found lazily: the rest of the dump is not looked at).
    below = list(
        islice(
            (
                b
                for b in ctx.doc.blocks[start:]
                if b.index not in taken
                and not ctx.is_chrome(b)
                and not (ctx.site is not None and ctx.site.pages_with(b.text))
                and same_headline(b.text, headline.text, similarity) is None
            ),
            3,
        )
    )
    function_words = ctx.patterns.function_words_for(ctx.doc.language)
    # The name opens the article, or follows its standfirst.
    for block, after in pairwise(below):
        text = block.text.strip()
        if (
            any(pattern.match(text) for pattern in _NAME_LINES)
            and not any(w.casefold() in function_words for w in block.words)
            and is_paragraph(after, ctx.config)
        ):
            # The value of a label ("Updated:" over it) is the label's.
            if block.index not in label_values(ctx):
                reason = f"a byline: the author's name {quote(block.text)} alone under the headline"
                yield whole_block(ctx, block, KIND, reason, confident=False)
            return


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="bylines and author notes (By Jane Roe, Reporting by ..., Jo Roe is a reporter "
    "for ...), a byline label's value, the author's name alone under the headline "
    "(en de fr es it pt nl)",
    find=find,
)
