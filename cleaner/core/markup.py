"""A page's HTML printed as text inside a line, with the page's words between the tags.

An extractor that fails to parse a page (broken markup, a stray "<!--") may print all
of it, or all of it from some point on, as one line: "<div id=\"nav\"><a href=\"/\">Home</a>
… <p>The council voted on Tuesday …</p> <script>var ad = …</script>". Such a line holds
the article, so it cannot go whole (the `code` rule leaves a line that holds prose); its
markup can: each tag of an HTML element (the [code] data's `markup_elements`: "<The
Palace>" is a title), each script or style element with its content, each HTML comment,
declaration and conditional, in a line that holds `markup_min_tags` of them or more
(prose that shows markup holds a few; the pages that printed their HTML so in the
validation data, 600 or more) and that is no code on its own (a box of links, a script:
the `code` rule takes it whole). A script or a comment whose text reads as prose stays
(a script's string may hold the article; a stray "<!--" may open it), but for the tags
inside it.

The markup is found before the rules run (`cleaner.core.pipeline.clean_source`): they
judge the line without it, as a second cleaning would. A count decides, not the share
of the line the markup makes up: another rule that cuts a line short of its prose leaves
it fewer tags, never more, so no second cleaning finds markup the first one left.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache

from cleaner.core.document import Cleaned, Removal, split_lines
from cleaner.core.patterns import CodeSigns
from cleaner.core.text import quote

# The kind of the removals: the `code` rule's, which this belongs to.
KIND = "code"

_CLOSING = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    "comment": re.compile(r"-->"),
}


@cache
def _opening(elements: tuple[str, ...]) -> re.Pattern[str]:
    """What opens a piece of markup: a script or style element, a comment, a declaration
    or conditional ("<!DOCTYPE html>", "<![if lt IE 4]>"), or an element's tag with its
    attributes."""
    names = "|".join(sorted(elements, key=len, reverse=True))
    return re.compile(
        r"<(?:(?P<element>script|style)\b[^<>]*>|(?P<comment>!--)|!(?:doctype\b|\[)[^<>]*>"
        rf"|/?(?:{names})\b(?:\s[^<>]*)?/?>)",
        re.IGNORECASE,
    )


def markup_spans(
    text: str, elements: tuple[str, ...], holds_prose: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """The (start, end) of each piece of markup in `text`, in order and apart. A script,
    style element or comment goes with its content, unless `holds_prose(content)`: then
    it stays, but for the tags inside it. One never closed is only its opening."""
    opening = _opening(elements)
    spans: set[tuple[int, int]] = set()
    unclosed: set[str] = set()  # no closing after some point: none after a later one
    position = 0
    while (found := opening.search(text, position)) is not None:
        start, end = found.span()
        position = end
        name = found.group("element")
        kind = name.lower() if name else "comment" if found.group("comment") else None
        if kind is not None and kind not in unclosed:
            closing = _CLOSING[kind].search(text, end)
            if closing is None:
                unclosed.add(kind)
            elif holds_prose(text[end : closing.start()]):
                continue  # left as it is; the tags inside it go
            else:
                end = position = closing.end()
        spans.add((start, end))
    ordered: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not ordered or start >= ordered[-1][1]:  # a tag may end inside a "-->"
            ordered.append((start, end))
    return ordered


def removable(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """What to remove of `spans`: those apart by white space only joined into one, less
    one white space inside it where the text on either side would touch ("years.</p>
    <p>The"; a tag's own space, as in '<a href="/" class="on">', serves too). Markup
    with no space in it stays between two letters or digits ("Home</a></li><li>News"),
    so that no two words run together; between a full stop and a word it goes
    ("years.</p><p>The" -> "years.The")."""
    for start, end in _joined(text, spans):
        if start == 0 or end == len(text) or text[start - 1].isspace() or text[end].isspace():
            yield start, end
            continue
        space = next((i for i in range(start, end) if text[i].isspace()), None)
        if space is None:
            if not (text[start - 1] + text[end]).isalnum():
                yield start, end
            continue
        if space > start:
            yield start, space
        if space + 1 < end:
            yield space + 1, end


def _joined(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current is not None and not text[current[1] : start].strip():
            current = (current[0], end)
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def page_markup(
    source: str,
    code: CodeSigns,
    holds_prose: Callable[[str], bool],
    is_code: Callable[[str], bool],
) -> list[tuple[int, int, int]]:
    """The markup to take out of `source`, line by line: (start, end, pieces in its line)
    for each run to remove, offsets into `source`. A line that is code on its own (no
    prose in it: a box of links, a script) is left to the `code` rule, which takes it
    whole."""
    found: list[tuple[int, int, int]] = []
    # Lines as `Document` reads them (`str.splitlines` also breaks at U+2028, form feeds).
    for offset, _, _, line in split_lines(source):
        # A line with fewer "<" than a markup line's pieces needs no search.
        if line.count("<") >= code.markup_min_tags:
            spans = markup_spans(line, code.markup_elements, holds_prose)
            if len(spans) >= code.markup_min_tags and not is_code(line):
                runs = removable(line, spans)
                found.extend((offset + start, offset + end, len(spans)) for start, end in runs)
    return found


def with_markup(inner: Cleaned, source: str, markup: list[tuple[int, int, int]]) -> Cleaned:
    """`inner`, the cleaning of `source` less its `markup` (`page_markup`), told of
    `source` itself: its removals moved to their offsets in `source` (one that holds
    markup takes it with it), and a removal for each run of markup left."""
    segments: list[tuple[int, int]] = []  # (offset in the stripped text, in the source)
    position = stripped = 0
    for start, end, _ in markup:
        if start > position:
            segments.append((stripped, position))
            stripped += start - position
        position = end
    segments.append((stripped, position))
    starts = [at for at, _ in segments]

    def in_source(at: int) -> int:
        """The offset in `source` of the stripped text's character at `at`."""
        inner_start, source_start = segments[bisect.bisect_right(starts, at) - 1]
        return source_start + at - inner_start

    moved = []
    for removal in inner.removals:
        start, end = in_source(removal.start), in_source(removal.end - 1) + 1
        moved.append(replace(removal, start=start, end=end, text=source[start:end]))
    # A run of markup lies between kept characters: a moved removal holds it whole or not
    # at all (`inner.removals` are in order, and so are the moved ones).
    moved_starts = [r.start for r in moved]

    def held(at: int) -> bool:
        i = bisect.bisect_right(moved_starts, at) - 1
        return i >= 0 and moved[i].end > at

    left = [
        Removal(
            KIND,
            start,
            end,
            source[start:end],
            f"HTML markup printed as text in a line that holds a page's HTML with its "
            f"words ({pieces} tags, scripts and comments): {quote(source[start:end])}",
        )
        for start, end, pieces in markup
        if not held(start)
    ]
    removals = sorted([*moved, *left], key=lambda r: r.start)
    return replace(inner, source=source, removals=removals)
