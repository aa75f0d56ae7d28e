"""The validation dumps cleaned as a batch (cleaner/evaluation/as_batch.py)."""

from __future__ import annotations

from cleaner.evaluation.as_batch import jobs, section
from cleaner.evaluation.data import Gold
from cleaner.evaluation.jobs import DumpJob, score_dump

TEMPLATE = "Harbour Gazette morning edition"
STORIES = [
    "The county council voted on Tuesday to keep the old ferry running for three more summers.",
    "A new bakery opened on Mill Street, and the queue reached the bus stop by eight o'clock.",
    "The school board will hear parents on Thursday about the plan to close the east campus.",
]


def _gold(urls: list[str | None]) -> dict[str, Gold]:
    return {f"p{i}": Gold(f"p{i}", STORIES[i], url) for i, url in enumerate(urls)}


def _dump_jobs(gold: dict[str, Gold], tools: tuple[str, ...]) -> list[DumpJob]:
    return [
        DumpJob(tool, page_id, f"{g.body}\n{TEMPLATE}\n", g.body, None)
        for tool in tools
        for page_id, g in gold.items()
    ]


def test_each_dump_gets_the_lines_of_its_own_site() -> None:
    gold = _gold(["https://a.example/1", "https://www.a.example/2", "https://b.example/3"])
    found = {(job.tool, job.page_id): job.site for job in jobs(_dump_jobs(gold, ("t",)), gold)}
    assert all(site is not None for site in found.values())
    assert found["t", "p0"].site == found["t", "p1"].site == "a.example"
    assert found["t", "p0"].documents == 2
    assert found["t", "p2"].documents == 1  # a site of one page: nothing to learn from


def test_counts_never_cross_extractors() -> None:
    gold = _gold(["https://a.example/1", "https://a.example/2", "https://a.example/3"])
    # The second extractor's dumps hold no template line: its pages share none.
    dump_jobs = _dump_jobs(gold, ("t",)) + [
        DumpJob("u", page_id, g.body, g.body, None) for page_id, g in gold.items()
    ]
    found = {(job.tool, job.page_id): job.site for job in jobs(dump_jobs, gold)}
    assert found["t", "p0"] is not None and found["u", "p0"] is not None
    assert found["t", "p0"].repeated and found["t", "p0"].documents == 3
    assert not found["u", "p0"].repeated and found["u", "p0"].documents == 3


def test_a_page_without_an_address_is_a_site_of_its_own() -> None:
    gold = _gold([None, None])
    found = [job.site for job in jobs(_dump_jobs(gold, ("t",)), gold)]
    assert [site.documents for site in found if site is not None] == [1, 1]


def test_a_line_a_site_prints_on_every_page_goes_in_the_batch_only() -> None:
    gold = _gold(["https://a.example/1", "https://a.example/2", "https://a.example/3"])
    alone = [score_dump(job) for job in _dump_jobs(gold, ("t",))]
    batch = [score_dump(job) for job in jobs(_dump_jobs(gold, ("t",)), gold)]
    assert all("site_boilerplate" not in {r.kind for r in o.removed} for o in alone)
    assert all(
        [r.text for r in o.removed if r.kind == "site_boilerplate"] == [TEMPLATE] for o in batch
    )
    figures = section(alone, batch, gold)
    assert figures["pages"] == figures["pages_sharing_a_site"] == 3
    entry = figures["dumps"]["t"]
    assert entry["n"] == 3
    assert entry["cleaned"]["precision"] > entry["alone_cleaned"]["precision"]
    assert entry["recall_lost"] == entry["raw"]["recall"] - entry["cleaned"]["recall"]
