"""What a batch run finished, for a rerun to skip: one SQLite table under `OUT/.cleaner/`.

Each finished file leaves its saved record (JSON: fingerprint, site, report record)
under its output path. One table, not one small file per document: creating a file
costs more than cleaning a short document on some disks, and a table keeps memory
flat however many files a run has.

Records are committed in groups and when the run ends. A record lost to a kill
costs only time: the file's output was written whole before its record, and a
rerun that finds no record cleans the file again into the same bytes. A state
file that cannot be read is set aside (renamed, never deleted) and a new one begun.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

# Records per commit: a commit is a write to the journal, and a lost group is redone.
COMMIT_EVERY = 256
_SCHEMA = "CREATE TABLE IF NOT EXISTS files (output TEXT PRIMARY KEY, saved TEXT NOT NULL)"


class FileStates:
    """The finished files of a run's output folder (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._pending = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self._db = _open(self.path)
            except sqlite3.DatabaseError:
                # Not a database (a torn or foreign file): keep it aside, start anew.
                with contextlib.suppress(OSError):
                    self.path.replace(self.path.with_name(self.path.name + ".unreadable"))
                try:
                    self._db = _open(self.path)
                except (sqlite3.Error, OSError):
                    return None
            except (sqlite3.Error, OSError):
                return None  # no resume state this run; the outputs are still written
        return self._db

    def get(self, output: str) -> str | None:
        """The saved record of a finished output, or None."""
        if not self.path.exists() and self._db is None:
            return None  # a first run: nothing to look up (and no file made for it)
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT saved FROM files WHERE output = ?", (output,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put(self, output: str, saved: str) -> None:
        """Remember a finished output (on failure only this record is lost)."""
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (output, saved))
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                db.commit()
                self._pending = 0
        except sqlite3.Error:
            return

    def close(self) -> None:
        """Commit what is pending and close."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.commit()
            self._db.close()
        self._db = None
        self._pending = 0


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    # A kill of the process loses no committed record (the OS holds the journal); a
    # machine crash may lose some, and those files are cleaned again.
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(_SCHEMA)
    db.commit()
    return db
