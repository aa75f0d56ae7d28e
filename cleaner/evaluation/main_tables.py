"""The tables of the main evaluation: dumps, full pages, HTML in, control, removals, fakenews.

Each function takes a `run_eval` result and returns its sections in reading order.
"""

from __future__ import annotations

from typing import Any

from cleaner.evaluation.cells import MISSING, Section, fmt, prf, removed


def dump_sections(result: dict[str, Any]) -> list[Section]:
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
                *prf(t["raw"]),
                *prf(t["cleaned"]),
                f"{t['cleaned']['f1'] - t['raw']['f1']:+.3f}",
                *prf(t["oracle"]),
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
            [tool, lang, fmt(g["n"]), *prf(g["raw"]), *prf(g["cleaned"])]
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
                fmt(removed(doc["removed"], doc.get("title"))),
            ]
            for tool, t in dumps.items()
            for doc in t["regressions"]
        ],
    )
    return [main, languages, regressions]


def html_sections(result: dict[str, Any]) -> list[Section]:
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
                *prf(html[name]),
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
            [lang, fmt(g["n"]), *prf(g["cleaner"]), *prf(g["trafilatura"])]
            for lang, g in html["by_language"].items()
        ],
    )
    return [main, languages]


def control_sections(result: dict[str, Any]) -> list[Section]:
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
                fmt(removed(doc["removed"], doc.get("title"))),
            ]
            for doc in control["worst"]
        ],
    )
    return [summary, worst]


def removal_sections(result: dict[str, Any]) -> list[Section]:
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


def fakenews_sections(result: dict[str, Any]) -> list[Section]:
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


def fullpage_sections(result: dict[str, Any]) -> list[Section]:
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
                *prf(entry["cleaned"]),
            ]
        )
        for language, scores in sorted(entry["by_language"].items()):
            overview.rows.append(
                [
                    tool,
                    language,
                    fmt(scores.get("n")),
                    fmt(scores["raw"]["f1"]),
                    *prf(scores["cleaned"]),
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
