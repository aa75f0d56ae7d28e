"""The same batch cleaning on a Dask cluster: `cleaner clean ... --engine dask`.

Nothing here decides anything about a document: workers call the local
engine's `count_item` and `clean_item` on the same `Item`s, and the client
builds the report with the same `RunReport`, so outputs and reports are the
local engine's byte for byte.

- The plan (which files, where their outputs go) is made on the client (see
  dask_tasks.py, which holds what runs on the workers). Local
  paths use the local engine's own `plan`; other fsspec URLs (s3://, memory://)
  are walked the same way.
- Work is split into partitions of whole input files. A JSONL or Parquet file is
  one unit: its records keep their order inside one task.
- With site boilerplate on, a first pass maps each partition to a `SiteTable`;
  the tables are merged in a tree of tasks (counts add up, so the result does
  not depend on the partitioning), pruned to the lines over the thresholds (as
  the local engine's spooled counts are), and that table, a future, is handed to
  every cleaning task. It is a task result, not scattered data, so Dask can
  recompute it if the workers holding it die.
- Workers return each file's output bytes and report records; the client writes
  them in input order, each file atomically (a temp file and a rename locally;
  one whole-object put on object stores), so no partial file is ever visible.
  A few partitions are in flight at a time, which bounds the client's memory.
- A worker that dies loses only results not yet written: Dask reruns its tasks
  elsewhere, and since the client writes each partition once, in order, no
  document is lost or written twice.
- No resume: a rerun redoes every file and writes the same bytes again.
- The check of the text field before the run (see `plan.check_text_field`) reads
  only the streams on this machine: a remote one is not downloaded for it.
- The per-document time budget is not enforced: it is a SIGALRM timer, which
  works only in a main thread, and Dask runs tasks in worker threads.
"""

from __future__ import annotations

import posixpath
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import fsspec
from fsspec.implementations.local import LocalFileSystem

from cleaner.atomic import write_atomic
from cleaner.batch.dask_tasks import (
    FileResult,
    Task,
    as_source,
    clean_partition,
    count_partition,
    is_local,
    merge_tables,
    plan_tasks,
)
from cleaner.batch.interrupt import ctrl_c_held
from cleaner.batch.meter import CLEANING, COUNTING, Meter
from cleaner.batch.options import Options
from cleaner.batch.outputs import sweep_temp_files
from cleaner.batch.plan import check_text_field
from cleaner.core.site import SiteTable
from cleaner.report.record import DocumentRecord, failure_record
from cleaner.report.run import RunReport, RunStart, write_report_json

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

# Input files per task: small enough to spread a corpus over the workers, large
# enough that the scheduler's per-task cost (about a millisecond) stays small.
PARTITION_FILES = 32
# Merged per task when reducing the site tables.
MERGE_FAN_IN = 8


# --- on the client ------------------------------------------------------------------


class _Writer:
    """Writes outputs through fsspec: atomically on a local disk, one put on object stores."""

    def __init__(self, out: str | None, options: Options) -> None:
        self.fs: fsspec.AbstractFileSystem | None = None
        self.root = ""
        if out is not None:
            self.fs, self.root = fsspec.core.url_to_fs(out)
        self.options = options

    def target(self, task: Task) -> str | None:
        if self.fs is None or self.options.dry_run:
            return None
        return f"{self.root.rstrip('/')}/{task.output}"

    def put(self, path: str, data: bytes) -> None:
        assert self.fs is not None
        if isinstance(self.fs, LocalFileSystem):
            write_atomic(Path(path), data)
        else:
            self.fs.makedirs(posixpath.dirname(path), exist_ok=True)
            self.fs.pipe_file(path, data)

    def write(self, result: FileResult) -> list[DocumentRecord]:
        """Write one file's output; return its records for the report (as `Outputs.write`)."""
        records = result.records
        target = self.target(result.task)
        if target is None or result.output is None:
            return records
        try:
            self.put(target, result.output)
        except OSError as error:
            message = f"could not write {target}: {error}"
            return [failure_record(result.task.display, "write_failed", message)]
        if not result.task.stream:
            records[0].output = result.task.output
        return records


def _partitions(tasks: Iterator[Task], size: int) -> Iterator[list[Task]]:
    part: list[Task] = []
    for task in tasks:
        part.append(task)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def _site_table(
    client: Client, parts: list[list[Task]], options: Options, meter: Meter | None
) -> Future:
    """Each partition's site table, merged in a tree of tasks, then pruned; `meter` is
    told of each partition counted (the client then waits for the counts)."""
    counted = client.map(count_partition, parts, options=options, pure=False)
    level = counted
    while len(level) > 1:
        level = [
            client.submit(merge_tables, *level[i : i + MERGE_FAN_IN], pure=False)
            for i in range(0, len(level), MERGE_FAN_IN)
        ]
    if not level:
        table = client.submit(SiteTable, pure=False)
    else:
        table = client.submit(SiteTable.pruned, level[0], options.config, pure=False)
    del level
    if meter is not None:
        _follow_counting(counted, parts, meter)
    return table


