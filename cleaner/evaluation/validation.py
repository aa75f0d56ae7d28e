"""The validation sets (l3s-dev, aeb-dev), measured as pages nobody tuned a rule on.

For each set:
- `gold_in`: each gold body through `clean_text` (`jobs.score_control`): the mean
  share of gold shingles kept (`Cleaned.text`), the pages keeping under 0.95, the
  pages that lost most;
- `dumps`: for each extractor (`extractors.REGISTRY`), dumps made from the set's
  HTML (`dumps.make_dumps`, cached), scored raw, cleaned and line-oracle
  (`jobs.score_dump`): F1, share of the raw-to-oracle gap closed, recall lost
  (raw recall minus cleaned recall), the pages the extractor failed on, and how
  often the headline found is the page's own (`titles.title_figures`; l3s-dev only).

Two steps, so the runner can make the dumps (in their own processes) before it
opens its pool for the scoring: `prepare` makes the dumps and the jobs, the
runner maps the jobs, and `section` turns the outcomes into the report's dict.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.evaluation import data
from cleaner.evaluation.dumps import OK, TIMEOUT_S, Made, make_dumps
from cleaner.evaluation.extractors import EXTRACTORS
from cleaner.evaluation.jobs import ControlJob, ControlOutcome, DumpJob, DumpOutcome
from cleaner.evaluation.summary import control_section, dump_section, excerpt
from cleaner.evaluation.titles import title_figures
from cleaner.model.folds import held_out, host

# Gold in: a page keeping less than this share of its gold text was harmed.
KEPT_MIN = 0.95
# Pages an extractor failed on, listed per tool in the report (all are counted).
FAILURES_LISTED = 5


@dataclass(frozen=True)
class SetWork:
    """One set's dumps and the jobs that score them."""

    name: str
    gold: dict[str, data.Gold]
    languages: dict[str, str]
    made: dict[str, dict[str, Made]]
    dump_seconds: float
    dump_jobs: list[DumpJob]
    control_jobs: list[ControlJob]


def prepare(
    root: Path,
    *,
    config: Config | None = None,
    tools: Sequence[str] | None = None,
    cache: str | os.PathLike[str] | None = None,
    jobs: int = 2,
    timeout: float = TIMEOUT_S,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[SetWork]:
    """Make (or read from the cache) every set's dumps, and the jobs that score them."""
    work = []
    for name in data.VALIDATION_SETS:
        gold = data.load_ground_truth(root, name)
        languages = {
            page_id: data.page_language(
                data.decode_page(data.read_page(root, page_id, name)), g.body
            )
            for page_id, g in gold.items()
        }
        # Each page is cleaned with the line model that never saw its site.
        page_config = {page_id: held_out(config, host(g.url)) for page_id, g in gold.items()}
        started = time.perf_counter()
        made = make_dumps(
            root, name, tools, cache=cache, jobs=jobs, timeout=timeout, progress=progress
        )
        dump_jobs = [
            DumpJob(tool, page_id, m.text, gold[page_id].body, page_config[page_id])
            for tool, pages in made.items()
            for page_id, m in pages.items()
        ]
        control_jobs = [
            ControlJob(page_id, g.body, page_config[page_id]) for page_id, g in gold.items()
        ]
        work.append(
            SetWork(
                name,
                gold,
                languages,
                made,
                time.perf_counter() - started,
                dump_jobs,
                control_jobs,
            )
        )
    return work


def problems(sets: Sequence[SetWork]) -> list[str]:
    """Warnings: an extractor that failed on every page (its package is missing or broken)."""
    found = []
    for work in sets:
        for tool, pages in work.made.items():
            if pages and all(m.status != OK for m in pages.values()):
                first = next(iter(pages.values()))
                found.append(
                    f"validation {work.name}: extractor {tool} failed on every page "
                    f"({first.error}); install the eval extra: pip install -e '.[eval]'"
                )
    return found


def _gold_in(work: SetWork, outcomes: list[ControlOutcome]) -> dict[str, Any]:
    under = [o for o in outcomes if o.kept_text < KEPT_MIN]
    return {
        **control_section(outcomes, work.gold, work.languages),
        "kept_min": KEPT_MIN,
        "under_min": len(under),
        "under_min_share": len(under) / len(outcomes) if outcomes else 0.0,
    }


def _failures(pages: dict[str, Made]) -> dict[str, Any]:
    failed = [(page_id, m) for page_id, m in pages.items() if m.status != OK]
    return {
        "count": len(failed),
        "by_status": dict(Counter(m.status for _, m in failed).most_common()),
        "pages": [
            {"id": page_id, "status": m.status, "error": excerpt(m.error)}
            for page_id, m in failed[:FAILURES_LISTED]
        ],
    }


def _dumps(work: SetWork, outcomes: list[DumpOutcome]) -> dict[str, Any]:
    shown = {
        tool: data.Dump(tool, EXTRACTORS[tool].version(), {p: m.text for p, m in pages.items()})
        for tool, pages in work.made.items()
    }
    by_tool = dump_section(outcomes, shown, work.languages)
    section = {}
    for tool, pages in work.made.items():  # the registry's order, not sorted
        entry = by_tool[tool]
        mine = [o for o in outcomes if o.tool == tool]
        titles = title_figures(mine, work.gold)
        section[tool] = {
            **entry,
            "titles": titles,
            "changed_again": [o.page_id for o in mine if o.changed_again],
            "full_page": EXTRACTORS[tool].full_page,
            "recall_lost": entry["raw"]["recall"] - entry["cleaned"]["recall"],
            "failures": _failures(pages),
            "extract_seconds": sum(m.seconds for m in pages.values()),
        }
    return section


def section(
    work: SetWork, dump_outcomes: list[DumpOutcome], control_outcomes: list[ControlOutcome]
) -> dict[str, Any]:
    """One set's part of the report: `pages`, `gold_in`, `dumps` (by tool), `dump_seconds`."""
    return {
        "pages": len(work.gold),
        "languages": dict(Counter(work.languages.values()).most_common()),
        "gold_in": _gold_in(work, control_outcomes),
        "dumps": _dumps(work, dump_outcomes),
        "dump_seconds": work.dump_seconds,
    }
