"""The first pass of a run with site boilerplate on: each site's line counts, spooled to
disk so memory stays flat, and a stamp of each site's table for the resume state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from cleaner.batch.items import items_of
from cleaner.batch.meter import Meter
from cleaner.batch.options import Options
from cleaner.batch.plan import Source
from cleaner.batch.resume import fingerprint_of
from cleaner.batch.runner import Runner, metered
from cleaner.batch.work import count_item
from cleaner.core.site import SiteTable, SpooledCounts


def count_sites(
    sources: Iterable[tuple[int, Source]], options: Options, cache: Path, meter: Meter | None
) -> SiteTable:
    # The counts wait on disk beside the cache: memory stays flat however large the corpus.
    counts = SpooledCounts(cache.with_name("site-counts"))
    runner = Runner(options, None, cache)
    failed = True
    try:
        items = items_of(sources, options)
        for site, digests in metered(partial(runner.map, count_item), items, meter):
            if site is not None:
                counts.add_digests(site, digests)
        failed = False
    finally:
        runner.close(failed=failed)
    return counts.table(options.config)


def site_stamps(table: SiteTable | None, options: Options) -> Callable[[str | None], str]:
    memo: dict[str | None, str] = {}

    def stamp(site: str | None) -> str:
        if table is None or site is None:
            return ""
        if site not in memo:
            lines = table.lines_for(site, options.config)
            memo[site] = fingerprint_of(
                lines.documents, sorted(lines.repeated.items()), sorted(lines.shared.items())
            )
        return memo[site]

    return stamp
