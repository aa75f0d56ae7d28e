"""report.json is written and read back by one module (cleaner/report/run.py): what the
writer lays out, the readers find, in its own layout, in one rewritten by another tool,
and in a report written before it had a run section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.report.record import DocumentRecord, Record
from cleaner.report.run import (
    RunReport,
    iter_records,
    iter_records_located,
    read_summary,
    record_at,
    write_report_json,
)

REMOVAL = {
    "kind": "copyright",
    "start": 40,
    "end": 63,
    "text": "© 2024 The Valley Post.",
    "reason": "copyright: a © line",
    "confident": True,
}
_GIVEN: list[Record] = [
    {
        "path": "valley/ferry.txt",
        "status": "changed",
        "output": "valley/ferry.txt",
        "chars_in": 63,
        "chars_out": 40,
        "flagged": False,
        "removals": [REMOVAL],
    },
    # A record whose text looks like the layout's own keys must not confuse the readers.
    {
        "path": 'odd/"documents": [\n.txt',
        "status": "unchanged",
        "output": None,
        "title": '"summary": {}, "run": {}',
        "chars_in": 12,
        "chars_out": 12,
        "flagged": True,
        "removals": [],
    },
    {
        "path": "bad.txt",
        "status": "failed",
        "output": None,
        "error": {"kind": "binary", "message": "not text"},
    },
]
# As the writer writes them: every key of the typed record.
RECORDS = [DocumentRecord.from_dict(record).to_dict() for record in _GIVEN]


def _written(root: Path) -> tuple[Path, RunReport]:
    report, records = RunReport(), root / "report.jsonl"
    with records.open("w", encoding="utf-8") as stream:
        report.stream = stream
        for record in RECORDS:
            report.add(DocumentRecord.from_dict(record))
    report.stream = None
    write_report_json(root / "report.json", report, records)
    return root / "report.json", report


def _read_back(path: Path) -> list[Record]:
    """Each record found again from its location, in the reverse order (seeks work)."""
    located = list(iter_records_located(path))
    with path.open("rb") as handle:
        return [record_at(handle, where) for _, where in reversed(located)][::-1]


def test_the_readers_find_what_the_writer_wrote(tmp_path: Path) -> None:
    path, report = _written(tmp_path)
    assert json.loads(path.read_text("utf-8"))["documents"] == RECORDS  # valid JSON too
    assert read_summary(path) == report.summary()
    assert list(iter_records(path)) == RECORDS
    # Our own layout is read line by line: each record is found by its byte offset.
    assert all(isinstance(where, int) for _, where in iter_records_located(path))
    assert _read_back(path) == RECORDS


@pytest.mark.parametrize("sort_keys", [False, True])
@pytest.mark.parametrize("indent", [None, 1, 2])
def test_a_report_laid_out_otherwise_is_read_whole(
    tmp_path: Path, indent: int | None, sort_keys: bool
) -> None:
    # Indented with its keys in order, the summary's own "documents" count once passed
    # for the documents' line, and its first brace for the whole summary.
    path, report = _written(tmp_path)
    other = tmp_path / "other.json"
    whole = json.loads(path.read_text("utf-8"))
    other.write_text(json.dumps(whole, indent=indent, sort_keys=sort_keys), "utf-8")
    assert read_summary(other) == report.summary()
    assert list(iter_records(other)) == RECORDS
    assert all(isinstance(where, bytes) for _, where in iter_records_located(other))
    assert _read_back(other) == RECORDS


def test_a_report_without_a_run_section_is_read_line_by_line(tmp_path: Path) -> None:
    path, report = _written(tmp_path)
    lines = path.read_text("utf-8").split("\n")
    assert lines[2].startswith(' "run":')
    older = tmp_path / "older.json"
    older.write_text("\n".join(lines[:2] + lines[3:]), "utf-8")
    assert read_summary(older) == report.summary()
    assert all(isinstance(where, int) for _, where in iter_records_located(older))
    assert _read_back(older) == RECORDS
