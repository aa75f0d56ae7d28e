"""A bounded sample of documents for the HTML report's per-document view.

It keeps whole records for the documents with the most text removed, plus a
deterministic spread of the others (chosen by a hash of the path, so the same report
always gives the same sample), so the page stays small for 100,000 documents.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from dataclasses import dataclass, field

from cleaner.report.overview import removed_chars
from cleaner.report.record import Record
from cleaner.report.run import Location


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
