"""The progress bar: a phase label, bytes of input read, documents of how many.

Checked without a terminal: the ticks a run gives its progress callback, and what
the bar shows for them (its task and its rendered row).
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.progress import Progress
from test_batch import _dump, _folder, _jsonl
from trees import tree_bytes

from cleaner.batch.local import run
from cleaner.batch.meter import CLEANING, COUNTING, Meter, Tick
from cleaner.batch.options import Options
from cleaner.batch.plan import plan
from cleaner.progress import Bar, columns, progress_bar, total_bytes


def _ticks(inputs: list[Path], out: Path, **settings: object) -> list[Tick]:
    ticks: list[Tick] = []
    options = Options(progress=ticks.append, **settings)  # type: ignore[arg-type]
    run(inputs, out, options=options, report_path=out / "report.json")
    return ticks


def _phase(ticks: list[Tick], phase: str) -> list[Tick]:
    return [tick for tick in ticks if tick.phase == phase]


def _inputs(inputs: list[Path], options: Options | None = None) -> list[Path]:
    return [s.path for s in plan(inputs, None, options) if s.path is not None]


# --- the ticks of a run ------------------------------------------------------------


def test_one_jsonl_advances_record_by_record_in_each_phase(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 40)
    size = source.stat().st_size
    ticks = _ticks([source], tmp_path / "out")
    # Counting sites first, then cleaning; nothing else.
    assert [t.phase for t in ticks] == [COUNTING] * 40 + [CLEANING] * 40
    line_ends = []
    for line in source.read_bytes().splitlines(keepends=True):
        line_ends.append((line_ends[-1] if line_ends else 0) + len(line))
    for phase in (COUNTING, CLEANING):
        steps = _phase(ticks, phase)
        assert [t.documents for t in steps] == list(range(1, 41))
        # Each record moves the bar to the end of its line: the last one to the file's end.
        assert [t.read for t in steps] == line_ends
        assert steps[-1].read == size
    # The first pass counted the documents: the second knows how many there are.
    assert {t.documents_total for t in _phase(ticks, COUNTING)} == {None}
    assert {t.documents_total for t in _phase(ticks, CLEANING)} == {40}


def test_workers_give_the_same_ticks(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 30, broken=True)
    one = _ticks([source], tmp_path / "one")
    two = _ticks([source], tmp_path / "two", jobs=2, window=8)
    assert one == two
    assert _phase(one, CLEANING)[-1].documents == 32  # the two bad lines count too


def test_a_folder_advances_file_by_file_to_the_total(tmp_path: Path) -> None:
    data = _folder(tmp_path / "data", 6)
    _jsonl(data / "valleypost" / "stream.jsonl", 5)
    files = _inputs([data])
    ticks = _ticks([data], tmp_path / "out")
    cleaning = _phase(ticks, CLEANING)
    assert [t.documents for t in cleaning] == list(range(1, 12))
    sizes = [f.stat().st_size for f in files]
    # The six text files (sorted before the stream) each add their own size.
    assert [t.read for t in cleaning[:6]] == [sum(sizes[: n + 1]) for n in range(6)]
    assert cleaning[-1].read == total_bytes(files) == sum(sizes)
    assert _phase(ticks, COUNTING)[-1].read == total_bytes(files)


def test_a_gzipped_jsonl_counts_its_compressed_bytes(tmp_path: Path) -> None:
    noise = random.Random(0)
    lines = [
        json.dumps({"id": n, "text": f"{_dump(n)}\n{noise.randbytes(300).hex()}"})
        for n in range(300)
    ]
    source = tmp_path / "docs.jsonl.gz"
    source.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    reads = [t.read for t in _phase(_ticks([source], tmp_path / "out"), CLEANING)]
    assert len(reads) == 300
    assert reads == sorted(reads) and len(set(reads)) > 5  # moves as the gzip is read
    assert reads[-1] == source.stat().st_size


def test_a_parquet_file_advances_row_by_row(tmp_path: Path) -> None:
    source = tmp_path / "rows.parquet"
    rows = [{"id": n, "text": _dump(n)} for n in range(20)]
    pq.write_table(pa.Table.from_pylist(rows), source, row_group_size=7)
    size = source.stat().st_size
    cleaning = _phase(_ticks([source], tmp_path / "out"), CLEANING)
    assert [t.read for t in cleaning] == [size * n // 20 for n in range(1, 21)]


def test_without_site_boilerplate_there_is_one_phase(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 5)
    ticks = _ticks([source], tmp_path / "out", site_boilerplate=False)
    assert [(t.phase, t.documents, t.documents_total) for t in ticks] == [
        (CLEANING, n, None) for n in range(1, 6)
    ]


def test_the_bar_changes_no_output(tmp_path: Path) -> None:
    data = _folder(tmp_path / "data", 4)
    _jsonl(data / "valleypost" / "stream.jsonl", 6, broken=True)
    quiet, shown = tmp_path / "quiet", tmp_path / "shown"
    run([data], quiet, options=Options(jobs=2), report_path=quiet / "report.json")
    assert _ticks([data], shown, jobs=2)
    assert tree_bytes(shown) == tree_bytes(quiet)


def test_a_stream_ending_in_blank_lines_still_fills_the_phase(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 3)
    with source.open("a") as handle:
        handle.write("\n\n\n")
    cleaning = _phase(_ticks([source], tmp_path / "out"), CLEANING)
    assert cleaning[-1].read == source.stat().st_size
    assert cleaning[-1].documents == 3


def test_the_meter_never_goes_back_or_past_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(b"x" * 100)
    ticks: list[Tick] = []
    meter = Meter(CLEANING, ticks.append)
    meter.advance(0, path, 60)
    meter.advance(0, path, 500)  # a .gz reader's buffer runs past the end
    meter.advance(0, path, 40)
    meter.advance(1, tmp_path / "gone.txt", None)  # vanished: counts nothing
    assert [t.read for t in ticks] == [60, 100, 100, 100]


# --- the bar ----------------------------------------------------------------------------


def _bar(total: int) -> tuple[Bar, Progress, list[float]]:
    console = Console(file=io.StringIO(), width=120, force_terminal=False)
    progress = Progress(*columns(), console=console, auto_refresh=False)
    now = [0.0]
    return Bar(progress, total, clock=lambda: now[0]), progress, now


def _row(progress: Progress) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(progress.make_tasks_table(progress.tasks))
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_the_bar_labels_each_phase_and_restarts_for_it() -> None:
    bar, progress, now = _bar(1000)
    now[0] = 2.0
    bar(Tick(COUNTING, 3, 250))
    [task] = progress.tasks
    assert (task.description, task.completed, task.total) == (COUNTING, 250, 1000)
    row = _row(progress)
    assert "counting sites" in row and "3 docs" in row and "2 docs/s" in row
    now[0] = 4.0
    bar(Tick(COUNTING, 12, 1000))
    assert progress.tasks[0].completed == 1000
    # The cleaning phase starts from zero with its own clock, and knows the count.
    now[0] = 5.0
    bar(Tick(CLEANING, 4, 100, documents_total=12))
    task = progress.tasks[0]
    assert (task.description, task.completed) == (CLEANING, 100)
    row = _row(progress)
    assert "cleaning" in row and "4/12 docs" in row and "4 docs/s" in row
    assert "counting" not in row


def test_the_bar_shows_bytes_when_documents_are_not_counted() -> None:
    bar, progress, now = _bar(4_000_000)
    now[0] = 1.0
    bar(Tick(COUNTING, 0, 3_000_000))  # the Dask engine's first pass: whole partitions
    row = _row(progress)
    assert "3.0 MB/s" in row and "docs" not in row
    bar(Tick(COUNTING, 0, 9_000_000))  # a file grown since the bar added the sizes
    assert progress.tasks[0].completed == 4_000_000


def test_total_counts_only_the_inputs_the_run_reads(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("one\n", encoding="utf-8")
    (folder / "sub" / "b.html").write_text("<p>two</p>\n", encoding="utf-8")
    (folder / "notes.json").write_text("{}\n", encoding="utf-8")  # not an input
    (folder / "photo.png").write_bytes(b"\x89PNG")  # not an input
    (folder / "sub" / "skip.txt").write_text("excluded\n", encoding="utf-8")
    files = _inputs([folder], Options(exclude=("sub/skip.txt",)))
    assert total_bytes(files) == len("one\n") + len("<p>two</p>\n")


def test_a_vanished_input_counts_nothing(tmp_path: Path) -> None:
    assert total_bytes([tmp_path / "gone.txt"]) == 0


def test_disabled_bar_reads_nothing() -> None:
    def never() -> object:
        raise AssertionError("the inputs were walked for a bar nobody sees")
        yield

    with progress_bar(never(), enabled=False) as tick:  # type: ignore[arg-type]
        assert tick is None
