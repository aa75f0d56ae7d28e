"""Files, folders and JSONL streams in; clean text and a report out.

- Files (`.txt`, `.html`, `.htm`, each maybe `.gz`) are found recursively and
  mirrored under the output folder, one `.txt` each, written atomically.
- JSONL (`.jsonl`, `.jsonl.gz`, or stdin) keeps every field of each record,
  replaces the text field with the clean text, adds the title and a compact
  removal summary, and keeps the input order.
- Work runs in `jobs` worker processes, fed in bounded windows so memory does
  not grow with the corpus; results come back in input order, so the output
  bytes are the same for any number of workers.
- With site boilerplate on, a first pass counts each site's lines (HTML is
  extracted once: its text waits in a cache on disk for the second pass).
- Resume: each finished file leaves a record in `OUT/.cleaner/files.sqlite`
  (see resume.py) with a fingerprint of its input, settings and site counts; a JSONL
  output grows in a `.partial` file beside its records. A rerun skips what is
  finished and ends with the outputs an uninterrupted run writes. `force`
  redoes everything. An input file is never written over.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gzip
import hashlib
import itertools
import json
import os
import shutil
import stat
import sys
import tempfile
import threading
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, cast

from cleaner.atomic import atomic_path, write_atomic
from cleaner.batch.meter import CLEANING, COUNTING, Meter, Progress
from cleaner.batch.resume import FileStates, code_stamp
from cleaner.config import Config
from cleaner.core.document import Cleaned
from cleaner.core.limits import DocumentTimeout, time_budget
from cleaner.core.pipeline import RuleError
from cleaner.core.site import SiteLines, SiteTable, SpooledCounts, document_digests, site_of
from cleaner.formats.extract import (
    InputError,
    Repair,
    encoding_repair,
    listed_offsets,
)
from cleaner.formats.fields import MissingField
from cleaner.formats.loading import Loaded, check_loaded, clean_loaded, load_bytes
from cleaner.formats.parquet import PARQUET_SUFFIXES, RecordLines, first_row, write_parquet
from cleaner.report.run import (
    SUMMARY_FIELD,
    Record,
    RunReport,
    RunStart,
    document_record,
    failure_record,
    removal_summary,
    write_report_json,
)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
# Record streams: each record is a document, the output keeps the stream's form.
STREAM_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + STREAM_SUFFIXES
STATE_DIR = ".cleaner"
# Items sent to a worker at a time: small enough to keep both workers busy to the end.
RUNNER_CHUNK = 4
# How often a feeder waiting for a free slot checks whether the run has failed.
FEEDER_POLL_S = 0.1
STDIN = "-"
# Lines read for a stream's first record when checking its fields before a run.
FIRST_RECORD_LINES = 100


@dataclass(frozen=True)
class Fields:
    """Which JSONL fields hold the text, the id, the title and the URL."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"


@dataclass(frozen=True)
class Options:
    config: Config = field(default_factory=Config)
    fields: Fields = field(default_factory=Fields)
    jobs: int = 1
    dry_run: bool = False
    site_boilerplate: bool = True
    force: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Documents in flight at once: bounds memory whatever the corpus size.
    window: int = 256
    # Told of each finished document, per phase (see meter.py): the progress bar.
    progress: Progress | None = None

    @property
    def two_pass(self) -> bool:
        """A first pass counts each site's lines (site boilerplate is on and a rule)."""
        return self.site_boilerplate and "site_boilerplate" in self.config.rules


# --- finding the inputs -------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One input file (or stdin) and where its output goes, relative to the output folder."""

    path: Path | None  # None: stdin
    display: str
    output: Path
    jsonl: bool
    folder: str  # the site when nothing better is known


def _base_name(name: str) -> str:
    name = name.lower()
    return name[:-3] if name.endswith(".gz") else name


def _suffix(path: Path) -> str:
    return os.path.splitext(_base_name(path.name))[1]


def is_input_file(path: Path) -> bool:
    return _suffix(path) in SUFFIXES


def _output_name(relative: Path) -> Path:
    name = relative.name[:-3] if relative.name.lower().endswith(".gz") else relative.name
    stem, suffix = os.path.splitext(name)
    if suffix.lower() in PARQUET_SUFFIXES:
        return relative.with_name(stem + ".parquet")
    return relative.with_name(stem + (".jsonl" if suffix.lower() in JSONL_SUFFIXES else ".txt"))


def _selected(relative: str, options: Options) -> bool:
    if options.include and not any(fnmatch.fnmatch(relative, g) for g in options.include):
        return False
    return not any(fnmatch.fnmatch(relative, g) for g in options.exclude)


