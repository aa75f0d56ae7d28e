"""The lines the phrase families take (`cleaner/patterns/*.toml`), found once per document
for the four rules that remove them: each family reports one kind (`kind = ...`, else
`boilerplate`), and the rule of that name takes its lines (boilerplate, byline,
timestamp, bare_url).

A line belongs to the first family it matches (`Context.boilerplate`). A family's
line counts unless the family's own limits say no: some count only after the
article's last paragraph (tail_only), or only in the run of matched and short lines
that closes the dump (closing), or not at all past a number per document
(max_per_doc); a lone button word between two long lines is a how-to's heading; and
a hard-wrapped line inside a sentence ("by supply and demand factors: ...") is no
family's line, whatever it opens with.

Beside a byline or time label alone on its line ("By", "Tempo de leitura:") the short
line under it is its value ("Randy Maniloff", "2 minutos"), of the label's kind. The
rules that take lines next to phrase lines (a box's pitch, a caption, a contact block,
a separator, a name under the headline) leave such a value to its label's rule, as
they did when one rule took them all: the same lines go, with the same kinds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from cleaner.core.document import Block, Removal
from cleaner.core.patterns import Family
from cleaner.core.text import ends_with_mark
from cleaner.rules.base import Context, quote, whole_block

# A hard-wrapped line of prose holds a few words at least; a lowercase button ("close")
# between two lines is no part of a sentence.
WRAPPED_MIN_WORDS = 4
# A line starting so is a web address, not a sentence going on in lowercase.
WEB_ADDRESS_STARTS = ("http://", "https://", "www.")
# Labels whose value may stand on the next line: a byline's name, a reading time.
VALUE_LABEL_KINDS = frozenset({"byline", "timestamp"})


class Taken(NamedTuple):
    """A line a phrase family takes, and how it matched ("is", "starts like", ...)."""

    block: Block
    family: Family
    how: str


class LabelValue(NamedTuple):
    """The value on the line under a label alone on its line."""

    block: Block
    label: Block
    family: Family


def taken_lines(ctx: Context) -> dict[int, Taken]:
    """The lines the phrase families take, by block index (computed once per document)."""
    return ctx.once(_taken_lines)


def label_values(ctx: Context) -> dict[int, LabelValue]:
    """The values under byline and time labels, by block index (once per document)."""
    return ctx.once(_label_values)


def family_lines(ctx: Context, kind: str) -> Iterator[Removal]:
    """The lines taken by the families that report `kind`, top to bottom."""
    for block, family, how in taken_lines(ctx).values():
        if family.kind == kind:
            yield whole_block(
                ctx,
                block,
                kind,
                f"{family.label}: the line {how} {quote(block.text)}",
                confident=family.confident or how in {"is", "is made of"},
            )


def label_value_lines(ctx: Context, kind: str) -> Iterator[Removal]:
    """The values under the labels of the families that report `kind`."""
    for value, label, family in label_values(ctx).values():
        if family.kind == kind:
            reason = f"the value of the label {quote(label.text)} on the line above"
            yield whole_block(ctx, value, kind, reason, confident=False)


def _taken_lines(ctx: Context) -> dict[int, Taken]:
    matches = []
    for block in ctx.doc.blocks:
        if ctx.is_headline_block(block):
            continue
        found = ctx.boilerplate(block)
        if found is not None and not _goes_on_from_above(block, ctx):
            matches.append(Taken(block, *found))
    # A tail-only family is counted in the tail only: a link list there is the article's,
    # but links it cites in its paragraphs say nothing about its last lines.
    matches = [m for m in matches if not (m.family.tail_only and m.block.index < ctx.article_end)]
    per_family = Counter(m.family.name for m in matches)
    closing_start = _closing_run_start(ctx, {m.block.index for m in matches})
    taken: dict[int, Taken] = {}
    for match in matches:
        block, family, how = match
        if family.closing and block.index < closing_start:
            continue
        if family.max_per_doc is not None and per_family[family.name] > family.max_per_doc:
            continue
        if how == "is made of" and _heads_its_section(block, ctx):
            continue
        taken[block.index] = match
    return taken


def _goes_on_from_above(block: Block, ctx: Context) -> bool:
    """A hard-wrapped line inside a sentence: it starts in lowercase under a line of the
    same paragraph with no end mark, and it ends the sentence or the next line goes on in
    lowercase ("... the value of sex is affected" / "by supply and demand factors: A
    male would spend more time" / "grooming a female ..."). So it is no byline, date or
    prompt of its own; a date line in lowercase under a headline ("sexta-feira, 22 de
    outubro ...") is followed by a new sentence."""
    blocks = ctx.doc.blocks
    text = block.text
    if (
        block.index == 0
        or len(block.words) < WRAPPED_MIN_WORDS
        or not text[:1].islower()
        or text.startswith(WEB_ADDRESS_STARTS)
    ):
        return False
    above = blocks[block.index - 1]
    if above.paragraph != block.paragraph or ends_with_mark(above.text):
        return False
    if ends_with_mark(text):
        return True
    below = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    return below is not None and below.paragraph == block.paragraph and below.text[:1].islower()


def _heads_its_section(block: Block, ctx: Context) -> bool:
    """A lone button word between two long lines ("Facebook" over "Open the menu at the
    top right of any Facebook page ..."): a how-to's heading. Share buttons come in a
    bar, beside other buttons or their label."""
    blocks = ctx.doc.blocks
    if len(block.words) != 1 or not 0 < block.index < len(blocks) - 1:
        return False
    long = ctx.config.paragraph_min_words
    return all(len(b.words) >= long for b in (blocks[block.index - 1], blocks[block.index + 1]))


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


def _label_values(ctx: Context) -> dict[int, LabelValue]:
    """A byline or time label alone on its line and its value on the next one: a short
    line with no end mark goes with it. (Under other labels, "Share this:", a short
    line may be a heading.)"""
    blocks = ctx.doc.blocks
    taken = taken_lines(ctx)
    values: dict[int, LabelValue] = {}
    for block in blocks[:-1]:
        label = taken.get(block.index)
        if label is None or label.family.kind not in VALUE_LABEL_KINDS:
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
        values[value.index] = LabelValue(value, block, label.family)
    return values
