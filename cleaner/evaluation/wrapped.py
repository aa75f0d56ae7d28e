"""Hard-wrapped copies of the validation texts, cleaned as the plain ones are.

None of the extractors the validation runs wraps its lines, yet scraped dumps often
are wrapped: lynx, w3m and html2text print a page at a fixed width, the article's
paragraphs over several lines and the menus' short lines as they were. There a line
that stops mid-sentence is no cut-off teaser and a short line is no menu item, and
what the cleaner does about it shows nowhere else. Each gold body and the dumps of
`TOOLS` (an extracted article, a whole page) are wrapped at `WIDTH` and scored with
the same jobs as the plain ones: gold in, and F1 before and after cleaning.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from typing import Any

from cleaner.core.text import LINE_BREAK
from cleaner.evaluation.jobs import ControlJob, ControlOutcome, DumpJob, DumpOutcome
from cleaner.evaluation.summary import scores
from cleaner.evaluation.validation import KEPT_MIN

WIDTH = 72
TOOLS = ("trafilatura", "html-text")


def wrap(text: str, width: int = WIDTH) -> str:
    """`text` with each line longer than `width` wrapped at it, between words: no word
    moves or breaks."""
    lines: list[str] = []
    for line in LINE_BREAK.split(text.rstrip("\r\n")):
        if len(line) <= width:
            lines.append(line)
            continue
        # As a wrapper prints them: a word (an address) longer than the width stays whole.
        lines.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(lines) + "\n"


def jobs(
    dump_jobs: list[DumpJob], control_jobs: list[ControlJob]
) -> tuple[list[DumpJob], list[ControlJob]]:
    """The wrapped copies of a set's jobs: the dumps of `TOOLS`, and every gold body."""
    return (
        [replace(job, dump=wrap(job.dump)) for job in dump_jobs if job.tool in TOOLS],
        [replace(job, gold=wrap(job.gold)) for job in control_jobs],
    )


def _mean_kept(outcomes: list[ControlOutcome]) -> float:
    return sum(o.kept_text for o in outcomes) / len(outcomes) if outcomes else 1.0


def section(
    plain_dumps: list[DumpOutcome],
    wrapped_dumps: list[DumpOutcome],
    plain_control: list[ControlOutcome],
    wrapped_control: list[ControlOutcome],
) -> dict[str, Any]:
    """The wrapped copies' figures beside the plain ones'. The raw F1 is the same for
    both: wrapping moves no word."""
    dumps = {}
    for tool in TOOLS:
        plain = [o for o in plain_dumps if o.tool == tool]
        wrapped = [o for o in wrapped_dumps if o.tool == tool]
        if not wrapped:
            continue
        dumps[tool] = {
            "n": len(wrapped),
            "raw": scores(o.raw for o in wrapped),
            "plain_cleaned": scores(o.cleaned for o in plain),
            "cleaned": scores(o.cleaned for o in wrapped),
        }
    return {
        "width": WIDTH,
        "gold_in": {
            "n": len(wrapped_control),
            "plain_kept_text": _mean_kept(plain_control),
            "kept_text": _mean_kept(wrapped_control),
            "plain_under_min": sum(o.kept_text < KEPT_MIN for o in plain_control),
            "under_min": sum(o.kept_text < KEPT_MIN for o in wrapped_control),
        },
        "dumps": dumps,
    }
