"""The typed per-document record: the JSON it writes (keys and their order are the
report's format) and the record read back from it (a resumed run's records)."""

from __future__ import annotations

import json

from cleaner import clean_text
from cleaner.report.record import (
    DocumentRecord,
    document_record,
    failure_record,
    removal_summary,
)

DUMP = "Bridge reopens\n\nBridge reopens\n\nThe bridge opened on Monday.\n\nShare this article\n"


def test_a_cleaned_document_writes_the_report_keys_in_order() -> None:
    record = document_record("a.txt", clean_text(DUMP), None)
    record.site = "example.org"
    data = record.to_dict()
    assert list(data) == [
        "path",
        "status",
        "output",
        "title",
        "language",
        "chars_in",
        "chars_out",
        "flagged",
        "removals",
        "site",
    ]
    assert data["status"] == "changed"
    assert [r["kind"] for r in data["removals"]] == ["duplicate_headline", "boilerplate"]


def test_notes_and_repairs_appear_only_when_there_are_some() -> None:
    record = document_record("a.txt", clean_text("The bridge opened on Monday."), None)
    assert record.status == "unchanged"
    assert "notes" not in record.to_dict() and "repairs" not in record.to_dict()
    assert "site" not in record.to_dict()  # stdin's record has none
    record.repairs = [{"kind": "encoding", "detected": "cp1252", "how": "detected"}]
    record.notes = ["decoded as cp1252 (not valid UTF-8)"]
    assert list(record.to_dict())[-2:] == ["notes", "repairs"]


def test_a_failure_holds_only_its_error() -> None:
    data = failure_record("b.txt", "binary", "this looks like a binary file").to_dict()
    assert data == {
        "path": "b.txt",
        "status": "failed",
        "output": None,
        "error": {"kind": "binary", "message": "this looks like a binary file"},
    }


def test_a_record_read_back_writes_the_same_json() -> None:
    record = document_record("a.txt", clean_text(DUMP), "a.txt")
    record.site = "corpus"
    for original in (record, failure_record("c.txt", "timeout", "took too long")):
        line = json.dumps(original.to_dict(), ensure_ascii=False)
        again = DocumentRecord.from_dict(json.loads(line))
        assert again == original
        assert json.dumps(again.to_dict(), ensure_ascii=False) == line


def test_the_summary_counts_kinds_and_characters() -> None:
    record = document_record("a.txt", clean_text(DUMP), None)
    summary = removal_summary(record)
    assert summary["removed"] == {"boilerplate": 1, "duplicate_headline": 1}
    assert summary["chars_removed"] == sum(len(r["text"]) for r in record.removals)
    assert "repairs" not in summary
