"""JSONL records: each line a JSON object, read in bounded pieces, checked and decoded.

A line is read as bytes and decoded on its own, so a broken one is noticed (its
invalid UTF-8 replaced and recorded as a repair); a line over `max_record_mb` is
skipped in pieces, never held whole; a corrupt `.gz` ends the stream with one
failure for the rest of it.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, cast

from cleaner.config import Config
from cleaner.core.errors import InputError
from cleaner.formats.decode import Repair, encoding_repair, listed_offsets
from cleaner.formats.fields import Fields, MissingField
from cleaner.formats.files import CHUNK, check_regular
from cleaner.formats.loading import Loaded, check_loaded

JSONL_SUFFIXES = (".jsonl",)


def parse_record(line: str, fields: Fields, config: Config) -> tuple[dict[str, Any], Loaded]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"not JSON ({error.msg} at column {error.colno}); fix or remove this line"
        ) from error
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be a JSON object")
    return record, load_record(record, fields, config)


def load_record(record: dict[str, Any], fields: Fields, config: Config) -> Loaded:
    """The text, title and URL of one record (a JSONL line, a Dask bag's dict), checked."""
    if fields.text not in record:
        raise MissingField("the record", fields.text, record)
    text = record[fields.text]
    if text is None:
        raise InputError(f"field {fields.text!r} is null: there is no text to clean")
    if not isinstance(text, str):
        raise InputError(
            f"field {fields.text!r} holds a {type(text).__name__}, not a string; name the "
            "text field with --text-field"
        )
    title, url = record.get(fields.title), record.get(fields.url)
    loaded = Loaded(
        text, title if isinstance(title, str) else None, url if isinstance(url, str) else None, []
    )
    return check_loaded(loaded, config)


def broken_utf8_repair(text: str) -> Repair:
    how = "invalid UTF-8 in this JSONL line replaced by U+FFFD (offsets in the text field)"
    return encoding_repair("utf-8", how, offsets=listed_offsets(text, "\ufffd"))


def stream_offset(handle: IO[bytes]) -> int:
    """Bytes of the stream's file read so far (of the compressed file for a .gz)."""
    if isinstance(handle, gzip.GzipFile) and handle.myfileobj is not None:
        return handle.myfileobj.tell()
    return handle.tell()


def bounded_lines(
    handle: IO[bytes], limit: int
) -> Iterator[tuple[int, bytes, tuple[str, str] | None]]:
    """(number, line, failure) for each line; a line over `limit` bytes is skipped in
    pieces, never held whole, and comes back empty with (kind, message). A corrupt
    .gz ends the stream with one failure for the rest of it."""
    line_number = 0
    try:
        while line := handle.readline(limit + 1):
            line_number += 1
            if len(line) <= limit or line.endswith(b"\n"):
                yield line_number, line, None
                continue
            size = len(line)
            while (piece := handle.readline(CHUNK)) and not piece.endswith(b"\n"):
                size += len(piece)
            size += len(piece)
            message = (
                f"the record is over {size / 1e6:.0f} MB, past the max_record_mb limit of "
                f"{limit / 1e6:g} MB; split it, or raise max_record_mb in the config"
            )
            yield line_number, b"", ("too_large", message)
    except (OSError, EOFError, zlib.error) as error:
        message = (
            f"corrupt or truncated gzip file after line {line_number} ({error}); the lines "
            "before it were cleaned; re-download it"
        )
        yield line_number + 1, b"", ("corrupt_gzip", message)


# Lines read for a stream's first record when checking its fields before a run.
FIRST_RECORD_LINES = 100


class JsonlFormat:
    """A stream of JSON records, one per line; its output is the cleaned lines as they are."""

    name = "jsonl"
    suffixes = JSONL_SUFFIXES
    output_suffix = ".jsonl"
    stream: Literal[True] = True

    def open(self, path: Path, fields: Fields) -> IO[bytes]:
        """The file as bytes (gunzipped): each line is decoded on its own."""
        check_regular(path)
        if path.name.lower().endswith(".gz"):
            return cast(IO[bytes], gzip.open(path, "rb"))
        return path.open("rb")

    def first_record(self, path: Path, fields: Fields, limit: int) -> dict[str, Any] | None:
        """The first of its first lines that is a JSON object; None when there is none."""
        with self.open(path, fields) as handle:
            lines = bounded_lines(handle, limit)
            for _number, raw, _problem in itertools.islice(lines, FIRST_RECORD_LINES):
                with contextlib.suppress(ValueError):
                    record = json.loads(raw)
                    if isinstance(record, dict):
                        return record
        return None

    def finish(self, path: Path, lines: Path, target: Path, fields: Fields) -> bool:
        shutil.copyfile(lines, target)
        return True


FORMAT = JsonlFormat()