def plan(
    inputs: list[Path], out_dir: Path | None, options: Options | None = None
) -> Iterator[Source]:
    """Every input with its output path, lazily: folders walked recursively in sorted order.

    A folder walk never enters the output folder, nor any folder holding a `.cleaner/`
    state folder (the output of an earlier run: its reports and clean files are no
    input); a folder named in `inputs` is walked as asked. Two inputs of one folder that
    would map to the same output name (a.txt and a.html) keep their full names; names
    are only compared within a folder, so nothing here grows with the corpus.
    """
    options = options or Options()
    out_resolved = out_dir.resolve() if out_dir else None
    for given in inputs:
        if str(given) == STDIN:
            yield Source(None, STDIN, Path("stdin.jsonl"), True, "stdin")
        elif given.is_dir():
            for root, dirs, files in os.walk(given):
                root_path = Path(root)
                if STATE_DIR in dirs and root_path != given:
                    dirs[:] = []
                    continue
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d != STATE_DIR
                    and (out_resolved is None or (root_path / d).resolve() != out_resolved)
                )
                taken: set[Path] = set()
                for name in sorted(files):
                    path = root_path / name
                    relative = path.relative_to(given)
                    if is_input_file(path) and _selected(relative.as_posix(), options):
                        output = _output_name(relative)
                        if output in taken:
                            output = relative.with_name(path.name + ".txt")
                        taken.add(output)
                        yield Source(
                            path,
                            str(path),
                            output,
                            _suffix(path) in STREAM_SUFFIXES,
                            str(path.parent),
                        )
        else:
            yield Source(
                given,
                str(given),
                _output_name(Path(given.name)),
                _suffix(given) in STREAM_SUFFIXES,
                str(given.parent),
            )


# --- reading documents --------------------------------------------------------


CHUNK = 1 << 20


def _check_regular(path: Path) -> os.stat_result:
    """A FIFO or device named like a dump would block or never end: refuse it unread."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise InputError(
            "not a regular file (a pipe, socket or device); copy its contents to a file",
            kind="unreadable",
        )
    return status


def read_input(path: Path, config: Config | None = None) -> bytes:
    """The file's bytes, gunzipped; refused past the size limits (a gzip bomb, a huge file)."""
    config = config or Config()
    limit = int(config.max_file_mb * 1e6)
    size = _check_regular(path).st_size
    if size > limit:
        raise InputError(
            f"the file is {size / 1e6:.0f} MB, over the {config.max_file_mb:g} MB limit; "
            "split it, or raise max_file_mb in the config",
            kind="too_large",
        )
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes()
    cap = int(config.max_decompressed_mb * 1e6)
    # One growing buffer: joining a list of chunks would hold the text twice.
    data = bytearray()
    try:
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                if len(data) + len(chunk) > cap:
                    raise InputError(
                        f"the file decompresses past {config.max_decompressed_mb:g} MB "
                        f"(from {size / 1e6:.1f} MB): a gzip bomb or a file too large to clean; "
                        "raise max_decompressed_mb in the config if it is genuine",
                        kind="too_large",
                    )
                data += chunk
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(
            f"corrupt or truncated gzip file ({error}); re-download it", kind="corrupt_gzip"
        ) from error
    return bytes(data)


def _is_html(path: Path) -> bool:
    return _suffix(path) in HTML_SUFFIXES


def load_file(path: Path, config: Config | None = None) -> Loaded:
    """Read, decompress, decode and (for HTML) extract one input file."""
    config = config or Config()
    return load_bytes(read_input(path, config), html=_is_html(path), config=config)


def clean_file(path: Path, config: Config | None = None) -> Cleaned:
    """Clean one .txt or .html file (optionally gzipped) on its own."""
    return clean_loaded(load_file(path, config), config)


def is_parquet(source: Source) -> bool:
    return source.path is not None and _suffix(source.path) in PARQUET_SUFFIXES


def _open_stream(source: Source, fields: Fields) -> IO[bytes]:
    """A JSONL file as bytes: each line is decoded on its own, so a broken one is noticed.

    A Parquet file reads as JSON lines of its mapped columns (see parquet_io).
    """
    assert source.path is not None, "stdin is spooled to a file first"
    _check_regular(source.path)
    if is_parquet(source):
        # Not a file, but it reads like one where it is read (readline, with).
        return cast(IO[bytes], RecordLines(source.path, fields))
    if source.path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(source.path, "rb"))
    return source.path.open("rb")


def first_record(source: Source, options: Options) -> dict[str, Any] | None:
    """A stream's first record (a Parquet file: its columns, see parquet_io.first_row);
    None when none of its first lines is a record, or it cannot be read."""
    assert source.path is not None, "stdin is spooled to a file first"
    limit = int(options.config.max_record_mb * 1e6)
    try:
        if is_parquet(source):
            _check_regular(source.path)
            return first_row(source.path, options.fields.text)
        with _open_stream(source, options.fields) as handle:
            lines = _bounded_lines(handle, limit)
            for _number, raw, _problem in itertools.islice(lines, FIRST_RECORD_LINES):
                with contextlib.suppress(ValueError):
                    record = json.loads(raw)
                    if isinstance(record, dict):
                        return record
    except (OSError, InputError):
        pass  # the run reports it
    return None


