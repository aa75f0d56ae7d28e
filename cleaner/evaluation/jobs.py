"""One unit of evaluation work per document: clean it, score it, return plain data.

Each job is a top-level function of one picklable argument, so the runner can
send it to a process pool; outcomes carry no `Cleaned` objects, only numbers
and short tuples.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from cleaner import Cleaned, clean_html, clean_text
from cleaner.config import Config
from cleaner.core.site import SiteLines
from cleaner.evaluation.lines import SimpleSpan
from cleaner.evaluation.metric import Overlap, line_oracle, overlap, shingles_kept


@dataclass(frozen=True)
class RemovedText:
    kind: str
    text: str  # the removal's text, stripped
    # Share of the removal's shingles that are gold shingles (it took article text).
    gold_share: float


def _title_line(result: Cleaned) -> str | None:
    """The source line the cleaner took as headline and left out of `.body`."""
    return result.title if result.title_in_source else None


@dataclass(frozen=True)
class DumpJob:
    tool: str
    page_id: str
    dump: str
    gold: str
    config: Config | None
    # The dump's site lines, from a first pass over the other dumps (as a batch run
    # counts them); None cleans the dump alone.
    site: SiteLines | None = None
    # Clean the cleaned text again, to count what a second cleaning changes.
    again: bool = False


@dataclass(frozen=True)
class DumpOutcome:
    tool: str
    page_id: str
    raw: Overlap
    cleaned: Overlap
    oracle: Overlap
    removed: tuple[RemovedText, ...]
    # The dump line taken as headline, which `.body` leaves out (None when there is none).
    title: str | None
    # A second cleaning of the cleaned text changes it (None: not asked, `DumpJob.again`).
    changed_again: bool | None = None


def score_dump(job: DumpJob) -> DumpOutcome:
    """Raw, cleaned (`clean_text(dump).body`) and line-oracle scores of one dump."""
    result = clean_text(job.dump, config=job.config, site=job.site)
    removed = tuple(
        RemovedText(r.kind, r.text.strip(), shingles_kept(r.text, job.gold))
        for r in result.removals
    )
    changed_again = None
    if job.again:
        changed_again = (
            clean_text(result.text, config=job.config, site=job.site).text != result.text
        )
    return DumpOutcome(
        tool=job.tool,
        page_id=job.page_id,
        raw=overlap(job.gold, job.dump),
        cleaned=overlap(job.gold, result.body),
        oracle=overlap(job.gold, line_oracle(job.dump, job.gold)),
        removed=removed,
        title=_title_line(result),
        changed_again=changed_again,
    )


@dataclass(frozen=True)
class HtmlJob:
    page_id: str
    html: bytes
    url: str | None
    gold: str
    config: Config | None


@dataclass(frozen=True)
class HtmlOutcome:
    page_id: str
    cleaner: Overlap
    trafilatura: Overlap
    cleaner_seconds: float
    trafilatura_seconds: float


def score_html(job: HtmlJob) -> HtmlOutcome:
    """`clean_html` against `trafilatura.extract` alone (default options) on one page."""
    import trafilatura

    from cleaner.evaluation.data import decode_page

    started = time.perf_counter()
    cleaned = clean_html(job.html, url=job.url, config=job.config).body
    cleaner_seconds = time.perf_counter() - started

    started = time.perf_counter()
    extracted = trafilatura.extract(decode_page(job.html), url=job.url) or ""
    trafilatura_seconds = time.perf_counter() - started
    return HtmlOutcome(
        page_id=job.page_id,
        cleaner=overlap(job.gold, cleaned),
        trafilatura=overlap(job.gold, extracted),
        cleaner_seconds=cleaner_seconds,
        trafilatura_seconds=trafilatura_seconds,
    )


@dataclass(frozen=True)
class ControlJob:
    page_id: str
    gold: str
    config: Config | None


@dataclass(frozen=True)
class ControlOutcome:
    page_id: str
    kept_text: float
    kept_body: float
    removed: tuple[RemovedText, ...]
    title: str | None


def score_control(job: ControlJob) -> ControlOutcome:
    """How much of a clean gold body survives cleaning (`.text` and `.body`)."""
    result = clean_text(job.gold, config=job.config)
    return ControlOutcome(
        page_id=job.page_id,
        kept_text=shingles_kept(job.gold, result.text),
        kept_body=shingles_kept(job.gold, result.body),
        removed=tuple(RemovedText(r.kind, r.text.strip(), 1.0) for r in result.removals),
        title=_title_line(result),
    )


@dataclass(frozen=True)
class LinesJob:
    row_id: str
    dump: str
    config: Config | None
    # The row's site template lines, from a first pass over all rows.
    site: SiteLines | None = None


@dataclass(frozen=True)
class LinesOutcome:
    row_id: str
    removals: tuple[SimpleSpan, ...]
    source_matches: bool


def clean_lines(job: LinesJob) -> LinesOutcome:
    """The removals `clean_text` finds in one fakenews dump (offsets into the dump)."""
    result = clean_text(job.dump, config=job.config, site=job.site)
    return LinesOutcome(
        row_id=job.row_id,
        removals=tuple(SimpleSpan(r.kind, r.start, r.end) for r in result.removals),
        source_matches=result.source == job.dump,
    )
