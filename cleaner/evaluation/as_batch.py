"""The validation dumps cleaned as the main job cleans a folder: site by site.

`cleaner clean` over a folder or a JSONL stream first counts the lines each site
prints on its pages, then cleans each page with its site's lines: `site_boilerplate`
takes a site's template text, and the line model reads how many of the site's pages
show a line. Cleaning each dump alone, as the validation figures do, leaves that
signal out. Here each extractor's dumps of a set are one batch, the pages grouped by
their URL's site (most l3s-dev sites have one page, some up to eight), and each dump
is scored as the batch run would clean it, beside its figures cleaned alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from cleaner.config import DEFAULT_CONFIG
from cleaner.core.site import SiteTable, site_of
from cleaner.evaluation.data import Gold
from cleaner.evaluation.jobs import DumpJob, DumpOutcome
from cleaner.evaluation.summary import gap_closed, scores


def jobs(dump_jobs: list[DumpJob], gold: dict[str, Gold]) -> list[DumpJob]:
    """`dump_jobs` with each dump's site lines, counted over the dumps of the same
    extractor (one batch per extractor: counts never cross extractors or sites)."""
    sites = {job.page_id: site_of(gold[job.page_id].url, job.page_id) for job in dump_jobs}
    tables: dict[str, SiteTable] = {}
    for job in dump_jobs:
        tables.setdefault(job.tool, SiteTable()).add(sites[job.page_id], job.dump)
    return [
        replace(
            job,
            site=tables[job.tool].lines_for(sites[job.page_id], job.config or DEFAULT_CONFIG),
        )
        for job in dump_jobs
    ]


def section(
    alone: list[DumpOutcome], batch: list[DumpOutcome], gold: dict[str, Gold]
) -> dict[str, Any]:
    """By extractor: raw F1, cleaned alone, cleaned as a batch, the share of the gap to
    the line oracle the batch closes, and the recall it loses against the raw dump;
    and how many pages share their site with another page (the rest gain nothing)."""
    dumps = {}
    for tool in dict.fromkeys(o.tool for o in batch):  # the registry's order
        in_batch = [o for o in batch if o.tool == tool]
        raw = scores(o.raw for o in in_batch)
        cleaned = scores(o.cleaned for o in in_batch)
        oracle = scores(o.oracle for o in in_batch)
        dumps[tool] = {
            "n": len(in_batch),
            "raw": raw,
            "alone_cleaned": scores(o.cleaned for o in alone if o.tool == tool),
            "cleaned": cleaned,
            "gap_closed": gap_closed(raw["f1"], cleaned["f1"], oracle["f1"]),
            "recall_lost": raw["recall"] - cleaned["recall"],
        }
    sites = Counter(site_of(g.url, page_id) for page_id, g in gold.items())
    shared = sum(n for n in sites.values() if n > 1)
    return {"pages": len(gold), "pages_sharing_a_site": shared, "dumps": dumps}
