"""Show a `run_eval` result as Markdown or as rich tables (the same tables either way).

Numbers have 3 decimals; a figure that does not exist (no gap to close, no
line predicted) shows as "–".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

MISSING = "–"
# Cells longer than this are cut in the tables (eval.json keeps the longer excerpt).
CELL_CHARS = 160
_NUMBER = re.compile(r"^(?:[+-]?\d+(?:\.\d+)?|–)$")


@dataclass(frozen=True)
class Section:
    title: str
    columns: Sequence[str]
    rows: list[list[str]]
    note: str = ""


def fmt(value: Any) -> str:
    """A cell: floats with 3 decimals, None as a dash, text on one line and cut."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def _prf(scores: dict[str, Any] | None) -> list[str]:
    if not scores:
        return [MISSING] * 3
    return [fmt(scores["f1"]), fmt(scores["precision"]), fmt(scores["recall"])]


def _removed(pairs: Sequence[Sequence[str]], title: str | None = None) -> str:
    """Removals as "[kind] text | ...", led by the line taken as title (left out of .body)."""
    items = ([["title, not in .body", title]] if title else []) + list(pairs)
    return " | ".join(f"[{kind}] {text}" for kind, text in items) or MISSING


def _dump_sections(result: dict[str, Any]) -> list[Section]:
    dumps = result["dumps"]
    main = Section(
        "Dumps vs gold: raw, cleaned (clean_text(dump).body), line oracle",
        [
            "tool",
            "n",
            "raw F1",
            "raw P",
            "raw R",
            "clean F1",
            "clean P",
            "clean R",
            "ΔF1",
            "oracle F1",
            "oracle P",
            "oracle R",
            "gap closed",
            "docs changed",
        ],
        [
            [
                tool,
                fmt(t["n"]),
                *_prf(t["raw"]),
                *_prf(t["cleaned"]),
                f"{t['cleaned']['f1'] - t['raw']['f1']:+.3f}",
                *_prf(t["oracle"]),
                fmt(t["gap_closed"]),
                fmt(t["docs_changed"]),
            ]
            for tool, t in dumps.items()
        ],
        "gap closed = (clean F1 − raw F1) / (oracle F1 − raw F1); the oracle keeps only "
        "lines that are mostly gold text.",
    )
    languages = Section(
        "Dumps per language",
        ["tool", "lang", "n", "raw F1", "raw P", "raw R", "clean F1", "clean P", "clean R"],
        [
            [tool, lang, fmt(g["n"]), *_prf(g["raw"]), *_prf(g["cleaned"])]
            for tool, t in dumps.items()
            for lang, g in t["by_language"].items()
        ],
    )
    regressions = Section(
        "Dump documents the cleaner made worse (largest F1 drops per tool)",
        ["tool", "id", "raw F1", "clean F1", "removed"],
        [
            [
                tool,
                doc["id"][:12],
                fmt(doc["raw_f1"]),
                fmt(doc["cleaned_f1"]),
                fmt(_removed(doc["removed"], doc.get("title"))),
            ]
            for tool, t in dumps.items()
            for doc in t["regressions"]
        ],
    )
    return [main, languages, regressions]


def _html_sections(result: dict[str, Any]) -> list[Section]:
    html = result.get("html")
    if not html:
        return []
    main = Section(
        "HTML in: clean_html(page).body vs trafilatura.extract(page) alone",
        ["extractor", "n", "F1", "P", "R", "seconds", "s/page"],
        [
            [
                name,
                fmt(html["n"]),
                *_prf(html[name]),
                fmt(html[name]["seconds"]),
                fmt(html[name]["seconds_per_page"]),
            ]
            for name in ("cleaner", "trafilatura")
        ],
    )
    languages = Section(
        "HTML in, per language",
        ["lang", "n", "cleaner F1", "cleaner P", "cleaner R", "traf. F1", "traf. P", "traf. R"],
        [
            [lang, fmt(g["n"]), *_prf(g["cleaner"]), *_prf(g["trafilatura"])]
            for lang, g in html["by_language"].items()
        ],
    )
    return [main, languages]


def _control_sections(result: dict[str, Any]) -> list[Section]:
    control = result["control"]
    kinds = ", ".join(f"{k} {n}" for k, n in control["by_kind"].items()) or "none"
    summary = Section(
        "Control: gold bodies through clean_text (share of gold shingles kept)",
        ["measure", "value"],
        [
            [
                "kept, Cleaned.text (the control: a line taken as title is not lost)",
                fmt(control["kept_text"]),
            ],
            ["kept, Cleaned.body (without the detected headline)", fmt(control["kept_body"])],
            ["documents", fmt(control["n"])],
            ["documents changed", fmt(control["docs_changed"])],
            ["removals by kind", kinds],
        ],
    )
    worst = Section(
        "Control: the 10 documents that lost most",
        ["id", "lang", "kept .text", "kept .body", "removed"],
        [
            [
                doc["id"][:12],
                doc["language"],
                fmt(doc["kept_text"]),
                fmt(doc["kept_body"]),
                fmt(_removed(doc["removed"], doc.get("title"))),
            ]
            for doc in control["worst"]
        ],
    )
    return [summary, worst]


