"""Which fields of a record hold what, and the error for a record or a stream without
the field the text is read from.

It names the field asked for, the fields there are, and the one the user most likely
meant, so a wrong `--text-field` is put right in one try.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from cleaner.core.errors import InputError


@dataclass(frozen=True)
class Fields:
    """Which JSONL fields hold the text, the id, the title and the URL."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"


# Fields named in the message; a record may have hundreds.
LISTED_FIELDS = 20


def likely_field(name: str, record: Mapping[str, object]) -> str | None:
    """A field spelled like `name`, else the one holding the longest text (the article)."""
    close = difflib.get_close_matches(name, list(record), n=1)
    if close:
        return close[0]
    texts = {key: len(value) for key, value in record.items() if isinstance(value, str)}
    longest = max(texts, key=lambda key: texts[key], default=None)
    return longest if longest is not None and texts[longest] > 0 else None


class MissingField(InputError):
    """`where` (a record, a file's first record, a Parquet file) has no field `name`.

    `record` is the first record seen (a Parquet file: its columns, with the first row's
    text values): its field names are listed and its values hint at the text field.
    """

    def __init__(
        self, where: str, name: str, record: Mapping[str, object], what: str = "field"
    ) -> None:
        names = list(record)
        listed = ", ".join(names[:LISTED_FIELDS]) + (", ..." if len(names) > LISTED_FIELDS else "")
        message = f"{where} has no {what} {name!r} (its {what}s: {listed or 'none'}). "
        hint = likely_field(name, record)
        if hint is not None:
            message += f"Did you mean {hint!r}? "
        super().__init__(f"{message}Name the text {what} with --text-field", "bad_input")
