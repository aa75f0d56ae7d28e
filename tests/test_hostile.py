"""The hostile corpus (tests/hostile.py) through the real CLI, every kind asserted.

One batch holds every kind (a subprocess with two workers, its peak memory
measured); each kind is then checked on its own: its error record (kind and a
message that says what to do), its repairs, its outputs and nothing partial.
Around the batch: the input tree is byte-identical after it, nothing appears
outside the output folder, no secret leaks, memory stays bounded. The faults
that need a hand inside the process (a rule crash, a full disk, EACCES as root)
and the output-folder refusals run in-process after it.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import KINDS, MOJIBAKE, SECRET, Expect, article, write_corpus
from trees import tree_bytes
from typer.testing import CliRunner

import cleaner.atomic
from cleaner.batch.resume import FileStates
from cleaner.cli import app
from cleaner.config import Config
from cleaner.core.limits import DocumentTimeout, _on_alarm, time_budget
from cleaner.formats.repair import undo_repairs
from cleaner.rules import RULES

# Peak memory allowed for the whole hostile batch (the 510 MB gzip bomb is read up
# to the 500 MB limit in one worker before it is refused).
MAX_RSS_MB = 1500
# Runs the CLI as a child and prints the peak RSS (KB) of it and its workers.
MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)
runner = CliRunner()


def snapshot(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[Any, ...]]:
    """Every entry under `root` (symlinks not followed): kind, mode, size, mtime, digest."""
    seen: dict[str, tuple[Any, ...]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if Path(folder, d) not in skip]
        for name in sorted(dirs + files):
            path = Path(folder, name)
            info = path.lstat()
            digest = ""
            if stat.S_ISLNK(info.st_mode):
                digest = os.readlink(path)
            elif stat.S_ISREG(info.st_mode) and os.access(path, os.R_OK):
                digest = hashlib.blake2b(path.read_bytes()).hexdigest()
            key = path.relative_to(root).as_posix()
            seen[key] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return seen


class Batch:
    """The hostile batch after one run: its records, outputs and measurements."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.source = root / "in"
        self.out = root / "out"
        self.made = write_corpus(self.source)
        before_in = snapshot(self.source)
        before_rest = snapshot(root, skip=(self.source, self.out))
        started = time.monotonic()
        command = [sys.executable, "-m", "cleaner", "clean", str(self.source), "-o", str(self.out)]
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, *command, "-j", "2", "-q"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.seconds = time.monotonic() - started
        self.exit_code = result.returncode
        self.stderr = result.stderr
        self.peak_rss_mb = int(result.stdout.split()[-1]) / 1024
        self.input_unchanged = snapshot(self.source) == before_in
        self.outside_unchanged = snapshot(root, skip=(self.source, self.out)) == before_rest
        report = json.loads((self.out / "report.json").read_text("utf-8"))
        self.summary = report["summary"]
        self.records: dict[str, list[dict[str, Any]]] = {}
        for record in report["documents"]:
            relative = Path(record["path"].split("#")[0]).relative_to(self.source).as_posix()
            key = relative + record["path"][len(record["path"].split("#")[0]) :]
            self.records.setdefault(key, []).append(record)

    def expected(self, kind: str) -> list[tuple[str, Expect]]:
        return [(path, expect) for name, path, expect in self.made if name == kind]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Batch]:
    root = tmp_path_factory.mktemp("hostile")
    result = Batch(root)
    print(
        f"\nhostile batch: {len(KINDS)} kinds, {len(result.made)} documents, "
        f"exit {result.exit_code}, {result.seconds:.1f} s, peak RSS {result.peak_rss_mb:.0f} MB"
    )
    yield result
    for big in ("one_line_of_200_mb/oneline.txt", "jsonl_100_mb_record/big.jsonl"):
        (result.source / big).unlink(missing_ok=True)


def test_the_corpus_has_at_least_30_kinds() -> None:
    assert len(KINDS) >= 30


def test_the_batch_finishes_with_exit_1_and_no_crash(batch: Batch) -> None:
    assert batch.exit_code == 1, batch.stderr
    assert "Traceback" not in batch.stderr
    kinds = {r["error"]["kind"] for rs in batch.records.values() for r in rs if "error" in r}
    assert "internal_error" not in kinds  # a crash would show up as this


def test_inputs_are_untouched_and_nothing_is_written_outside_out(batch: Batch) -> None:
    assert batch.input_unchanged
    assert batch.outside_unchanged


def test_no_partial_or_temp_files_are_left(batch: Batch) -> None:
    # (.cleaner/streams keeps each JSONL output's resume state; that is not an output.)
    leftovers = [
        p
        for p in batch.out.rglob("*")
        if p.name.endswith(".tmp") or (p.name.endswith(".partial") and ".cleaner" not in p.parts)
    ]
    assert not leftovers


