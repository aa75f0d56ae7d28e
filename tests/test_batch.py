"""Batch runs: JSONL streams, workers, resume after kill -9, globs, gzip, stdin/stdout."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from pages import TOPICS
from trees import tree_bytes
from typer.testing import CliRunner

from cleaner.batch import runner as runner_module
from cleaner.batch.options import Options
from cleaner.cli import app

runner = CliRunner()
PROMO = "Harbour Heroes calendar 2025 now on sale at the quay shop"


def _dump(n: int) -> str:
    topic = f"{TOPICS[n % len(TOPICS)]} {n}" if n >= len(TOPICS) else TOPICS[n]
    words = " ".join(TOPICS[(n + k) % len(TOPICS)] for k in range(6))
    return (
        f"Board decides on the {topic}\n\n"
        f"Board decides on the {topic}\n\n"
        f"The harbour board spent the evening on the {topic}, then on the {words}.\n\n"
        f"{PROMO}\n\n"
        "Share this article\n"
    )


def _folder(root: Path, count: int) -> Path:
    src = root / "in" / "valleypost"
    src.mkdir(parents=True)
    for n in range(count):
        (src / f"{n:04d}.txt").write_text(_dump(n), encoding="utf-8")
    return root / "in"


def _jsonl(path: Path, count: int, *, broken: bool = False) -> Path:
    lines = []
    for n in range(count):
        lines.append(
            json.dumps(
                {
                    "id": f"r{n}",
                    "url": "https://valleypost.example/x",
                    "text": _dump(n),
                    "lang": "en",
                }
            )
        )
        if broken and n == 2:
            lines.append('{"id": "bad", "text": ')
            lines.append(json.dumps({"id": "no-text", "body": "x"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_keeps_fields_and_order_and_adds_title_and_summary(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 5, broken=True)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1  # the two bad lines fail; the batch finishes
    records = [json.loads(line) for line in (out / "docs.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == [f"r{n}" for n in range(5)]
    first = records[0]
    assert first["lang"] == "en" and first["url"] == "https://valleypost.example/x"
    assert first["title"] == "Board decides on the wall"
    assert first["text"].count("Board decides on the wall") == 1
    assert "Share this article" not in first["text"]
    assert first["cleaner"]["removed"]["duplicate_headline"] == 1
    report_lines = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
    assert len(report_lines) == 7
    failed = [r for r in report_lines if r["status"] == "failed"]
    assert {r["error"]["kind"] for r in failed} == {"bad_input"}
    assert any("--text-field" in r["error"]["message"] for r in failed)
    summary = json.loads((out / "report.json").read_text())["summary"]
    assert (summary["documents"], summary["failed"]) == (7, 2)


def test_site_boilerplate_from_the_url_field(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 8)
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"]).exit_code == 0
    records = [json.loads(line) for line in (out / "docs.jsonl").read_text().splitlines()]
    assert all(PROMO not in r["text"] for r in records)
    report = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
    reasons = [
        r["reason"] for d in report for r in d["removals"] if r["kind"] == "site_boilerplate"
    ]
    assert reasons and "seen in 8 of 8 pages of valleypost.example" in reasons[0]


def test_one_and_two_workers_write_identical_bytes(tmp_path: Path) -> None:
    root = _folder(tmp_path / "data", 40)
    _jsonl(root / "valleypost" / "stream.jsonl", 60)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(app, ["clean", str(root), "-o", str(out), "-j", jobs])
        assert result.exit_code == 0, result.output
        outs.append(tree_bytes(out))
    assert outs[0] == outs[1]
    assert "valleypost/stream.jsonl" in outs[0] and "valleypost/0000.txt" in outs[0]


def test_include_exclude_and_gzip(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_dump(1))
    (src / "b.txt").write_text(_dump(2))
    (src / "c.txt.gz").write_bytes(gzip.compress(_dump(3).encode()))
    (src / "skip.txt").write_text(_dump(4))
    out = tmp_path / "out"
    args = [
        "clean",
        str(src),
        "-o",
        str(out),
        "--include",
        "*.txt*",
        "--exclude",
        "skip*",
        "-j",
        "1",
    ]
    assert runner.invoke(app, args).exit_code == 0
    assert sorted(p.name for p in out.glob("*.txt")) == ["a.txt", "b.txt", "c.txt"]
    assert "Board decides on the lifeboat" in (out / "c.txt").read_text()


def test_stdin_jsonl_to_stdout(tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "d.jsonl", 3).read_text()
    result = runner.invoke(
        app, ["clean", "-", "--jsonl", "-j", "1", "--report", str(tmp_path / "r.json")], input=data
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["r0", "r1", "r2"]
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["documents"] == 3


def test_rerun_skips_finished_work_and_force_redoes_it(tmp_path: Path) -> None:
    root = _folder(tmp_path / "data", 6)
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(root), "-o", str(out), "-j", "1"]).exit_code == 0
    first = tree_bytes(out)
    target = out / "valleypost" / "0000.txt"
    before = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert runner.invoke(app, ["clean", str(root), "-o", str(out), "-j", "1"]).exit_code == 0
    assert target.stat().st_mtime_ns == before  # skipped, not rewritten
    assert tree_bytes(out) == first
    assert (
        runner.invoke(app, ["clean", str(root), "-o", str(out), "-j", "1", "--force"]).exit_code
        == 0
    )
    assert target.stat().st_mtime_ns != before
    assert tree_bytes(out) == first


def test_kill_9_then_rerun_gives_the_uninterrupted_outputs(tmp_path: Path) -> None:
    root = _folder(tmp_path / "data", 400)
    _jsonl(root / "valleypost" / "stream.jsonl", 3000)
    reference = tmp_path / "reference"
    command = [sys.executable, "-m", "cleaner", "clean", str(root), "-j", "2", "-q", "-o"]
    subprocess.run([*command, str(reference)], check=True, capture_output=True)
    out = tmp_path / "out"
    # Killed, the run cannot delete its scratch folder: keep it out of the real TMPDIR.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    killed_env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen([*command, str(out)], start_new_session=True, env=killed_env)
    deadline = time.monotonic() + 60
    partial = out / ".cleaner" / "streams" / "valleypost" / "stream.jsonl.partial"
    while time.monotonic() < deadline:
        written = (
            len(list((out / "valleypost").glob("*.txt"))) if (out / "valleypost").exists() else 0
        )
        if written >= 100 or (partial.exists() and partial.stat().st_size > 0):
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "report.json").exists()  # it really was interrupted
    subprocess.run([*command, str(out)], check=True, capture_output=True)
    assert tree_bytes(out) == tree_bytes(reference)
    assert not list(out.rglob(".*.tmp"))  # torn writes of the killed run are swept


def test_size_limits_fail_the_file_alone(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text(_dump(1))
    (src / "bomb.txt.gz").write_bytes(gzip.compress(b"A" * 3_000_000))  # ~3 KB -> 3 MB
    (src / "big.txt").write_bytes(b"word " * 400_000)  # 2 MB
    (src / "broken.txt.gz").write_bytes(gzip.compress(_dump(2).encode())[:-20])
    config = tmp_path / "limits.toml"
    config.write_text("max_file_mb = 1\nmax_decompressed_mb = 2\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["clean", str(src), "-o", str(out), "-j", "1", "--config", str(config)]
    )
    assert result.exit_code == 1
    report = {
        Path(d["path"]).name: d for d in json.loads((out / "report.json").read_text())["documents"]
    }
    assert report["ok.txt"]["status"] == "changed"
    assert "gzip bomb" in report["bomb.txt.gz"]["error"]["message"]
    assert "over the 1 MB limit" in report["big.txt"]["error"]["message"]
    assert "corrupt or truncated gzip" in report["broken.txt.gz"]["error"]["message"]
    assert sorted(p.name for p in out.glob("*.txt")) == ["ok.txt"]  # no partial outputs


def test_resume_splits_records_on_newlines_only(tmp_path: Path) -> None:
    """Found by the batch fuzzer: a record holding U+2028 or U+0085 (left raw by
    ensure_ascii=False) was cut in two when a rerun read back its records."""
    from cleaner.batch.resume import complete_lines

    path = tmp_path / "stream.jsonl.partial"
    path.write_text('{"text": "a\u2028b\x85c"}\n{"text": "torn', encoding="utf-8")
    assert complete_lines(path) == ['{"text": "a\u2028b\x85c"}\n']


# A run with workers whose writing fails, and one with a window smaller than a chunk.
_RUN_WITH_WORKERS = """
import sys
from pathlib import Path
import cleaner.batch as batch
from cleaner.batch.outputs import Outputs

