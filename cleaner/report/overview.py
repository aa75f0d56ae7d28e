"""Exact run figures over a stream of report records, for the HTML report.

The page must stay small and fast for 100,000 documents while its overview stays
exact. So records are read once, as a stream: `Overview` keeps counters only (per
kind, per site, a histogram, removed lines); the per-document view takes a bounded
`Sample` of them (sample.py).
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from cleaner.report.record import Record, safety_valve_notes
from cleaner.report.totals import Totals

# Share removed per document, in tenths; "nothing" is its own bin.
HISTOGRAM_BINS = ["nothing", *[f"{10 * i}–{10 * (i + 1)}%" for i in range(10)]]
# A removed line longer than this is a paragraph, not a template line worth counting.
LONGEST_COUNTED_LINE = 300
# Lists printed in the page (flagged and failed documents) stop here; counts stay exact.
LISTED = 200


def removed_chars(record: Record) -> int:
    return sum(len(r["text"]) for r in record.get("removals", []))


def share_removed(record: Record, removed: int | None = None) -> float:
    """The share of the record's characters removed (`removed`, when already counted)."""
    chars_in = record.get("chars_in") or 0
    if removed is None:
        removed = removed_chars(record)
    return removed / chars_in if chars_in else 0.0


def site_of_record(record: Record) -> str:
    """The record's site (batch runs record it), else the folder of its input."""
    if record.get("site"):
        return str(record["site"])
    path = str(record.get("path", ""))
    if "#" in path:  # a JSONL record: "file.jsonl#id"
        path = path.rsplit("#", 1)[0]
    parent = str(PurePosixPath(path.replace("\\", "/")).parent)
    return parent if parent not in ("", ".") else "(top folder)"


def removed_lines(record: Record) -> set[str]:
    """The distinct non-blank lines the record's removals took out."""
    lines = set()
    for removal in record.get("removals", []):
        for line in removal["text"].splitlines():
            line = " ".join(line.split())
            if line and len(line) <= LONGEST_COUNTED_LINE:
                lines.add(line)
    return lines


@dataclass
class SiteFigures:
    documents: int = 0
    changed: int = 0
    chars_in: int = 0
    chars_removed: int = 0
    removals: int = 0


@dataclass
class Overview:
    """The page's figures over every record: the run's totals (counted as `RunReport`
    counts them) and what the summary lacks (per site, a histogram, removed lines, the
    first flagged, failed and repaired documents); nothing here grows with documents
    except per-site rows."""

    totals: Totals = field(default_factory=Totals)
    sites: dict[str, SiteFigures] = field(default_factory=dict)
    histogram: Counter[str] = field(default_factory=Counter)
    # The first flagged documents, each with what the valve said about it.
    flagged_documents: list[tuple[str, list[str]]] = field(default_factory=list)
    failures: list[Record] = field(default_factory=list)
    # Repairs made on the way in (encoding, mojibake, NUL bytes), by kind, and examples.
    repairs: Counter[str] = field(default_factory=Counter)
    repaired_examples: list[tuple[str, list[str]]] = field(default_factory=list)
    # In how many documents each removed line appears.
    lines: Counter[str] = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        self.totals.add(record)
        if record["status"] == "failed":
            if len(self.failures) < LISTED:
                self.failures.append(record)
            return
        self._add_repairs(record)
        if record.get("flagged") and len(self.flagged_documents) < LISTED:
            self.flagged_documents.append((record["path"], safety_valve_notes(record)))
        removed = removed_chars(record)
        site = self.sites.setdefault(site_of_record(record), SiteFigures())
        site.documents += 1
        site.changed += record["status"] == "changed"
        site.chars_in += record.get("chars_in", 0)
        site.chars_removed += removed
        site.removals += len(record.get("removals", []))
        self.histogram[histogram_bin(share_removed(record, removed), removed)] += 1
        self.lines.update(removed_lines(record))

    def _add_repairs(self, record: Record) -> None:
        repairs = record.get("repairs") or []
        if not repairs:
            return
        how = [_repair_label(r) for r in repairs]
        self.repairs.update(r["kind"] for r in repairs)
        if len(self.repaired_examples) < LISTED:
            self.repaired_examples.append((record["path"], sorted(set(how))))

    def top_lines(self, n: int) -> list[tuple[str, int]]:
        """The removed lines found in most documents (at least two), ties by text."""
        frequent = [(line, count) for line, count in self.lines.items() if count >= 2]
        return heapq.nsmallest(n, frequent, key=lambda item: (-item[1], item[0]))


def _repair_label(repair: Record) -> str:
    """'encoding: cp1252', 'mojibake', 'nul_bytes': what was repaired, in a few words."""
    detected = repair.get("detected")
    return f"{repair['kind']}: {detected}" if detected else str(repair["kind"])


def histogram_bin(share: float, removed: int) -> str:
    if removed == 0:
        return HISTOGRAM_BINS[0]
    return HISTOGRAM_BINS[1 + min(int(share * 10), 9)]
