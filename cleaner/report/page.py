"""`report.html`: one self-contained page showing what a run removed, and why.

The overview (counts, per kind, per site, charts, flagged documents, the most
frequent removed lines) is exact: it is computed over every record while
`report.json` is streamed. The per-document view embeds a bounded sample (see
`cleaner.report.overview.Sample`) with each dump read back from the inputs, so the page
stays small for 100,000 documents; the page says how many it shows.

Safety: every text from the corpus reaches the page either escaped into HTML or
as JSON inside `<script type="application/json">` with `<`, `>`, `&` and the
line separators escaped, and the page's script renders it with `textContent`
only. A Content-Security-Policy lets nothing load or run but the page's own
script (allowed by its hash). The same report gives the same bytes.

This module assembles the page: the template, its style (with the kinds' colours) and
script under their CSP hashes, the charts and the sampling note. The overview's HTML
comes from `sections`, the per-document data from `documents`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path

from cleaner.atomic import write_atomic
from cleaner.formats.fields import Fields
from cleaner.report import sections
from cleaner.report.documents import data_chunks, page_documents
from cleaner.report.overview import HISTOGRAM_BINS, Overview
from cleaner.report.record import Record
from cleaner.report.run import iter_records_located, read_summary, record_at
from cleaner.report.sample import Sample
from cleaner.report.sources import iter_sources
from cleaner.report.svg import bar_chart, histogram

# One colour per kind; the page also prints the kind's name on every span, so
# nothing depends on telling colours apart. Unknown kinds get FALLBACK_COLOUR.
KIND_COLOURS = {
    "duplicate_headline": "#f4d35e",
    "copyright": "#e09fd8",
    "footer": "#c9a3e6",
    "sign_off": "#b39ddb",
    "truncated": "#f08a7e",
    "boilerplate": "#8fd3e8",
    "repeated_block": "#9fdc8c",
    "byline": "#f7b267",
    "timestamp": "#c5b3f0",
    "bare_url": "#b8c4cc",
    "code": "#a3c4a0",
    "related_links": "#7fc8b8",
    "promo_headlines": "#b5e3d4",
    "comments": "#e8c39e",
    "site_boilerplate": "#a7b8f0",
    "chrome": "#d4d4a0",
    "noise": "#e6a3a3",  # the line model's
}
FALLBACK_COLOUR = "#cccccc"
PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
# Kinds become CSS class names; anything else keeps the fallback colour.
CSS_NAME = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class Limits:
    """What bounds the page: documents embedded, characters per dump, characters in all."""

    flagged: int = 100
    most_removed: int = 500
    spread: int = 500
    chars_per_document: int = 20_000
    chars_in_all: int = 5_000_000
    top_lines: int = 50
    top_sites: int = 50


def _asset(name: str) -> str:
    return files("cleaner.report").joinpath("assets", name).read_text("utf-8")


def _csp_hash(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()


def _colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, FALLBACK_COLOUR)


def _kind_css(kinds: list[str]) -> str:
    return "\n".join(
        f'.k-{kind}, .rm[data-kind="{kind}"] {{ background: {_colour(kind)}; }}'
        for kind in kinds
        if CSS_NAME.fullmatch(kind)
    )


def _sampling_note(shown: int, documents: int, limits: Limits) -> str:
    if shown == documents:
        return f"Showing {shown:,} of {documents:,} documents: all of them."
    return (
        f"Showing {shown:,} of {documents:,} documents: the first {limits.flagged} flagged by "
        f"the safety valve, the {limits.most_removed} with most text removed, then a fixed "
        "sample of the others, as many as fit in about "
        f"{limits.chars_in_all // 1_000_000} million characters of text (each cut at "
        f"{limits.chars_per_document:,}). The overview above counts every document."
    )


class _SampledRecords:
    """The sample's records, read back from the report each time they are walked
    (never all at once)."""

    def __init__(self, sample: Sample, report_json: Path) -> None:
        self.locations = sample.locations()
        self.report_json = report_json

    def __iter__(self) -> Iterator[Record]:
        with self.report_json.open("rb") as handle:
            for location in self.locations:
                yield record_at(handle, location)


def build_page(
    report_json: Path,
    *,
    fields: Fields | None = None,
    base: Path | None = None,
    limits: Limits | None = None,
) -> str:
    """The whole page for `report_json`, read once as a stream."""
    return "".join(page_chunks(report_json, fields=fields, base=base, limits=limits))


def page_chunks(
    report_json: Path,
    *,
    fields: Fields | None = None,
    base: Path | None = None,
    limits: Limits | None = None,
) -> Iterator[str]:
    """The page in pieces, to be written one after another (the data is the bulk)."""
    limits = limits or Limits()
    overview = Overview()
    sample = Sample(
        limits.most_removed,
        limits.spread,
        limits.flagged,
        chars_in_all=limits.chars_in_all,
        chars_per_document=limits.chars_per_document,
    )
    for record, location in iter_records_located(report_json):
        overview.add(record)
        sample.add(record, location)
    totals = overview.totals
    summary = read_summary(report_json)
    records = _SampledRecords(sample, report_json)
    top = overview.top_lines(limits.top_lines)
    line_numbers = {line: number for number, (line, _) in enumerate(top)}
    # Every kind of every sampled record is counted there too (failed ones carry none).
    kind_names = sorted(totals.removals)
    kinds = {kind: number for number, kind in enumerate(kind_names)}
    # Dumps are read back one at a time and cut to what the page shows.
    sourced = iter_sources(records, fields, base, keep_chars=limits.chars_per_document + 1)
    documents = page_documents(
        sourced,
        kinds,
        line_numbers,
        chars_per_document=limits.chars_per_document,
        chars_in_all=limits.chars_in_all,
    )
    shown, total = len(documents), totals.documents
    changed_or_unchanged = total - totals.statuses["failed"]
    sampling = _sampling_note(shown, changed_or_unchanged, limits)
    bins = [(label, overview.histogram[label]) for label in HISTOGRAM_BINS]
    script = _asset("report.js")
    style = _asset("report.css") + "\n" + _kind_css(kind_names)
    csp = (
        f"default-src 'none'; script-src '{_csp_hash(script)}'; "
        f"style-src '{_csp_hash(style)}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": escape(csp),
        "STYLE": style,
        "SCRIPT": script,
        "TITLE": escape(f"cleaner report: {report_json.name}"),
        "COUNTS": sections.counts(totals),
        "CHARS": sections.characters(totals),
        "KINDS": sections.kind_table(totals),
        "KIND_CHART": bar_chart(
            "Characters removed by kind",
            sorted(totals.chars_removed.items(), key=lambda item: (-item[1], item[0])),
            colours={k: _colour(k) for k in kind_names},
        ),
        "HISTOGRAM": histogram("Documents by share of text removed", bins),
        "SITES": sections.site_table(overview, limits.top_sites),
        "FLAGGED": sections.flagged_list(overview),
        "FAILURES": sections.failures(overview) + sections.repairs(overview),
        "LINES": sections.top_lines_table(top),
        "SAMPLING": escape(sampling),
        "SHOWN": str(shown),
        "SUMMARY_NOTE": escape(
            "Figures from every record of the report"
            + ("" if summary.get("documents") == total else " (they differ from its summary!)")
            + "."
        ),
    }
    data = data_chunks(documents, kind_names, [line for line, _ in top], total)
    return _filled_template(parts, data)


def _filled_template(parts: dict[str, str], data: Iterator[str]) -> Iterator[str]:
    """The template with its placeholders filled in one pass (so a placeholder written
    inside the corpus's text is never expanded), the data streamed where it goes."""
    template = _asset("report.html")
    position = 0
    for match in PLACEHOLDER.finditer(template):
        yield template[position : match.start()]
        if match.group(1) == "DATA":
            yield from data
        else:
            yield parts[match.group(1)]
        position = match.end()
    yield template[position:]


def write_html_report(
    report_json: Path,
    html_path: Path,
    *,
    fields: Fields | None = None,
    base: Path | None = None,
    limits: Limits | None = None,
) -> Path:
    """Render `report_json` into `html_path` (atomically) and return the path."""
    write_atomic(html_path, page_chunks(report_json, fields=fields, base=base, limits=limits))
    return html_path
