"""Reading an input file: refused unread when it is no regular file, gunzipped within the
size limits (a gzip bomb, a huge file), and its suffix told with a `.gz` taken off."""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from pathlib import Path

from cleaner.config import Config
from cleaner.core.errors import InputError

CHUNK = 1 << 20


def base_name(name: str) -> str:
    name = name.lower()
    return name[:-3] if name.endswith(".gz") else name


def suffix_of(path: Path) -> str:
    return os.path.splitext(base_name(path.name))[1]


def check_regular(path: Path) -> os.stat_result:
    """A FIFO or device named like a dump would block or never end: refuse it unread."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise InputError(
            "not a regular file (a pipe, socket or device); copy its contents to a file",
            kind="unreadable",
        )
    return status


def read_input(path: Path, config: Config | None = None) -> bytes:
    """The file's bytes, gunzipped; refused past the size limits (a gzip bomb, a huge file)."""
    config = config or Config()
    limit = int(config.max_file_mb * 1e6)
    size = check_regular(path).st_size
    if size > limit:
        raise InputError(
            f"the file is {size / 1e6:.0f} MB, over the {config.max_file_mb:g} MB limit; "
            "split it, or raise max_file_mb in the config",
            kind="too_large",
        )
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes()
    cap = int(config.max_decompressed_mb * 1e6)
    # One growing buffer: joining a list of chunks would hold the text twice.
    data = bytearray()
    try:
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                if len(data) + len(chunk) > cap:
                    raise InputError(
                        f"the file decompresses past {config.max_decompressed_mb:g} MB "
                        f"(from {size / 1e6:.1f} MB): a gzip bomb or a file too large to clean; "
                        "raise max_decompressed_mb in the config if it is genuine",
                        kind="too_large",
                    )
                data += chunk
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(
            f"corrupt or truncated gzip file ({error}); re-download it", kind="corrupt_gzip"
        ) from error
    return bytes(data)
