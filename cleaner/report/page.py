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
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from cleaner.atomic import write_atomic
from cleaner.formats.fields import Fields
from cleaner.report.overview import (
    HISTOGRAM_BINS,
    Overview,
    Sample,
    removed_chars,
    removed_lines,
    share_removed,
    site_of_record,
)
from cleaner.report.record import Record, safety_valve_notes
from cleaner.report.run import iter_records_located, read_summary, record_at
from cleaner.report.sources import iter_sources
from cleaner.report.svg import bar_chart, histogram
from cleaner.report.totals import Totals

# One colour per kind; the page also prints the kind's name on every span, so
# nothing depends on telling colours apart. Unknown kinds get FALLBACK_COLOUR.
KIND_COLOURS = {
    "duplicate_headline": "#f4d35e",
    "copyright": "#e09fd8",
    "truncated": "#f08a7e",
    "boilerplate": "#8fd3e8",
    "repeated_block": "#9fdc8c",
    "byline": "#f7b267",
    "timestamp": "#c5b3f0",
    "bare_url": "#b8c4cc",
    "related_links": "#7fc8b8",
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


def script_json(value: Any) -> str:
    """JSON safe inside a `<script>` element: no `</script>`, no `<!--`, no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _csp_hash(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()


def _colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, FALLBACK_COLOUR)


# --- the per-document data ---------------------------------------------------------


def _document(
    record: Record,
    source: str | None,
    kinds: dict[str, int],
    lines: dict[str, int],
    limits: Limits,
) -> dict[str, Any]:
    """One document as the page's script reads it (short keys: there may be a thousand)."""
    removals = record.get("removals", [])
    cut = False
    if source is not None and len(source) > limits.chars_per_document:
        source, cut = source[: limits.chars_per_document], True
    spans = []
    for r in removals:
        if source is not None and r["start"] >= len(source):
            break
        span = [r["start"], min(r["end"], len(source)) if source else r["end"]]
        span += [kinds[r["kind"]], r["reason"], bool(r.get("confident", True))]
        if source is None:
            text = r["text"]
            if len(text) > limits.chars_per_document // 4:
                text, cut = text[: limits.chars_per_document // 4], True
            span.append(text)
        spans.append(span)
    own_lines = sorted(lines[line] for line in removed_lines(record) if line in lines)
    return {
        "path": record["path"],
        "site": site_of_record(record),
        "status": record["status"],
        "title": record.get("title"),
        "flagged": bool(record.get("flagged")),
        "valve": safety_valve_notes(record),
        "chars_in": record.get("chars_in", 0),
        "removed": removed_chars(record),
        "share": round(share_removed(record), 4),
        "text": source,
        "cut": cut,
        "spans": spans,
        "lines": own_lines,
    }


def _page_documents(
    sourced: Iterable[tuple[Record, str | None]],
    kinds: dict[str, int],
    lines: dict[str, int],
    limits: Limits,
) -> list[str]:
    """The sample, in its order, until the character budget is spent: each document as
    its JSON text, so that no dump or record is kept once it is written."""
    chosen: list[str] = []
    spent = 0
    for record, source in sourced:
        document = _document(record, source, kinds, lines, limits)
        # The dump, each reason, and each span's own text when there is no dump.
        spans = document["spans"]
        size = len(document["text"] or "") + sum(
            len(s[3]) + (len(s[5]) if len(s) > 5 else 0) for s in spans
        )
        if chosen and spent + size > limits.chars_in_all:
            break
        chosen.append(script_json(document))
        spent += size
    return chosen


def _data_chunks(
    documents: list[str], kinds: list[str], lines: list[str], total: int
) -> Iterator[str]:
    """The page's data as `script_json` would write the whole object (keys in order)."""
    yield '{"documents":['
    for number, document in enumerate(documents):
        yield ("," if number else "") + document
    yield f'],"kinds":{script_json(kinds)},"lines":{script_json(lines)},"total":{total}}}'


# --- the overview, as HTML ------------------------------------------------------------


def _count(name: str, label: str, value: int) -> str:
    return (
        f'<div class="count"><span class="value" id="count-{name}" data-count="{value}">'
        f'{value:,}</span><span class="label">{escape(label)}</span></div>'
    )


def _kind_table(totals: Totals) -> str:
    rows = []
    for kind in sorted(totals.removals):
        rows.append(
            f'<tr data-kind="{escape(kind)}"><td>'
            f'<span class="swatch k-{escape(kind)}" aria-hidden="true"></span>'
            f'{escape(kind)}</td><td class="num" data-removals="{totals.removals[kind]}">'
            f"{totals.removals[kind]:,}</td>"
            f'<td class="num" data-chars="{totals.chars_removed[kind]}">'
            f"{totals.chars_removed[kind]:,}</td></tr>"
        )
    if not rows:
        rows.append('<tr><td colspan="3">nothing was removed</td></tr>')
    return (
        '<table id="kinds"><thead><tr><th>kind</th><th>removals</th><th>characters removed</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _site_table(overview: Overview, limits: Limits) -> str:
    ranked = sorted(overview.sites.items(), key=lambda item: (-item[1].chars_removed, item[0]))
    rows = []
    for site, figures in ranked[: limits.top_sites]:
        share = figures.chars_removed / figures.chars_in if figures.chars_in else 0
        rows.append(
            f"<tr><td>{escape(site)}</td><td class='num'>{figures.documents:,}</td>"
            f"<td class='num'>{figures.changed:,}</td><td class='num'>{figures.removals:,}</td>"
            f"<td class='num'>{figures.chars_removed:,}</td><td class='num'>{share:.1%}</td></tr>"
        )
    note = (
        f"<p class='note'>The {limits.top_sites} sites with most removed of "
        f"{len(overview.sites):,}.</p>"
        if len(ranked) > limits.top_sites
        else ""
    )
    return (
        note + '<table id="sites"><thead><tr><th>site</th><th>documents</th><th>changed</th>'
        "<th>removals</th><th>characters removed</th><th>share removed</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )


def _flagged_list(overview: Overview) -> str:
    """The flagged documents, each with its own note: the valve either kept a document's
    guesses out, or only warns that confident rules removed much of it."""
    if not overview.totals.flagged:
        return '<p id="flagged" class="note">No document was flagged by the safety valve.</p>'
    items = "".join(
        f'<li><button type="button" class="path" data-path="{escape(path)}">{escape(path)}'
        f"</button>{''.join(f' {escape(note)}' for note in notes)}</li>"
        for path, notes in overview.flagged_documents
    )
    listed = len(overview.flagged_documents)
    more = (
        f"<li>… and {overview.totals.flagged - listed:,} more</li>"
        if overview.totals.flagged > listed
        else ""
    )
    return f'<ul id="flagged" class="paths">{items}{more}</ul>'


def _failures(overview: Overview) -> str:
    failed = overview.totals.statuses["failed"]
    if not failed:
        return ""
    items = "".join(
        f"<li>{escape(r['path'])}: {escape(r['error']['kind'])}, "
        f"{escape(r['error']['message'])}</li>"
        for r in overview.failures
    )
    more = (
        f"<li>… and {failed - len(overview.failures):,} more</li>"
        if failed > len(overview.failures)
        else ""
    )
    return f'<h3>Failed documents</h3><ul id="failures" class="paths">{items}{more}</ul>'


def _repairs(overview: Overview) -> str:
    """Inputs whose text was repaired before cleaning; the report records each repair."""
    if not overview.totals.repaired:
        return ""
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(overview.repairs.items()))
    items = "".join(
        f"<li>{escape(path)}: {escape(', '.join(how))}</li>"
        for path, how in overview.repaired_examples
    )
    more = overview.totals.repaired - len(overview.repaired_examples)
    more_item = f"<li>… and {more:,} more</li>" if more > 0 else ""
    return (
        f'<h3>Repaired on the way in</h3><p class="note">{overview.totals.repaired:,} documents '
        f"had their text repaired before cleaning ({escape(kinds)}); report.json records "
        f'each repair, so the input bytes can be rebuilt.</p><ul id="repairs" class="paths">'
        f"{items}{more_item}</ul>"
    )


def _top_lines_table(top: list[tuple[str, int]]) -> str:
    if not top:
        return '<p class="note">No removed line appears in more than one document.</p>'
    rows = "".join(
        f'<tr><td class="num">{count:,}</td><td><button type="button" class="line" '
        f'data-line="{number}">{escape(line)}</button></td></tr>'
        for number, (line, count) in enumerate(top)
    )
    return (
        '<table id="lines"><thead><tr><th>documents</th><th>removed line (click to list the '
        "documents with it)</th></tr></thead><tbody>" + rows + "</tbody></table>"
    )


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


# --- the page -------------------------------------------------------------------------


class _Parsed:
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
    records = _Parsed(sample, report_json)
    top = overview.top_lines(limits.top_lines)
    line_numbers = {line: number for number, (line, _) in enumerate(top)}
    # Every kind of every sampled record is counted there too (failed ones carry none).
    kind_names = sorted(totals.removals)
    kinds = {kind: number for number, kind in enumerate(kind_names)}
    # Dumps are read back one at a time and cut to what the page shows.
    sourced = iter_sources(records, fields, base, keep_chars=limits.chars_per_document + 1)
    documents = _page_documents(sourced, kinds, line_numbers, limits)
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
        "COUNTS": "".join(
            [
                _count("documents", "documents in", total),
                _count("changed", "changed", totals.statuses["changed"]),
                _count("unchanged", "unchanged", totals.statuses["unchanged"]),
                _count("failed", "failed", totals.statuses["failed"]),
                _count("flagged", "flagged by the safety valve", totals.flagged),
                _count("removed", "characters removed", totals.removed),
            ]
        ),
        "CHARS": escape(
            f"{totals.chars_in:,} characters in, {totals.chars_out:,} out "
            f"({totals.removed / totals.chars_in if totals.chars_in else 0:.1%} removed)."
        ),
        "KINDS": _kind_table(totals),
        "KIND_CHART": bar_chart(
            "Characters removed by kind",
            sorted(totals.chars_removed.items(), key=lambda item: (-item[1], item[0])),
            colours={k: _colour(k) for k in kind_names},
        ),
        "HISTOGRAM": histogram("Documents by share of text removed", bins),
        "SITES": _site_table(overview, limits),
        "FLAGGED": _flagged_list(overview),
        "FAILURES": _failures(overview) + _repairs(overview),
        "LINES": _top_lines_table(top),
        "SAMPLING": escape(sampling),
        "SHOWN": str(shown),
        "SUMMARY_NOTE": escape(
            "Figures from every record of the report"
            + ("" if summary.get("documents") == total else " (they differ from its summary!)")
            + "."
        ),
    }
    data = _data_chunks(documents, kind_names, [line for line, _ in top], total)
    return _page_chunks(parts, data)


def _page_chunks(parts: dict[str, str], data: Iterator[str]) -> Iterator[str]:
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
