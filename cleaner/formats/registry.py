"""The input formats, in one table: which suffixes each reads, how a document file is
loaded, and how a record stream is read and its output finished.

A document format (text, HTML) loads one file as one document. A stream format
(JSONL, Parquet) reads as JSON lines of records, each cleaned on its own, and
finishes one output from the cleaned lines. A name the table does not know is
read as text.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from cleaner.config import Config
from cleaner.formats import html, jsonl, parquet, text
from cleaner.formats.fields import Fields
from cleaner.formats.files import suffix_of
from cleaner.formats.loading import Loaded


class Named(Protocol):
    """What every format says of itself (read-only: a format's class attributes)."""

    @property
    def name(self) -> str: ...
    @property
    def suffixes(self) -> tuple[str, ...]: ...
    @property
    def output_suffix(self) -> str: ...


class DocumentFormat(Named, Protocol):
    @property
    def stream(self) -> Literal[False]: ...

    def load(self, path: Path, config: Config) -> Loaded:
        """Read, decompress, decode (and extract) the file, within the limits."""
        ...


class StreamFormat(Named, Protocol):
    @property
    def stream(self) -> Literal[True]: ...

    def open(self, path: Path, fields: Fields) -> IO[bytes]:
        """The records as JSON lines, read like a binary file (readline, with)."""
        ...

    def first_record(self, path: Path, fields: Fields, limit: int) -> dict[str, Any] | None:
        """The first record (or the names it has), to check the fields before a run."""
        ...

    def finish(self, path: Path, lines: Path, target: Path, fields: Fields) -> bool:
        """Write `target` from the cleaned JSON lines; False when that cannot be done."""
        ...


Format = DocumentFormat | StreamFormat

FORMATS: dict[str, Format] = {
    f.name: f for f in (text.FORMAT, html.FORMAT, jsonl.FORMAT, parquet.FORMAT)
}
SUFFIXES = tuple(suffix for f in FORMATS.values() for suffix in f.suffixes)


def format_of(path: Path) -> Format:
    """The format a file's name says (a `.gz` taken off); text when it says none."""
    suffix = suffix_of(path)
    return next((f for f in FORMATS.values() if suffix in f.suffixes), text.FORMAT)


def is_input_file(path: Path) -> bool:
    return suffix_of(path) in SUFFIXES


def output_name(relative: Path) -> Path:
    """The output's path for an input's: its format's output suffix in place of its own."""
    name = relative.name[:-3] if relative.name.lower().endswith(".gz") else relative.name
    stem = os.path.splitext(name)[0]
    return relative.with_name(stem + format_of(relative).output_suffix)


def load_file(path: Path, config: Config | None = None) -> Loaded:
    """One text or HTML file as a document (a name the table does not know: text)."""
    found = format_of(path)
    if found.stream:
        raise ValueError(f"{path} is a {found.name} stream, not one document")
    return found.load(path, config or Config())
