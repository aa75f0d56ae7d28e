"""Run the whole evaluation on the real data and return one JSON-serialisable dict.

Sections: `dumps` (each extractor's dump raw, cleaned and line-oracle),
`html` (`clean_html` next to trafilatura alone), `control` (gold bodies through
the cleaner), `removals` (what the rules took out of the dumps), `fakenews`
(hand-labelled lines) and `validation` (l3s-dev and aeb-dev: gold in, and dumps
made from their HTML by real extractors; see validation.py). `warnings` lists
anything a person must look at, such as labels that no longer match their line.
"""

from __future__ import annotations

import os
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import Any, TypeVar

from cleaner.config import DEFAULT_CONFIG, Config
from cleaner.core.site import SiteTable, site_of
from cleaner.evaluation import as_batch, data, validation, wrapped
from cleaner.evaluation.jobs import (
    ControlJob,
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
from cleaner.evaluation.summary import (
    by_language,
    control_section,
    dump_section,
    excerpt,
    scores,
)
from cleaner.model.folds import held_out, host

Progress = Callable[[str, int, int], None]
J = TypeVar("J")
R = TypeVar("R")
TOP_REMOVED_LINES = 20
# A removal whose shingles are mostly gold shingles took article text.
GOLD_REMOVAL_SHARE = 0.5


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
            "raw": scores(o.raw for o in items),
            "cleaned": scores(o.cleaned for o in items),
            "by_language": by_language(items, languages, ("raw", "cleaned")),
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
            {"count": n, "kind": kind, "text": excerpt(text)}
            for (kind, text), n in lines.most_common(TOP_REMOVED_LINES)
        ],
        "gold_removed_by_kind": dict(gold_hits.most_common()),
        "gold_removed": [
            {
                "count": n,
                "kind": kind,
                "text": excerpt(text),
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
            **scores(getattr(o, name) for o in outcomes),
            "seconds": seconds,
            "seconds_per_page": seconds / n if n else 0.0,
        }
    section["by_language"] = by_language(outcomes, languages, ("cleaner", "trafilatura"))
    return section


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
        # Scored with the line model that never saw the row's site (see model/folds.py).
        held = held_out(config, row.get("domain") or site_of(row.get("url"), ""))
        jobs.append(LinesJob(row_id, data.fakenews_dump(row), held, site))
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
                        "text": None if text is None else excerpt(text.strip()),
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
                    "text": excerpt(text.strip()),
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


def _model_note(config: Config | None) -> str:
    settings = config or DEFAULT_CONFIG
    if not settings.line_model:
        return "off: the rules alone"
    if settings.model_file is not None:
        return f"the model in {settings.model_file}, on every page"
    return (
        "held out: each page is cleaned with the fold model that never saw its site "
        "(cleaner/model/folds/), so no figure here is a training figure"
    )


def run_eval(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    config: Config | None = None,
    html: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
    validate: bool = True,
    extractors: Sequence[str] | None = None,
    dumps_cache: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Evaluate the cleaner on the real data; `progress(stage, done, total)` is told as it goes.

    With `validate`, also the validation sets (validation.py): dumps made by
    `extractors` (None: all of `extractors.REGISTRY`), cached in `dumps_cache`
    (see dumps.py), in `jobs` processes.
    """
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

    # Each page is cleaned with the line model that never saw its site (model/folds.py).
    page_config = {page_id: held_out(config, host(g.url)) for page_id, g in gold.items()}
    dump_jobs = [
        DumpJob(
            tool, page_id, dump.texts.get(page_id, ""), gold[page_id].body, page_config[page_id]
        )
        for tool, dump in dumps.items()
        for page_id in gold
    ]
    control_jobs = [
        ControlJob(page_id, g.body, page_config[page_id]) for page_id, g in gold.items()
    ]
    labels = data.load_labels()
    line_jobs, label_problems = _fakenews_jobs(data.load_fakenews(root), labels, config)
    problems.extend(label_problems)
    # The dumps are made first, in their own processes: the scoring pool opens after.
    sets = (
        validation.prepare(
            root,
            config=config,
            tools=extractors,
            cache=dumps_cache,
            jobs=jobs,
            progress=progress,
        )
        if validate
        else []
    )
    problems.extend(validation.problems(sets))

    with _mapper(jobs, progress) as run:
        dump_outcomes = run(score_dump, dump_jobs, "dumps")
        html_outcomes = []
        if html:
            html_jobs = [
                HtmlJob(page_id, pages[page_id], g.url, g.body, page_config[page_id])
                for page_id, g in gold.items()
            ]
            html_outcomes = run(score_html, html_jobs, "html")
        control_outcomes = run(score_control, control_jobs, "control")
        line_outcomes = run(clean_lines, line_jobs, "fakenews")
        checked = {}
        for work in sets:
            # Only these rows (each dump cleaned alone) count what a second cleaning
            # changes; the rows derived from them (wrapped, as a batch) clean once.
            twice = [replace(job, again=True) for job in work.dump_jobs]
            dumps_out = run(score_dump, twice, f"{work.name} dumps")
            control_out = run(score_control, work.control_jobs, f"{work.name} gold in")
            wrapped_dumps, wrapped_control = wrapped.jobs(work.dump_jobs, work.control_jobs)
            checked[work.name] = {
                **validation.section(work, dumps_out, control_out),
                "wrapped": wrapped.section(
                    dumps_out,
                    run(score_dump, wrapped_dumps, f"{work.name} wrapped dumps"),
                    control_out,
                    run(score_control, wrapped_control, f"{work.name} wrapped gold in"),
                ),
                "batch": as_batch.section(
                    dumps_out,
                    run(
                        score_dump,
                        as_batch.jobs(work.dump_jobs, work.gold),
                        f"{work.name} dumps as a batch",
                    ),
                    work.gold,
                ),
            }

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
        "dumps": dump_section(dump_outcomes, dumps, languages),
        "fullpage": _fullpage_section(dump_outcomes, languages),
        "html": _html_section(html_outcomes, languages) if html else None,
        "control": control_section(control_outcomes, gold, languages),
        "removals": _removal_section(dump_outcomes),
        "fakenews": fakenews,
        "validation": checked if validate else None,
        "line_model": _model_note(config),
        "seconds": time.perf_counter() - started,
    }