def check_text_field(sources: Iterable[Source], options: Options) -> None:
    """Raise MissingField when no record stream has the text field in its first record.

    The field name is then wrong for the whole run (a usage error: every record would
    fail); the message names the first such stream's fields. When some streams have it,
    the run goes on: a Parquet file without the column fails alone, a JSONL record
    without the field fails alone.
    """
    lacking: list[tuple[Source, dict[str, Any]]] = []
    for source in sources:
        if not source.jsonl:
            continue
        record = first_record(source, options)
        if record is None:
            continue
        if options.fields.text in record:
            return
        lacking.append((source, record))
    if lacking:
        source, record = lacking[0]
        what = "column" if is_parquet(source) else "field"
        where = f"the first record of {'stdin' if source.display == STDIN else source.display}"
        if len(lacking) > 1:
            where += f" (and of the {len(lacking) - 1} other record streams)"
        raise MissingField(where, options.fields.text, record, what)


# --- units of work ------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One document: a file, or one JSONL record; numbered the same way in both passes."""

    index: int
    number: int  # which source
    source: Source
    display: str
    path: str | None = None
    line: str | None = None
    # A record finished by an earlier run (resume) or a refusal: passed through as is.
    reuse: str | None = None
    # Why the record cannot be read (over max_record_mb, a corrupt .gz): it fails in turn.
    error: str | None = None
    error_kind: str = "too_large"
    # The line held invalid UTF-8 (replaced by U+FFFD): recorded as a repair.
    broken_utf8: bool = False
    # Bytes of the source read once this record was (None: the whole file): the progress.
    offset: int | None = None

    @property
    def folder(self) -> str:
        return self.source.folder


@dataclass
class Outcome:
    number: int
    source: Source
    record: Record
    output: str | None  # the clean file's text, or the JSONL output line
    site: str | None = None
    reused: bool = False


@dataclass
class WorkerState:
    """What a worker needs besides the item: the settings and the site table."""

    options: Options
    table: SiteTable | None
    cache: Path | None
    site_lines: dict[str, SiteLines] = field(default_factory=dict)

    def lines_for(self, site: str) -> SiteLines | None:
        if self.table is None:
            return None
        if site not in self.site_lines:
            self.site_lines[site] = self.table.lines_for(site, self.options.config)
        return self.site_lines[site]


_STATE: WorkerState | None = None


def _init_worker(options: Options, table: SiteTable | None, cache: str | None) -> None:
    global _STATE
    _STATE = WorkerState(options, table, Path(cache) if cache else None)


def _state() -> WorkerState:
    assert _STATE is not None, "worker not initialised"
    return _STATE


def _failure(display: str, error: BaseException) -> Record:
    if isinstance(error, InputError):
        return failure_record(display, error.kind, str(error))
    if isinstance(error, DocumentTimeout):
        message = (
            "cleaning took longer than the per-document budget (doc_time_budget_s); "
            "check the document, or raise the budget in the config"
        )
        return failure_record(display, "timeout", message)
    if isinstance(error, RuleError):
        return failure_record(display, "rule_error", str(error))
    if isinstance(error, OSError):
        message = f"{error.strerror or error}; check the path and its permissions"
        return failure_record(display, "unreadable", message)
    # A bug must cost one document, not the batch.
    message = f"{type(error).__name__}: {error}; please report this with the input"
    return failure_record(display, "internal_error", message)


def _parse_record(line: str, fields: Fields, config: Config) -> tuple[dict[str, Any], Loaded]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"not JSON ({error.msg} at column {error.colno}); fix or remove this line"
        ) from error
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be a JSON object")
    return record, load_record(record, fields, config)


def load_record(record: dict[str, Any], fields: Fields, config: Config) -> Loaded:
    """The text, title and URL of one record (a JSONL line, a Dask bag's dict), checked."""
    if fields.text not in record:
        raise MissingField("the record", fields.text, record)
    text = record[fields.text]
    if text is None:
        raise InputError(f"field {fields.text!r} is null: there is no text to clean")
    if not isinstance(text, str):
        raise InputError(
            f"field {fields.text!r} holds a {type(text).__name__}, not a string; name the "
            "text field with --text-field"
        )
    title, url = record.get(fields.title), record.get(fields.url)
    loaded = Loaded(
        text, title if isinstance(title, str) else None, url if isinstance(url, str) else None, []
    )
    return check_loaded(loaded, config)


