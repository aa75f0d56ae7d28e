"""The per-document data of `report.html`: the sampled documents as the page's script
reads them, embedded as JSON that cannot close its `<script>` element.

`kinds` and `lines` number the kinds and the top removed lines, so that a document
names them by number; a dump is cut, and documents are embedded until the page's
character budget is spent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from cleaner.report.overview import removed_chars, removed_lines, share_removed, site_of_record
from cleaner.report.record import Record, safety_valve_notes


def script_json(value: Any) -> str:
    """JSON safe inside a `<script>` element: no `</script>`, no `<!--`, no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def page_document(
    record: Record,
    source: str | None,
    kinds: dict[str, int],
    lines: dict[str, int],
    chars_per_document: int,
) -> dict[str, Any]:
    """One document as the page's script reads it (short keys: there may be a thousand):
    its dump cut to `chars_per_document`, or (no dump) each removed span's own text."""
    removals = record.get("removals", [])
    cut = False
    if source is not None and len(source) > chars_per_document:
        source, cut = source[:chars_per_document], True
    spans = []
    for r in removals:
        if source is not None and r["start"] >= len(source):
            break
        span = [r["start"], min(r["end"], len(source)) if source else r["end"]]
        span += [kinds[r["kind"]], r["reason"], bool(r.get("confident", True))]
        if source is None:
            text = r["text"]
            if len(text) > chars_per_document // 4:
                text, cut = text[: chars_per_document // 4], True
            span.append(text)
        spans.append(span)
    own_lines = sorted(lines[line] for line in removed_lines(record) if line in lines)
    return {
        "path": record["path"],
        "site": site_of_record(record),
        "status": record["status"],
        "title": record.get("title"),
        "flagged": bool(record.get("flagged")),
        "valve": safety_valve_notes(record),
        "chars_in": record.get("chars_in", 0),
        "removed": removed_chars(record),
        "share": round(share_removed(record), 4),
        "text": source,
        "cut": cut,
        "spans": spans,
        "lines": own_lines,
    }


def page_documents(
    sourced: Iterable[tuple[Record, str | None]],
    kinds: dict[str, int],
    lines: dict[str, int],
    *,
    chars_per_document: int,
    chars_in_all: int,
) -> list[str]:
    """The sample, in its order, until `chars_in_all` characters are spent: each document
    as its JSON text, so that no dump or record is kept once it is written."""
    chosen: list[str] = []
    spent = 0
    for record, source in sourced:
        document = page_document(record, source, kinds, lines, chars_per_document)
        # The dump, each reason, and each span's own text when there is no dump.
        spans = document["spans"]
        size = len(document["text"] or "") + sum(
            len(s[3]) + (len(s[5]) if len(s) > 5 else 0) for s in spans
        )
        if chosen and spent + size > chars_in_all:
            break
        chosen.append(script_json(document))
        spent += size
    return chosen


def data_chunks(
    documents: list[str], kinds: list[str], lines: list[str], total: int
) -> Iterator[str]:
    """The page's data as `script_json` would write the whole object (keys in order)."""
    yield '{"documents":['
    for number, document in enumerate(documents):
        yield ("," if number else "") + document
    yield f'],"kinds":{script_json(kinds)},"lines":{script_json(lines)},"total":{total}}}'
