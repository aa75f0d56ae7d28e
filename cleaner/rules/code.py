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

Between the article's first paragraph and its last, code is the article's own (a
tutorial's example), and so is a run of code under a line ending on a colon: they stay.

A line that holds a page's HTML printed as text, the article's words between its tags,
stays, but loses its markup before the rules run (`cleaner/core/markup.py`; its removals
are of this rule's kind, and leaving `code` out of the rules leaves the markup too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.text import column_cells
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block

KIND = "code"
# A piece of a statement the script aligned in columns ("ad_url    = 'x';"): a lone name,
# or a piece that opens on an operator. No cell of prose looks like either.
_STATEMENT_PART = re.compile(r"[\w$.\[\]]+$|[-+*/%&|!=:(]")
# How a statement opens: a name, then an assignment or a call with no space before it.
_STATEMENT_HEAD = re.compile(r"(?:(?:var|let|const)\s+)?[A-Za-z_$][\w$.\[\]]*(?:\s*[+-]?=(?!=)|\()")


def find(ctx: Context) -> Iterator[Removal]:
    code = ctx.patterns.code
    blocks = ctx.doc.blocks
    for index in sorted(_taken(ctx)):
        block = blocks[index]
        found = ctx.block_code_signs(block)
        shown = ", ".join(sign.label for sign in found) or "only brackets or a comment"
        alone = len(found) >= code.min_signs
        where = "" if alone else ", next to lines of code"
        reason = f"script, style or markup, not prose: {shown}{where}: {quote(block.text)}"
        yield whole_block(ctx, block, KIND, reason)


def _taken(ctx: Context) -> frozenset[int]:
    """The lines of code (`Context.code_runs`) the rule removes, by block index."""
    runs = ctx.code_runs
    if not runs:
        return frozenset()
    blocks = ctx.doc.blocks
    # The article's paragraphs: no line of script, nor a script's string that holds prose
    # ('vid1.caption = "… her new role on Broadway.";'), is one.
    prose = [
        b.index
        for b in blocks
        if is_paragraph(b, ctx.config) and b.index not in runs and not _script_string(b)
    ]
    first, last = (prose[0], prose[-1]) if prose else (len(blocks), -1)
    # In a whole page, what stands outside the article is `chrome`'s, line by line.
    page = ctx.page_article
    top, end = (page.top, page.end) if page is not None else (0, len(blocks))
    taken = set()
    introduced = False  # the current run stands under a line ending on a colon
    for index in sorted(runs):
        block = blocks[index]
        if index - 1 not in runs:  # a run starts: the article shows it ("… paste this:")
            introduced = index > 0 and blocks[index - 1].text.rstrip().endswith(":")
        inside = first < index < min(last, ctx.article_end)
        if inside or not top <= index <= end or ctx.is_headline_block(block):
            continue
        if introduced or _beside_other_text(ctx, block):
            continue
        taken.add(index)
    return frozenset(taken)


def _script_string(block: Block) -> bool:
    """A line that opens as a statement ('clip.caption = "…', "document.write('<p>…") but
    reads as prose: a script's string that holds words, which stays, but starts no
    article."""
    return bool(_STATEMENT_HEAD.match(block.text))


def _beside_other_text(ctx: Context, block: Block) -> bool:
    """A line of cells printed side by side (inscriptis) with a cell that is no code
    ("Associated Press - Jan 10, 2008      <SCRIPT>…"): the line stays whole, as
    removing the script alone would leave a line the other rules judge anew."""
    cells = column_cells(block.text)
    minimum = ctx.patterns.code.min_signs
    return len(cells) > 1 and any(
        len(ctx.code_signs(cell)) < minimum and not _STATEMENT_PART.match(cell.strip())
        for cell in cells
    )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="script, style sheet or markup printed as text: lines with signs of code "
    "(an operator, a brace, a closing semicolon, a method call, an HTML tag) and few "
    "common words, outside the article's paragraphs; the markup of a page's HTML printed "
    "in a line with its words",
    find=find,
)