def _removal_sections(result: dict[str, Any]) -> list[Section]:
    removals = result["removals"]
    gold_hits = removals["gold_removed_by_kind"]
    kinds = Section(
        f"Removals in all dumps by kind ({removals['total']} in all)",
        ["kind", "count", "of which mostly gold text"],
        [[kind, fmt(n), fmt(gold_hits.get(kind, 0))] for kind, n in removals["by_kind"].items()],
    )
    top = Section(
        "Most frequent removed lines (all dumps)",
        ["count", "kind", "text"],
        [[fmt(r["count"]), r["kind"], fmt(r["text"])] for r in removals["top_lines"]],
    )
    gold = Section(
        "Removals that took gold text (half or more of their shingles are gold)",
        ["count", "kind", "where (tool:id)", "text"],
        [
            [fmt(r["count"]), r["kind"], fmt(", ".join(r["where"])), fmt(r["text"])]
            for r in removals["gold_removed"][:30]
        ],
    )
    return [kinds, top, gold]


def _fakenews_sections(result: dict[str, Any]) -> list[Section]:
    fake = result["fakenews"]
    rows = [
        [
            kind,
            fmt(s["support"]),
            fmt(s["predicted"]),
            fmt(s["tp"]),
            fmt(s["fp"]),
            fmt(s["fn"]),
            fmt(s["precision"]),
            fmt(s["recall"]),
        ]
        for kind, s in [*fake["per_kind"].items(), ("noise (any kind)", fake["noise"])]
    ]
    scores = Section(
        f"Fakenews labelled lines ({fake['lines']} lines in {fake['rows']} rows)",
        ["kind", "gold", "predicted", "tp", "fp", "fn", "precision", "recall"],
        rows,
        "A line is predicted as the kind whose removals cover at least half of it; "
        "noise = any noise kind vs keep.",
    )
    line_columns = ["row", "line", "label", "predicted", "removed share", "text"]

    def line_rows(records: list[dict[str, Any]]) -> list[list[str]]:
        return [
            [
                r["row"],
                fmt(r["line"]),
                r["label"],
                r["predicted"],
                fmt(r["removed_share"]),
                fmt(r["text"]),
            ]
            for r in records
        ]

    mismatches = Section(
        "Fakenews labels that no longer match their line (left out of the scores)",
        ["row", "line", "label", "expected sha1", "actual sha1", "text"],
        [
            [
                m["row"],
                fmt(m["line"]),
                m["label"],
                m["expected_sha10"],
                fmt(m["actual_sha10"] or "no such line"),
                fmt(m["text"]),
            ]
            for m in fake["sha1_mismatches"]
        ],
    )
    return [
        scores,
        mismatches,
        Section(
            "Fakenews false removals (keep lines predicted as noise)",
            line_columns,
            line_rows(fake["false_removals"]),
        ),
        Section(
            "Fakenews misses (noise lines predicted keep)", line_columns, line_rows(fake["misses"])
        ),
        Section(
            "Fakenews noise lines given the wrong kind", line_columns, line_rows(fake["wrong_kind"])
        ),
    ]


def _fullpage_sections(result: dict[str, Any]) -> list[Section]:
    pages = result.get("fullpage") or {}
    if not pages:
        return []
    overview = Section(
        "Full-page dumps (whole pages as text): raw and cleaned, per language",
        ["tool", "language", "n", "raw F1", "clean F1", "clean P", "clean R"],
        [],
    )
    worst = Section(
        "Full-page dumps: the ten worst pages of each, and why",
        ["tool", "page", "language", "F1", "P", "R", "why"],
        [],
    )
    for tool, entry in pages.items():
        overview.rows.append(
            [
                tool,
                "all",
                MISSING,
                fmt(entry["raw"]["f1"]),
                *_prf(entry["cleaned"]),
            ]
        )
        for language, scores in sorted(entry["by_language"].items()):
            overview.rows.append(
                [
                    tool,
                    language,
                    fmt(scores.get("n")),
                    fmt(scores["raw"]["f1"]),
                    *_prf(scores["cleaned"]),
                ]
            )
        for page in entry["worst"]:
            worst.rows.append(
                [
                    tool,
                    page["id"][:12],
                    fmt(page["language"]),
                    fmt(page["f1"]),
                    fmt(page["precision"]),
                    fmt(page["recall"]),
                    page["why"],
                ]
            )
    return [overview, worst]


