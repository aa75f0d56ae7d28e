"""A run's totals over its records: documents by status, removals and characters removed
by kind, characters in and out, flagged and repaired documents.

One counter for both places that total a run: `RunReport` while the run goes (the
summary of report.json) and the HTML report's `Overview` over the records read back
(the page checks that the two agree).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleaner.report.record import Record


@dataclass
class Totals:
    statuses: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    chars_removed: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0
    flagged: int = 0  # documents the safety valve flagged
    repaired: int = 0  # documents whose text was repaired (encoding, mojibake)

    def add(self, record: Record) -> None:
        self.statuses[record["status"]] += 1
        if record["status"] == "failed":
            return  # a document that failed has no text: nothing else to count
        self.chars_in += record.get("chars_in", 0)
        self.chars_out += record.get("chars_out", 0)
        self.flagged += bool(record.get("flagged"))
        self.repaired += bool(record.get("repairs"))
        for removal in record.get("removals", []):
            self.removals[removal["kind"]] += 1
            self.chars_removed[removal["kind"]] += len(removal["text"])

    @property
    def documents(self) -> int:
        return sum(self.statuses.values())

    @property
    def removed(self) -> int:
        """Characters removed, all kinds together."""
        return sum(self.chars_removed.values())
