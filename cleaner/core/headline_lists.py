"""Lists of other stories' headlines, told by their shape alone.

    "Cornwall Abuse Inquiry Scope Clipped by Appeals Court"
    "Alleged Red-Light Runner Injures Five"
    "Carleton Boosts Security After Lost Keys"

A headline in such a list is a short line with most of its longer words capitalised and
no end mark. Three or more in a row make a list, unless a line ending on a colon
introduces them (the article's own list). Not a headline: a line with a figure (a
results table, "1. Bayliss (Ducati) 1'32.2"; a programme's dates), a list's item, or two
commas or more (a squad's names, wrapped over lines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.config import Config
from cleaner.core.document import Block
from cleaner.core.text import ends_with_mark, is_list_item

_DIGIT = re.compile(r"\d")
# A word this long (in letters) counts for the capitals.
_LONG_WORD_LETTERS = 4


def is_title_case(words: Sequence[str], share: float) -> bool:
    """At least `share` of the longer words after the first capitalised (or a figure), as
    headlines are written ("Could Spot Signs of Life")."""
    long_words = [w for w in words[1:] if sum(c.isalpha() for c in w) >= _LONG_WORD_LETTERS]
    capitals = sum(w[0].isupper() or w[0].isdigit() for w in long_words)
    return bool(long_words) and capitals >= len(long_words) * share


def _headline_shaped(block: Block, config: Config) -> bool:
    text = block.text
    if not config.related_item_min_words <= len(block.words) <= config.related_item_max_words:
        return False
    if ends_with_mark(text) or is_list_item(text) or text.count(",") > 1:
        return False
    return not _DIGIT.search(text) and is_title_case(block.words, config.related_title_case_share)


def in_headline_list(blocks: Sequence[Block], config: Config) -> list[bool]:
    """For each block, whether it stands in a run of `related_min_run` or more
    headline-shaped lines in a row that no line ending on a colon introduces ("These are
    the titles:" over the books a reading group chose: the article's own list)."""
    shaped = [_headline_shaped(b, config) for b in blocks]
    listed = [False] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and shaped[j]:
            j += 1
        introduced = i > 0 and blocks[i - 1].text.rstrip().endswith(":")
        if j - i >= config.related_min_run and not introduced:
            listed[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return listed
