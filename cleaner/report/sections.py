"""The overview of `report.html` as HTML: the counts, the tables by kind and by site,
the flagged, failed and repaired documents and the most frequent removed lines.

Each function takes figures (`Totals`, `Overview`) and returns one section; every text
from the corpus (paths, lines, notes, errors) is escaped here.
"""

from __future__ import annotations

from html import escape

from cleaner.report.overview import Overview
from cleaner.report.totals import Totals


def counts(totals: Totals) -> str:
    """The row of figures at the top: documents by status, flagged, characters removed."""
    return "".join(
        [
            count("documents", "documents in", totals.documents),
            count("changed", "changed", totals.statuses["changed"]),
            count("unchanged", "unchanged", totals.statuses["unchanged"]),
            count("failed", "failed", totals.statuses["failed"]),
            count("flagged", "flagged by the safety valve", totals.flagged),
            count("removed", "characters removed", totals.removed),
        ]
    )


def characters(totals: Totals) -> str:
    """Characters in and out, and the share removed, as one escaped sentence."""
    share = totals.removed / totals.chars_in if totals.chars_in else 0
    return escape(
        f"{totals.chars_in:,} characters in, {totals.chars_out:,} out ({share:.1%} removed)."
    )


def count(name: str, label: str, value: int) -> str:
    """One figure of the counts row; `data-count` holds it for tests and scripts."""
    return (
        f'<div class="count"><span class="value" id="count-{name}" data-count="{value}">'
        f'{value:,}</span><span class="label">{escape(label)}</span></div>'
    )


def kind_table(totals: Totals) -> str:
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


def site_table(overview: Overview, top_sites: int) -> str:
    """The `top_sites` sites with most characters removed, ties by name."""
    ranked = sorted(overview.sites.items(), key=lambda item: (-item[1].chars_removed, item[0]))
    rows = []
    for site, figures in ranked[:top_sites]:
        share = figures.chars_removed / figures.chars_in if figures.chars_in else 0
        rows.append(
            f"<tr><td>{escape(site)}</td><td class='num'>{figures.documents:,}</td>"
            f"<td class='num'>{figures.changed:,}</td><td class='num'>{figures.removals:,}</td>"
            f"<td class='num'>{figures.chars_removed:,}</td><td class='num'>{share:.1%}</td></tr>"
        )
    note = (
        f"<p class='note'>The {top_sites} sites with most removed of {len(overview.sites):,}.</p>"
        if len(ranked) > top_sites
        else ""
    )
    return (
        note + '<table id="sites"><thead><tr><th>site</th><th>documents</th><th>changed</th>'
        "<th>removals</th><th>characters removed</th><th>share removed</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )


def flagged_list(overview: Overview) -> str:
    """The flagged documents, each with its own note: the valve either kept a document's
    guesses out, or only warns that confident rules removed much of it."""
    if not overview.totals.flagged:
        return '<p id="flagged" class="note">No document was flagged by the safety valve.</p>'
    items = "".join(
        f'<li><button type="button" class="path" data-path="{escape(path)}">{escape(path)}'
        f"</button>{''.join(f' {escape(note)}' for note in notes)}</li>"
        for path, notes in overview.flagged_documents
    )
    listed, flagged = len(overview.flagged_documents), overview.totals.flagged
    more = f"<li>… and {flagged - listed:,} more</li>" if flagged > listed else ""
    return f'<ul id="flagged" class="paths">{items}{more}</ul>'


def failures(overview: Overview) -> str:
    """The first failed documents, each with its error (none: nothing at all)."""
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


def repairs(overview: Overview) -> str:
    """Inputs whose text was repaired before cleaning; the report records each repair."""
    repaired = overview.totals.repaired
    if not repaired:
        return ""
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(overview.repairs.items()))
    items = "".join(
        f"<li>{escape(path)}: {escape(', '.join(how))}</li>"
        for path, how in overview.repaired_examples
    )
    more = repaired - len(overview.repaired_examples)
    more_item = f"<li>… and {more:,} more</li>" if more > 0 else ""
    return (
        f'<h3>Repaired on the way in</h3><p class="note">{repaired:,} documents '
        f"had their text repaired before cleaning ({escape(kinds)}); report.json records "
        f'each repair, so the input bytes can be rebuilt.</p><ul id="repairs" class="paths">'
        f"{items}{more_item}</ul>"
    )


def top_lines_table(top: list[tuple[str, int]]) -> str:
    """The removed lines found in most documents, each a button listing its documents."""
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