def _load_item(item: Item, state: WorkerState) -> tuple[dict[str, Any] | None, Loaded]:
    options = state.options
    if item.error is not None:
        raise InputError(item.error, kind=item.error_kind)
    if item.path is not None:
        return None, load_file(Path(item.path), options.config)
    assert item.line is not None
    record, loaded = _parse_record(item.line, options.fields, options.config)
    if item.broken_utf8:
        loaded.repairs.insert(0, _broken_utf8_repair(loaded.text))
    return record, loaded


def _broken_utf8_repair(text: str) -> Repair:
    how = "invalid UTF-8 in this JSONL line replaced by U+FFFD (offsets in the text field)"
    return encoding_repair("utf-8", how, offsets=listed_offsets(text, "\ufffd"))


def count_item(item: Item, state: WorkerState | None = None) -> tuple[str | None, set[bytes]]:
    """First pass: the item's site and its line digests (extracted HTML is cached for
    pass two).

    `state` defaults to this worker process's (the Dask engine passes its own).
    """
    state = state or _state()
    try:
        with time_budget(state.options.config.doc_time_budget_s):
            _, loaded = _load_item(item, state)
    except Exception:
        return None, set()  # the second pass reports the error
    # Only extracted HTML waits in the cache: a text file is read and decoded again in
    # less time than its JSON copy takes to write and read (a new file each).
    if item.path is not None and state.cache is not None and _is_html(Path(item.path)):
        (state.cache / f"{item.index}.json").write_text(json.dumps(asdict(loaded)), "utf-8")
    return site_of(loaded.url, item.folder), document_digests(loaded.text)


def clean_item(item: Item, state: WorkerState | None = None) -> Outcome:
    """Second pass: clean one item; return its report record and its output."""
    if item.reuse is not None:
        saved = json.loads(item.reuse)
        return Outcome(item.number, item.source, saved["record"], None, saved.get("site"), True)
    state = state or _state()
    options = state.options
    try:
        with time_budget(options.config.doc_time_budget_s):
            cached = state.cache / f"{item.index}.json" if state.cache is not None else None
            if cached is not None and cached.exists():
                record, loaded = None, Loaded(**json.loads(cached.read_text("utf-8")))
                cached.unlink()
            else:
                record, loaded = _load_item(item, state)
            site = site_of(loaded.url, item.folder)
            cleaned = clean_loaded(loaded, options.config, state.lines_for(site))
    except Exception as error:
        return Outcome(item.number, item.source, _failure(item.display, error), None)
    report = loaded_report(item.display, cleaned, loaded, site)
    if record is None:
        text = cleaned.text + "\n" if cleaned.text else ""
        return Outcome(item.number, item.source, report, text, site)
    line = json.dumps(cleaned_record(record, cleaned, report, options.fields), ensure_ascii=False)
    return Outcome(item.number, item.source, report, line + "\n", site)


def loaded_report(display: str, cleaned: Cleaned, loaded: Loaded, site: str) -> Record:
    """The report record of one cleaned document, with its site and its repairs."""
    report = document_record(display, cleaned, None)
    report["site"] = site  # the HTML report groups documents by it
    if loaded.repairs:
        # Removal offsets refer to the repaired text; the repairs lead back to the bytes.
        report["repairs"] = loaded.repairs
    return report


def cleaned_record(
    record: dict[str, Any], cleaned: Cleaned, report: Record, fields: Fields
) -> dict[str, Any]:
    """The record with the clean text, the headline and the removal summary (in place).

    The text field gets the clean text of what it held (`Cleaned.field_text`): a
    headline printed there stays where it was, and none is added.
    """
    record[fields.text] = cleaned.field_text
    if cleaned.title is not None:
        record[fields.title] = cleaned.title
    record[SUMMARY_FIELD] = removal_summary(report)
    return record


# --- running ------------------------------------------------------------------


class _Runner:
    """Maps a function over items in input order, in this process or a pool of workers.

    The pool gets one continuous stream of items, but its feeder blocks once
    `options.window` items are in flight, so memory stays bounded and no worker waits
    for a batch boundary.
    """

    def __init__(self, options: Options, table: SiteTable | None, cache: Path | None) -> None:
        self.options = options
        args = (options, table, str(cache) if cache else None)
        self.pool = None
        # Set when the run fails: the feeder stops waiting for a slot nobody will free.
        self.stopping = threading.Event()
        if options.jobs > 1:
            self.pool = get_context("fork").Pool(options.jobs, _init_worker, args)
        else:
            _init_worker(*args)

    def map(self, func: Callable[[Item], Any], items: Iterable[Item]) -> Iterator[Any]:
        if self.pool is None:
            yield from map(func, items)
            return
        # A chunk goes to a worker only when whole: a smaller window would never fill one.
        in_flight = threading.BoundedSemaphore(max(self.options.window, RUNNER_CHUNK))

        def feed() -> Iterator[Item]:
            for item in items:
                while not in_flight.acquire(timeout=FEEDER_POLL_S):
                    if self.stopping.is_set():
                        return
                yield item

        for result in self.pool.imap(func, feed(), chunksize=RUNNER_CHUNK):
            in_flight.release()
            yield result

    def close(self, *, failed: bool = False) -> None:
        if self.pool is None:
            return
        if failed:
            # terminate() waits for the pool's feeder thread, which may be waiting for
            # a slot: tell it to stop first.
            self.stopping.set()
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()


