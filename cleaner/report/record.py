"""The report's record of one document: what happened to it, every removal with its
offsets, and the compact summary a record stream's output line carries.

`DocumentRecord` is the one typed form, built by every engine and entry point;
`to_dict` gives the JSON a line of report.jsonl holds (the same keys, in the same
order, for every writer), and `from_dict` reads one back (a resumed run's records).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.core.document import SAFETY_VALVE_NOTE, Cleaned

# A record as report.json and report.jsonl hold it (JSON read back).
Record = dict[str, Any]

CHANGED, UNCHANGED, FAILED = "changed", "unchanged", "failed"


@dataclass
class DocumentRecord:
    """What the report says about one document: a cleaned one's removals, or why it failed."""

    path: str
    status: str  # CHANGED, UNCHANGED or FAILED
    output: str | None = None  # where its clean text went (relative to the output folder)
    title: str | None = None
    language: str | None = None
    chars_in: int = 0
    chars_out: int = 0
    flagged: bool = False
    removals: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    site: str | None = None  # the HTML report groups documents by it
    # How the raw bytes became the text the offsets refer to (encoding, mojibake).
    repairs: list[Record] = field(default_factory=list)
    error: dict[str, str] | None = None  # a failure's kind and message

    @property
    def failed(self) -> bool:
        return self.status == FAILED

    def to_dict(self) -> Record:
        if self.failed:
            return {"path": self.path, "status": self.status, "output": None, "error": self.error}
        data: Record = {
            "path": self.path,
            "status": self.status,
            "output": self.output,
            "title": self.title,
            "language": self.language,
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "flagged": self.flagged,
            "removals": self.removals,
        }
        if self.notes:
            data["notes"] = self.notes
        if self.site is not None:
            data["site"] = self.site
        if self.repairs:
            data["repairs"] = self.repairs
        return data

    @classmethod
    def from_dict(cls, data: Record) -> DocumentRecord:
        return cls(**data)


def document_record(path: str, cleaned: Cleaned, output: str | None) -> DocumentRecord:
    """What the report says about one cleaned document: every removal, with offsets."""
    return DocumentRecord(
        path=path,
        status=CHANGED if cleaned.changed else UNCHANGED,
        output=output,
        title=cleaned.title,
        language=cleaned.language,
        chars_in=len(cleaned.source),
        chars_out=len(cleaned.text),
        flagged=cleaned.flagged,
        removals=[r.to_dict() for r in cleaned.removals],
        notes=list(cleaned.notes),
    )


def failure_record(path: str, kind: str, message: str) -> DocumentRecord:
    """A document that could not be cleaned: the kind of error and what to do about it."""
    return DocumentRecord(path, FAILED, error={"kind": kind, "message": message})


def safety_valve_notes(record: Record) -> list[str]:
    """What the safety valve said about this document (its other notes are left out)."""
    return [note for note in record.get("notes", []) if note.startswith(SAFETY_VALVE_NOTE)]


# The field (or column) a cleaned record carries its removal summary in.
SUMMARY_FIELD = "cleaner"


def removal_summary(record: DocumentRecord) -> dict[str, Any]:
    """The compact form a JSONL output line carries: counts by kind, characters removed."""
    kinds = Counter(r["kind"] for r in record.removals)
    return {
        "removed": dict(sorted(kinds.items())),
        "chars_removed": sum(len(r["text"]) for r in record.removals),
        "flagged": record.flagged,
    } | ({"repairs": len(record.repairs)} if record.repairs else {})
