"""The run report: counts over a run, report.json written (and read back), the exit code.

Like black's `Report`: it counts changed, unchanged and failed documents, and
`exit_code` tells the truth (0 all good, 1 some documents failed). It keeps
counts only: each document's full record goes to `report.jsonl` as it is
produced, and `report.json` (the summary, the run itself and every record) is
assembled from that file at the end, so memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from cleaner.atomic import write_atomic
from cleaner.config import Config
from cleaner.report.record import DocumentRecord


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
    statuses: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    removed_chars: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0
    flagged: list[str] = field(default_factory=list)
    repaired: int = 0  # documents whose text was repaired (encoding, mojibake)
    failures: list[DocumentRecord] = field(default_factory=list)

    def add(self, record: DocumentRecord) -> None:
        self.statuses[record.status] += 1
        if record.failed:
            self.failures.append(record)
        self.chars_in += record.chars_in
        self.chars_out += record.chars_out
        if record.flagged:
            self.flagged.append(record.path)
        if record.repairs:
            self.repaired += 1
        for removal in record.removals:
            self.removals[removal["kind"]] += 1
            self.removed_chars[removal["kind"]] += len(removal["text"])
        if self.stream is not None:
            self.stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")

    @property
    def failed(self) -> int:
        return self.statuses["failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> dict[str, Any]:
        return {
            "documents": sum(self.statuses.values()),
            "changed": self.statuses["changed"],
            "unchanged": self.statuses["unchanged"],
            "failed": self.statuses["failed"],
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "removals_by_kind": dict(sorted(self.removals.items())),
            "chars_removed_by_kind": dict(sorted(self.removed_chars.items())),
            "flagged": self.flagged,
            "repaired": self.repaired,
        }


def write_report_json(path: Path, report: RunReport, records_path: Path | None) -> None:
    """Write `report.json`: the run summary, the run itself (`run_section`), then every
    record read back from `records_path`, each on a line of its own.

    Streams record by record (never holding them all) and renames into place at the end.
    """
    write_atomic(path, _report_json_pieces(report, records_path))


def _report_json_pieces(report: RunReport, records_path: Path | None) -> Iterator[str]:
    # The summary stays on the second line and the run on the third: readers find them
    # without parsing the documents (overview.py).
    yield '{\n "summary": '
    yield json.dumps(report.summary(), ensure_ascii=False)
    yield ',\n "run": '
    yield json.dumps(run_section(report.config, report.started), ensure_ascii=False)
    yield ',\n "documents": ['
    first = True
    if records_path is not None and records_path.exists():
        with records_path.open(encoding="utf-8") as records:
            for line in records:
                if line.strip():
                    yield ("\n  " if first else ",\n  ") + line.rstrip("\n")
                    first = False
    yield "\n ]\n}\n"