def failing_write(self, outcome):
    raise RuntimeError("the disk went away")

if sys.argv[3] == "fail":
    Outputs.write = failing_write
try:
    batch.run([Path(sys.argv[1])], Path(sys.argv[2]), options=batch.Options(jobs=2, window=2))
except RuntimeError as error:
    print("raised:", error)
else:
    print("finished")
"""


def test_a_run_with_workers_that_fails_ends_instead_of_hanging(tmp_path: Path) -> None:
    # The pool's feeder waits for a free slot in the window; a failed run must stop it.
    root = _folder(tmp_path / "data", 60)
    for how, expected in (("fail", "raised: the disk went away"), ("ok", "finished")):
        done = subprocess.run(
            [sys.executable, "-c", _RUN_WITH_WORKERS, str(root), str(tmp_path / how), how],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.stdout.strip() == expected, done.stderr


def test_an_earlier_runs_output_inside_the_input_is_not_read(tmp_path: Path) -> None:
    src = _folder(tmp_path, 4)
    first = runner.invoke(app, ["clean", str(src), "-o", str(src / "sub_out"), "-j", "1"])
    assert first.exit_code == 0, first.output
    assert (src / "sub_out" / "report.jsonl").exists()
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    paths = [d["path"] for d in json.loads((out / "report.json").read_text())["documents"]]
    assert paths == [str(src / "valleypost" / f"{n:04d}.txt") for n in range(4)]
    assert not (out / "sub_out").exists()


def test_a_refused_jsonl_stream_leaves_its_input_alone(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 3)
    before = source.read_bytes()
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path), "-j", "1"])
    assert result.exit_code == 1
    assert source.read_bytes() == before  # it was emptied: the refusal still wrote output
    documents = json.loads((tmp_path / "report.json").read_text())["documents"]
    assert [d["error"]["kind"] for d in documents] == ["refused"]
    assert not list((tmp_path / ".cleaner" / "streams").glob("docs.jsonl.partial"))


def test_a_failed_run_ends_though_the_pool_hangs_on_terminate(monkeypatch: Any) -> None:
    """`Pool.terminate` can wait forever for the result queue's lock when a worker was
    killed while sending a result (seen with `-o - -j 2` when the reader went away): a
    failed run stops waiting after `POOL_TERMINATE_S` and kills the workers left, so a
    long-lived caller keeps no process (they lived on before, until the interpreter's exit).
    Here the test holds the lock, and both workers are busy with a long task."""
    monkeypatch.setattr(runner_module, "POOL_TERMINATE_S", 0.5)
    pool_runner = runner_module.Runner(Options(jobs=2), None, None)
    pool = pool_runner.pool
    assert pool is not None
    for _ in range(2):
        pool.apply_async(time.sleep, (60,))
    workers = list(pool._pool)
    time.sleep(0.5)  # both workers take their task
    lock = pool._outqueue._wlock
    lock.acquire()
    try:
        closer = threading.Thread(target=pool_runner.close, kwargs={"failed": True}, daemon=True)
        closer.start()
        closer.join(30)
        hung = closer.is_alive()
        alive = [w.pid for w in workers if w.is_alive()]
    finally:
        lock.release()  # the stuck terminate goes on and ends
    assert not hung
    assert not alive


_CTRL_C_SCRIPT = """
import os, signal, sys, time
from cleaner.batch.options import Options
from cleaner.batch.runner import Runner

def slow(n):
    time.sleep(0.2)
    return n

pool_runner = Runner(Options(jobs=2), None, None)
try:
    for n in pool_runner.map(slow, range(200)):
        os.killpg(0, signal.SIGINT)  # as Ctrl-C at a terminal: the whole group
        time.sleep(5)
except KeyboardInterrupt:
    pool_runner.close(failed=True)
    print("interrupted")
"""


def test_ctrl_c_with_workers_prints_no_worker_tracebacks() -> None:
    """Ctrl-C reaches every process of the group: each busy worker printed its own
    KeyboardInterrupt traceback; now only the main process takes it and ends the pool."""
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # the signal must not reach pytest
        # A shell that started the test in the background may have left SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        check=False,
    )
    assert done.stdout.strip() == "interrupted", done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
