"""An output tree as bytes by relative path, for comparing two runs byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

# report.json's `run` line (its start, elapsed time, command line) differs between any
# two runs; everything else in the tree must not.
RUN_LINE = re.compile(rb'^ "run": .*\n', re.MULTILINE)


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` but the resume state in `.cleaner/` (report.json without
    its `run` line)."""
    return {
        p.relative_to(root).as_posix(): _comparable(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cleaner" not in p.parts
    }


def _comparable(path: Path) -> bytes:
    data = path.read_bytes()
    return RUN_LINE.sub(b"", data, count=1) if path.name == "report.json" else data
