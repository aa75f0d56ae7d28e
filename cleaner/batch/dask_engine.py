"""The same batch cleaning on a Dask cluster: `cleaner clean ... --engine dask`.

Nothing here decides anything about a document: workers call the local
engine's `count_item` and `clean_item` on the same `Item`s, and the client
builds the report with the same `RunReport`, so outputs and reports are the
local engine's byte for byte.

- The plan (which files, where their outputs go) is made on the client. Local
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
- The check of the text field before the run (see `batch.check_text_field`) reads
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import fsspec
from fsspec.implementations.local import LocalFileSystem

from cleaner.atomic import write_atomic
from cleaner.batch.items import items_of
from cleaner.batch.meter import CLEANING, COUNTING, Meter
from cleaner.batch.options import Options
from cleaner.batch.outputs import overwrites_input, refusal, sweep_temp_files, write_stream_output
from cleaner.batch.plan import (
    STDIN,
    Source,
    check_text_field,
    is_parquet,
    plan,
    plan_url,
    source_of,
)
from cleaner.batch.work import WorkerState, clean_item, count_item, failure_for
from cleaner.core.site import SiteTable, merge_all
from cleaner.formats.registry import format_of
from cleaner.report.record import Record, failure_record
from cleaner.report.run import RunReport, RunStart, write_report_json

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

# Input files per task: small enough to spread a corpus over the workers, large
# enough that the scheduler's per-task cost (about a millisecond) stays small.
PARTITION_FILES = 32
# Merged per task when reducing the site tables.
MERGE_FAN_IN = 8


@dataclass(frozen=True)
class Task:
    """One input file: where to read it, how the report names it, where its output goes."""

    number: int
    url: str  # a local path or an fsspec URL
    display: str
    output: str  # relative to the output folder, posix
    stream: bool  # JSONL or Parquet: many records, one output
    folder: str  # the site when nothing better is known
    refused: bool = False  # the output would overwrite this input


@dataclass
class FileResult:
    """What a worker sends back for one input file."""

    task: Task
    records: list[Record]
    output: bytes | None  # None: nothing to write (a failed file)


# --- the plan -------------------------------------------------------------------


def _is_local(url: str) -> bool:
    return isinstance(fsspec.core.url_to_fs(url)[0], LocalFileSystem)


def plan_tasks(inputs: Sequence[str], out: str | None, options: Options) -> Iterator[Task]:
    """Every input file in the local engine's order, as tasks."""
    out_local = out if out is not None and _is_local(out) else None
    number = 0
    for given in inputs:
        if given == STDIN:
            raise ValueError("the Dask engine cannot read stdin; give files or folders")
        if _is_local(given):
            out_dir = Path(out_local.removeprefix("file://")) if out_local is not None else None
            for source in plan([Path(given.removeprefix("file://"))], out_dir, options):
                assert source.path is not None
                refused = (
                    out_dir is not None
                    and not options.dry_run
                    and overwrites_input(out_dir / source.output, source.path)
                )
                yield Task(
                    number,
                    str(source.path),
                    source.display,
                    source.output.as_posix(),
                    source.stream,
                    source.folder,
                    refused,
                )
                number += 1
        else:
            for task in _remote_plan(given, out, options, number):
                yield task
                number = task.number + 1


def _remote_plan(given: str, out: str | None, options: Options, first: int) -> Iterator[Task]:
    """An fsspec URL's files as tasks, walked as `plan` walks a folder (see plan_url)."""
    for number, (url, output) in enumerate(plan_url(given, out, options), first):
        stream = format_of(Path(url)).stream
        yield Task(number, url, url, output, stream, posixpath.dirname(url))


# --- on the workers ---------------------------------------------------------------


