"""Atomic writes: the target is whole or untouched, and no temp file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner.atomic import atomic_path, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "first\n")
    write_atomic(target, ["sec", "ond\n"])
    assert target.read_text("utf-8") == "second\n"
    write_atomic(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert _leftovers(target.parent) == []


def test_outputs_get_the_mode_of_a_new_file(tmp_path: Path) -> None:
    # As `open(path, "w")` would make them (umask applied), not mkstemp's owner-only 0600.
    mask = os.umask(0)
    os.umask(mask)
    write_atomic(tmp_path / "a.txt", "text\n")
    with atomic_path(tmp_path / "b.jsonl") as tmp:
        tmp.write_text("{}\n", encoding="utf-8")
    for name in ("a.txt", "b.jsonl"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~mask


def test_atomic_path_moves_the_temp_file_into_place(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("new\n", encoding="utf-8")
        assert target.read_text("utf-8") == "old\n"  # nobody sees the half-written file
    assert target.read_text("utf-8") == "new\n"
    assert _leftovers(tmp_path) == []


def test_atomic_path_leaves_the_target_alone_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_atomic_path_writes_nothing_when_the_block_drops_the_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    with atomic_path(target) as tmp:
        tmp.unlink()  # the writer found nothing to write
    assert not target.exists()
    assert _leftovers(tmp_path) == []
