"""Run the whole evaluation on the real data and return one JSON-serialisable dict.

Sections: `dumps` (each extractor's dump raw, cleaned and line-oracle),
`html` (`clean_html` next to trafilatura alone), `control` (gold bodies through
the cleaner), `removals` (what the rules took out of the dumps) and `fakenews`
(hand-labelled lines). `warnings` lists anything a person must look at, such as
labels that no longer match their line.
"""

from __future__ import annotations

import os
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any, TypeVar

from cleaner.config import DEFAULT_CONFIG, Config
from cleaner.evaluation import data
from cleaner.evaluation.jobs import (
    ControlJob,
    ControlOutcome,
    DumpJob,
    DumpOutcome,
    HtmlJob,
    HtmlOutcome,
    LinesJob,
    LinesOutcome,
    clean_lines,
    score_control,
    score_dump,
    score_html,
)
from cleaner.evaluation.lines import KEEP, line_spans, predict_line, score_lines
from cleaner.evaluation.metric import Overlap, corpus_scores
from cleaner.site import SiteTable, site_of

Progress = Callable[[str, int, int], None]
J = TypeVar("J")
R = TypeVar("R")
TOP_REMOVED_LINES = 20
WORST_CONTROL_DOCS = 10
REGRESSIONS_PER_TOOL = 5
# A removal whose shingles are mostly gold shingles took article text.
GOLD_REMOVAL_SHARE = 0.5
# Long texts are cut to this many characters in the lists a person reads.
EXCERPT_CHARS = 300


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


