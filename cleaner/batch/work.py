"""The work on one document, the same in both engines: `count_item` (the first pass,
a site and line digests) and `clean_item` (its report record and output).

A worker process holds one `WorkerState` (the settings and the site table); the
Dask engine passes its own. An error costs one document, never the batch.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cleaner.batch.options import Options
from cleaner.batch.plan import Source
from cleaner.config import Config
from cleaner.core.document import Cleaned
from cleaner.core.errors import InputError
from cleaner.core.limits import DocumentTimeout, time_budget
from cleaner.core.pipeline import RuleError
from cleaner.core.site import SiteLines, SiteTable, document_digests, site_of
from cleaner.formats.fields import Fields
from cleaner.formats.jsonl import broken_utf8_repair, parse_record
from cleaner.formats.loading import Loaded, clean_loaded
from cleaner.formats.registry import load_file
from cleaner.report.record import (
    SUMMARY_FIELD,
    DocumentRecord,
    document_record,
    failure_record,
    removal_summary,
)


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
    record: DocumentRecord
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


def init_worker(options: Options, table: SiteTable | None, cache: str | None) -> None:
    global _STATE
    _STATE = WorkerState(options, table, Path(cache) if cache else None)


def _state() -> WorkerState:
    assert _STATE is not None, "worker not initialised"
    return _STATE


def failure_for(display: str, error: BaseException) -> DocumentRecord:
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


def clean_file(path: Path, config: Config | None = None) -> Cleaned:
    """Clean one .txt or .html file (optionally gzipped) on its own."""
    return clean_loaded(load_file(path, config), config)


def load_item(item: Item, state: WorkerState) -> tuple[dict[str, Any] | None, Loaded]:
    options = state.options
    if item.error is not None:
        raise InputError(item.error, kind=item.error_kind)
    if item.path is not None:
        return None, load_file(Path(item.path), options.config)
    assert item.line is not None
    record, loaded = parse_record(item.line, options.fields, options.config)
    if item.broken_utf8:
        loaded.repairs.insert(0, broken_utf8_repair(loaded.text))
    return record, loaded


def count_item(item: Item, state: WorkerState | None = None) -> tuple[str | None, set[bytes]]:
    """First pass: the item's site and its line digests (extracted HTML is cached for
    pass two).

    `state` defaults to this worker process's (the Dask engine passes its own).
    """
    state = state or _state()
    try:
        with time_budget(state.options.config.doc_time_budget_s):
            _, loaded = load_item(item, state)
    except Exception:
        return None, set()  # the second pass reports the error
    # Only extracted HTML waits in the cache: a text file is read and decoded again in
    # less time than its JSON copy takes to write and read (a new file each).
    if item.path is not None and state.cache is not None and item.source.format == "html":
        (state.cache / f"{item.index}.json").write_text(json.dumps(asdict(loaded)), "utf-8")
    return site_of(loaded.url, item.folder), document_digests(loaded.text)


def clean_item(item: Item, state: WorkerState | None = None) -> Outcome:
    """Second pass: clean one item; return its report record and its output."""
    if item.reuse is not None:
        saved = json.loads(item.reuse)
        reused = DocumentRecord.from_dict(saved["record"])
        return Outcome(item.number, item.source, reused, None, saved.get("site"), True)
    state = state or _state()
    options = state.options
    try:
        with time_budget(options.config.doc_time_budget_s):
            cached = state.cache / f"{item.index}.json" if state.cache is not None else None
            if cached is not None and cached.exists():
                record, loaded = None, Loaded(**json.loads(cached.read_text("utf-8")))
                cached.unlink()
            else:
                record, loaded = load_item(item, state)
            site = site_of(loaded.url, item.folder)
            cleaned = clean_loaded(loaded, options.config, state.lines_for(site))
    except Exception as error:
        return Outcome(item.number, item.source, failure_for(item.display, error), None)
    report = loaded_report(item.display, cleaned, loaded, site)
    if record is None:
        text = cleaned.text + "\n" if cleaned.text else ""
        return Outcome(item.number, item.source, report, text, site)
    line = json.dumps(cleaned_record(record, cleaned, report, options.fields), ensure_ascii=False)
    return Outcome(item.number, item.source, report, line + "\n", site)


def loaded_report(display: str, cleaned: Cleaned, loaded: Loaded, site: str) -> DocumentRecord:
    """The report record of one cleaned document, with its site and its repairs."""
    report = document_record(display, cleaned, None)
    report.site = site
    if loaded.repairs:
        # Removal offsets refer to the repaired text; the repairs lead back to the bytes.
        report.repairs = loaded.repairs
    return report


def cleaned_record(
    record: dict[str, Any], cleaned: Cleaned, report: DocumentRecord, fields: Fields
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