def _validation_sections(result: dict[str, Any]) -> list[Section]:
    sets = result.get("validation") or {}
    if not sets:
        return []
    gold_in = Section(
        "Validation sets, gold in: gold bodies through clean_text (share of gold shingles kept)",
        ["set", "pages", "mean kept", "pages under 0.95", "share under 0.95", "pages changed"],
        [
            [
                name,
                fmt(v["gold_in"]["n"]),
                fmt(v["gold_in"]["kept_text"]),
                fmt(v["gold_in"]["under_min"]),
                fmt(v["gold_in"]["under_min_share"]),
                fmt(v["gold_in"]["docs_changed"]),
            ]
            for name, v in sets.items()
        ],
        "kept = share of the gold's 4-token shingles left in Cleaned.text (a line taken as "
        "headline is not lost); issue 17's target: mean ≥ 0.995, at most 1% of pages under 0.95.",
    )
    worst = Section(
        "Validation sets, gold in: the pages that lost most",
        ["set", "id", "kept .text", "kept .body", "removed"],
        [
            [
                name,
                doc["id"][:12],
                fmt(doc["kept_text"]),
                fmt(doc["kept_body"]),
                fmt(_removed(doc["removed"], doc.get("title"))),
            ]
            for name, v in sets.items()
            for doc in v["gold_in"]["worst"]
        ],
    )
    dumps = Section(
        "Validation sets: dumps made from the HTML by each extractor, raw, cleaned, line oracle",
        [
            *("set", "tool", "version", "n", "failed"),
            *("raw F1", "clean F1", "ΔF1", "clean P", "clean R", "oracle F1"),
            *("gap closed", "recall lost", "docs changed"),
        ],
        [
            [
                name,
                tool + (" (whole page)" if t["full_page"] else ""),
                t["version"],
                fmt(t["n"]),
                fmt(t["failures"]["count"]),
                fmt(t["raw"]["f1"]),
                fmt(t["cleaned"]["f1"]),
                f"{t['cleaned']['f1'] - t['raw']['f1']:+.3f}",
                fmt(t["cleaned"]["precision"]),
                fmt(t["cleaned"]["recall"]),
                fmt(t["oracle"]["f1"]),
                fmt(t["gap_closed"]),
                fmt(t["recall_lost"]),
                fmt(t["docs_changed"]),
            ]
            for name, v in sets.items()
            for tool, t in v["dumps"].items()
        ],
        "failed = pages the extractor raised or timed out on (scored as an empty dump); "
        "recall lost = raw recall − clean recall; gap closed as above.",
    )
    failures = Section(
        "Validation sets: pages an extractor failed on (first few per tool)",
        ["set", "tool", "id", "status", "error"],
        [
            [name, tool, page["id"][:12], page["status"], fmt(page["error"])]
            for name, v in sets.items()
            for tool, t in v["dumps"].items()
            for page in t["failures"]["pages"]
        ],
    )
    regressions = Section(
        "Validation sets: dump pages the cleaner made worse (largest F1 drops per tool)",
        ["set", "tool", "id", "raw F1", "clean F1", "removed"],
        [
            [
                name,
                tool,
                doc["id"][:12],
                fmt(doc["raw_f1"]),
                fmt(doc["cleaned_f1"]),
                fmt(_removed(doc["removed"], doc.get("title"))),
            ]
            for name, v in sets.items()
            for tool, t in v["dumps"].items()
            for doc in t["regressions"]
        ],
    )
    return [gold_in, worst, dumps, failures, regressions]


def sections(result: dict[str, Any]) -> list[Section]:
    """Every table of the report, in reading order."""
    return [
        *_dump_sections(result),
        *_fullpage_sections(result),
        *_html_sections(result),
        *_control_sections(result),
        *_removal_sections(result),
        *_fakenews_sections(result),
        *_validation_sections(result),
    ]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(result: dict[str, Any]) -> str:
    """The report as Markdown: warnings first, then one table per section."""
    out = ["# cleaner evaluation", ""]
    out.append(
        f"Data: `{result['data_dir']}`; {result['pages']} pages; languages: "
        + ", ".join(f"{lang} {n}" for lang, n in result["languages"].items())
        + f"; {result['seconds']:.1f} s."
    )
    out.append("")
    if result.get("line_model"):
        out += [f"Line model: {result['line_model']}.", ""]
    if result["warnings"]:
        out += ["## WARNINGS", ""] + [f"- **{w}**" for w in result["warnings"]] + [""]
    for section in sections(result):
        out += [f"## {section.title}", ""]
        if section.note:
            out += [section.note, ""]
        if not section.rows:
            out += ["(none)", ""]
            continue
        out.append("| " + " | ".join(section.columns) + " |")
        out.append("|" + "---|" * len(section.columns))
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
        out.append("")
    return "\n".join(out)


def print_table(result: dict[str, Any], console: Console) -> None:
    """Print the report as rich tables, warnings first in red."""
    for warning in result["warnings"]:
        console.print(Text(f"WARNING: {warning}", style="bold red"))
    for section in sections(result):
        table = Table(title=section.title, caption=section.note or None, show_lines=False)
        for index, column in enumerate(section.columns):
            numeric = all(_NUMBER.match(row[index]) for row in section.rows)
            table.add_column(column, justify="right" if numeric else "left", overflow="fold")
        for row in section.rows:
            table.add_row(*(Text(cell) for cell in row))
        if not section.rows:
            table.add_row(*(Text(MISSING) for _ in section.columns))
        console.print(table)
