"""A page's HTML printed as text inside a line, with the page's words between the tags.

An extractor that fails to parse a page (broken markup, a stray "<!--") may print all
of it, or all of it from some point on, as one line: "<div id=\"nav\"><a href=\"/\">Home</a>
… <p>The council voted on Tuesday …</p> <script>var ad = …</script>". Such a line holds
the article, so it cannot go whole (the `code` rule leaves it); its markup can: each tag,
each script or style element with its content, each HTML comment. A line is markup of
this kind when it holds `markup_min_tags` of them or more and they make up
`markup_min_share` of its characters or more (the [code] data): prose that shows a tag or
two ("the <b> tag", a title in angle brackets) is far from both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# What opens a piece of markup: a script or style element, a comment, a declaration or
# conditional ("<!DOCTYPE html>", "<![if lt IE 4]>"), or a tag with its attributes.
_OPENING = re.compile(
    r"<(?:(?P<element>script|style)\b[^<>]*>|(?P<comment>!--)|![^<>]*>"
    r"|/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>)",
    re.IGNORECASE,
)
_CLOSING = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    "comment": re.compile(r"-->"),
}


def markup_spans(text: str, holds_prose: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The (start, end) of each piece of markup in `text`, in order. A script or style
    element goes with its content unless `holds_prose(content)` (a script's string may
    hold the article's text): then only its tags go. An element or comment that is
    never closed is only its opening."""
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()  # no closing after some point: none after a later one
    position = 0
    while (found := _OPENING.search(text, position)) is not None:
        start, end = found.span()
        name = found.group("element")
        kind = name.lower() if name else "comment" if found.group("comment") else None
        if kind is not None and kind not in unclosed:
            closing = _CLOSING[kind].search(text, end)
            if closing is None:
                unclosed.add(kind)
            elif kind == "comment" or not holds_prose(text[end : closing.start()]):
                end = closing.end()
            else:
                spans.append((start, end))
                start, end = closing.span()
        if kind != "comment" or end > found.end():
            spans.append((start, end))
        position = end
    return spans


def is_markup_line(
    text: str, spans: list[tuple[int, int]], min_tags: int, min_share: float
) -> bool:
    """Enough markup, and most of the line: a page's HTML printed as text."""
    size = sum(end - start for start, end in spans)
    return len(spans) >= min_tags and size >= min_share * len(text)


def removable(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """What to remove of `spans`: those apart by white space only joined into one, less
    one white space inside it where the text on either side would touch ("years.</p>
    <p>The"; a tag's own space, as in '<a href="/" class="on">', serves too). Markup
    with no space in it stays between two letters or digits ("Home</a></li><li>News"):
    the words must not run together."""
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


def _joined(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
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
