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
that merely uses such a word inside prose does not match. Some families count
only in a dump's closing lines: a company description ("Acme is a leading
provider of ...") is press-release boilerplate there, and news anywhere else.

Next to the lines it takes, three more go: the short pitch between two lines of
one sign-up box, the short value under a byline or time label ("By" / "Jo
Hart"), and the caption right above a photographer's credit in the same
paragraph. So does a separator above or below the article, a line with no letter,
digit or emoji ("* * *", "———", "____"). A press release's contact block goes too:
a "Media contact:" heading and the short lines under it (a name, a phone number, an
address) when they close the dump. Sources: trafilatura's share labels, RefinedWeb's
counters, C4's policy lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice, pairwise

from cleaner.core.document import Block, Removal
from cleaner.core.headline import same_headline
from cleaner.core.patterns import Family
from cleaner.core.text import ends_with_mark, is_separator
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block

KIND = "boilerplate"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;| )protected\]")
# A byline's name with the surname in capitals: "Xuan Loc DOAN", "Jay SYRMOPOULOS"
# (given names first), or all in capitals with the outlet after a slash or a comma
# ("PETER KORZUN / STRATEGIC CULTURE", "VICTOR TANGERMANN, FUTURISM").
_NAME_LINES = (
    re.compile(r"^(?:[A-Z][a-z'’-]+ ){1,2}[A-Z][A-Z'’-]{2,}$"),
    re.compile(
        r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){1,2}(?: /|,) [A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}$"
    ),
)
# Labels whose value may stand on the next line: a byline's name, a reading time.
VALUE_LABEL_KINDS = {"byline", "timestamp"}
# The kinds phrase families report as besides KIND (`kind = ...` in cleaner/patterns/).
FAMILY_KINDS = ("byline", "timestamp", "bare_url")


def find(ctx: Context) -> Iterator[Removal]:
    matches = []
    for block in ctx.doc.blocks:
        if ctx.is_headline_block(block):
            continue
        found = ctx.boilerplate(block)
        if found is not None:
            matches.append((block, *found))
    # A tail-only family is counted in the tail only: a link list there is the article's,
    # but links it cites in its paragraphs say nothing about its last lines.
    matches = [
        (block, family, how)
        for block, family, how in matches
        if not (family.tail_only and block.index < ctx.article_end)
    ]
    per_family = Counter(family.name for _, family, _ in matches)
    closing_start = _closing_run_start(ctx, {block.index for block, _, _ in matches})
    taken: dict[int, Family] = {}
    for block, family, how in matches:
        if family.closing and block.index < closing_start:
            continue
        if family.max_per_doc is not None and per_family[family.name] > family.max_per_doc:
            continue
        if how == "is made of" and _heads_its_section(block, ctx):
            continue
        taken[block.index] = family
        yield whole_block(
            ctx,
            block,
            family.kind,
            f"{family.label}: the line {how} {quote(block.text)}",
            confident=family.confident or how in {"is", "is made of"},
        )
    yield from _inside_boxes(ctx, taken)
    yield from _label_values(ctx, taken)
    yield from _captions_above_credits(ctx, taken)
    yield from _contact_block(ctx, taken)
    yield from _separators(ctx, taken)
    yield from _name_under_headline(ctx, taken)


def _heads_its_section(block: Block, ctx: Context) -> bool:
    """A lone button word between two long lines ("Facebook" over "Open the menu at the
    top right of any Facebook page ..."): a how-to's heading. Share buttons come in a
    bar, beside other buttons or their label."""
    blocks = ctx.doc.blocks
    if len(block.words) != 1 or not 0 < block.index < len(blocks) - 1:
        return False
    long = ctx.config.paragraph_min_words
    return all(len(b.words) >= long for b in (blocks[block.index - 1], blocks[block.index + 1]))


def _inside_boxes(ctx: Context, taken: dict[int, Family]) -> Iterator[Removal]:
    """A short line between two lines of one sign-up box ("Pick Six Newsletter" / its
    pitch / "Thanks for signing up!") is the box's pitch, not the article's."""
    blocks = ctx.doc.blocks
    for block in blocks[1:-1]:
        above, below = taken.get(block.index - 1), taken.get(block.index + 1)
        if (
            above is None
            or above is not below
            or not above.widget
            or block.index in taken
            or len(block.words) > ctx.config.widget_inner_max_words
            or any(c.isdigit() for c in block.text)  # figures are news, not a pitch
            or ctx.is_headline_block(block)
        ):
            continue
        reason = (
            f"inside a {above.label}: between {quote(blocks[block.index - 1].text)} "
            f"and {quote(blocks[block.index + 1].text)}"
        )
        yield whole_block(ctx, block, above.kind, reason, confident=False)