def _local_path(task: Task) -> Path | None:
    """The task's file when it is on this machine (the progress bar counts only those)."""
    return None if "://" in task.url else Path(task.url)


def _follow_counting(counted: list[Future], parts: list[list[Task]], meter: Meter) -> None:
    """Tell `meter` of each partition counted, as it finishes (in any order).

    Empties `counted`: a partition's table is then let go once merged, as without a bar.
    """
    from distributed import as_completed

    part_of = {future.key: part for future, part in zip(counted, parts, strict=True)}
    waiting = as_completed(counted)
    counted.clear()
    for future in waiting:
        meter.whole([_local_path(task) for task in part_of[future.key]])
    meter.finish()


def run_dask(
    inputs: Sequence[str],
    out: str | None,
    client: Client,
    *,
    options: Options | None = None,
    report_path: str | None = None,
    partition_files: int = PARTITION_FILES,
    in_flight: int | None = None,
) -> RunReport:
    """Clean every input into `out` (an fsspec path) on the cluster `client` is connected to.

    `report_path` (usually OUT/report.json; any fsspec path) gets the summary and every
    record, and `report.jsonl` beside it one record per line, as the local engine writes.
    """
    started = RunStart()
    options = options or Options()
    progress = options.progress
    # The progress callback stays on the client; workers get plain settings.
    options = replace(options, progress=None)
    two_pass = options.two_pass
    parts = list(_partitions(plan_tasks(inputs, out, options), max(1, partition_files)))
    # As the local engine: a text field no stream has is a usage error. Only streams on
    # this machine are looked at (a remote one would be downloaded for it).
    check_text_field(
        (as_source(t) for part in parts for t in part if t.stream and is_local(t.url)), options
    )
    counting = Meter(COUNTING, progress) if progress is not None else None
    table = _site_table(client, parts, options, counting) if two_pass else None
    meter = Meter(CLEANING, progress) if progress is not None else None
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = in_flight or 4 * workers
    writer = _Writer(out, options)
    if out is not None and is_local(out) and not options.dry_run:
        sweep_temp_files(Path(out.removeprefix("file://")))  # torn writes of a killed client
    with tempfile.TemporaryDirectory(prefix="cleaner-dask-") as scratch:
        # Records stream to OUT/report.jsonl as they come when that is a local path.
        local_report = report_path is not None and is_local(report_path)
        records_path = Path(scratch, "report.jsonl")
        if report_path is not None and local_report:
            records_path = Path(report_path).with_name("report.jsonl")
            records_path.parent.mkdir(parents=True, exist_ok=True)
        with records_path.open("w", encoding="utf-8", newline="\n") as stream:
            report = RunReport(stream=stream, config=options.config, started=started)
            pending: deque[Future] = deque()
            queue = iter(parts)

            def fill() -> None:
                while len(pending) < window and (part := next(queue, None)) is not None:
                    pending.append(client.submit(clean_partition, part, options, table, pure=False))

            fill()
            while pending:
                results = pending.popleft().result()
                fill()
                for result in results:
                    records = writer.write(result)
                    for record in records:
                        report.add(record)
                    if meter is not None:
                        meter.advance(
                            result.task.number, _local_path(result.task), None, len(records)
                        )
        report.stream = None
        if report_path is not None and local_report:
            write_report_json(Path(report_path), report, records_path)
        elif report_path is not None:
            _put_reports(report_path, report, records_path)
    return report


def _put_reports(report_path: str, report: RunReport, records: Path) -> None:
    """report.json and report.jsonl on an object store: written locally, then put."""
    fs, path = fsspec.core.url_to_fs(report_path)
    local = records.with_name("report.json")
    write_report_json(local, report, records)
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    fs.put_file(str(records), posixpath.join(posixpath.dirname(path), "report.jsonl"))
    fs.put_file(str(local), path)


def local_cluster(workers: int, *, processes: bool = True) -> LocalCluster:
    """A LocalCluster of `workers` processes with one thread each, on loopback, no dashboard.

    One thread: the rules are pure Python, threads would share one core. The
    scheduler's health endpoint would listen on every interface at 8787; it gets
    a free loopback port instead. The workers start with Ctrl-C ignored, and keep it
    so: Ctrl-C at a terminal reaches every process of the group, and each worker
    printed its own traceback; the client ends them (as the local engine's pool).
    """
    from distributed import LocalCluster

    with ctrl_c_held():
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new LocalCluster of `workers`."""
    from distributed import Client

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    cluster = local_cluster(workers)
    try:
        with Client(cluster) as client:
            yield client
    finally:
        with ctrl_c_held():  # a run stopped by Ctrl-C still ends its workers
            cluster.close()


def url_exists(url: str) -> bool:
    fs, path = fsspec.core.url_to_fs(url)
    return bool(fs.exists(path))
