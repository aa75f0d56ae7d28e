"""The tables of the validation sets (gold in, and the dumps each extractor made).

`validation_sections` takes a `run_eval` result and returns its sections in reading order.
"""

from __future__ import annotations

from typing import Any

from cleaner.evaluation.cells import Section, fmt, removed


def validation_sections(result: dict[str, Any]) -> list[Section]:
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
                fmt(removed(doc["removed"], doc.get("title"))),
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
            *("gap closed", "recall lost", "docs changed", "changed again"),
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
                # A report written before the count was made has none: a dash, not 0.
                fmt(len(t["changed_again"]) if "changed_again" in t else None),
            ]
            for name, v in sets.items()
            for tool, t in v["dumps"].items()
        ],
        "failed = pages the extractor raised or timed out on (scored as an empty dump); "
        "recall lost = raw recall − clean recall; gap closed as above; changed again = dumps "
        "whose cleaned text a second cleaning changes (cleaning twice should change nothing).",
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
                fmt(removed(doc["removed"], doc.get("title"))),
            ]
            for name, v in sets.items()
            for tool, t in v["dumps"].items()
            for doc in t["regressions"]
        ],
    )
    wrapped = {name: v["wrapped"] for name, v in sets.items() if v.get("wrapped")}
    batch = {name: v["batch"] for name, v in sets.items() if v.get("batch")}
    titles = _titles(sets)
    sections = [gold_in, worst, dumps, failures, regressions]
    sections += [titles] if titles.rows else []
    sections += [_wrapped(wrapped)] if wrapped else []
    return sections + ([_batch(batch)] if batch else [])


def _wrapped(sets: dict[str, Any]) -> Section:
    """The wrapped copies' table, from each set's `wrapped` part."""
    rows = []
    for name, w in sets.items():
        g = w["gold_in"]
        rows.append(
            [
                name,
                "gold in (mean kept)",
                fmt(g["n"]),
                "",
                fmt(g["plain_kept_text"]),
                fmt(g["kept_text"]),
                f"{g['plain_under_min']} → {g['under_min']}",
            ]
        )
        rows.extend(
            [
                name,
                f"{tool} (F1)",
                fmt(t["n"]),
                fmt(t["raw"]["f1"]),
                fmt(t["plain_cleaned"]["f1"]),
                fmt(t["cleaned"]["f1"]),
                "",
            ]
            for tool, t in w["dumps"].items()
        )
    width = next(iter(sets.values()))["width"]
    return Section(
        f"Validation sets, wrapped copies: each line over {width} characters wrapped at it "
        "(as lynx, w3m and html2text print a page), cleaned as the plain texts are",
        ["set", "text", "n", "raw", "plain, cleaned", "wrapped, cleaned", "pages under 0.95"],
        rows,
        "raw = the dump's F1 before cleaning (wrapping moves no word); the cleaner should "
        "do on the wrapped copy what it does on the plain one.",
    )


def _batch(sets: dict[str, Any]) -> Section:
    """The dumps cleaned as a batch run cleans them, from each set's `batch` part."""
    rows = [
        [
            name,
            tool,
            f"{b['pages_sharing_a_site']} of {b['pages']}",
            fmt(t["raw"]["f1"]),
            fmt(t["alone_cleaned"]["f1"]),
            fmt(t["cleaned"]["f1"]),
            fmt(t["gap_closed"]),
            fmt(t["recall_lost"]),
        ]
        for name, b in sets.items()
        for tool, t in b["dumps"].items()
    ]
    return Section(
        "Validation sets, cleaned as a batch: each extractor's dumps of a set counted site by "
        "site first, as `cleaner clean` does over a folder, then cleaned with their site's lines",
        [
            "set",
            "extractor",
            "pages sharing a site",
            "raw F1",
            "cleaned alone",
            "cleaned as a batch",
            "gap closed",
            "recall lost",
        ],
        rows,
        "cleaned alone = the figure of the table above; only pages whose site has other pages "
        "in the set can change (site_boilerplate, and the line model's site feature).",
    )


def _titles(sets: dict[str, Any]) -> Section:
    """How often the headline found in a dump is the page's marked one (l3s-dev)."""
    rows = []
    for name, v in sets.items():
        for tool, t in v["dumps"].items():
            titles = t.get("titles")
            if titles:
                rows.append(
                    [
                        name,
                        tool,
                        fmt(titles["pages"]),
                        fmt(titles["right"]),
                        fmt(titles["wrong"]),
                        fmt(titles["none"]),
                        fmt(titles["wrong_share"]),
                        "; ".join(
                            f"{fmt(e['title'])} (not {fmt(e['marked'])})"
                            for e in titles["wrong_examples"][:2]
                        ),
                    ]
                )
    return Section(
        "Validation sets, titles: the headline the cleaner finds in each dump against the "
        "page's marked headline",
        ["set", "tool", "pages", "right", "wrong", "none", "wrong share", "wrong, e.g."],
        rows,
        "right = the marked headline (a site name attached allowed); wrong = another line "
        "(printed as the headline at the top of the clean text); none = no line taken. "
        "Only sets that mark headlines (l3s-dev).",
    )
