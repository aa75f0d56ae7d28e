"""bare_url: a web or e-mail address alone on a line after the article.

    "... the board's chair said.\\nSource: https://example.com/harbour-report"
    -> "... the board's chair said."

A line is a bare address when it is entirely one of the bare_url family's
phrases in `cleaner/patterns/common.toml`: a web address (maybe behind a label:
"Facebook Link: http...", "Source: www...") or an e-mail address. Only after the
article's last paragraph: inside it, an address may be what the text cites. A
dump of more than three is a link list the article is about, and keeps them all.
(One gold body is a shopping list of 22 links.) Which family a line belongs to is
found once for the phrase rules (`phrase_lines.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Removal
from cleaner.rules.base import Context, Rule
from cleaner.rules.phrase_lines import family_lines

KIND = "bare_url"


def find(ctx: Context) -> Iterator[Removal]:
    return family_lines(ctx, KIND)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="web and e-mail addresses alone on a line after the article (maybe behind a "
    "label: Source: https://...)",
    find=find,
)