def _record_display(source: Source, line: str, line_number: int, id_field: str) -> str:
    try:
        record = json.loads(line)
        ident = record.get(id_field) if isinstance(record, dict) else None
    except json.JSONDecodeError:
        ident = None
    return f"{source.display}#{ident if ident is not None else f'line {line_number}'}"


def _items(
    sources: Iterable[tuple[int, Source]],
    options: Options,
    prepare: Callable[[int, Source], Any] | None = None,
) -> Iterator[Item]:
    """Every document of every source, numbered in input order.

    `prepare(number, source)` (second pass) says what an earlier run finished or why
    the source is refused: a JSON record for a file, record lines for a stream.
    """
    index = 0
    for number, source in sources:
        ready = prepare(number, source) if prepare else None
        if not source.jsonl:
            assert source.path is not None
            yield Item(index, number, source, source.display, str(source.path), reuse=ready)
            index += 1
            continue
        if isinstance(ready, str):  # a refused stream
            yield _whole_failure(index, number, source, ready)
            index += 1
            continue
        finished: list[str] = ready or []
        try:
            handle = _open_stream(source, options.fields)
        except (OSError, InputError) as error:
            failed = json.dumps({"record": _failure(source.display, error)})
            yield _whole_failure(index, number, source, failed)
            index += 1
            continue
        limit = int(options.config.max_record_mb * 1e6)
        with handle:
            done = 0
            for line_number, raw, failure in _bounded_lines(handle, limit):
                if not raw.strip() and failure is None:
                    continue
                reuse = None
                if done < len(finished):
                    reuse = finished[done]
                    done += 1
                offset = _stream_offset(handle)
                if failure is not None:
                    display = f"{source.display}#line {line_number}"
                    kind, message = failure
                    yield Item(
                        index,
                        number,
                        source,
                        display,
                        reuse=reuse,
                        error=message,
                        error_kind=kind,
                        offset=offset,
                    )
                else:
                    try:
                        line, broken = raw.decode("utf-8"), False
                    except UnicodeDecodeError:
                        line, broken = raw.decode("utf-8", errors="replace"), True
                    display = _record_display(source, line, line_number, options.fields.id)
                    yield Item(
                        index,
                        number,
                        source,
                        display,
                        line=line,
                        reuse=reuse,
                        broken_utf8=broken,
                        offset=offset,
                    )
                index += 1


def _stream_offset(handle: IO[bytes]) -> int:
    """Bytes of the stream's file read so far (of the compressed file for a .gz)."""
    if isinstance(handle, gzip.GzipFile) and handle.myfileobj is not None:
        return handle.myfileobj.tell()
    return handle.tell()


def _metered(
    results: Callable[[Iterable[Item]], Iterator[Any]], items: Iterable[Item], meter: Meter | None
) -> Iterator[Any]:
    """`results(items)`, telling `meter` of each item once its result is taken.

    Results come back in input order, so the items' places wait in a queue (no more
    than the runner's window of them) until their results arrive.
    """
    if meter is None:
        yield from results(items)
        return
    places: deque[tuple[int, Path | None, int | None]] = deque()

    def noted() -> Iterator[Item]:
        for item in items:
            # Stdin's size is not in the bar's total (it is read after the bar starts).
            path = None if item.source.display == STDIN else item.source.path
            places.append((item.number, path, item.offset))
            yield item

    for result in results(noted()):
        yield result
        meter.advance(*places.popleft())
    meter.finish()


def _meter(options: Options, phase: str, documents_total: int | None = None) -> Meter | None:
    if options.progress is None:
        return None
    return Meter(phase, options.progress, documents_total)


def _whole_failure(index: int, number: int, source: Source, failed: str) -> Item:
    """A stream failing as a whole (refused, unreadable, no text column) goes on as a
    failed file: no output is written (over an input, when refused), and no resume state
    is kept, so a rerun fails it the same way."""
    as_file = Source(source.path, source.display, source.output, False, source.folder)
    return Item(index, number, as_file, source.display, reuse=failed)


