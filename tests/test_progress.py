"""The progress bar's total: only the files the run reads."""

from __future__ import annotations

from pathlib import Path

from cleaner.batch import Options, plan
from cleaner.progress import _totals, progress_bar


def test_total_counts_only_the_inputs_the_run_reads(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("one\n", encoding="utf-8")
    (folder / "sub" / "b.html").write_text("<p>two</p>\n", encoding="utf-8")
    (folder / "notes.json").write_text("{}\n", encoding="utf-8")  # not an input
    (folder / "photo.png").write_bytes(b"\x89PNG")  # not an input
    (folder / "sub" / "skip.txt").write_text("excluded\n", encoding="utf-8")
    options = Options(exclude=("sub/skip.txt",))
    files = [s.path for s in plan([folder], None, options) if s.path is not None]
    assert _totals(files) == (len("one\n") + len("<p>two</p>\n"), 2)


def test_a_vanished_input_still_counts(tmp_path: Path) -> None:
    assert _totals([tmp_path / "gone.txt"]) == (0, 1)


def test_disabled_bar_reads_nothing() -> None:
    def never() -> object:
        raise AssertionError("the inputs were walked for a bar nobody sees")
        yield

    with progress_bar(never(), enabled=False) as tick:  # type: ignore[arg-type]
        assert tick is None
