"""Lines a site prints on many of its pages: the table behind `site_boilerplate`.

A first pass adds every document of a corpus to a `SiteTable` under its site
(a domain, or the folder the file sits in); a second pass cleans each document
with `table.lines_for(site)`. A line counts as the site's own template text when
it appears in at least `site_min_docs` documents and at least `site_min_share`
of that site's documents. Lines on fewer pages, but at least `site_run_min_docs`,
are kept too ("shared"): the rule takes them only in a run at the page's edge.
The same article syndicated on different sites is not affected: counts never
cross sites. Counting is order-independent (the table is the same whatever order
documents come in, and tables built in parallel merge), and memory is bounded by
storing an 8-byte hash per distinct line, never the text. A batch run counts
through `SpooledCounts`, which keeps the pairs on disk and holds only each
site's repeated and shared lines in memory. Lines are compared as CCNet does:
casefolded, digits turned to 0, punctuation dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cleaner.config import Config
from cleaner.core.text import LINE_BREAK

_NOT_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")


# `line_key` and `exact_digest` define how lines compare; the passes use `_keys`,
# the same answers with less work (tests hold it to these definitions).
def line_key(text: str) -> str:
    """Comparison key of a line: casefolded, digits as 0, punctuation dropped."""
    return _NOT_WORD.sub(" ", _DIGIT.sub("0", text.casefold())).strip()


def line_digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


def exact_digest(text: str) -> bytes | None:
    """A second digest for a line with figures, its digits kept: lines on only a few
    pages must match exactly ("The pound rose 0.2 per cent" is not "... 0.5 per cent").
    None for a line without digits (its `line_key` is already exact)."""
    if not _DIGIT.search(text):
        return None
    exact = _NOT_WORD.sub(" ", text.casefold()).strip()
    return line_digest("=" + exact)  # "=": apart from every folded key


def site_of(url: str | None, fallback: str) -> str:
    """The site of a document: its URL's host without 'www.', else `fallback`."""
    if url:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return fallback


def _keys(folded: str) -> tuple[str, str | None] | None:
    """`line_key` of a casefolded line and, when it has digits, the key `exact_digest`
    hashes (digits kept), its punctuation dropped once for both; None for no word."""
    exact = _NOT_WORD.sub(" ", folded).strip()
    if not exact:
        return None
    # Digits are word characters: turning them to 0 once the punctuation is gone gives
    # `line_key`'s result.
    key, digits = _DIGIT.subn("0", exact)
    return key, "=" + exact if digits else None


def document_digests(text: str) -> set[bytes]:
    """The distinct line digests of one document (a line counts once per document),
    the whole text casefolded at once."""
    digests: set[bytes] = set()
    for line in LINE_BREAK.split(text.casefold()):
        keys = _keys(line)
        if keys is not None:
            digests.update(line_digest(key) for key in keys if key is not None)
    return digests


@dataclass
class SiteTable:
    """Per site: how many documents, and in how many of them each line appears."""

    documents: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[bytes]] = field(default_factory=dict)
    # Distinct lines per site, for a table that keeps only some of them (pruned).
    distinct: dict[str, int] = field(default_factory=dict)

    def distinct_lines(self, site: str) -> int:
        return self.distinct.get(site) or len(self.lines.get(site, ()))

    def add(self, site: str, text: str) -> None:
        self.add_digests(site, document_digests(text))

    def add_digests(self, site: str, digests: set[bytes]) -> None:
        self.documents[site] += 1
        self.lines.setdefault(site, Counter()).update(digests)

    def merge(self, other: SiteTable) -> None:
        """Add the counts of a table built elsewhere (another worker)."""
        self.documents.update(other.documents)
        for site, counts in other.lines.items():
            self.lines.setdefault(site, Counter()).update(counts)

    def lines_for(self, site: str, config: Config) -> SiteLines:
        """What the cleaning pass needs for one site: its repeated lines and its size."""
        total = self.documents[site]
        needed = _needed(config, total)
        counts = self.lines.get(site, Counter())
        repeated = {digest: n for digest, n in counts.items() if n >= needed}
        shared = {digest: n for digest, n in counts.items() if _kept(config, total) <= n < needed}
        if len(shared) > config.site_shared_max_share * self.distinct_lines(site):
            # The site's pages copy each other (one story under several addresses):
            # lines on a few of its pages say nothing about its template.
            shared = {}
        return SiteLines(site=site, documents=total, repeated=repeated, shared=shared)

    def pruned(self, config: Config) -> SiteTable:
        """Only each site's repeated and shared lines: the rest decide nothing, and a
        table sent to every worker should be small."""
        lines = {}
        for site in self.lines:
            found = self.lines_for(site, config)
            lines[site] = Counter(found.repeated) + Counter(found.shared)
        distinct = {site: self.distinct_lines(site) for site in self.lines}
        return SiteTable(documents=Counter(self.documents), lines=lines, distinct=distinct)


