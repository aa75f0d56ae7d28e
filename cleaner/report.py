"""Per-document and per-run reports; the run report owns the exit code.

Like black's `Report`: it counts changed, unchanged and failed documents, and
`exit_code` tells the truth (0 all good, 1 some documents failed).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.atomic import write_atomic
from cleaner.document import Cleaned


@dataclass
class DocumentReport:
    path: str
    status: str  # "changed", "unchanged" or "failed"
    output: str | None = None
    cleaned: Cleaned | None = None
    error: str | None = None
    error_kind: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "status": self.status, "output": self.output}
        if self.error is not None:
            data["error"] = {"kind": self.error_kind, "message": self.error}
        cleaned = self.cleaned
        if cleaned is not None:
            data.update(
                title=cleaned.title,
                language=cleaned.language,
                chars_in=len(cleaned.source),
                chars_out=len(cleaned.text),
                flagged=cleaned.flagged,
                removals=[r.to_dict() for r in cleaned.removals],
            )
        notes = self.notes + (cleaned.notes if cleaned else [])
        if notes:
            data["notes"] = notes
        return data


def document_report(path: str, cleaned: Cleaned, output: str | None) -> DocumentReport:
    return DocumentReport(
        path=path,
        status="changed" if cleaned.changed else "unchanged",
        output=output,
        cleaned=cleaned,
    )


@dataclass
class RunReport:
    documents: list[DocumentReport] = field(default_factory=list)

    def add(self, report: DocumentReport) -> None:
        self.documents.append(report)

    @property
    def failed(self) -> int:
        return sum(1 for d in self.documents if d.status == "failed")

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> dict[str, Any]:
        statuses = Counter(d.status for d in self.documents)
        removals: Counter[str] = Counter()
        removed_chars: Counter[str] = Counter()
        chars_in = chars_out = 0
        flagged = []
        for doc in self.documents:
            if doc.cleaned is None:
                continue
            chars_in += len(doc.cleaned.source)
            chars_out += len(doc.cleaned.text)
            if doc.cleaned.flagged:
                flagged.append(doc.path)
            for removal in doc.cleaned.removals:
                removals[removal.kind] += 1
                removed_chars[removal.kind] += len(removal.text)
        return {
            "documents": len(self.documents),
            "changed": statuses["changed"],
            "unchanged": statuses["unchanged"],
            "failed": statuses["failed"],
            "chars_in": chars_in,
            "chars_out": chars_out,
            "removals_by_kind": dict(sorted(removals.items())),
            "chars_removed_by_kind": dict(sorted(removed_chars.items())),
            "flagged": flagged,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "documents": [d.to_dict() for d in self.documents],
        }

    def write(self, path: Path) -> None:
        write_atomic(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n")