def _bounded_lines(
    handle: IO[bytes], limit: int
) -> Iterator[tuple[int, bytes, tuple[str, str] | None]]:
    """(number, line, failure) for each line; a line over `limit` bytes is skipped in
    pieces, never held whole, and comes back empty with (kind, message). A corrupt
    .gz ends the stream with one failure for the rest of it."""
    line_number = 0
    try:
        while line := handle.readline(limit + 1):
            line_number += 1
            if len(line) <= limit or line.endswith(b"\n"):
                yield line_number, line, None
                continue
            size = len(line)
            while (piece := handle.readline(CHUNK)) and not piece.endswith(b"\n"):
                size += len(piece)
            size += len(piece)
            message = (
                f"the record is over {size / 1e6:.0f} MB, past the max_record_mb limit of "
                f"{limit / 1e6:g} MB; split it, or raise max_record_mb in the config"
            )
            yield line_number, b"", ("too_large", message)
    except (OSError, EOFError, zlib.error) as error:
        message = (
            f"corrupt or truncated gzip file after line {line_number} ({error}); the lines "
            "before it were cleaned; re-download it"
        )
        yield line_number + 1, b"", ("corrupt_gzip", message)


def _fingerprint(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _input_stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _output_stamp(path: Path) -> list[int]:
    """Which file `path` is now: a rewrite (temp file and rename) is a new inode."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _complete_lines(path: Path) -> list[str]:
    """The whole lines of a file written line by line (a torn last line is dropped)."""
    if not path.exists():
        return []
    # Split on "\n" only: str.splitlines also breaks at U+2028 and U+0085, which
    # json.dumps(ensure_ascii=False) leaves raw inside a record.
    with path.open(encoding="utf-8", newline="") as handle:
        return [line + "\n" for line in handle.read().split("\n")[:-1]]


class _Outputs:
    """Writes each outcome where it belongs, in input order, and remembers finished work."""

    def __init__(
        self,
        out_dir: Path | None,
        options: Options,
        state_dir: Path | None,
        stdout: IO[str] | None,
        table: SiteTable | None,
    ) -> None:
        self.out_dir, self.options, self.state_dir, self.stdout = (
            out_dir,
            options,
            state_dir,
            stdout,
        )
        self.settings = _fingerprint(
            options.config, options.fields, options.site_boilerplate, code_stamp()
        )
        self.site_stamp = _site_stamps(table, options)
        self.table_stamp = (
            _fingerprint(
                sorted(table.documents.items()),
                sorted((site, sorted(c.items())) for site, c in table.lines.items()),
            )
            if table is not None
            else ""
        )
        self.files = FileStates(state_dir / "files.sqlite") if state_dir is not None else None
        # Only JSONL streams (few) keep state here; files keep nothing per file.
        self.stream_stamps: dict[int, str] = {}
        self.open_number: int | None = None
        self.open_source: Source | None = None
        self.output: IO[str] | None = None
        self.records: IO[str] | None = None

    def target(self, source: Source) -> Path | None:
        if self.out_dir is None or self.options.dry_run:
            return None
        return self.out_dir / source.output

    def stream_state(self, source: Source) -> Path | None:
        if self.state_dir is None:
            return None
        return self.state_dir / "streams" / source.output.as_posix()

    # -- before cleaning: what an earlier run finished, or a refusal -------------------

    def prepare(self, number: int, source: Source) -> Any:
        target = self.target(source)
        if target is not None and source.path is not None and overwrites_input(target, source.path):
            return json.dumps({"record": _refusal(source)})
        if source.jsonl:
            return self._prepare_stream(number, source)
        if self.files is None or target is None:
            return None
        found = self.files.get(source.output.as_posix())
        if found is None:
            return None
        try:
            saved = json.loads(found)
            stamp = _input_stamp(source.path)
            # The output on disk must be the one this record was written with: a later
            # run whose record was lost (killed before its commit) may have replaced it.
            if saved.get("written") != _output_stamp(target):
                return None
        except (OSError, ValueError):
            return None
        fingerprint = _fingerprint(self.settings, stamp, self.site_stamp(saved.get("site")))
        return found if saved.get("fingerprint") == fingerprint else None

    def _prepare_stream(self, number: int, source: Source) -> list[str] | None:
        try:
            stamp = _input_stamp(source.path)
        except OSError:
            return None
        self.stream_stamps[number] = _fingerprint(self.settings, stamp, self.table_stamp)
        base = self.stream_state(source)
        if base is None or source.path is None:
            return None
        partial, records = _sibling(base, ".partial"), _sibling(base, ".records")
        stamp_file = _sibling(base, ".stamp")
        if not stamp_file.exists() or stamp_file.read_text("utf-8") != self.stream_stamps[number]:
            for stale in (partial, records):
                stale.unlink(missing_ok=True)
            stamp_file.parent.mkdir(parents=True, exist_ok=True)
            stamp_file.write_text(self.stream_stamps[number], "utf-8")
            return None
        kept_out, kept_rec = _complete_lines(partial), _complete_lines(records)
        # Each record line is written before its output line: keep what both hold.
        n = written = 0
        for line in kept_rec:
            has_output = json.loads(line)["record"]["status"] != "failed"
            if has_output and written >= len(kept_out):
                break
            written += has_output
            n += 1
        if n == 0:
            # Nothing to keep (or a stream that failed whole): no empty files either.
            for stale in (partial, records):
                stale.unlink(missing_ok=True)
            return None
        partial.write_text("".join(kept_out[:written]), "utf-8")
        records.write_text("".join(kept_rec[:n]), "utf-8")
        return kept_rec[:n]

    # -- after cleaning -----------------------------------------------------------------

    def write(self, outcome: Outcome) -> Record:
        """Write the outcome's output; return the record for the report."""
        source = outcome.source
        record = outcome.record
        if source.jsonl:
            self._stream(outcome)
            return record
        self.finish_stream()
        target = self.target(source)
        if target is None and self.stdout is not None and not self.options.dry_run:
            # `-o -`: the clean text goes to stdout (the CLI allows one such file).
            if outcome.output is not None:
                self.stdout.write(outcome.output)
                record["output"] = STDIN
            return record
        if outcome.reused or outcome.output is None or target is None:
            return record
        try:
            write_atomic(target, outcome.output)
        except OSError as error:
            return failure_record(
                source.display, "write_failed", f"could not write {target}: {error}"
            )
        record["output"] = source.output.as_posix()
        if self.files is not None:
            # On failure only the resume record is lost: a rerun cleans this file again.
            with contextlib.suppress(OSError):
                fingerprint = _fingerprint(
                    self.settings, _input_stamp(source.path), self.site_stamp(outcome.site)
                )
                saved = {
                    "fingerprint": fingerprint,
                    "written": _output_stamp(target),
                    "site": outcome.site,
                    "record": record,
                }
                self.files.put(source.output.as_posix(), saved)
        return record

    def close(self) -> None:
        """Keep what is finished for a rerun (the records not yet committed)."""
        if self.files is not None:
            self.files.close()

    def _stream(self, outcome: Outcome) -> None:
        if self.open_number != outcome.number:
            self.finish_stream()
            self.open_number, self.open_source = outcome.number, outcome.source
            base = self.stream_state(outcome.source)
            if base is not None:
                base.parent.mkdir(parents=True, exist_ok=True)
                self.output = _sibling(base, ".partial").open("a", encoding="utf-8")
                self.records = _sibling(base, ".records").open("a", encoding="utf-8")
            elif self.stdout is not None and not self.options.dry_run:
                self.output = self.stdout
        if outcome.reused:
            return
        if self.records is not None:
            saved = {"site": outcome.site, "record": outcome.record}
            self.records.write(json.dumps(saved, ensure_ascii=False) + "\n")
        # A bad record has no output line; its failure is in the report.
        if self.output is not None and outcome.output is not None:
            self.output.write(outcome.output)

    def finish_stream(self) -> None:
        """Close the open JSONL output and move it into place (atomic)."""
        if self.open_number is None or self.open_source is None:
            return
        source = self.open_source
        self.open_number = self.open_source = None
        if self.output is not None and self.output is not self.stdout:
            self.output.close()
            assert self.records is not None
            self.records.close()
            base = self.stream_state(source)
            target = self.target(source)
            assert base is not None
            if target is not None:
                with atomic_path(target) as tmp:
                    partial = _sibling(base, ".partial")
                    if not write_stream_output(source, partial, tmp, self.options.fields):
                        tmp.unlink()  # the input is unreadable now: no output at all
        elif self.output is not None:
            self.output.flush()
        self.output = self.records = None


def write_stream_output(source: Source, lines: Path, target: Path, fields: Fields) -> bool:
    """Write a stream's output from its cleaned JSON lines: as they are, or as Parquet.

    False when the Parquet input cannot be read again (its failure is reported already).
    """
    if not is_parquet(source):
        shutil.copyfile(lines, target)
        return True
    assert source.path is not None
    try:
        with lines.open(encoding="utf-8") as handle:
            write_parquet(source.path, handle, target, fields)
    except OSError:
        return False
    return True


def _sibling(base: Path, suffix: str) -> Path:
    return base.parent / (base.name + suffix)


def run(
    inputs: list[Path],
    out_dir: Path | None,
    *,
    config: Config | None = None,
    dry_run: bool = False,
    site_boilerplate: bool = True,
    options: Options | None = None,
    report_path: Path | None = None,
    stdout: IO[str] | None = None,
) -> RunReport:
    """Clean every input into `out_dir` (to `stdout` when there is none: JSONL records,
    and the clean text of a text or HTML file).

    The per-document records go to `report.jsonl` beside `report_path`, and
    `report_path` (usually OUT/report.json) gets the summary and every record.
    Inputs are walked lazily, twice (site counts, then cleaning): memory does not
    grow with the number of files. Raises MissingField, before writing anything, when
    no record stream has the text field (see check_text_field).
    """
    started = RunStart()
    if options is None:
        options = Options(
            config=config or Config(), dry_run=dry_run, site_boilerplate=site_boilerplate
        )
    two_pass = options.two_pass
    state_dir = out_dir / STATE_DIR if out_dir is not None and not options.dry_run else None
    with tempfile.TemporaryDirectory(prefix="cleaner-") as scratch:
        cache = Path(scratch) / "cache"
        cache.mkdir()
        stdin_copy = _spool_stdin(inputs, Path(scratch))

        def sources() -> Iterator[tuple[int, Source]]:
            for number, source in enumerate(plan(inputs, out_dir, options)):
                if source.path is None:
                    source = Source(stdin_copy, source.display, source.output, True, source.folder)
                yield number, source

        # A wrong text field stops the run before anything is written or removed.
        check_text_field((source for _, source in sources()), options)
        if state_dir is not None and options.force and state_dir.exists():
            shutil.rmtree(state_dir)
        if out_dir is not None and not options.dry_run:
            sweep_temp_files(out_dir)

        counting = _meter(options, COUNTING) if two_pass else None
        table = _count_sites(sources(), options, cache, counting) if two_pass else None
        # The first pass counted the documents: the second shows N of them.
        cleaning = _meter(options, CLEANING, counting.documents if counting else None)
        records_path = (
            report_path.with_name("report.jsonl") if report_path else Path(scratch) / "report.jsonl"
        )
        records_path.parent.mkdir(parents=True, exist_ok=True)
        with records_path.open("w", encoding="utf-8", newline="\n") as stream:
            report = RunReport(stream=stream, config=options.config, started=started)
            outputs = _Outputs(out_dir, options, state_dir, stdout, table)
            runner = _Runner(options, table, cache)
            failed = True
            try:
                items = _items(sources(), options, outputs.prepare)
                for outcome in _metered(partial(runner.map, clean_item), items, cleaning):
                    report.add(outputs.write(outcome))
                outputs.finish_stream()
                failed = False
            finally:
                try:
                    runner.close(failed=failed)
                finally:
                    outputs.close()
        report.stream = None
        if report_path is not None:
            write_report_json(report_path, report, records_path)
    return report


def overwrites_input(target: Path, source: Path) -> bool:
    """Would writing `target` write over the input `source`? (realpath, not
    Path.resolve: a symlink loop must fail as unreadable later, not here.)"""
    return os.path.realpath(target) == os.path.realpath(source)


def sweep_temp_files(out_dir: Path) -> None:
    """Remove temp files an interrupted run left (write_atomic names them `.NAME.*.tmp`)."""
    if not out_dir.is_dir():
        return
    for root, _, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(root, name).unlink(missing_ok=True)


def _spool_stdin(inputs: list[Path], scratch: Path) -> Path | None:
    """Stdin is read twice (site counts, then cleaning): keep one copy on disk."""
    if not any(str(p) == STDIN for p in inputs):
        return None
    copy = scratch / "stdin.jsonl"
    with copy.open("wb") as handle:
        shutil.copyfileobj(sys.stdin.buffer, handle)
    return copy


def _count_sites(
    sources: Iterable[tuple[int, Source]], options: Options, cache: Path, meter: Meter | None
) -> SiteTable:
    # The counts wait on disk beside the cache: memory stays flat however large the corpus.
    counts = SpooledCounts(cache.with_name("site-counts"))
    runner = _Runner(options, None, cache)
    failed = True
    try:
        items = _items(sources, options)
        for site, digests in _metered(partial(runner.map, count_item), items, meter):
            if site is not None:
                counts.add_digests(site, digests)
        failed = False
    finally:
        runner.close(failed=failed)
    return counts.table(options.config)


def _site_stamps(table: SiteTable | None, options: Options) -> Callable[[str | None], str]:
    memo: dict[str | None, str] = {}

    def stamp(site: str | None) -> str:
        if table is None or site is None:
            return ""
        if site not in memo:
            lines = table.lines_for(site, options.config)
            memo[site] = _fingerprint(
                lines.documents, sorted(lines.repeated.items()), sorted(lines.shared.items())
            )
        return memo[site]

    return stamp


def _refusal(source: Source) -> Record:
    return failure_record(
        source.display,
        "refused",
        "the output would overwrite an input file; choose an output folder outside the inputs",
    )
