"""The Dask engine's tasks, what runs on the workers: each input file as a `Task`
(planned on the client in the local engine's order), the first pass over a partition
of them (a site table) and the second (each file's output bytes and report records).

Workers call the local engine's own steps (`items_of`, `count_item`, `clean_item`), so
a document comes out as the local engine cleans it.
"""

from __future__ import annotations

import posixpath
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

from cleaner.batch.items import items_of
from cleaner.batch.options import Options
from cleaner.batch.outputs import overwrites_input, refusal, write_stream_output
from cleaner.batch.plan import STDIN, Source, is_parquet, plan, plan_url, source_of
from cleaner.batch.work import WorkerState, clean_item, count_item, failure_for
from cleaner.core.site import SiteTable, merge_all
from cleaner.formats.registry import format_of
from cleaner.report.record import DocumentRecord


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
    records: list[DocumentRecord]
    output: bytes | None  # None: nothing to write (a failed file)


def is_local(url: str) -> bool:
    return isinstance(fsspec.core.url_to_fs(url)[0], LocalFileSystem)


def plan_tasks(inputs: Sequence[str], out: str | None, options: Options) -> Iterator[Task]:
    """Every input file in the local engine's order, as tasks."""
    out_local = out if out is not None and is_local(out) else None
    number = 0
    for given in inputs:
        if given == STDIN:
            raise ValueError("the Dask engine cannot read stdin; give files or folders")
        if is_local(given):
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


def _local_source(task: Task, scratch: str) -> Source:
    """The task's input as a local file (object-store files are copied under `scratch`)."""
    path = task.url
    if not is_local(path):
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
                results.append(FileResult(task, [refusal(as_source(task))], None))
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
                output = lines.read_bytes() if not records[0].failed else None
            elif not is_parquet(source):
                output = lines.read_bytes()  # JSONL out is the cleaned lines as they are
            elif write_stream_output(source, lines, written, options.fields):
                output = written.read_bytes()
            else:
                output = None
            results.append(FileResult(task, records, output))
    return results


def as_source(task: Task) -> Source:
    source = source_of(Path(task.url), task.display, Path(task.output), task.folder)
    return replace(source, stream=task.stream)