def merge_all(tables: Iterable[SiteTable]) -> SiteTable:
    """One table with the counts of all (tables built by different workers)."""
    merged = SiteTable()
    for table in tables:
        merged.merge(table)
    return merged


@dataclass(frozen=True)
class SiteLines:
    """The template lines of one site, as digests with the number of pages showing them."""

    site: str
    documents: int
    repeated: dict[bytes, int]
    # Lines on a few of the site's pages, too few to be template text alone.
    shared: dict[bytes, int] = field(default_factory=dict)

    def pages_with(self, text: str) -> int | None:
        """On how many of the site's pages `text` appears, when it is template text."""
        return self.pages(text)[0]

    def pages_sharing(self, text: str) -> int | None:
        """On how many of the site's pages `text` appears, when that is a few pages
        (at least `site_run_min_docs`) but too few for template text alone."""
        return self.pages(text)[1]

    def pages(self, text: str) -> tuple[int | None, int | None]:
        """Both answers for one line, its key computed once: (template pages, shared pages)."""
        keys = _keys(text.casefold())
        if keys is None:
            return None, None
        key, exact = keys
        digest = line_digest(key)
        shared = None
        if self.shared:
            shared = self.shared.get(line_digest(exact) if exact is not None else digest)
        return self.repeated.get(digest), shared


def _needed(config: Config, documents: int) -> float:
    """In how many of a site's `documents` a line must appear to be its template text."""
    return max(config.site_min_docs, config.site_min_share * documents)


def _kept(config: Config, documents: int) -> float:
    """In how many of a site's `documents` a line must appear for the table to keep it."""
    return min(config.site_run_min_docs, _needed(config, documents))


# A spooled pair: the site's number (4 bytes) and the line digest (8 bytes).
_PAIR = 12
_BUCKETS = 64
_FLUSH_BYTES = 32_768


class SpooledCounts:
    """First-pass counts for a corpus of any size: (site, line) pairs go to bucket
    files on disk by digest, so memory holds one bucket at a time, and the table
    built at the end keeps only each site's repeated lines."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.documents: Counter[str] = Counter()
        self.site_numbers: dict[str, int] = {}
        self.buffers = [bytearray() for _ in range(_BUCKETS)]

    def add_digests(self, site: str, digests: set[bytes]) -> None:
        self.documents[site] += 1
        number = self.site_numbers.setdefault(site, len(self.site_numbers))
        prefix = number.to_bytes(4, "little")
        for digest in digests:
            bucket = digest[0] % _BUCKETS
            self.buffers[bucket] += prefix + digest
            if len(self.buffers[bucket]) >= _FLUSH_BYTES:
                self._flush(bucket)

    def _flush(self, bucket: int) -> None:
        with (self.folder / f"{bucket:02d}.pairs").open("ab") as handle:
            handle.write(self.buffers[bucket])
        self.buffers[bucket].clear()

    def table(self, config: Config) -> SiteTable:
        """The site table with only the lines that pass the thresholds, or are shared on
        a site whose shared lines are few (what `lines_for` would keep). Two passes over
        the buckets: the first counts each site's distinct and shared lines, so that the
        table never holds the shared lines of a site whose pages copy each other."""
        names = {number: site for site, number in self.site_numbers.items()}
        thresholds = {
            site: (_kept(config, total), _needed(config, total))
            for site, total in self.documents.items()
        }
        distinct: Counter[str] = Counter()
        shared: Counter[str] = Counter()
        for pairs in self._bucket_counts(keep=True):
            for pair, count in pairs.items():
                site = names[int.from_bytes(pair[:4], "little")]
                distinct[site] += 1
                kept, needed = thresholds[site]
                shared[site] += kept <= count < needed
        sharing = {
            site
            for site in distinct
            if shared[site] <= config.site_shared_max_share * distinct[site]
        }
        table = SiteTable(documents=Counter(self.documents), distinct=dict(distinct))
        for pairs in self._bucket_counts(keep=False):
            for pair, count in pairs.items():
                site = names[int.from_bytes(pair[:4], "little")]
                kept, needed = thresholds[site]
                if count >= needed or (count >= kept and site in sharing):
                    table.lines.setdefault(site, Counter())[pair[4:]] = count
        return table

    def _bucket_counts(self, *, keep: bool) -> Iterator[Counter[bytes]]:
        """Each bucket's (site, line) pairs counted, one bucket in memory at a time; the
        bucket files are deleted after the last reading (`keep=False`)."""
        for bucket in range(_BUCKETS):
            self._flush(bucket)
            path = self.folder / f"{bucket:02d}.pairs"
            data = path.read_bytes()
            if not keep:
                path.unlink()
            yield Counter(data[i : i + _PAIR] for i in range(0, len(data), _PAIR))
