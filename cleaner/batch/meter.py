"""How far a run has come, in bytes of its input files, told to a progress callback.

A run reads its inputs twice with site boilerplate on: a first pass counts each
site's lines, a second cleans. Each pass is a phase of its own. Progress is counted
in bytes of the input files as they are on disk (a .gz by its compressed size), so
one large JSONL or Parquet file advances record by record, as a folder advances
file by file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

COUNTING = "counting sites"
CLEANING = "cleaning"


@dataclass(frozen=True)
class Tick:
    """Where a phase of the run is, after one more document (or file) is done."""

    phase: str  # COUNTING or CLEANING
    documents: int  # finished in this phase (0: not counted, the Dask engine's first pass)
    read: int  # bytes of the input files behind the finished documents
    # Known in the second pass of a two-pass run: the first one counted them.
    documents_total: int | None = None


Progress = Callable[[Tick], None]


def file_size(path: Path | None) -> int:
    """The size of an input on disk; 0 for stdin (None) or a file gone since."""
    if path is None:
        return 0
    # A vanished or unreadable input counts nothing: the batch reports it as a failure.
    with contextlib.suppress(OSError):
        return path.stat().st_size
    return 0


class Meter:
    """Turns finished documents into ticks of one phase.

    `advance` takes documents in input order: a source's bytes count in full once a
    document of a later source is done, and a stream's records count up to the
    byte offset the reader had reached when each was read.
    """

    def __init__(self, phase: str, callback: Progress, documents_total: int | None = None) -> None:
        self.phase, self.callback, self.documents_total = phase, callback, documents_total
        self.documents = 0
        self.finished = 0  # bytes of the sources before the current one
        self.source: int | None = None
        self.size = 0  # of the current source
        self.within = 0  # bytes of the current source behind its finished documents

    @property
    def read(self) -> int:
        return self.finished + self.within

    def advance(
        self, number: int, path: Path | None, offset: int | None, documents: int = 1
    ) -> None:
        """`documents` more finished, from source `number` (at `path`), read up to byte
        `offset` of it (None: the whole file)."""
        if number != self.source:
            self.finished += self.size
            self.source, self.size, self.within = number, file_size(path), 0
        # A .gz reader's offset runs ahead by its read buffer: never past the file.
        self.within = max(self.within, self.size if offset is None else min(offset, self.size))
        self.documents += documents
        self._tell()

    def whole(self, paths: list[Path | None], documents: int = 0) -> None:
        """Whole files finished in any order (the Dask engine's first pass, by partition)."""
        self.finished += sum(file_size(path) for path in paths)
        self.documents += documents
        self._tell()

    def finish(self) -> None:
        """The phase is over: the last source counts in full (trailing blank lines too)."""
        if self.within < self.size:
            self.within = self.size
            self._tell()

    def _tell(self) -> None:
        self.callback(Tick(self.phase, self.documents, self.read, self.documents_total))
