"""code: script, style sheet or markup that the extractor printed as text.

    "var adsrc = 'news/article;' + seg;\\nif (document.images) {\\n}\\nThe council ..."
    -> "The council ..."

A page's scripts and styles end up in a dump when the tool that made it kept the text of
<script> and <style> elements (C4 drops any page with a curly bracket for that reason).
A line is code when it shows two or more signs of it, one of them strong (a brace that
opens or closes a block, a declaration, a tag, a style rule, a name written as code), and
few common words (`cleaner/core/code_lines.py`): a script's string that holds the
article's text ("var blurb = 'WELLINGTON (Reuters) - New Zealand produced ...'") reads
as prose, and stays, as do lines with weak signs only ("W = won; D = drawn;"). Next to
such a line, a line with a strong sign or two signs, only brackets ("}", "});") or a
comment ("// Reloads the page") belongs to the same script (`Context.code_runs`, which
the headline finders read too). A line of cells printed side by side (inscriptis) goes
only when each of its cells is code.

A line that holds a page's HTML printed as text, the article's words between its tags
(an extractor that could not parse the page), stays, but loses its markup: each tag,
script or style element and comment (`cleaner/core/markup.py`), when there are many and
they make up most of the line.

Between the article's first paragraph and its last, code is the article's own (a
tutorial's example), and so is code under a line ending on a colon: they stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.markup import is_markup_line, markup_spans, removable
from cleaner.core.text import column_cells
from cleaner.rules.base import Context, Rule, is_paragraph, part_of_block, quote, whole_block

KIND = "code"


def find(ctx: Context) -> Iterator[Removal]:
    code = ctx.patterns.code
    blocks = ctx.doc.blocks
    open_to = _open_to(ctx)
    taken = _taken(ctx, open_to)
    for index in sorted(taken):
        block = blocks[index]
        found = ctx.block_code_signs(block)
        shown = ", ".join(sign.label for sign in found) or "only brackets or a comment"
        alone = len(found) >= code.min_signs
        where = "" if alone else ", next to lines of code"
        reason = f"script, style or markup, not prose: {shown}{where}: {quote(block.text)}"
        yield whole_block(ctx, block, KIND, reason)
    for block in blocks:
        if block.index not in taken and "<" in block.text and open_to(block.index):
            yield from _markup(ctx, block)


def _open_to(ctx: Context) -> Callable[[int], bool]:
    """Whether the rule may take code from the line at an index: not between the
    article's first paragraph and its last, not outside a whole page's article (that is
    `chrome`'s, line by line), not the headline."""
    blocks = ctx.doc.blocks
    first = next((b.index for b in blocks if is_paragraph(b, ctx.config)), len(blocks))
    page = ctx.page_article
    top, end = (page.top, page.end) if page is not None else (0, len(blocks))

    def open_to(index: int) -> bool:
        inside = first < index < ctx.article_end
        return not inside and top <= index <= end and not ctx.is_headline_block(blocks[index])

    return open_to


def _under_colon(ctx: Context, index: int) -> bool:
    return index > 0 and ctx.doc.blocks[index - 1].text.rstrip().endswith(":")


def _taken(ctx: Context, open_to: Callable[[int], bool]) -> frozenset[int]:
    """The lines of code (`Context.code_runs`) the rule removes, by block index."""
    runs = ctx.code_runs
    taken = set()
    introduced = False  # the current run stands under a line ending on a colon
    for index in sorted(runs):
        if index - 1 not in runs:  # a run starts: the article shows it ("… paste this:")
            introduced = _under_colon(ctx, index)
        if not open_to(index) or introduced or _beside_other_text(ctx, ctx.doc.blocks[index]):
            continue
        taken.add(index)
    return frozenset(taken)


def _markup(ctx: Context, block: Block) -> Iterator[Removal]:
    """The markup of a line that holds a page's HTML printed as text, its words between
    the tags (`core/markup.py`): the words stay."""
    code = ctx.patterns.code
    text = block.text
    spans = markup_spans(text, ctx.holds_prose)
    if not is_markup_line(text, spans, code.markup_min_tags, code.markup_min_share):
        return
    if _under_colon(ctx, block.index):
        return
    share = sum(end - start for start, end in spans) / len(text)
    for start, end in removable(text, spans):
        reason = (
            f"HTML markup printed as text in a line that holds a page's HTML with its words "
            f"({len(spans)} tags, scripts and comments, {share:.0%} of the line): "
            f"{quote(text[start:end])}"
        )
        yield part_of_block(ctx, block, start, end, KIND, reason)


def _beside_other_text(ctx: Context, block: Block) -> bool:
    """A line of cells printed side by side (inscriptis) with a cell that is no code
    ("Associated Press - Jan 10, 2008      <SCRIPT>…"): the line stays whole, as
    removing the script alone would leave a line the other rules judge anew."""
    cells = column_cells(block.text)
    minimum = ctx.patterns.code.min_signs
    return len(cells) > 1 and any(len(ctx.code_signs(cell)) < minimum for cell in cells)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="script, style sheet or markup printed as text: lines with signs of code "
    "(an operator, a brace, a closing semicolon, a method call, an HTML tag) and few "
    "common words, outside the article's paragraphs; the tags of a page's HTML printed "
    "in a line with its words",
    find=find,
)
