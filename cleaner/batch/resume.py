"""What a batch run finished, for a rerun to skip: one SQLite table under `OUT/.cleaner/`.

Each finished file leaves its saved record (JSON: fingerprint, site, report record)
under its output path. One table, not one small file per document: creating a file
costs more than cleaning a short document on some disks, and a table keeps memory
flat however many files a run has.

Records are committed in groups and when the run ends. A record lost to a kill
costs only time: the file's output was written whole before its record, and a
rerun that finds no record cleans the file again into the same bytes. A record
also names the output file it was written with (the batch checks it), so one
whose output a later run replaced is not trusted. So every failure here costs
only time, never an output:
- a state file that is not a database (torn, or something else) is moved aside
  under a new name and a new one begun;
- one that cannot be written (a read-only folder, a full disk, another run holding
  it) is still read if it can be, and this run's records are not kept.

The pool's feeder thread looks records up while the main thread stores them: one
lock orders every use of the connection.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from cleaner.config import Config

# Records per commit: a commit is a write to the journal, and a lost group is redone.
COMMIT_EVERY = 256
# Seconds to wait for a database another process holds before giving up on it.
BUSY_TIMEOUT_S = 1.0
_SCHEMA = "CREATE TABLE IF NOT EXISTS files (output BLOB PRIMARY KEY, saved TEXT NOT NULL)"


class FileStates:
    """The finished files of a run's output folder (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._writable = True
        self._pending = 0

    def get(self, output: str) -> str | None:
        """The saved record of a finished output, or None."""
        with self._lock:
            try:
                if self._db is None and not self.path.exists():
                    return None  # a first run: nothing to look up (and no file made for it)
            except OSError:
                return None  # (a folder that cannot be searched)
            db = self._connect()
            if db is None:
                return None
            try:
                row = db.execute("SELECT saved FROM files WHERE output = ?", (_key(output),))
                found = row.fetchone()
            except sqlite3.Error:
                return None
            return found[0] if found else None

    def put(self, output: str, saved: Mapping[str, object]) -> None:
        """Remember a finished output (on failure only this record is lost)."""
        # ASCII JSON: a file name that is not UTF-8 keeps its escapes.
        text = json.dumps(saved)
        with self._lock:
            db = self._connect()
            if db is None or not self._writable:
                return
            try:
                db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (_key(output), text))
                self._pending += 1
                if self._pending >= COMMIT_EVERY:
                    db.commit()
                    self._pending = 0
            except sqlite3.Error:
                self._writable = False  # (locked, full): keep no more, rather than wait each time

    def close(self) -> None:
        """Commit what is pending and close."""
        with self._lock:
            if self._db is None:
                return
            with contextlib.suppress(sqlite3.Error):
                if self._writable:
                    self._db.commit()
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
            self._pending = 0

    def _connect(self) -> sqlite3.Connection | None:
        """The connection, opened on first use (once: a failure is not retried per file)."""
        if self._opened:
            return self._db
        self._opened = True
        try:
            self._db = _open(self.path)
        except sqlite3.OperationalError:
            # Locked, read-only or full: read it as it is, keep nothing new.
            self._writable = False
            self._db = _open_read_only(self.path)
        except sqlite3.DatabaseError:
            _set_aside(self.path)  # not a database: keep it, begin a new one
            with contextlib.suppress(sqlite3.Error, OSError):
                self._db = _open(self.path)
        except OSError:
            self._db = None
        if self._db is None:
            self._writable = False
        return self._db


def _key(output: str) -> bytes:
    # A name that is not UTF-8 comes from the file system with surrogate escapes.
    return output.encode("utf-8", "surrogateescape")


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    try:
        # A kill of the process loses no committed record (the OS holds the journal); a
        # machine crash may lose some, and those files are cleaned again.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(_SCHEMA)
        db.commit()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _open_read_only(path: Path) -> sqlite3.Connection | None:
    # (`immutable`: no lock and no journal is read, so the records may be an older
    # snapshot; each record names the output it was written with, and a record of an
    # output since replaced is not trusted.)
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        db.execute("SELECT 1 FROM files LIMIT 1")
    except (sqlite3.Error, OSError):
        return None
    return db


def _set_aside(path: Path) -> None:
    """Move an unreadable state file (and its journal) to a name of its own."""
    stamp = time.time_ns()
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            part.replace(path.with_name(f"{path.name}.unreadable-{stamp}{suffix}"))


# What decides a document's output besides its input and the settings: the code's
# version, the phrase lists and the shipped models' files.
PACKAGE_DIR = Path(__file__).parent.parent
DATA_FILES = ("patterns/*.toml", "page_kind.json", "model/line_model.json")


@cache
def code_stamp() -> str:
    """A digest of the cleaner's version and its data files: a rerun after an upgrade
    (new rules, phrases or model) cleans every file again instead of keeping outputs
    the old code wrote."""
    from cleaner.version import __version__

    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for pattern in DATA_FILES:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()


def model_files_stamp(config: Config) -> str:
    """A digest of the model files a config names instead of the shipped ones (the line
    model's, the page-kind tests'): refitted in place under the same name, they change
    outputs as an upgrade does."""
    digest = hashlib.blake2b(digest_size=16)
    for name in (config.model_file, config.fullpage_model_file):
        if name:
            path = Path(name)
            digest.update(name.encode() + b"\x00")
            digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()


def fingerprint_of(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()


def input_stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def output_stamp(path: Path) -> list[int]:
    """Which file `path` is now: a rewrite (temp file and rename) is a new inode."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def complete_lines(path: Path) -> list[str]:
    """The whole lines of a file written line by line (a torn last line is dropped)."""
    if not path.exists():
        return []
    # Split on "\n" only: str.splitlines also breaks at U+2028 and U+0085, which
    # json.dumps(ensure_ascii=False) leaves raw inside a record.
    with path.open(encoding="utf-8", newline="") as handle:
        return [line + "\n" for line in handle.read().split("\n")[:-1]]
