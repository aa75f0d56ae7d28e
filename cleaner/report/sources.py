"""The dumps behind report records, read back from the inputs for the HTML report.

A record holds every removal with its offsets, but not the dump itself (that
would make the report as large as the corpus). The report page shows a bounded
sample of documents, so their dumps are read again from the inputs, the way the
batch read them (HTML extracted again, a JSONL record found by its id or line).
A dump is used only when it still matches its record: same length, and every
removal's text at its offsets. Otherwise the page shows the removed spans alone.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.core.errors import InputError
from cleaner.formats.fields import Fields
from cleaner.formats.jsonl import JSONL_SUFFIXES, load_record
from cleaner.formats.registry import load_file
from cleaner.report.record import Record


def matches(record: Record, source: str) -> bool:
    """Does `source` fit the record: its length and the text at every removal's offsets?"""
    if len(source) != record.get("chars_in"):
        return False
    return all(source[r["start"] : r["end"]] == r["text"] for r in record.get("removals", []))


def _split_jsonl(path: str) -> tuple[str, str] | None:
    """'dir/file.jsonl#42' -> ('dir/file.jsonl', '42'); None for a plain file."""
    if "#" not in path:
        return None
    file, ident = path.rsplit("#", 1)
    base = file.lower().removesuffix(".gz")
    return (file, ident) if base.endswith(JSONL_SUFFIXES) else None


def _jsonl_texts(file: Path, wanted: set[str], fields: Fields) -> dict[str, str]:
    """The text of the wanted records of one JSONL file, by id or 'line N', repaired
    as the batch repaired it (the record's offsets refer to that text)."""
    found: dict[str, str] = {}
    config = Config()
    opener: Any = gzip.open if file.name.lower().endswith(".gz") else open
    with opener(file, "rt", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if len(found) == len(wanted):
                break
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(item, dict):
                continue
            ident = item.get(fields.id)
            key = str(ident) if ident is not None else f"line {number}"
            if key in wanted:
                try:
                    found[key] = load_record(item, fields, config).text
                except InputError:
                    continue  # unreadable now (or over a default limit): spans only
    return found


def iter_sources(
    records: Iterable[Record],
    fields: Fields | None = None,
    base: Path | None = None,
    keep_chars: int | None = None,
) -> Iterator[tuple[Record, str | None]]:
    """Each record with its dump (None when the input is gone or no longer matches), in
    order, one at a time; a dump is cut to `keep_chars` once checked, so memory holds
    one file's dump and the cut copies of one JSONL file's wanted records at most.

    Relative paths are taken from `base` (the folder the run started in; default: here).
    `records` is walked twice (JSONL files are read once for all their records), so it
    must be walkable again: a list, or the HTML report's records read back from disk.
    """
    fields = fields or Fields()
    base = base or Path()
    wanted: dict[str, dict[str, Record]] = defaultdict(dict)
    for record in records:
        jsonl = _split_jsonl(str(record["path"]))
        if jsonl is not None:
            wanted[jsonl[0]][jsonl[1]] = record
    jsonl_texts: dict[str, dict[str, str]] = {}
    for record in records:
        path = str(record["path"])
        jsonl = _split_jsonl(path)
        if jsonl is None:
            source = _file_source(record, base / path, keep_chars)
        else:
            file, ident = jsonl
            if file not in jsonl_texts:
                jsonl_texts[file] = _checked_jsonl(
                    base / file, wanted.pop(file), fields, keep_chars
                )
            source = jsonl_texts[file].pop(ident, None)
        yield record, source


def _file_source(record: Record, path: Path, keep_chars: int | None) -> str | None:
    try:
        source = load_file(path).text
    except Exception:  # gone, unreadable, or no longer extractable: show spans only
        return None
    if not matches(record, source):
        return None
    return source[:keep_chars] if keep_chars else source


def _checked_jsonl(
    file: Path, wanted: dict[str, Record], fields: Fields, keep_chars: int | None
) -> dict[str, str]:
    try:
        texts = _jsonl_texts(file, set(wanted), fields)
    except OSError:
        return {}
    return {
        ident: text[:keep_chars] if keep_chars else text
        for ident, text in texts.items()
        if matches(wanted[ident], text)
    }
