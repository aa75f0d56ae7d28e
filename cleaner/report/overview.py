"""Exact run figures over a stream of report records, and a bounded sample of documents.

The HTML report must stay small and fast for 100,000 documents while its overview
stays exact. So records are read once, as a stream: `Overview` keeps counters only
(per kind, per site, a histogram, removed lines), and `Sample` keeps a bounded
set of whole records for the per-document view: the documents with the most text
removed, plus a deterministic spread of the others (chosen by a hash of the path,
so the same report always gives the same sample).
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from cleaner.report.record import Record, safety_valve_notes
from cleaner.report.run import Location
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


def _spread_key(path: str) -> str:
    return hashlib.blake2b(path.encode("utf-8", "replace"), digest_size=8).hexdigest()


def least_shown(record: Record, chars_per_document: int) -> int:
    """A lower bound of the characters the page embeds for `record`: its dump cut to
    `chars_per_document`, or (when the dump cannot be read back) its removed texts."""
    spans = sum(min(len(r["text"]), chars_per_document // 4) for r in record.get("removals", []))
    return min(min(record.get("chars_in", 0), chars_per_document), spans)


@dataclass
class Sample:
    """A bounded, deterministic choice of records for the per-document view.

    The page embeds the flagged records, then the most removed, then the spread, until
    `chars_in_all` characters are spent. A record that cannot fit (the records before
    it already need more than that) is not kept: memory follows what the page can show.
    """

    most_removed: int = 500
    spread: int = 500
    flagged: int = 100
    chars_in_all: int | None = None
    chars_per_document: int = 20_000
    # Kept records are stored as where to find them again (an offset in the report),
    # or as their JSON in UTF-8: a parsed record weighs several times more.
    _flagged: list[Location] = field(default_factory=list)
    # (removed chars, negated path, arrival, least shown, path, location)
    _top: list[tuple[int, str, int, int, str, Location]] = field(default_factory=list)
    # (negated spread key, arrival, path, location)
    _rest: list[tuple[str, int, str, Location]] = field(default_factory=list)
    _seen: int = 0
    _shown_before_rest: int = 0  # lower bound of what the flagged and top records embed

    def add(self, record: Record, location: Location | None = None) -> None:
        """Consider `record` (`location`: where to find it again, kept instead of it)."""
        self._seen += 1
        if record["status"] == "failed":
            return
        data = json.dumps(record, ensure_ascii=False).encode() if location is None else location
        shown = least_shown(record, self.chars_per_document)
        # The safety valve's documents are the first a person checks: keep the first ones.
        if record.get("flagged") and len(self._flagged) < self.flagged:
            self._flagged.append(data)
            self._shown_before_rest += shown
            return
        path = str(record["path"])
        # Heaps keep the smallest first: the top list evicts the least removed, the
        # spread list keeps the smallest hashes (negated so the largest is evicted).
        top = (removed_chars(record), _negated(path), self._seen, shown, path, data)
        if len(self._top) < self.most_removed:
            heapq.heappush(self._top, top)
            self._shown_before_rest += shown
            self._drop_what_cannot_fit()
            return
        if top[:3] > self._top[0][:3]:
            self._shown_before_rest += shown
            top = heapq.heapreplace(self._top, top)
            self._shown_before_rest -= top[3]
            self._drop_what_cannot_fit()
        if self._full():
            return  # the page is full before the spread: none of it would be shown
        _, _, _, _, evicted_path, evicted = top
        spread = (_negated(_spread_key(evicted_path)), self._seen, evicted_path, evicted)
        if len(self._rest) < self.spread:
            heapq.heappush(self._rest, spread)
        elif spread[:2] > self._rest[0][:2]:
            heapq.heapreplace(self._rest, spread)

    def _full(self) -> bool:
        return self.chars_in_all is not None and self._shown_before_rest > self.chars_in_all

    def _drop_what_cannot_fit(self) -> None:
        """The least removed top record is shown only if those above it leave room."""
        if self.chars_in_all is None:
            return
        while len(self._top) > 1:
            smallest = self._top[0][3]
            if self._shown_before_rest - smallest <= self.chars_in_all:
                break
            heapq.heappop(self._top)
            self._shown_before_rest -= smallest
        if self._full():
            self._rest.clear()

    def records(self) -> list[Record]:
        """Flagged first, then most removed, then the spread (records added without a
        location; see `locations` for the others)."""
        return [json.loads(data) for data in self.locations() if isinstance(data, bytes)]

    def locations(self) -> list[Location]:
        """Where the chosen records are: flagged first, then most removed, then the
        spread, each in a stable order."""
        top = sorted(self._top, key=lambda t: (-t[0], t[4]))
        rest = sorted(self._rest, key=lambda t: t[2])
        return [*self._flagged, *(t[5] for t in top), *(t[3] for t in rest)]


def _negated(text: str) -> str:
    """A string that sorts in the reverse order of `text` (for a max-heap on strings)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"