def _label_values(ctx: Context, taken: dict[int, Family]) -> Iterator[Removal]:
    """A byline or time label alone on its line ("By", "Tempo de leitura:") and its value
    on the next one ("Randy Maniloff", "2 minutos"): a short line with no end mark goes
    with it. (Under other labels, "Share this:", a short line may be a heading.)"""
    blocks = ctx.doc.blocks
    for block in blocks[:-1]:
        family = taken.get(block.index)
        if family is None or family.kind not in VALUE_LABEL_KINDS:
            continue
        if not (block.text.rstrip().endswith(":") or block.norm == "by"):
            continue
        value = blocks[block.index + 1]
        if (
            value.index in taken
            or ctx.is_headline_block(value)
            or len(value.words) > ctx.config.label_value_max_words
            or ends_with_mark(value.text)
            or value.text.rstrip().endswith(",")  # a list going on, not one value
        ):
            continue
        reason = f"the value of the label {quote(block.text)} on the line above"
        yield whole_block(ctx, value, family.kind, reason, confident=False)


def _captions_above_credits(ctx: Context, taken: dict[int, Family]) -> Iterator[Removal]:
    """The line right above a photographer's credit ("Sakib Ali/Hindustan Times/Getty
    Images") is the photo's caption: short, and not a heading over a list.

    With a blank line between, the line above is the article's. Without one, a
    paragraph whose caption the extractor dropped would go too; in the eight
    extractors' dumps of the aeb pages, every line taken this way is a caption
    (`make eval` lists the removals).
    """
    blocks = ctx.doc.blocks
    for block in blocks[1:]:
        family = taken.get(block.index)
        if family is None or family.name != "photo_credit":
            continue
        if not ctx.patterns.credit_after_caption.fullmatch(block.text.strip()):
            continue
        caption = blocks[block.index - 1]
        if (
            caption.paragraph != block.paragraph  # a blank line between: not its caption
            or caption.index in taken
            or ctx.is_headline_block(caption)
            or len(caption.words) > ctx.config.caption_max_words
            or caption.text.rstrip().endswith(":")
        ):
            continue
        reason = f"a photo caption: the line right above the photo credit {quote(block.text)}"
        yield whole_block(ctx, caption, KIND, reason, confident=False)


def _separators(ctx: Context, taken: dict[int, Family]) -> Iterator[Removal]:
    """A separator ("* * *", "- – - –", "______": no letter, digit or emoji) above the
    article's first long line or below its last paragraph: it sets the article apart
    from the page, and says nothing. Between two of its paragraphs it marks a section,
    and a mark alone on several lines sets out a list (bullets, or briefs between
    "---"): those stay. (In a whole page, chrome takes what is outside the article.)"""
    blocks = ctx.doc.blocks
    separators = [b for b in blocks if b.index not in taken and is_separator(b.text)]
    if not separators or ctx.page is not None:
        return
    config = ctx.config
    # The article's bounds leave out lines other rules take as chrome, so that a second
    # pass, without them, finds the same bounds. (Its lede may end unfinished, on a
    # source's name: the first bound is its first long line.)
    prose = [b for b in blocks if not ctx.is_chrome(b)]
    first = next((b.index for b in prose if len(b.words) >= config.paragraph_min_words), None)
    last = next((b.index for b in reversed(prose) if is_paragraph(b, config)), None)
    marks = Counter(b.text.strip() for b in separators)
    for block in separators:
        inside = first is not None and last is not None and first < block.index < last
        if inside or marks[block.text.strip()] > 1:
            continue
        reason = f"a separator: the line {quote(block.text)} has no letter, digit or emoji"
        yield whole_block(ctx, block, KIND, reason, confident=False)


def _name_under_headline(ctx: Context, taken: dict[int, Family]) -> Iterator[Removal]:
    """A byline without "By": the author's name alone between the headline (its copies,
    its standfirst) and the article's first paragraph, as bylines set it: the surname in
    capitals after the given names ("Xuan Loc DOAN"), or the name and the outlet in
    capitals ("PETER KORZUN / STRATEGIC CULTURE"). A name in title case ("Margaret
    Hill, Northtown", "Executive Summary") may be a signature or a heading, and stays.
    A given title the dump does not print stands above its first line."""
    headline = ctx.headline
    if headline is None:
        return
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
            reason = f"a byline: the author's name {quote(block.text)} alone under the headline"
            yield whole_block(ctx, block, "byline", reason, confident=False)
            return