def _local_source(task: Task, scratch: str) -> Source:
    """The task's input as a local file (object-store files are copied under `scratch`)."""
    path = task.url
    if not _is_local(path):
        fs, remote = fsspec.core.url_to_fs(path)
        # The name is kept: the local engine reads the suffix (.gz, .html, .parquet).
        local = Path(scratch, str(task.number), posixpath.basename(remote))
        local.parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(remote, str(local))
        path = str(local)
    source = source_of(Path(path), task.display, Path(task.output), task.folder)
    return replace(source, stream=task.stream)


def count_partition(tasks: list[Task], options: Options) -> SiteTable:
    """First pass over one partition: each document's site and line digests."""
    state = WorkerState(options, None, None)
    table = SiteTable()
    with tempfile.TemporaryDirectory(prefix="cleaner-dask-") as scratch:
        for task in tasks:
            try:
                source = _local_source(task, scratch)
            except OSError:
                continue  # the second pass reports it
            for item in items_of([(task.number, source)], options):
                site, digests = count_item(item, state)
                if site is not None:
                    table.add_digests(site, digests)
    return table


def merge_tables(*tables: SiteTable) -> SiteTable:
    """`merge_all` with the tables as arguments, as `client.submit` passes them."""
    return merge_all(tables)


def clean_partition(
    tasks: list[Task], options: Options, table: SiteTable | None
) -> list[FileResult]:
    """Second pass over one partition: each file's output bytes and report records."""
    state = WorkerState(options, table, None)
    results = []
    with tempfile.TemporaryDirectory(prefix="cleaner-dask-") as scratch:
        for task in tasks:
            if task.refused:
                results.append(FileResult(task, [refusal(_as_source(task))], None))
                continue
            try:
                source = _local_source(task, scratch)
            except OSError as error:
                results.append(FileResult(task, [failure_for(task.display, error)], None))
                continue
            # Output lines go to disk as they come: a stream may be large.
            records, lines = [], Path(scratch, f"{task.number}.lines")
            # A stream that fails whole comes back as a failed file (no output).
            as_file = not task.stream
            with lines.open("w", encoding="utf-8", newline="\n") as handle:
                for item in items_of([(task.number, source)], options):
                    outcome = clean_item(item, state)
                    as_file = as_file or not item.source.stream
                    records.append(outcome.record)
                    if outcome.output is not None:
                        handle.write(outcome.output)
            written = Path(scratch, f"{task.number}.out")
            if as_file:
                # A text file's output, as the local engine writes it: present unless it failed.
                output = lines.read_bytes() if records[0]["status"] != "failed" else None
            elif not is_parquet(source):
                output = lines.read_bytes()  # JSONL out is the cleaned lines as they are
            elif write_stream_output(source, lines, written, options.fields):
                output = written.read_bytes()
            else:
                output = None
            results.append(FileResult(task, records, output))
    return results


def _as_source(task: Task) -> Source:
    source = source_of(Path(task.url), task.display, Path(task.output), task.folder)
    return replace(source, stream=task.stream)


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

    def write(self, result: FileResult) -> list[Record]:
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
            records[0]["output"] = result.task.output
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
        (_as_source(t) for part in parts for t in part if t.stream and _is_local(t.url)), options
    )
    counting = Meter(COUNTING, progress) if progress is not None else None
    table = _site_table(client, parts, options, counting) if two_pass else None
    meter = Meter(CLEANING, progress) if progress is not None else None
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = in_flight or 4 * workers
    writer = _Writer(out, options)
    if out is not None and _is_local(out) and not options.dry_run:
        sweep_temp_files(Path(out.removeprefix("file://")))  # torn writes of a killed client
    with tempfile.TemporaryDirectory(prefix="cleaner-dask-") as scratch:
        # Records stream to OUT/report.jsonl as they come when that is a local path.
        local_report = report_path is not None and _is_local(report_path)
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
    a free loopback port instead.
    """
    from distributed import LocalCluster

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
    with local_cluster(workers) as cluster, Client(cluster) as client:
        yield client


def url_exists(url: str) -> bool:
    fs, path = fsspec.core.url_to_fs(url)
    return bool(fs.exists(path))
