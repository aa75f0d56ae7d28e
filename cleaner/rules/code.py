"""code: script, style sheet or markup that the extractor printed as text.

    "var adsrc = 'news/article;' + seg;\\nif (document.images) {\\n}\\nThe council ..."
    -> "The council ..."

A page's scripts and styles end up in a dump when the tool that made it kept the text of
<script> and <style> elements (C4 drops any page with a curly bracket for that reason).
A line is code when it shows two or more signs of it (an operator such as "==" or "&&",
a brace that opens or closes a block, a statement's closing semicolon, a method call, a
declaration, an HTML tag, a style rule, an assignment) and few common words
(`cleaner/core/code_lines.py`): a script's string that holds the article's text ("var
blurb = 'WELLINGTON (Reuters) - New Zealand produced ...'") reads as prose, and stays.
Next to such a line, a line with one sign, only brackets ("}", "});") or a comment ("//
Reloads the page") belongs to the same script. A line of cells printed side by side
(inscriptis) goes only when each of its cells is code.

Between the article's first paragraph and its last, code is the article's own (a
tutorial's example): it stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from cleaner.core.code_lines import part_of_code
from cleaner.core.document import Block, Removal
from cleaner.rules.base import Context, Rule, is_paragraph, quote, whole_block

KIND = "code"
# Cells of a layout printed side by side on one line ("Associated Press - Jan 10 …
# <SCRIPT>…"), which inscriptis sets apart with wide spaces.
_CELL_GAP = re.compile(r" {3,}|\t+")


def find(ctx: Context) -> Iterator[Removal]:
    blocks = ctx.doc.blocks
    signs = [ctx.code_signs(block.text) for block in blocks]
    code = [len(found) >= ctx.config.code_min_signs for found in signs]
    if not any(code):
        return
    # A line next to code with one sign, only brackets, or a comment is part of the script.
    code = _spread(code, lambda i: bool(signs[i]) or part_of_code(blocks[i].text))
    first = next((b.index for b in blocks if is_paragraph(b, ctx.config)), len(blocks))
    # In a whole page, what stands outside the article is `chrome`'s, line by line.
    page = ctx.page_article
    top, end = (page.top, page.end) if page is not None else (0, len(blocks))
    for block, is_code, found in zip(blocks, code, signs, strict=True):
        inside = first < block.index < ctx.article_end
        outside_page = not top <= block.index <= end
        if inside or outside_page or ctx.is_headline_block(block):
            continue
        if is_code and not _beside_other_text(ctx, block):
            alone = len(found) >= ctx.config.code_min_signs
            yield whole_block(ctx, block, KIND, _reason(found, alone, block.text))


def _beside_other_text(ctx: Context, block: Block) -> bool:
    """A line of cells printed side by side (inscriptis) with a cell that is no code
    ("Associated Press - Jan 10, 2008      <SCRIPT>…"): the line stays whole, as
    removing the script alone would leave a line the other rules judge anew."""
    text = block.text
    edges = [0, *(i for m in _CELL_GAP.finditer(text) for i in m.span()), len(text)]
    cells = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True) if text[a:b].strip()]
    minimum = ctx.config.code_min_signs
    return len(cells) > 1 and any(len(ctx.code_signs(cell)) < minimum for cell in cells)


def _reason(found: list[str], alone: bool, text: str) -> str:
    shown = ", ".join(found) or "only brackets or a comment"
    where = "" if alone else ", next to lines of code"
    return f"a line of script, style or markup, not prose: {shown}{where}: {quote(text)}"


def _spread(code: list[bool], part_of: Callable[[int], bool]) -> list[bool]:
    """`code`, with each run of it carried up and down over the lines `part_of` it."""
    spread = list(code)
    for i, is_code in enumerate(code):
        if not is_code:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(code) and not spread[j] and part_of(j):
                spread[j] = True
                j += step
    return spread


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="script, style sheet or markup printed as text: lines with two signs of code "
    "(an operator, a brace, a closing semicolon, a method call, an HTML tag) and few "
    "common words, outside the article's paragraphs",
    find=find,
)
