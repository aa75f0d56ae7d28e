"""The report's record of one document: what happened to it, every removal with its
offsets, and the compact summary a record stream's output line carries."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cleaner.core.document import SAFETY_VALVE_NOTE, Cleaned

Record = dict[str, Any]


def document_record(path: str, cleaned: Cleaned, output: str | None) -> Record:
    """What the report says about one cleaned document: every removal, with offsets."""
    record: Record = {
        "path": path,
        "status": "changed" if cleaned.changed else "unchanged",
        "output": output,
        "title": cleaned.title,
        "language": cleaned.language,
        "chars_in": len(cleaned.source),
        "chars_out": len(cleaned.text),
        "flagged": cleaned.flagged,
        "removals": [r.to_dict() for r in cleaned.removals],
    }
    if cleaned.notes:
        record["notes"] = list(cleaned.notes)
    return record


def safety_valve_notes(record: Record) -> list[str]:
    """What the safety valve said about this document (its other notes are left out)."""
    return [note for note in record.get("notes", []) if note.startswith(SAFETY_VALVE_NOTE)]


def failure_record(path: str, kind: str, message: str) -> Record:
    """A document that could not be cleaned: the kind of error and what to do about it."""
    return {
        "path": path,
        "status": "failed",
        "output": None,
        "error": {"kind": kind, "message": message},
    }


# The field (or column) a cleaned record carries its removal summary in.
SUMMARY_FIELD = "cleaner"


def removal_summary(record: Record) -> dict[str, Any]:
    """The compact form a JSONL output line carries: counts by kind, characters removed."""
    kinds = Counter(r["kind"] for r in record.get("removals", []))
    return {
        "removed": dict(sorted(kinds.items())),
        "chars_removed": sum(len(r["text"]) for r in record.get("removals", [])),
        "flagged": record.get("flagged", False),
    } | ({"repairs": len(record["repairs"])} if record.get("repairs") else {})
