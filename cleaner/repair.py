"""Mojibake repair (UTF-8 read as cp1252 and the like), recorded so nothing changes silently.

ftfy does the detection and the fix; only its encoding fixer runs (no quote
straightening, no width or ligature changes), so correct text comes through
untouched. It runs line by line, and each changed line becomes one repair
record: `start`/`end` locate the repaired line in the text the rules see (the
removals' offsets refer to that text too), `before` is the line as decoded, so
putting every `before` back over its span rebuilds the decoded input.
"""

from __future__ import annotations

import ftfy

from cleaner.extract import Repair


def fix_mojibake(text: str) -> tuple[str, list[Repair]]:
    """`text` with mojibake lines repaired, and one record per repaired line."""
    if text.isascii():  # the common case: nothing ftfy could fix
        return text, []
    lines = text.split("\n")
    repairs: list[Repair] = []
    offset = 0
    for number, line in enumerate(lines):
        if not line.isascii():
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
