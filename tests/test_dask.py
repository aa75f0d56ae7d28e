"""The Dask engine: the local engine's bytes on a LocalCluster, fsspec paths, a killed worker."""

from __future__ import annotations

import gzip
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ctrl_c import pressed
from test_batch import _dump, _folder, _jsonl
from trees import tree_bytes
from typer.testing import CliRunner

from cleaner import __version__
from cleaner.batch import Options, plan, run
from cleaner.batch.meter import CLEANING, COUNTING, Tick
from cleaner.cli import app
from cleaner.config import Config
from cleaner.progress import total_bytes

distributed = pytest.importorskip("distributed")
from cleaner.batch.dask_engine import local_cluster, run_dask  # noqa: E402
from cleaner.batch.dask_tasks import plan_tasks  # noqa: E402

runner = CliRunner()
HTML = (
    "<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1>"
    "<p>The ferry to Gull Island sails again from Saturday, the operator said on Monday.</p>"
    "<p>Share this article</p></article></body></html>"
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    # Shared: a LocalCluster takes seconds to start.
    with local_cluster(2) as started:
        yield started


def _corpus(root: Path) -> Path:
    """Every kind of input: text, HTML, gzip, JSONL with bad lines, Parquet with a bad row
    and one without the text column."""
    data = _folder(root, 30)
    _jsonl(data / "valleypost" / "stream.jsonl", 25, broken=True)
    other = data / "other"
    other.mkdir()
    (other / "page.html").write_text(HTML, encoding="utf-8")
    (other / "page.txt.gz").write_bytes(gzip.compress(_dump(3).encode()))
    rows = [{"id": n, "text": _dump(n), "score": n / 2} for n in range(12)]
    rows[5]["text"] = None
    pq.write_table(pa.Table.from_pylist(rows), other / "rows.parquet", row_group_size=5)
    # No text column: the file fails whole, with no output on either engine.
    pq.write_table(pa.table({"id": [1], "body": [_dump(4)]}), other / "notext.parquet")
    return data


def test_dask_writes_the_local_engines_bytes(tmp_path: Path, cluster) -> None:
    data = _corpus(tmp_path / "data")
    local = tmp_path / "local"
    result = runner.invoke(app, ["clean", str(data), "-o", str(local), "-j", "2", "-q"])
    assert result.exit_code == 1, result.output  # the bad records fail alone
    expected = tree_bytes(local)
    assert {"report.json", "report.jsonl", "other/rows.parquet", "other/page.txt"} <= set(expected)
    assert "other/notext.parquet" not in expected

    # The CLI against a running scheduler.
    out = tmp_path / "dask"
    args = ["clean", str(data), "-o", str(out), "--engine", "dask", "-q"]
    result = runner.invoke(app, [*args, "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 1, result.output
    # Only report.json's run line (times, command line) differs: tree_bytes drops it.
    assert tree_bytes(out) == expected

    # The site table does not depend on how the files are partitioned. (The HTML page is
    # the command line's: run_dask writes the outputs and the JSON reports.)
    del expected["report.html"]
    with distributed.Client(cluster) as client:
        for size in (1, 7):
            out = tmp_path / f"dask{size}"
            run_dask(
                [str(data)],
                str(out),
                client,
                report_path=str(out / "report.json"),
                partition_files=size,
            )
            assert tree_bytes(out) == expected


def test_dask_without_site_table_matches_too(tmp_path: Path, cluster) -> None:
    data = _corpus(tmp_path / "data")
    local, out = tmp_path / "local", tmp_path / "dask"
    run([data], local, options=Options(site_boilerplate=False), report_path=local / "report.json")
    with distributed.Client(cluster) as client:
        options = Options(site_boilerplate=False)
        run_dask(
            [str(data)],
            str(out),
            client,
            options=options,
            report_path=str(out / "report.json"),
            partition_files=4,
        )
    assert tree_bytes(out) == tree_bytes(local)


def test_the_progress_of_both_phases_reaches_the_total(tmp_path: Path, cluster) -> None:
    data = _corpus(tmp_path / "data")
    files = [s.path for s in plan([data], None) if s.path is not None]
    ticks: list[Tick] = []
    with distributed.Client(cluster) as client:
        report = run_dask(
            [str(data)],
            str(tmp_path / "out"),
            client,
            options=Options(progress=ticks.append),
            partition_files=4,
        )
    counting = [t for t in ticks if t.phase == COUNTING]
    cleaning = [t for t in ticks if t.phase == CLEANING]
    assert ticks == counting + cleaning  # counting sites first, then cleaning
    # The first pass is followed by partition (its documents are not counted): bytes only.
    assert {t.documents for t in counting} == {0}
    assert len(counting) == -(-len(files) // 4)
    # The second by file, in input order, with each file's documents.
    assert len(cleaning) == len(files)
    assert cleaning[-1].documents == report.summary()["documents"]
    for steps in (counting, cleaning):
        reads = [t.read for t in steps]
        assert reads == sorted(reads) and reads[-1] == total_bytes(files)


def test_fsspec_urls_in_and_out(tmp_path: Path) -> None:
    """memory:// lives in one process: a threaded cluster shares it with the client."""
    data = _corpus(tmp_path / "data")
    local = tmp_path / "local"
    run([data], local, options=Options(), report_path=local / "report.json")
    fs = fsspec.filesystem("memory")
    fs.put(str(data), "/corpus", recursive=True)
    with (
        local_cluster(1, processes=False) as threaded,
        distributed.Client(threaded) as client,
    ):
        run_dask(
            ["memory://corpus"], "memory://out", client, report_path="memory://out/report.json"
        )
    expected = tree_bytes(local)
    got = {path.removeprefix("/out/"): fs.cat_file(path) for path in fs.find("/out")}
    assert set(got) == set(expected)
    for name in expected:
        if name.startswith("report"):
            continue
        assert got[name] == expected[name], name
    # The report names inputs by URL; with the prefix mapped back it is the local one.
    # (The site of a file without a URL is its folder, so reasons carry the prefix too.)
    mapped = got["report.jsonl"].decode().replace("memory://corpus", str(data))
    assert mapped == expected["report.jsonl"].decode()


def test_a_killed_worker_loses_and_duplicates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed, a worker cannot delete its scratch folder: its own TMPDIR (workers started
    # below read it).
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    data = _folder(tmp_path / "data", 160)
    _jsonl(data / "valleypost" / "stream.jsonl", 100)
    local = tmp_path / "local"
    run([data], local, options=Options(jobs=2), report_path=local / "report.json")
    out = tmp_path / "dask"
    # Its own cluster: the shared one must not lose a worker under the other tests.
    with local_cluster(2) as fresh, distributed.Client(fresh) as client:
        pids = client.run(os.getpid)
        killed: list[tuple[int, int]] = []

        def kill_once(tick: Tick) -> None:
            # Mid-run, a few partitions written: kill the worker with the most tasks running
            # (asked again at each file until one has some, so a slow client cannot miss).
            if tick.phase == CLEANING and tick.documents >= 30 and not killed:
                busy = client.processing()
                victim = max(pids, key=lambda address: len(busy.get(address, ())))
                if not busy.get(victim):
                    return
                os.kill(pids[victim], signal.SIGKILL)
                killed.append((pids[victim], len(busy.get(victim, ()))))

        options = Options(progress=kill_once)
        report = run_dask(
            [str(data)],
            str(out),
            client,
            options=options,
            report_path=str(out / "report.json"),
            partition_files=2,
        )
        client.wait_for_workers(2, timeout=30)
        after = client.run(os.getpid)
    [(victim, running)] = killed
    assert running > 0 and victim not in after.values()  # it died with work in hand
    assert report.summary()["documents"] == 160 + 100
    assert tree_bytes(out) == tree_bytes(local)
    records = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
    assert len({r["path"] for r in records}) == len(records)


def _records(count: int) -> list[dict]:
    return [
        {"id": f"r{n}", "url": "https://valleypost.example/x", "text": _dump(n), "lang": "en"}
        for n in range(count)
    ]


def test_bag_and_dataframe_give_the_jsonl_outputs(tmp_path: Path, cluster) -> None:
    import dask.bag
    import dask.dataframe
    import pandas as pd

    from cleaner.batch.dask_collections import clean_bag, clean_dataframe

    records = _records(20)
    records[7] = {"id": "r7", "body": "no text field"}
    records[3]["text"] = records[3]["text"].replace(
        "spent", "\u00e2\u20ac\u0153spent\u00e2\u20ac\x9d"
    )  # mojibake
    records[5]["title"] = "Harbour board meets behind closed doors"  # not in its text
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    run([source], out, options=Options(), report_path=out / "report.json")
    expected = [json.loads(x) for x in (out / "in.jsonl").read_text().splitlines()]
    good = [r for r in records if "text" in r]

    with distributed.Client(cluster):
        bag = dask.bag.from_sequence(records, npartitions=6)
        cleaned = clean_bag(bag).compute()
        frame = dask.dataframe.from_pandas(pd.DataFrame(good), npartitions=5)
        cleaned_frame = clean_dataframe(frame).compute()
    assert [r for r in cleaned if "text" in r] == expected  # the JSONL lines, exactly
    assert cleaned[7]["cleaner"]["error"]["kind"] == "bad_input"  # kept, with the reason
    assert list(cleaned_frame.columns) == ["id", "url", "text", "lang", "title", "cleaner"]
    assert list(cleaned_frame["text"]) == [r["text"] for r in expected]
    assert list(cleaned_frame["title"]) == [r["title"] for r in expected]
    assert [json.loads(s) for s in cleaned_frame["cleaner"]] == [r["cleaner"] for r in expected]
    assert any(r["cleaner"]["removed"].get("site_boilerplate") for r in expected)
    assert expected[3]["cleaner"].get("repairs")  # the repair is counted on both paths
    # The given title goes to the title field; the text field gets only its own text.
    assert expected[5]["title"] == "Harbour board meets behind closed doors"
    assert "closed doors" not in expected[5]["text"]


def test_the_dask_engine_refuses_stdin_and_wants_an_output() -> None:
    result = runner.invoke(app, ["clean", "-", "--jsonl", "--engine", "dask"])
    assert result.exit_code == 2 and "stdin" in result.output
    result = runner.invoke(app, ["clean", "memory://nothing-here", "-o", "x", "--engine", "dask"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_the_cli_starts_its_own_local_cluster(tmp_path: Path) -> None:
    data = _folder(tmp_path / "data", 6)
    local, out = tmp_path / "local", tmp_path / "dask"
    assert (
        runner.invoke(app, ["clean", str(data), "-o", str(local), "-j", "1", "-q"]).exit_code == 0
    )
    args = ["clean", str(data), "-o", str(out), "--engine", "dask", "--workers", "1", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert tree_bytes(out) == tree_bytes(local)


def test_the_walks_skip_an_earlier_runs_output_folder(tmp_path: Path) -> None:
    """Both walks (local folders, fsspec URLs) leave out a folder holding `.cleaner/`."""
    data = tmp_path / "data"
    (data / "old_out" / ".cleaner").mkdir(parents=True)
    (data / "old_out" / "report.jsonl").write_text("{}\n")
    (data / "old_out" / "a.txt").write_text(_dump(1))
    (data / "news").mkdir()
    (data / "news" / "a.txt").write_text(_dump(1))
    local = [task.output for task in plan_tasks([str(data)], None, Options())]
    assert local == ["news/a.txt"]
    fs = fsspec.filesystem("memory")
    fs.put(str(data), "/walked", recursive=True)
    try:
        remote = [task.output for task in plan_tasks(["memory://walked"], None, Options())]
    finally:
        fs.rm("/walked", recursive=True)
    assert remote == ["news/a.txt"]


def test_the_dask_report_says_how_the_run_was_made(tmp_path: Path, cluster) -> None:
    data = _folder(tmp_path / "data", 4)
    out = tmp_path / "dask"
    config = Config(max_removed_share=0.4)
    with distributed.Client(cluster) as client:
        options = Options(config=config, site_boilerplate=False)
        run_dask(
            [str(data)], str(out), client, options=options, report_path=str(out / "report.json")
        )
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["run"]["cleaner_version"] == __version__
    assert report["run"]["config"]["max_removed_share"] == 0.4
    assert report["run"]["elapsed_s"] > 0 and report["run"]["started"]
    assert len(report["documents"]) == 4


def _sigint_ignored(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status").read_text()
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(mask, 16) & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_the_local_clusters_workers_ignore_ctrl_c(cluster) -> None:
    """Ctrl-C at a terminal reaches every process of the group: each worker printed its
    own traceback. They start with it ignored; the client ends them."""
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
    assert len(pids) == 2 and all(_sigint_ignored(pid) for pid in pids.values())
    assert not _sigint_ignored(os.getpid())  # this process keeps its handler


def test_ctrl_c_stops_a_dask_run_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No traceback, no report, and a line that says the engine does not resume."""
    from cleaner.batch import dask_engine

    monkeypatch.setattr(dask_engine, "run_dask", pressed)
    data = _folder(tmp_path / "data", 2)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["clean", str(data), "-o", str(out), "--engine", "dask", "--workers", "1"]
    )
    assert result.exit_code == 130, result.output
    assert "interrupted: no report was written" in result.output
    assert "does not resume" in result.output and "Traceback" not in result.output