def _contact_block(ctx: Context, taken: dict[int, Family]) -> Iterator[Removal]:
    """A press release's contact block closing the dump: a "Media contact:" heading and
    the short lines under it ("Jo Roe", "Tel: +1 888 387 2818", "Suite 800, Dallas").

    A plain "Contact:" counts only over an e-mail address and under the release's
    company section ("About Acme:" and its description right above): a helpline, a
    police appeal or a box office under "Contact" is news the reader needs.
    """
    if ctx.page is not None:
        return  # a whole page's footer is the chrome rule's
    blocks = ctx.doc.blocks
    config = ctx.config
    # The closing run of short lines, nearest first. Lines other rules take as chrome
    # do not count toward its length: a second pass, without them, decides the same.
    run: list[Block] = []
    length = 0
    for block in reversed(blocks):
        chrome = block.index in taken or ctx.is_chrome(block)
        if not chrome and len(block.words) > config.contact_line_max_words:
            break
        length += not chrome
        if length > config.contact_block_max_lines:
            return
        run.append(block)
    patterns = ctx.patterns
    heading = next((b for b in reversed(run) if patterns.contact_heading.match(b.norm)), None)
    if heading is None or heading.index == blocks[-1].index or ctx.is_headline_block(heading):
        return
    below = blocks[heading.index + 1 :]
    section = _company_section(ctx, heading)
    if not patterns.press_contact_heading.match(heading.norm) and not (
        any(_EMAIL.search(b.text) for b in below) and section is not None
    ):
        return
    reason = (
        f"a press contact block: the heading {quote(heading.text)} and the "
        f"{len(below)} short line(s) under it that close the dump"
    )
    for block in [heading, *below]:
        if block.index not in taken:
            yield whole_block(ctx, block, KIND, reason, confident=False)
    if section is not None:
        reason = (
            f"a press release's company section: the heading {quote(section.text)} and "
            f"what it says of the company, above the contact block"
        )
        for block in ctx.doc.blocks[section.index : heading.index]:
            if block.index not in taken:
                yield whole_block(ctx, block, KIND, reason, confident=False)


def _is_section_heading(block: Block, ctx: Context) -> bool:
    return (
        block.text.rstrip().endswith(":") and 0 < len(block.words) <= ctx.config.closing_short_words
    )


def _company_section(ctx: Context, contact: Block) -> Block | None:
    """The heading of the company section right above a release's contact block: "About
    Us:", "About Acme:" over a description that opens with "Acme", or "Acme:" over one
    that opens "Acme is". An article's "Road closures:", "Symptoms:" or "About the
    exhibition:" above a media contact is news, and stays."""
    blocks = ctx.doc.blocks
    lowest = max(-1, contact.index - ctx.config.contact_section_lines - 1)
    for index in range(contact.index - 1, lowest, -1):
        heading = blocks[index]
        if not _is_section_heading(heading, ctx):
            continue
        if index + 1 == contact.index:
            return None  # no description under it
        words = [w.casefold() for w in heading.words]
        described = [w.casefold() for w in blocks[index + 1].words]
        if words == ["about", "us"]:
            return heading
        if words[0] == "about" and len(words) > 1 and words[1] != "the":
            name = words[1:]
            return heading if described[: len(name)] == name else None
        opens = described[: len(words) + 1]
        return heading if opens[:-1] == words and opens[-1:] in (["is"], ["are"]) else None
    return None


def _closing_run_start(ctx: Context, matched: set[int]) -> int:
    """Index of the first block of the run that ends the dump: matched lines and
    short ones ("Quick links", a site's name), with no paragraph of the article."""
    blocks = ctx.doc.blocks
    start = len(blocks)
    while start > 0 and (
        start - 1 in matched or len(blocks[start - 1].words) <= ctx.config.closing_short_words
    ):
        start -= 1
    return start


RULE = Rule(
    name=KIND,
    kind=KIND,
    other_kinds=FAMILY_KINDS,
    summary="share/follow/newsletter prompts, ad labels, read-more links, related headings, "
    "comment and cookie notices, photo credits, counters (en de fr es it pt nl); bylines "
    "and author notes as byline, datelines and reading times as timestamp, web and "
    "e-mail addresses alone after the article as bare_url",
    find=find,
)
