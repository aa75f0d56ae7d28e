"""The dumps behind report records, read back from the inputs for the HTML report.

A record holds every removal with its offsets, but not the dump itself (that
would make the report as large as the corpus). The report page shows a bounded
sample of documents, so their dumps are read again from the inputs, the way the
batch read them (HTML extracted again; a record of a JSONL or Parquet stream read
through its format and found by its id or line).
A dump is used only when it still matches its record: same length, and every
removal's text at its offsets. Otherwise the page shows the removed spans alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.config import Config
from cleaner.core.errors import InputError
from cleaner.formats.fields import Fields
from cleaner.formats.jsonl import bounded_lines, load_record
from cleaner.formats.registry import format_of, load_file
from cleaner.report.record import Record


def matches(record: Record, source: str) -> bool:
    """Does `source` fit the record: its length and the text at every removal's offsets?"""
    if len(source) != record.get("chars_in"):
        return False
    return all(source[r["start"] : r["end"]] == r["text"] for r in record.get("removals", []))


def _split_stream(path: str) -> tuple[str, str] | None:
    """'dir/file.jsonl#42' -> ('dir/file.jsonl', '42') for a record of a stream (JSONL,
    Parquet); None for a document file."""
    if "#" not in path:
        return None
    file, ident = path.rsplit("#", 1)
    return (file, ident) if format_of(Path(file)).stream else None


def _stream_texts(file: Path, wanted: set[str], fields: Fields) -> dict[str, str]:
    """The text of the wanted records of one stream, by id or 'line N', read through its
    format as the batch reads it: the same lines, numbered the same way, repaired the
    same way (the record's offsets refer to that text)."""
    found: dict[str, str] = {}
    config = Config()
    stream = format_of(file)
    if not stream.stream:
        return found
    with stream.open(file, fields) as handle:
        for number, line, failure in bounded_lines(handle, int(config.max_record_mb * 1e6)):
            if len(found) == len(wanted):
                break
            if failure is not None or not line.strip():
                continue
            try:
                item = json.loads(line.decode("utf-8", errors="replace"))
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
    one file's dump and the cut copies of one stream's wanted records at most.

    Relative paths are taken from `base` (the folder the run started in; default: here).
    `records` is walked twice (a stream is read once for all its records), so it
    must be walkable again: a list, or the HTML report's records read back from disk.
    """
    fields = fields or Fields()
    base = base or Path()
    wanted: dict[str, dict[str, Record]] = defaultdict(dict)
    for record in records:
        in_stream = _split_stream(str(record["path"]))
        if in_stream is not None:
            wanted[in_stream[0]][in_stream[1]] = record
    stream_texts: dict[str, dict[str, str]] = {}
    for record in records:
        path = str(record["path"])
        in_stream = _split_stream(path)
        if in_stream is None:
            source = _file_source(record, base / path, keep_chars)
        else:
            file, ident = in_stream
            if file not in stream_texts:
                stream_texts[file] = _checked_stream(
                    base / file, wanted.pop(file), fields, keep_chars
                )
            source = stream_texts[file].pop(ident, None)
        yield record, source


def _file_source(record: Record, path: Path, keep_chars: int | None) -> str | None:
    try:
        source = load_file(path).text
    except Exception:  # gone, unreadable, or no longer extractable: show spans only
        return None
    if not matches(record, source):
        return None
    return source[:keep_chars] if keep_chars else source


def _checked_stream(
    file: Path, wanted: dict[str, Record], fields: Fields, keep_chars: int | None
) -> dict[str, str]:
    try:
        texts = _stream_texts(file, set(wanted), fields)
    except (OSError, ValueError, ImportError):
        # Gone, unreadable, without its text field (InputError), a Parquet file pyarrow
        # cannot read, or no pyarrow here: the page shows the removed spans alone.
        return {}
    return {
        ident: text[:keep_chars] if keep_chars else text
        for ident, text in texts.items()
        if matches(wanted[ident], text)
    }
