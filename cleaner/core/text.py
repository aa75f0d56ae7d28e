"""Small text helpers shared by the rules: normalised comparison keys, sentences."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
# The line breaks a document is split at: str.splitlines() also breaks at form feeds
# and the like, which would make the layout disagree with the blocks the rules saw.
LINE_BREAK = re.compile(r"\r\n|\n|\r")
# A sentence ends at . ! ? or an ellipsis, maybe followed by closing quotes or
# brackets, then space and something that can open a sentence.
SENTENCE_BREAK = re.compile(
    r"""(?<=[.!?…])["'”’»)\]]*\s+(?=["'“‘«(\[¿¡]?[^\W\d_a-z]|["'“‘«(\[]?\d)"""
)
END_MARK = re.compile(r"""[.!?…:;]["'”’»)\]]*$|["'”’»)\]]$""")
# END_MARK matches when the text ends (or ends before a final line break, as `$` does)
# on an end mark or a closing quote or bracket: with either, the last character decides.
_END_CHARS = frozenset(""".!?…:;"'”’»)]""")


def words(text: str) -> list[str]:
    """The words of `text` as the rules count them (`Block.words`)."""
    return _WORD.findall(text)


def ends_with_mark(text: str) -> bool:
    """`END_MARK.search(text)` read off the last character, without scanning the line."""
    if text.endswith("\n"):
        text = text[:-1]
    return text[-1:] in _END_CHARS


# What a separator line is made of: punctuation, maths and modifier signs ("—", "*",
# "_", "=", "~"), spaces, and invisible controls. Not emoji or other symbols ("❤️").
_SEPARATOR_CATEGORIES = ("P", "Sm", "Sk", "Z", "Cc", "Cf")


def is_separator(text: str) -> bool:
    """A line that only separates ("* * *", "- – - –", "______"): no letter, digit or
    emoji."""
    if text[:1].isalnum():
        return False  # most lines: no letter or digit is in those categories (tested)
    return bool(text.strip()) and all(
        unicodedata.category(c).startswith(_SEPARATOR_CATEGORIES) for c in text
    )


def is_table_row(text: str) -> bool:
    """A row of a table flattened to text ("| Home | News | Sport |"), as trafilatura
    prints a page laid out in a table (over several lines in a hard-wrapped dump)."""
    text = text.strip()
    return len(text) > 1 and text[0] == "|" and text[-1] == "|"


# A list's item opens on a bullet or a number ("* Mourners fill ...", "3. Pitt adds
# three recruits"); two cells of a layout printed side by side leave a wide gap
# between their words ("Weather          Qld authorities brace for floods").
_NUMBERED_ITEM = re.compile(r"(\d{1,2})[.)]\s")
_LIST_ITEM = re.compile(rf"[-*•·▪►–]\s|{_NUMBERED_ITEM.pattern}")
# What sets such cells apart: tabs, or three spaces or more (no-break spaces too).
_CELL_GAP = re.compile(r"[ \xa0]{3,}| *\t[ \t]*")
_COLUMN_GAP = re.compile(rf"\w(?:{_CELL_GAP.pattern})\w")


def is_list_item(text: str) -> bool:
    """A line of a list: it opens on a bullet or an item's number and a space."""
    return bool(_LIST_ITEM.match(text))


def item_number(text: str) -> int:
    """The number a list's item opens with ("2. Core the pears": 2), or -1."""
    match = _NUMBERED_ITEM.match(text)
    return int(match.group(1)) if match else -1


def has_column_gap(text: str) -> bool:
    """Two cells printed side by side: tabs, or three spaces or more (no-break spaces
    too: "Browse >>\xa0\xa0News Blog\xa0\xa0\xa0Photo Galleries"), between words."""
    return bool(_COLUMN_GAP.search(text))


def column_cells(text: str) -> list[str]:
    """The cells of a line printed side by side ("Associated Press - Jan 10      <SCRIPT>…"),
    split where `has_column_gap` sees a gap; one cell for most lines."""
    return [cell for cell in _CELL_GAP.split(text) if cell.strip()]


# What sets a menu's items apart on one line: a bar (escaped "\\|" inside a table
# cell, as trafilatura prints one), or a bullet not inside a word (the "·" of a Catalan
# "col·legi"; a bullet read with the wrong encoding, "Â·", still counts).
_MENU_SEPARATOR = re.compile(r"\\\||\||(?<!\w)[•·]|[•·](?!\w)")
_FIGURE = re.compile(r"\d")
_ITEM_END_MARKS = tuple(".!?;,:")


def menu_items(text: str) -> list[str]:
    """The items of a line split at its bars and bullets ("Home | News" -> two)."""
    return [item.strip() for item in _MENU_SEPARATOR.split(text) if item.strip()]


# A row of this many short items between bars or bullets is never the headline, menu
# or not ("Funds | Alerts | SMS 56388 | News | Feedback"): a headline printed with its
# section's and site's names has three items, one of them the headline's words.
LONG_ROW_ITEMS = 5


def is_menu_row(text: str, min_items: int, max_words: int) -> bool:
    """A menu printed as one line: `min_items` or more items between bars or bullets,
    each of at most `max_words` words, opening with a capital (a line of a poem or a
    song does not), with no figure and no end mark; and not a headline with its
    section's and site's names ("Ferry fares to rise | Local News | Harbour Times": a
    first item of three words or more, longer than any other)."""
    # Most lines hold no bar nor bullet: a plain look spares them the pattern.
    if not ("|" in text or "•" in text or "·" in text) or not _MENU_SEPARATOR.search(text):
        return False
    items = menu_items(text)
    if len(items) < min_items or not all(_menu_item(item, max_words) for item in items):
        return False
    lengths = [len(item.split()) for item in items]
    return not (lengths[0] >= 3 and lengths[0] > max(lengths[1:]))


def is_long_row(items: list[str], max_words: int) -> bool:
    """A line's `menu_items`: `LONG_ROW_ITEMS` or more, each of at most `max_words` words
    (a row of links, whatever the items hold, and never a headline)."""
    return len(items) >= LONG_ROW_ITEMS and all(len(i.split()) <= max_words for i in items)


def _menu_item(item: str, max_words: int) -> bool:
    return (
        len(item.split()) <= max_words
        and not item[0].islower()
        and not item.endswith(_ITEM_END_MARKS)
        and not _FIGURE.search(item)
    )


def is_figures_row(text: str) -> bool:
    """A table's row of data: two items or more between bars with a figure, half the
    row's items or more ("| Rovers | 12 | | 3 |"; not "Council votes | Jan 7")."""
    items = menu_items(text)
    figures = sum(bool(_FIGURE.search(item)) for item in items)
    return figures >= 2 and figures * 2 >= len(items)


def key(text: str) -> str:
    """Comparison key: lowercase words joined by single spaces (punctuation and case ignored)."""
    return " ".join(_WORD.findall(text.casefold()))


def last_sentence_start(text: str) -> int:
    """Offset in `text` where its last sentence starts (0 when there is one sentence)."""
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.end() < len(text):
            start = match.end()
    return start


def first_sentence_end(text: str) -> int | None:
    """Offset just past the first sentence break, or None when `text` is one sentence."""
    match = SENTENCE_BREAK.search(text)
    return match.end() if match else None


def quote(text: str, limit: int = 60) -> str:
    """Short quoted excerpt for a reason."""
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


_PUNCTUATION_RUN = re.compile(r"[\W_]+")
# Curly quotes and long dashes as their plain forms. (Six `replace` calls, each only
# when needed, are several times faster than `str.translate` with a table.)
_PLAIN = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


# `[\W_]` in ASCII: what the edges of an ASCII line lose.
_ASCII_EDGE = "".join(c for c in map(chr, range(128)) if not c.isalnum())


def normalise_line(text: str) -> str:
    """Casefold, unify quotes and dashes, collapse spaces, strip edge punctuation."""
    if text.isascii():
        # Most lines: NFC and the quote and dash forms change nothing, casefolding is
        # lowercasing, and the edge punctuation comes off with one strip.
        return " ".join(text.lower().split()).replace(" :", ":").strip(_ASCII_EDGE)
    return _normalise_any(text)


def _normalise_any(text: str) -> str:
    """`normalise_line` for any text."""
    text = unicodedata.normalize("NFC", text)
    for fancy, plain in _PLAIN:
        if fancy in text:
            text = text.replace(fancy, plain)
    text = " ".join(text.casefold().split()).replace(" :", ":")
    # Strip punctuation at both edges: matching at the start of the text and of its
    # reverse avoids a search for "[\W_]+$" from every space of a long line.
    lead = _PUNCTUATION_RUN.match(text)
    if lead:
        text = text[lead.end() :]
    trail = _PUNCTUATION_RUN.match(text[::-1])
    return text[: len(text) - trail.end()] if trail else text
