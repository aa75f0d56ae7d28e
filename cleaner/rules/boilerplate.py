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

Next to the lines it takes, two more go: the short pitch between two lines of
one sign-up box, and the caption right above a photographer's credit in the same
paragraph. So does a separator above or below the article, a line with no letter,
digit or emoji ("* * *", "———", "____"). A press release's contact block goes too:
a "Media contact:" heading and the short lines under it (a name, a phone number, an
address) when they close the dump. Sources: trafilatura's share labels, RefinedWeb's
counters, C4's policy lines.

The families that report a kind of their own are the rules byline, timestamp and
bare_url; which family a line belongs to is found once for all four
(`phrase_lines.py`). The value under a byline or time label ("By" / "Jo Hart") is
its label's rule's, and none of the lines here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.text import is_separator
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block
from cleaner.rules.phrase_lines import Taken, family_lines, label_values, taken_lines

KIND = "boilerplate"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;| )protected\]")


def find(ctx: Context) -> Iterator[Removal]:
    taken = taken_lines(ctx)
    # A label's value is its label's rule's (byline, timestamp), whatever else it is.
    values = label_values(ctx)
    yield from family_lines(ctx, KIND)
    pitches = _box_pitches(ctx, taken)
    yield from (_pitch(ctx, block, taken) for block in pitches)
    yield from _captions_above_credits(ctx, taken, values)
    yield from _contact_block(ctx, taken, values)
    # A box's pitch goes whatever it is: a mark there counts in no list of separators.
    yield from _separators(ctx, taken, values, {block.index for block in pitches})


def _box_pitches(ctx: Context, taken: dict[int, Taken]) -> list[Block]:
    """A short line between two lines of one sign-up box ("Pick Six Newsletter" / its
    pitch / "Thanks for signing up!") is the box's pitch, not the article's."""
    # Both box lines taken as the rule's own (a wrapped line's end is not).
    return [
        block
        for block in ctx.doc.blocks[1:-1]
        if block.index - 1 in taken
        and block.index + 1 in taken
        and block.index not in taken
        and ctx.in_sign_up_box(block)
        and not ctx.is_headline_block(block)
    ]


def _pitch(ctx: Context, block: Block, taken: dict[int, Taken]) -> Removal:
    blocks = ctx.doc.blocks
    box = taken[block.index - 1].family
    reason = (
        f"inside a {box.label}: between {quote(blocks[block.index - 1].text)} "
        f"and {quote(blocks[block.index + 1].text)}"
    )
    # (A box's families are boilerplate: tests/test_rules.py checks the phrase lists.)
    return whole_block(ctx, block, KIND, reason, confident=False)


def _captions_above_credits(
    ctx: Context, taken: dict[int, Taken], values: Collection[int]
) -> Iterator[Removal]:
    """The line right above a photographer's credit ("Sakib Ali/Hindustan Times/Getty
    Images") is the photo's caption: short, and not a heading over a list.

    With a blank line between, the line above is the article's. Without one, a
    paragraph whose caption the extractor dropped would go too; in the eight
    extractors' dumps of the aeb pages, every line taken this way is a caption
    (`make eval` lists the removals).
    """
    blocks = ctx.doc.blocks
    for block in blocks[1:]:
        credit = taken.get(block.index)
        if credit is None or credit.family.name != "photo_credit":
            continue
        if not ctx.patterns.credit_after_caption.fullmatch(block.text.strip()):
            continue
        caption = blocks[block.index - 1]
        if (
            caption.paragraph != block.paragraph  # a blank line between: not its caption
            or caption.index in taken
            or caption.index in values
            or ctx.is_headline_block(caption)
            or len(caption.words) > ctx.config.caption_max_words
            or caption.text.rstrip().endswith(":")
        ):
            continue
        reason = f"a photo caption: the line right above the photo credit {quote(block.text)}"
        yield whole_block(ctx, caption, KIND, reason, confident=False)


def _separators(
    ctx: Context, taken: dict[int, Taken], values: Collection[int], pitches: Collection[int]
) -> Iterator[Removal]:
    """A separator ("* * *", "- – - –", "______": no letter, digit or emoji) above the
    article's first long line or below its last paragraph: it sets the article apart
    from the page, and says nothing. Between two of its paragraphs it marks a section,
    and a mark alone on several lines sets out a list (bullets, or briefs between
    "---"): those stay. A sign-up box's pitch (`pitches`, by block) is no mark. (In a
    whole page, chrome takes what is outside the article.)"""
    blocks = ctx.doc.blocks
    # Brackets in a run of code ("}") are the `code` rule's to judge, not separators.
    code = ctx.code_runs
    separators = [
        b
        for b in blocks
        if b.index not in taken
        and b.index not in code
        and b.index not in pitches
        and is_separator(b.text)
    ]
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
        if inside or marks[block.text.strip()] > 1 or block.index in values:
            continue
        reason = f"a separator: the line {quote(block.text)} has no letter, digit or emoji"
        yield whole_block(ctx, block, KIND, reason, confident=False)


def _contact_block(
    ctx: Context, taken: dict[int, Taken], values: Collection[int]
) -> Iterator[Removal]:
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
        if block.index not in taken and block.index not in values:
            yield whole_block(ctx, block, KIND, reason, confident=False)
    if section is not None:
        reason = (
            f"a press release's company section: the heading {quote(section.text)} and "
            f"what it says of the company, above the contact block"
        )
        for block in ctx.doc.blocks[section.index : heading.index]:
            if block.index not in taken and block.index not in values:
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


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="share/follow/newsletter prompts, ad labels, read-more links, related headings, "
    "comment and cookie notices, photo credits and captions, counters, separators, a press "
    "release's contact block (en de fr es it pt nl)",
    find=find,
)
