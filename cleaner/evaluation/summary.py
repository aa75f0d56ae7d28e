"""Outcomes of evaluation jobs turned into report sections (plain, JSON-ready dicts).

Shared by the runner's sections on aeb's shipped dumps and the validation sets'
sections (validation.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from cleaner.evaluation import data
from cleaner.evaluation.jobs import ControlOutcome, DumpOutcome
from cleaner.evaluation.metric import Overlap, corpus_scores

WORST_CONTROL_DOCS = 10
REGRESSIONS_PER_TOOL = 5
# Long texts are cut to this many characters in the lists a person reads.
EXCERPT_CHARS = 300


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def scores(overlaps: Iterable[Overlap]) -> dict[str, float | int]:
    return corpus_scores(overlaps).to_dict()


def gap_closed(raw: float, cleaned: float, oracle: float) -> float | None:
    """Share of the raw-to-oracle F1 gap the cleaner closed (None when there is no gap)."""
    gap = oracle - raw
    return (cleaned - raw) / gap if gap > 1e-9 else None


def by_language(
    items: Sequence[Any], languages: dict[str, str], fields: Sequence[str]
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[languages[item.page_id]].append(item)
    return {
        lang: {"n": len(group), **{f: scores(getattr(o, f) for o in group) for f in fields}}
        for lang, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }


def dump_section(
    outcomes: list[DumpOutcome], dumps: dict[str, data.Dump], languages: dict[str, str]
) -> dict[str, Any]:
    by_tool: dict[str, list[DumpOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_tool[outcome.tool].append(outcome)
    section = {}
    for tool, items in sorted(by_tool.items()):
        raw, cleaned, oracle = (
            scores(getattr(o, f) for o in items) for f in ("raw", "cleaned", "oracle")
        )
        drops = sorted(items, key=lambda o: o.cleaned.f1 - o.raw.f1)
        section[tool] = {
            "version": dumps[tool].version,
            "n": len(items),
            "raw": raw,
            "cleaned": cleaned,
            "oracle": oracle,
            "gap_closed": gap_closed(raw["f1"], cleaned["f1"], oracle["f1"]),
            "docs_changed": sum(1 for o in items if o.removed),
            "by_language": by_language(items, languages, ("raw", "cleaned")),
            "regressions": [
                {
                    "id": o.page_id,
                    "raw_f1": o.raw.f1,
                    "cleaned_f1": o.cleaned.f1,
                    "title": o.title,
                    "removed": [[r.kind, excerpt(r.text)] for r in o.removed],
                }
                for o in drops[:REGRESSIONS_PER_TOOL]
                if o.cleaned.f1 < o.raw.f1
            ],
        }
    return section


def control_section(
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
                "removed": [[r.kind, excerpt(r.text)] for r in o.removed],
            }
            for o in worst[:WORST_CONTROL_DOCS]
        ],
    }