def test_no_secret_leaks_and_no_entity_is_expanded(batch: Batch) -> None:
    for path in batch.out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, path
            assert b"lollollol" not in data, path


def test_memory_stays_bounded(batch: Batch) -> None:
    assert batch.peak_rss_mb < MAX_RSS_MB


def test_every_document_is_accounted_for(batch: Batch) -> None:
    """No silent loss: each expected document has exactly its records, and no others."""
    expected: dict[str, int] = {}
    for _, path, expect in batch.made:
        if expect.outcome != "skipped":
            expected[path] = expected.get(path, 0) + 1
    assert {k: len(v) for k, v in batch.records.items()} == expected
    assert batch.summary["documents"] == sum(expected.values())


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_hostile_kind(batch: Batch, kind: str) -> None:
    outputs_expected: set[str] = set()
    seen: dict[str, int] = {}
    for path, expect in batch.expected(kind):
        if expect.outcome == "skipped":
            assert path not in batch.records
            continue
        n = seen[path] = seen.get(path, -1) + 1
        record = batch.records[path][n]
        if expect.outcome == "failed":
            assert record["status"] == "failed", record
            assert record["output"] is None
            error = record["error"]
            assert error["kind"] == expect.kind, error
            if expect.phrase:
                assert expect.phrase in error["message"], error
            continue
        assert record["status"] in ("changed", "unchanged"), record
        repairs = record.get("repairs", [])
        if expect.outcome == "recovered":
            assert expect.kind in {r["kind"] for r in repairs}, record
        else:
            assert not repairs, repairs
        text = _output_text(batch, path, record)
        if expect.phrase:
            assert expect.phrase in text
        if "#" not in path:
            outputs_expected.add(record["output"])
    # No output for a failed file, and nothing partial beside the real ones.
    written = {
        p.relative_to(batch.out).as_posix()
        for p in (batch.out / kind).rglob("*")
        if p.is_file() and not p.name.endswith(".jsonl")
    }
    assert written == outputs_expected


def _output_text(batch: Batch, path: str, record: dict[str, Any]) -> str:
    if "#" not in path:
        return (batch.out / record["output"]).read_text("utf-8")
    output = batch.out / path.split("#")[0].removesuffix(".gz")
    lines = [json.loads(line) for line in output.read_text("utf-8").split("\n")[:-1]]
    ident = path.split("#", 1)[1]
    texts = [line["text"] for line in lines if str(line.get("id")) == ident]
    return "\n".join(texts)


def test_jsonl_outputs_keep_every_good_record_in_order(batch: Batch) -> None:
    for kind in KINDS:
        for output in (batch.out / kind).glob("*.jsonl"):
            ids = [json.loads(x)["id"] for x in output.read_text("utf-8").split("\n")[:-1]]
            good = [
                path.split("#", 1)[1]
                for path, expect in batch.expected(kind)
                if path.replace(".gz#", "#").startswith(f"{kind}/{output.name}#")
                and expect.outcome != "failed"
            ]
            assert [str(i) for i in ids] == good


def test_mojibake_repair_replays_to_the_decoded_input(batch: Batch) -> None:
    """Removal offsets refer to the repaired text; putting each repair's `before` back
    over its span gives the decoded input."""
    [record] = batch.records["mojibake/mojibake.txt"]
    raw = (batch.source / "mojibake" / "mojibake.txt").read_text("utf-8")
    fixed = {r["before"]: r["after"] for r in record["repairs"]}
    repaired = "\n".join(fixed.get(line, line) for line in raw.split("\n"))
    assert record["chars_in"] == len(repaired)
    assert undo_repairs(repaired, record["repairs"]) == raw
    for repair in record["repairs"]:
        assert repaired[repair["start"] : repair["end"]] == repair["after"]
    for removal in record["removals"]:
        assert repaired[removal["start"] : removal["end"]] == removal["text"]


def test_the_same_batch_twice_writes_the_same_bytes(batch: Batch, tmp_path: Path) -> None:
    """Determinism: a second run (one worker this time) writes identical outputs and report."""
    out = tmp_path / "again"
    skip = [
        "--exclude",
        "one_line_of_200_mb/*",
        "--exclude",
        "jsonl_100_mb_record/*",
        "--exclude",
        "gzip_bomb/*",
    ]
    for target, jobs in ((out, "1"), (tmp_path / "again2", "2")):
        result = runner.invoke(
            app, ["clean", str(batch.source), "-o", str(target), "-j", jobs, "-q", *skip]
        )
        assert result.exit_code == 1
    first, second = tree_bytes(out), tree_bytes(tmp_path / "again2")
    assert first == second
    assert "mojibake/mojibake.txt" in first and "report.json" in first


# --- in-process faults ----------------------------------------------------------------


