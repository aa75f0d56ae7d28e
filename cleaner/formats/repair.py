"""Mojibake repair (UTF-8 read as cp1252 and the like), recorded so nothing changes silently.

ftfy does the detection and the fix; only its encoding fixer runs (no quote
straightening, no width or ligature changes), so correct text comes through
untouched. It runs line by line, and each changed line becomes one repair
record: `start`/`end` locate the repaired line in the text the rules see (the
removals' offsets refer to that text too), `before` is the line as decoded, so
putting every `before` back over its span rebuilds the decoded input.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import ftfy
from ftfy.badness import BADNESS_RE

from cleaner.core.screen import sre_constants, sre_parser  # (the regex parser, as it reads it)
from cleaner.formats.decode import Repair


def _chars(items: Any) -> set[str] | None:
    """The characters a parsed character class matches, when it lists them (no category,
    no negation)."""
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(arg))
        elif op is sre_constants.RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None
    return chars


def _needed(items: Any) -> list[set[str]]:
    """Sets of characters of which every match of the parsed sequence holds one each."""
    needed: list[set[str]] = []
    for op, arg in items:
        if op is sre_constants.LITERAL:
            needed.append({chr(arg)})
        elif op is sre_constants.IN and (chars := _chars(arg)) is not None:
            needed.append(chars)
        elif op is sre_constants.SUBPATTERN:
            needed += _needed(arg[-1])
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
            needed += _needed(arg[2])
        elif op is sre_constants.BRANCH:
            choices = [_fewest(_needed(branch)) for branch in arg[1]]
            if all(choice is not None for choice in choices):
                needed.append(set().union(*choices))  # type: ignore[arg-type]
    return needed


def _fewest(needed: list[set[str]]) -> set[str] | None:
    """The smallest of the non-ASCII sets (a non-ASCII line holds ASCII characters too)."""
    sets = [chars for chars in needed if not any(c.isascii() for c in chars)]
    return min(sets, key=len) if sets else None


@cache
def _suspects() -> frozenset[str] | None:
    """Characters of which every match of ftfy's badness regex holds one (None: no such
    set could be read off the regex).

    ftfy leaves a line alone unless that regex finds something in it (`is_bad`), and
    most non-ASCII lines ("café", "“quoted”") hold none of these characters: they skip
    ftfy and its regex search, the larger part of reading a non-ASCII file."""
    if BADNESS_RE.flags & sre_constants.SRE_FLAG_IGNORECASE:
        return None
    parsed = sre_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    whole = _fewest(_needed(parsed))
    return frozenset(whole) if whole is not None else None


# Read off ftfy's badness regex (a test checks it against the regex): each of its
# matches holds two non-ASCII characters side by side ("Ã©", "â€œ"), or one of the few
# it flags alone (C1 controls, "œ" before a non-letter, "Ã" or "Â" before a space).
# A line whose accents and curly quotes stand apart ("the “café” opened") needs no
# badness search.
_ALONE = frozenset(map(chr, range(0x80, 0xA0))) | frozenset("ŒœÃÂ")
_NEAR_PAIR = re.compile(r"[^\x00-\x7f]{2}|[" + re.escape("".join(sorted(_ALONE))) + "]")


def _may_be_mojibake(line: str) -> bool:
    suspects = _suspects()
    if suspects is None:
        return True
    return not suspects.isdisjoint(line) and _NEAR_PAIR.search(line) is not None


def fix_mojibake(text: str) -> tuple[str, list[Repair]]:
    """`text` with mojibake lines repaired, and one record per repaired line."""
    if text.isascii():  # the common case: nothing ftfy could fix
        return text, []
    lines = text.split("\n")
    repairs: list[Repair] = []
    offset = 0
    for number, line in enumerate(lines):
        if not line.isascii() and _may_be_mojibake(line):
            fixed, steps = ftfy.fix_encoding_and_explain(line)
            if fixed != line:
                lines[number] = fixed
                repairs.append(
                    {
                        "kind": "mojibake",
                        "start": offset,
                        "end": offset + len(fixed),
                        "before": line,
                        "after": fixed,
                        "steps": [list(step) for step in steps or []],
                    }
                )
        offset += len(lines[number]) + 1
    return ("\n".join(lines), repairs) if repairs else (text, [])


def undo_repairs(text: str, repairs: list[Repair]) -> str:
    """The text before the mojibake repairs: each `before` put back over its span."""
    for repair in sorted(
        (r for r in repairs if r["kind"] == "mojibake"), key=lambda r: r["start"], reverse=True
    ):
        text = text[: repair["start"]] + repair["before"] + text[repair["end"] :]
    return text
