"""timestamp: a date, a time or a reading time standing as its own line.

    "Harbour wall repairs to start\\nUpdated 1:39 am EST, Nov. 20, 2019\\nThe board ..."
    -> "Harbour wall repairs to start\\nThe board ..."

A line is a timestamp when it is entirely one of the timestamp family's phrases in
`cleaner/patterns/common.toml` (a date or a time in the languages the cleaner
reads, "2 days ago at 07:47 am", "4 min read", "Lesezeit: 3 Minuten"), or starts
like one and is short ("Posted: 18 Nov 2019 ...", "Bureau | Updated: ..."). A
time label alone on its line ("Tempo de leitura:") takes the short line under it,
its value ("2 minutos"). A date inside a sentence ("Published in 2020, the report
found ...") stays, as does a time alone heading a live blog's entry. Which family
a line belongs to is found once for the phrase rules (`phrase_lines.py`). Why:
the gold bodies leave datelines out.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Removal
from cleaner.rules.base import Context, Rule
from cleaner.rules.phrase_lines import family_lines, label_value_lines

KIND = "timestamp"


def find(ctx: Context) -> Iterator[Removal]:
    yield from family_lines(ctx, KIND)
    yield from label_value_lines(ctx, KIND)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="datelines, times and reading times alone on their line (Updated 1:39 am EST, "
    "Nov. 20, 2019; 4 min read), a time label's value",
    find=find,
)