def _three_files(root: Path) -> Path:
    source = root / "in"
    source.mkdir()
    for n in range(3):
        (source / f"doc{n}.txt").write_text(article(n), "utf-8")
    return source


def _report(out: Path) -> dict[str, dict[str, Any]]:
    documents = json.loads((out / "report.json").read_text("utf-8"))["documents"]
    return {Path(d["path"]).name: d for d in documents}


def test_a_crashing_rule_fails_that_document_only(tmp_path: Path, monkeypatch: Any) -> None:
    source = _three_files(tmp_path)
    rule = RULES["boilerplate"]
    real = rule.find

    def find(ctx: Any) -> Any:
        if "plan 1 " in ctx.doc.source:
            raise ZeroDivisionError("injected")
        return real(ctx)

    monkeypatch.setitem(RULES, "boilerplate", dataclasses.replace(rule, find=find))
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 1
    report = _report(out)
    error = report["doc1.txt"]["error"]
    assert error["kind"] == "rule_error"
    assert "'boilerplate'" in error["message"] and "ZeroDivisionError" in error["message"]
    assert report["doc0.txt"]["status"] == report["doc2.txt"]["status"] == "changed"
    assert sorted(p.name for p in out.glob("*.txt")) == ["doc0.txt", "doc2.txt"]


def test_a_full_disk_fails_that_file_loudly_and_leaves_nothing(
    tmp_path: Path, monkeypatch: Any
) -> None:
    source = _three_files(tmp_path)
    real_fdopen = os.fdopen

    class FullDisk:
        """A file handle that writes a few bytes, then finds the disk full."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[:10])
            self.handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        # write_atomic's temp file for doc1.txt is named .doc1.txt.XXXX.tmp
        return FullDisk(handle) if ".doc1.txt." in os.readlink(f"/proc/self/fd/{fd}") else handle

    monkeypatch.setattr(cleaner.atomic.os, "fdopen", fdopen)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    report = _report(out)
    error = report["doc1.txt"]["error"]
    assert error["kind"] == "write_failed" and "No space left" in error["message"]
    assert "doc1.txt" in result.output  # loud: named on the terminal too
    assert sorted(p.name for p in out.rglob("*doc*") if p.is_file()) == ["doc0.txt", "doc2.txt"]
    assert not list(out.rglob("*.tmp"))
    # Only the files written whole are finished for a rerun.
    states = FileStates(out / ".cleaner" / "files.sqlite")
    assert [name for name in ("doc0.txt", "doc1.txt", "doc2.txt") if states.get(name)] == [
        "doc0.txt",
        "doc2.txt",
    ]
    states.close()


def test_an_unreadable_file_fails_alone(tmp_path: Path, monkeypatch: Any) -> None:
    """EACCES for real when not root; as root (chmod 000 does not stop root) it is
    simulated by refusing that one path's read in-process."""
    source = _three_files(tmp_path)
    locked = source / "doc1.txt"
    locked.chmod(0)
    if os.geteuid() == 0:
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "doc1.txt":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 1
    error = _report(out)["doc1.txt"]["error"]
    assert error["kind"] == "unreadable" and "permissions" in error["message"]
    assert sorted(p.name for p in out.glob("*.txt")) == ["doc0.txt", "doc2.txt"]


