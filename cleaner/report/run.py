"""The run report: counts over a run, report.json written and read back, the exit code.

Like black's `Report`: it counts changed, unchanged and failed documents, and
`exit_code` tells the truth (0 all good, 1 some documents failed). It keeps
counts only: each document's full record goes to `report.jsonl` as it is
produced, and `report.json` (the summary, the run itself and every record) is
assembled from that file at the end, so memory does not grow with the corpus.

This module alone knows the layout of `report.json`: it writes the file and reads
it back (the summary, each record and where to find it again) for the HTML report.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, BinaryIO

from cleaner.atomic import write_atomic
from cleaner.config import Config
from cleaner.report.record import DocumentRecord, Record
from cleaner.report.totals import Totals


@dataclass(frozen=True)
class RunStart:
    """When a run started: the wall clock for the report, a monotonic clock to time it."""

    wall: float = field(default_factory=time.time)
    clock: float = field(default_factory=time.monotonic)


def run_section(config: Config | None, started: RunStart) -> dict[str, Any]:
    """What report.json says of the run itself: enough to tell two runs apart and redo one."""
    from cleaner.version import __version__

    return {
        "cleaner_version": __version__,
        "command": list(sys.argv),
        "started": datetime.fromtimestamp(started.wall, timezone.utc).isoformat(timespec="seconds"),
        "elapsed_s": round(time.monotonic() - started.clock, 3),
        "config": asdict(config) if config is not None else None,
    }


@dataclass
class RunReport:
    """Counts over a run, and (optionally) the stream of per-document records."""

    stream: IO[str] | None = None
    # The settings in force and the start, for the `run` section of report.json.
    config: Config | None = None
    started: RunStart = field(default_factory=RunStart)
    totals: Totals = field(default_factory=Totals)
    flagged: list[str] = field(default_factory=list)  # the flagged documents' paths
    failures: list[DocumentRecord] = field(default_factory=list)

    def add(self, record: DocumentRecord) -> None:
        data = record.to_dict()  # the JSON report.jsonl holds, which the totals count
        self.totals.add(data)
        if record.failed:
            self.failures.append(record)
        if record.flagged:
            self.flagged.append(record.path)
        if self.stream is not None:
            self.stream.write(json.dumps(data, ensure_ascii=False) + "\n")

    @property
    def failed(self) -> int:
        return self.totals.statuses["failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> dict[str, Any]:
        totals = self.totals
        return {
            "documents": totals.documents,
            "changed": totals.statuses["changed"],
            "unchanged": totals.statuses["unchanged"],
            "failed": totals.statuses["failed"],
            "chars_in": totals.chars_in,
            "chars_out": totals.chars_out,
            "removals_by_kind": dict(sorted(totals.removals.items())),
            "chars_removed_by_kind": dict(sorted(totals.chars_removed.items())),
            "flagged": self.flagged,
            "repaired": totals.repaired,
        }


# The layout of report.json: the summary on the second line and the run on the third,
# then each record on a line of its own, so a reader finds the summary without parsing
# the documents and walks the records one line at a time.
SUMMARY_KEY = '"summary":'
RUN_KEY = '"run":'
DOCUMENTS_KEY = '"documents":'


def write_report_json(path: Path, report: RunReport, records_path: Path | None) -> None:
    """Write `report.json`: the run summary, the run itself (`run_section`), then every
    record read back from `records_path`, each on a line of its own.

    Streams record by record (never holding them all) and renames into place at the end.
    """
    write_atomic(path, _report_json_pieces(report, records_path))


def _report_json_pieces(report: RunReport, records_path: Path | None) -> Iterator[str]:
    yield f"{{\n {SUMMARY_KEY} "
    yield json.dumps(report.summary(), ensure_ascii=False)
    yield f",\n {RUN_KEY} "
    yield json.dumps(run_section(report.config, report.started), ensure_ascii=False)
    yield f",\n {DOCUMENTS_KEY} ["
    first = True
    if records_path is not None and records_path.exists():
        with records_path.open(encoding="utf-8") as records:
            for line in records:
                if line.strip():
                    yield ("\n  " if first else ",\n  ") + line.rstrip("\n")
                    first = False
    yield "\n ]\n}\n"


def read_summary(report_json: Path) -> dict[str, Any]:
    """The `summary` object of a `report.json` (its second line, in our own layout; a
    report laid out otherwise is parsed whole)."""
    with report_json.open(encoding="utf-8") as handle:
        handle.readline()
        line = handle.readline().strip()
    if line.startswith(SUMMARY_KEY):
        # Indented by another tool, the line holds only the summary's first brace.
        with contextlib.suppress(json.JSONDecodeError):
            return dict(json.loads(line.removeprefix(SUMMARY_KEY).rstrip(",")))
    return dict(json.loads(report_json.read_text("utf-8")).get("summary", {}))


def iter_records(report_json: Path) -> Iterator[Record]:
    """The document records of a `report.json`, one at a time."""
    for record, _ in iter_records_located(report_json):
        yield record


# Where a record can be found again: its byte offset in the report, or (in a report
# laid out otherwise) its JSON in UTF-8.
Location = int | bytes


def iter_records_located(report_json: Path) -> Iterator[tuple[Record, Location]]:
    """Each document record with where to find it again (see `record_at`), so a sample
    keeps a number per record instead of the record.

    Our own layout is read line by line; a report laid out differently (rewritten by
    another tool) is parsed whole.
    """
    with report_json.open("rb") as handle:
        head = [handle.readline(), handle.readline(), handle.readline()]
        if head[2].lstrip().startswith(RUN_KEY.encode()):  # reports before it have none
            head[2] = handle.readline()
        if not _own_layout(*head):
            handle.seek(0)
            for record in json.load(handle).get("documents", []):
                yield record, json.dumps(record, ensure_ascii=False).encode()
            return
        while True:
            offset = handle.tell()
            line = handle.readline()
            if not line:
                return
            line = line.strip().rstrip(b",")
            if line.startswith(b"{"):
                yield json.loads(line), offset


def _own_layout(opening: bytes, summary: bytes, documents: bytes) -> bool:
    """Are these the first lines `write_report_json` writes? The summary whole on its
    line (an indented report spreads it over many, one of them `"documents": 3,`)."""
    return (
        opening.strip() == b"{"
        and summary.lstrip().startswith(SUMMARY_KEY.encode())
        and summary.rstrip().endswith(b"},")
        and documents.strip() == DOCUMENTS_KEY.encode() + b" ["
    )


def record_at(handle: BinaryIO, location: Location) -> Record:
    """The record at `location` (from `iter_records_located`) of the open report."""
    if isinstance(location, bytes):
        return dict(json.loads(location))
    handle.seek(location)
    return dict(json.loads(handle.readline().strip().rstrip(b",")))
