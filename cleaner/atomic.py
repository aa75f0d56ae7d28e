"""Write a file so that a reader (or a rerun after a crash) never sees half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# The mode a plain `open(path, "w")` would give: mkstemp's temp files are owner-only.
_FILE_MODE = 0o666 & ~_umask()


def _temp_beside(path: Path) -> tuple[int, str]:
    """An open temp file in `path`'s folder, named `.NAME.*.tmp` (a rerun sweeps those),
    with the mode a new file gets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, _FILE_MODE)
    return fd, tmp


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temp path beside `path` for a writer that needs a path (a file copy, Parquet):
    moved over `path` when the block ends, unless the block removed it; removed if the
    block raises, so `path` is either whole or untouched."""
    fd, tmp = _temp_beside(path)
    os.close(fd)
    try:
        yield Path(tmp)
        if os.path.exists(tmp):
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write `text` (a string, pieces of one, or bytes as they are) to `path` through a
    temp file in the same folder and a rename."""
    fd, tmp = _temp_beside(path)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                if isinstance(text, str):
                    handle.write(text)
                else:
                    handle.writelines(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