def test_a_document_over_its_time_budget_fails_alone(tmp_path: Path) -> None:
    source = _three_files(tmp_path)
    (source / "slow.txt").write_text("\n\n".join(article(n) for n in range(3000)), "utf-8")
    config = tmp_path / "budget.toml"
    config.write_text("doc_time_budget_s = 0.5\n")
    out = tmp_path / "out"
    args = ["clean", str(source), "-o", str(out), "-j", "1", "-q", "--config", str(config)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    report = _report(out)
    assert report["slow.txt"]["error"]["kind"] == "timeout"
    assert "doc_time_budget_s" in report["slow.txt"]["error"]["message"]
    assert sorted(p.name for p in out.glob("*.txt")) == ["doc0.txt", "doc1.txt", "doc2.txt"]


def test_the_time_budget_raises_nothing_where_python_would_drop_it() -> None:
    # Python drops an exception raised in a gc hook or a finaliser (and pytest reports
    # it): the alarm that lands there passes (and goes off again soon), one outside
    # raises.
    frames: list[Any] = []

    def hook(phase: str, info: dict[str, int]) -> None:
        frames.append(sys._getframe())

    class Hook:
        def __call__(self, phase: str, info: dict[str, int]) -> None:
            frames.append(sys._getframe())

    class Finalised:
        def __del__(self) -> None:
            frames.append(sys._getframe())

    # The alarm re-arms itself where it cannot raise: catch that one here.
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: None)
    try:
        for each in (hook, Hook()):
            gc.callbacks.append(each)
            try:
                gc.collect()
                _on_alarm(signal.SIGALRM, frames[-1])  # nothing raised
            finally:
                gc.callbacks.remove(each)
        Finalised()  # finalised at once
        _on_alarm(signal.SIGALRM, frames[-1])  # nothing raised in a finaliser either
        with pytest.raises(DocumentTimeout):
            _on_alarm(signal.SIGALRM, sys._getframe())
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_slow_garbage_collector_hook_delays_the_timeout_and_loses_nothing() -> None:
    # End to end: a real alarm, a hook that takes half the time, and no exception
    # dropped on the way (pytest would report one).
    def busy(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass

    def slow_hook(phase: str, info: dict[str, int]) -> None:
        busy(0.03)

    dropped: list[Any] = []
    previous_hook = sys.unraisablehook
    sys.unraisablehook = dropped.append
    gc.callbacks.append(slow_hook)
    started = time.monotonic()
    try:
        with pytest.raises(DocumentTimeout), time_budget(0.05):
            while time.monotonic() - started < 5:
                gc.collect()  # half the time in the hook, half in the document's work
                busy(0.06)
    finally:
        gc.callbacks.remove(slow_hook)
        sys.unraisablehook = previous_hook
    assert dropped == []
    assert time.monotonic() - started < 1


def test_an_output_folder_inside_the_input_is_not_cleaned_again(tmp_path: Path) -> None:
    source = _three_files(tmp_path)
    out = source / "cleaned"
    for _ in range(2):  # the second run must not pick up the first run's outputs
        result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1", "-q"])
        assert result.exit_code == 0
    documents = json.loads((out / "report.json").read_text("utf-8"))["documents"]
    assert sorted(Path(d["path"]).name for d in documents) == ["doc0.txt", "doc1.txt", "doc2.txt"]
    assert not (out / "cleaned").exists()


def test_output_equal_to_input_is_refused_and_nothing_is_touched(tmp_path: Path) -> None:
    source = _three_files(tmp_path)
    (source / ".doc0.txt.x.tmp").write_text("a user's file that looks like our temp files")
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["clean", str(source), "-o", str(source), "-j", "1"])
    assert result.exit_code == 2
    assert "output folder" in result.output and "input" in result.output
    assert snapshot(tmp_path) == before


def test_limits_are_config_fields_with_safe_defaults(tmp_path: Path) -> None:
    config = Config()
    assert (config.max_file_mb, config.max_decompressed_mb, config.max_record_mb) == (200, 500, 20)
    assert (config.max_line_chars, config.max_html_depth) == (100_000, 10_000)
    assert config.doc_time_budget_s == 30
    path = tmp_path / "limits.toml"
    path.write_text("max_line_chars = 50\nmax_html_depth = 3\ndoc_time_budget_s = 0\n")
    loaded = Config.from_file(path)
    assert (loaded.max_line_chars, loaded.max_html_depth, loaded.doc_time_budget_s) == (50, 3, 0)


def test_stdin_gets_the_same_limits_and_repairs(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    mojibake = MOJIBAKE.encode("utf-8").decode("cp1252")
    result = runner.invoke(app, ["clean", "-", "--report", str(report)], input=mojibake)
    assert result.exit_code == 0
    assert "The minister’s café plan" in result.stdout
    [record] = json.loads(report.read_text("utf-8"))["documents"]
    assert {r["kind"] for r in record["repairs"]} == {"mojibake"}
    config = tmp_path / "small.toml"
    config.write_text("max_file_mb = 0.001\n")
    result = runner.invoke(app, ["clean", "-", "--config", str(config)], input="x" * 2000)
    assert result.exit_code == 1 and "max_file_mb" in result.output
    deep = "<html><body>" + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "</body></html>"
    result = runner.invoke(app, ["clean", "-"], input=deep)
    assert result.exit_code == 1 and "max_html_depth" in result.output


def test_a_full_disk_while_a_jsonl_output_grows_stops_cleanly(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """A JSONL output grows under OUT/.cleaner and moves into place only when whole: a
    full disk stops the run with one clear line, and nothing half-written is in place."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(article(1), "utf-8")
    lines = [json.dumps({"id": f"r{n}", "text": article(n)}) for n in range(3)]
    (source / "b.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    real_open = Path.open

    class FullDisk:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self) -> None:
            self.handle.close()

    def open_(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        return FullDisk(handle) if self.name.endswith(".partial") and "a" in mode else handle

    monkeypatch.setattr(Path, "open", open_)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())  # rich wraps long lines
    assert "No space left on device" in message and "run the same command again" in message
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (out / "a.txt").exists() and not (out / "b.jsonl").exists()
    assert not list(out.rglob("*.tmp"))
    monkeypatch.undo()  # space again: the same command finishes the job
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0
    ids = [json.loads(x)["id"] for x in (out / "b.jsonl").read_text("utf-8").split("\n")[:-1]]
    assert ids == ["r0", "r1", "r2"]