@contextmanager
def _mapper(jobs: int, progress: Progress | None) -> Iterator[Callable[..., list[Any]]]:
    """A `map` that reports progress, in this process or in a pool of `jobs` processes."""
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None

    def run(func: Callable[[J], R], items: Sequence[J], stage: str) -> list[R]:
        if pool is None:
            results: Iterable[R] = map(func, items)
        else:
            results = pool.map(func, items, chunksize=max(1, len(items) // (jobs * 4)))
        out = []
        for done, result in enumerate(results, 1):
            out.append(result)
            if progress is not None:
                progress(stage, done, len(items))
        return out

    try:
        yield run
    finally:
        if pool is not None:
            pool.shutdown()


def _scores(overlaps: Iterable[Overlap]) -> dict[str, float | int]:
    return corpus_scores(overlaps).to_dict()


def _gap_closed(raw: float, cleaned: float, oracle: float) -> float | None:
    """Share of the raw-to-oracle F1 gap the cleaner closed (None when there is no gap)."""
    gap = oracle - raw
    return (cleaned - raw) / gap if gap > 1e-9 else None


def _by_language(
    items: Sequence[Any], languages: dict[str, str], fields: Sequence[str]
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[languages[item.page_id]].append(item)
    return {
        lang: {"n": len(group), **{f: _scores(getattr(o, f) for o in group) for f in fields}}
        for lang, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }


def _dump_section(
    outcomes: list[DumpOutcome], dumps: dict[str, data.Dump], languages: dict[str, str]
) -> dict[str, Any]:
    by_tool: dict[str, list[DumpOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_tool[outcome.tool].append(outcome)
    section = {}
    for tool, items in sorted(by_tool.items()):
        raw, cleaned, oracle = (
            _scores(getattr(o, f) for o in items) for f in ("raw", "cleaned", "oracle")
        )
        drops = sorted(items, key=lambda o: o.cleaned.f1 - o.raw.f1)
        section[tool] = {
            "version": dumps[tool].version,
            "n": len(items),
            "raw": raw,
            "cleaned": cleaned,
            "oracle": oracle,
            "gap_closed": _gap_closed(raw["f1"], cleaned["f1"], oracle["f1"]),
            "docs_changed": sum(1 for o in items if o.removed),
            "by_language": _by_language(items, languages, ("raw", "cleaned")),
            "regressions": [
                {
                    "id": o.page_id,
                    "raw_f1": o.raw.f1,
                    "cleaned_f1": o.cleaned.f1,
                    "title": o.title,
                    "removed": [[r.kind, _excerpt(r.text)] for r in o.removed],
                }
                for o in drops[:REGRESSIONS_PER_TOOL]
                if o.cleaned.f1 < o.raw.f1
            ],
        }
    return section


# Dumps that are whole pages flattened to text (issue: full-page mode).
FULL_PAGE_TOOLS = ("html-text", "inscriptis")
WORST_FULL_PAGES = 10


def _why(outcome: DumpOutcome) -> str:
    """A first reading of why a full page scores low, from its figures and removals."""
    kinds = {r.kind for r in outcome.removed}
    reasons = []
    if "chrome" not in kinds:
        reasons.append("full-page mode did not find the article (no chrome removed)")
    if outcome.cleaned.recall < 0.8:
        reasons.append(f"article text cut (recall {outcome.cleaned.recall:.2f})")
    if outcome.cleaned.precision < 0.7:
        reasons.append(
            f"furniture left in or beside the article (precision {outcome.cleaned.precision:.2f})"
        )
    return "; ".join(reasons) or "small losses on both sides"


def _fullpage_section(outcomes: list[DumpOutcome], languages: dict[str, str]) -> dict[str, Any]:
    section = {}
    for tool in FULL_PAGE_TOOLS:
        items = [o for o in outcomes if o.tool == tool]
        if not items:
            continue
        worst = sorted(items, key=lambda o: o.cleaned.f1)[:WORST_FULL_PAGES]
        section[tool] = {
            "raw": _scores(o.raw for o in items),
            "cleaned": _scores(o.cleaned for o in items),
            "by_language": _by_language(items, languages, ("raw", "cleaned")),
            "worst": [
                {
                    "id": o.page_id,
                    "language": languages.get(o.page_id),
                    "f1": o.cleaned.f1,
                    "precision": o.cleaned.precision,
                    "recall": o.cleaned.recall,
                    "why": _why(o),
                }
                for o in worst
            ],
        }
    return section


def _removal_section(outcomes: list[DumpOutcome]) -> dict[str, Any]:
    by_kind: Counter[str] = Counter()
    by_tool: dict[str, Counter[str]] = defaultdict(Counter)
    lines: Counter[tuple[str, str]] = Counter()
    gold_hits: Counter[str] = Counter()
    gold_texts: Counter[tuple[str, str]] = Counter()
    gold_where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for outcome in outcomes:
        for removed in outcome.removed:
            by_kind[removed.kind] += 1
            by_tool[outcome.tool][removed.kind] += 1
            lines[removed.kind, removed.text] += 1
            if removed.gold_share >= GOLD_REMOVAL_SHARE:
                gold_hits[removed.kind] += 1
                gold_texts[removed.kind, removed.text] += 1
                gold_where[removed.kind, removed.text].add(f"{outcome.tool}:{outcome.page_id[:8]}")
    return {
        "total": sum(by_kind.values()),
        "by_kind": dict(by_kind.most_common()),
        "by_tool": {tool: dict(c.most_common()) for tool, c in sorted(by_tool.items())},
        "top_lines": [
            {"count": n, "kind": kind, "text": _excerpt(text)}
            for (kind, text), n in lines.most_common(TOP_REMOVED_LINES)
        ],
        "gold_removed_by_kind": dict(gold_hits.most_common()),
        "gold_removed": [
            {
                "count": n,
                "kind": kind,
                "text": _excerpt(text),
                "where": sorted(gold_where[kind, text]),
            }
            for (kind, text), n in gold_texts.most_common()
        ],
    }


def _html_section(outcomes: list[HtmlOutcome], languages: dict[str, str]) -> dict[str, Any]:
    n = len(outcomes)
    section: dict[str, Any] = {"n": n}
    for name in ("cleaner", "trafilatura"):
        seconds = sum(getattr(o, f"{name}_seconds") for o in outcomes)
        section[name] = {
            **_scores(getattr(o, name) for o in outcomes),
            "seconds": seconds,
            "seconds_per_page": seconds / n if n else 0.0,
        }
    section["by_language"] = _by_language(outcomes, languages, ("cleaner", "trafilatura"))
    return section


def _control_section(
    outcomes: list[ControlOutcome], gold: dict[str, data.Gold], languages: dict[str, str]
) -> dict[str, Any]:
    n = len(outcomes)
    worst = sorted(outcomes, key=lambda o: (o.kept_text, o.kept_body, o.page_id))
    return {
        "n": n,
        "control": "kept_text",
        "kept_text": sum(o.kept_text for o in outcomes) / n if n else 1.0,
        "kept_body": sum(o.kept_body for o in outcomes) / n if n else 1.0,
        "docs_changed": sum(1 for o in outcomes if o.removed),
        "by_kind": dict(Counter(r.kind for o in outcomes for r in o.removed).most_common()),
        "worst": [
            {
                "id": o.page_id,
                "url": gold[o.page_id].url,
                "language": languages[o.page_id],
                "kept_text": o.kept_text,
                "kept_body": o.kept_body,
                "title": o.title,
                "removed": [[r.kind, _excerpt(r.text)] for r in o.removed],
            }
            for o in worst[:WORST_CONTROL_DOCS]
        ],
    }


def _fakenews_jobs(
    rows: dict[str, dict[str, str]], labels: dict[str, data.LabelledRow], config: Config | None
) -> tuple[list[LinesJob], list[str]]:
    # The labelled rows are cleaned as a corpus is: a first pass over every row counts
    # each site's lines (site_boilerplate), the second cleans.
    table = SiteTable()
    for row in rows.values():
        table.add(site_of(row.get("url"), row.get("domain", "")), data.fakenews_dump(row))
    settings = config or Config()
    jobs, problems = [], []
    for row_id in labels:
        if row_id not in rows:
            problems.append(f"fakenews labels: row {row_id} is not in the CSV")
            continue
        row = rows[row_id]
        site = table.lines_for(site_of(row.get("url"), row.get("domain", "")), settings)
        jobs.append(LinesJob(row_id, data.fakenews_dump(row), config, site))
    return jobs, problems


def _fakenews_section(
    jobs: list[LinesJob], outcomes: list[LinesOutcome], labels: dict[str, data.LabelledRow]
) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    mismatches: list[dict[str, Any]] = []
    pairs: list[tuple[str, str]] = []
    records: list[dict[str, Any]] = []
    removal_kinds: Counter[str] = Counter()
    for job, outcome in zip(jobs, outcomes, strict=True):
        if not outcome.source_matches:
            problems.append(f"fakenews row {job.row_id}: Cleaned.source differs from the dump")
        removal_kinds.update(r.kind for r in outcome.removals)
        texts = job.dump.splitlines()
        spans = line_spans(job.dump)
        for line in labels[job.row_id].lines:
            text = texts[line.number - 1] if 0 < line.number <= len(texts) else None
            if text is None or data.line_sha10(text) != line.sha10:
                mismatches.append(
                    {
                        "row": job.row_id,
                        "line": line.number,
                        "label": line.label,
                        "expected_sha10": line.sha10,
                        "actual_sha10": None if text is None else data.line_sha10(text),
                        "text": None if text is None else _excerpt(text.strip()),
                    }
                )
                continue
            predicted, removed_share = predict_line(spans[line.number - 1], outcome.removals)
            pairs.append((line.label, predicted))
            records.append(
                {
                    "row": job.row_id,
                    "line": line.number,
                    "label": line.label,
                    "predicted": predicted,
                    "removed_share": removed_share,
                    "text": _excerpt(text.strip()),
                }
            )
    if mismatches:
        problems.append(
            f"fakenews labels: {len(mismatches)} labelled line(s) do not match their sha1 "
            "(the CSV or the dump layout changed); they were left out of the scores"
        )
    section = {
        "rows": len(jobs),
        **score_lines(pairs),
        "removals_by_kind": dict(removal_kinds.most_common()),
        "sha1_mismatches": mismatches,
        "false_removals": [r for r in records if r["label"] == KEEP and r["predicted"] != KEEP],
        "misses": [r for r in records if r["label"] != KEEP and r["predicted"] == KEEP],
        "wrong_kind": [
            r
            for r in records
            if KEEP not in (r["label"], r["predicted"]) and r["label"] != r["predicted"]
        ],
    }
    return section, problems


def run_eval(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    config: Config | None = None,
    html: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Evaluate the cleaner on the real data; `progress(stage, done, total)` is told as it goes."""
    started = time.perf_counter()
    root = data.data_dir(data_dir)
    gold = data.load_ground_truth(root)
    pages = {page_id: data.read_page(root, page_id) for page_id in gold}
    languages = {
        page_id: data.page_language(data.decode_page(page), gold[page_id].body)
        for page_id, page in pages.items()
    }
    dumps = {tool: data.load_dump(root, tool) for tool in data.dump_tools(root)}
    problems: list[str] = []
    for tool, dump in dumps.items():
        missing = set(gold) - set(dump.texts)
        if missing:
            problems.append(f"dump {tool}: {len(missing)} page(s) without output, scored as empty")

    dump_jobs = [
        DumpJob(tool, page_id, dump.texts.get(page_id, ""), gold[page_id].body, config)
        for tool, dump in dumps.items()
        for page_id in gold
    ]
    control_jobs = [ControlJob(page_id, g.body, config) for page_id, g in gold.items()]
    labels = data.load_labels()
    line_jobs, label_problems = _fakenews_jobs(data.load_fakenews(root), labels, config)
    problems.extend(label_problems)

    with _mapper(jobs, progress) as run:
        dump_outcomes = run(score_dump, dump_jobs, "dumps")
        html_outcomes = []
        if html:
            html_jobs = [
                HtmlJob(page_id, pages[page_id], g.url, g.body, config)
                for page_id, g in gold.items()
            ]
            html_outcomes = run(score_html, html_jobs, "html")
        control_outcomes = run(score_control, control_jobs, "control")
        line_outcomes = run(clean_lines, line_jobs, "fakenews")

    fakenews, fakenews_problems = _fakenews_section(line_jobs, line_outcomes, labels)
    problems.extend(fakenews_problems)
    for problem in problems:
        warnings.warn(problem, stacklevel=2)
    return {
        "data_dir": str(root),
        "config": asdict(config or DEFAULT_CONFIG),
        "pages": len(gold),
        "languages": dict(Counter(languages.values()).most_common()),
        "warnings": problems,
        "dumps": _dump_section(dump_outcomes, dumps, languages),
        "fullpage": _fullpage_section(dump_outcomes, languages),
        "html": _html_section(html_outcomes, languages) if html else None,
        "control": _control_section(control_outcomes, gold, languages),
        "removals": _removal_section(dump_outcomes),
        "fakenews": fakenews,
        "seconds": time.perf_counter() - started,
    }
