"""Cross-document site boilerplate: counted per site in a first pass, removed in a second."""

from __future__ import annotations

import itertools

from pages import TOPICS

from cleaner import Config, SiteTable, clean_text
from cleaner.core.site import line_key, site_of

PROMO = "Headline: Ten ways to save on your heating bill this winter!"


def _page(n: int, *, promo: bool = True) -> str:
    topic = TOPICS[n % len(TOPICS)]
    body = (
        f"Harbour board decides on the {topic}\n\n"
        f"The harbour board met on Monday and spent most of the evening on the {topic}.\n"
    )
    end = f"\nA decision on the {topic} is expected before the summer.\n"
    return body + (f"\n{PROMO}\n" if promo else "") + end


def _table(pages: dict[str, list[str]]) -> SiteTable:
    table = SiteTable()
    for site, texts in pages.items():
        for text in texts:
            table.add(site, text)
    return table


def test_template_line_is_removed_with_evidence() -> None:
    pages = [_page(n) for n in range(1, 9)]
    table = _table({"harbour.example": pages})
    result = clean_text(pages[0], site=table.lines_for("harbour.example", Config()))
    promos = [r for r in result.removals if r.kind == "site_boilerplate"]
    assert [r.text.strip() for r in promos] == [PROMO]
    assert "seen in 8 of 8 pages of harbour.example" in promos[0].reason
    assert "A decision on the" in result.text


def test_article_text_and_lone_documents_are_untouched() -> None:
    pages = [_page(n) for n in range(1, 9)]
    table = _table({"harbour.example": pages})
    lines = table.lines_for("harbour.example", Config())
    result = clean_text(pages[3], site=lines)
    assert not [r for r in result.removals if r.kind == "site_boilerplate" and PROMO not in r.text]
    assert "spent most of the evening on the crane" in result.text  # pages[3] is _page(4)
    # Without the corpus, the rule has nothing to go on.
    assert not [r for r in clean_text(pages[3]).removals if r.kind == "site_boilerplate"]


def test_syndicated_article_on_other_sites_is_not_boilerplate() -> None:
    shared = "The same wire story about the ferry, printed word for word by every paper."
    pages = {f"site{n}.example": [_page(n, promo=False) + "\n" + shared + "\n"] for n in range(6)}
    table = _table(pages)
    lines = table.lines_for("site1.example", Config())
    assert lines.pages_with(shared) is None


def test_thresholds_need_enough_documents_and_share() -> None:
    pages = [_page(n, promo=n < 2) for n in range(1, 30)]  # promo on 1 of 29 pages
    table = _table({"big.example": pages})
    assert table.lines_for("big.example", Config()).pages_with(PROMO) is None
    small = _table({"tiny.example": [_page(1), _page(2)]})  # two pages: below site_min_docs
    assert small.lines_for("tiny.example", Config()).pages_with(PROMO) is None


SIGNATURE = [
    "Harbour Watcher, on the quay since the floods",
    "Liked this post? Tell me below, and share it with a friend who needs to read it.",
]
BACKGROUND = (
    "The harbour was dredged in 2011, and the board has argued about its upkeep ever "
    "since, when the first silt came back."
)


def _authored(n: int, *, signature: bool = False, background: bool = False) -> str:
    """A page of a site of many authors: a few pages carry one author's signature."""
    topic = f"{TOPICS[n % len(TOPICS)]} and the {TOPICS[n // len(TOPICS)]}"
    lines = [
        f"Harbour board decides on the {topic}",
        f"The harbour board met on Monday and spent most of the evening on the {topic}, "
        "with more members present than at any meeting this year.",
    ]
    if background:
        lines.append(BACKGROUND)
    lines.append(f"A decision on the {topic} is expected before the summer, the chair said.")
    if signature:
        lines += SIGNATURE
    return "\n\n".join(lines) + "\n"


def test_a_signature_run_on_a_few_pages_goes_at_the_edge_only() -> None:
    # Two of 40 pages: far below 10% of the site, but a run of two lines closing the page.
    pages = [_authored(n, signature=n < 2) for n in range(40)]
    table = _table({"many.example": pages})
    lines = table.lines_for("many.example", Config())
    assert lines.pages_with(SIGNATURE[0]) is None
    assert lines.pages_sharing(SIGNATURE[0]) == 2
    result = clean_text(pages[0], site=lines)
    taken = [r for r in result.removals if r.kind == "site_boilerplate"]
    assert [r.text.strip() for r in taken] == SIGNATURE
    assert "seen in 2 of 40 pages of many.example, in a signature block" in taken[0].reason
    assert not any(r.confident for r in taken)  # guesses: the safety valve applies
    assert "expected before the summer" in result.text


def test_a_shared_paragraph_among_the_pages_own_stays() -> None:
    # Two stories reuse one background paragraph: it stands between their own paragraphs.
    pages = [_authored(n, background=n < 2) for n in range(40)]
    lines = _table({"many.example": pages}).lines_for("many.example", Config())
    assert lines.pages_sharing(BACKGROUND) == 2
    result = clean_text(pages[1], site=lines)
    assert not [r for r in result.removals if r.kind == "site_boilerplate"]
    # A lone shared line at the edge is no run: one signature line alone stays.
    lone = [_authored(n) + ("\n" + SIGNATURE[1] + "\n" if n < 2 else "") for n in range(40)]
    lines = _table({"many.example": lone}).lines_for("many.example", Config())
    assert not [r for r in clean_text(lone[0], site=lines).removals if r.kind == "site_boilerplate"]


def test_shared_paragraphs_and_figures_are_no_signature() -> None:
    # A follow-up reuses the first story's two-paragraph lede; two market reports close
    # on lines that differ only in their figures (digits are folded when compared).
    lede = [
        "A gas explosion destroyed two houses on Elm Street early on Tuesday, killing one "
        "man and injuring four other people, the fire service said.",
        "Firefighters found both houses well alight; neighbours described hearing a bang "
        "that shook windows across the street.",
    ]
    pages = [_authored(n) for n in range(40)]
    pages[0] = "Gas blast destroys two houses\n\n" + "\n\n".join(lede) + "\n\n" + pages[0]
    pages[1] = "Man killed in gas blast named\n\n" + "\n\n".join(lede) + "\n\n" + pages[1]
    pages[2] += "\nShares closed up 0.4 per cent.\n\nThe pound rose 0.2 per cent.\n"
    pages[3] += "\nShares closed up 1.3 per cent.\n\nThe pound rose 0.5 per cent.\n"
    lines = _table({"many.example": pages}).lines_for("many.example", Config())
    assert lines.pages_sharing(lede[0]) == 2
    for page in pages[:4]:
        removals = clean_text(page, site=lines).removals
        assert not [r for r in removals if r.kind == "site_boilerplate"], page


def test_a_story_posted_twice_is_no_template() -> None:
    # Every line of the story is on two pages: a copy, not a signature. Nothing goes,
    # and the document is not flagged by the safety valve.
    pages = [_authored(n, signature=n == 0) for n in range(40)] + [_authored(0, signature=True)]
    lines = _table({"many.example": pages}).lines_for("many.example", Config())
    assert lines.pages_sharing(SIGNATURE[1]) == 2
    result = clean_text(pages[0], site=lines)
    assert not [r for r in result.removals if r.kind == "site_boilerplate"]
    assert not result.flagged
    # A site whose pages copy each other wholesale keeps no shared lines at all.
    copies = [_authored(n) for n in range(10)] * 2
    assert _table({"mirror.example": copies}).lines_for("mirror.example", Config()).shared == {}


def test_table_is_order_independent_and_merges() -> None:
    pages = [(f"s{n % 2}.example", _page(n, promo=n % 3 == 0)) for n in range(12)]
    tables = []
    for order in itertools.islice(itertools.permutations(pages), 3):
        tables.append(_table_from(order))
    halves = _table_from(pages[:5])
    halves.merge(_table_from(pages[5:]))
    for table in [*tables, halves]:
        assert table.documents == tables[0].documents
        assert table.lines == tables[0].lines


def _table_from(pairs) -> SiteTable:  # type: ignore[no-untyped-def]
    table = SiteTable()
    for site, text in pairs:
        table.add(site, text)
    return table


def test_line_key_and_site_of() -> None:
    assert (
        line_key("  Subscribe to the Post for FREE! (2024) ")
        == "subscribe to the post for free 0000"
    )
    assert site_of("https://www.example.com/a/b", "folder") == "example.com"
    assert site_of(None, "folder") == "folder"


def test_cli_counts_sites_across_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from cleaner.cli import app

    site = tmp_path / "in" / "harbour"
    other = tmp_path / "in" / "elsewhere"
    site.mkdir(parents=True)
    other.mkdir(parents=True)
    for n in range(1, 6):
        (site / f"{n}.txt").write_text(_page(n), encoding="utf-8")
    (other / "x.txt").write_text(_page(9), encoding="utf-8")  # same promo, another site, alone
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out)]).exit_code == 0
    assert PROMO not in (out / "harbour" / "1.txt").read_text()
    assert PROMO in (out / "elsewhere" / "x.txt").read_text()
    report = json.loads((out / "report.json").read_text())
    kinds = report["summary"]["removals_by_kind"]
    assert kinds["site_boilerplate"] == 5
    out2 = tmp_path / "out2"
    args = ["clean", str(tmp_path / "in"), "-o", str(out2), "--no-site-boilerplate"]
    assert runner.invoke(app, args).exit_code == 0
    assert PROMO in (out2 / "harbour" / "1.txt").read_text()


def test_spooled_counts_decide_like_the_table_in_memory(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cleaner.core.site import SpooledCounts, document_digests

    config = Config()
    pages = {
        "harbour.example": [_page(n) for n in range(1, 9)]
        + [_page(n, promo=False) for n in (9, 10)],
        "small.example": [_page(n) for n in range(1, 3)],  # too few pages to judge
        "other.example": [_page(n, promo=n % 4 == 0) for n in range(1, 30)],  # 7 of 29 pages
    }
    table = _table(pages)
    spooled = SpooledCounts(tmp_path / "spool")
    for site, texts in pages.items():
        for text in texts:
            spooled.add_digests(site, document_digests(text))
    compact = spooled.table(config)
    for site in pages:
        assert compact.lines_for(site, config) == table.lines_for(site, config)
    # Only repeated and shared lines are kept in memory, and the spool files are gone.
    assert sum(len(c) for c in compact.lines.values()) < sum(len(c) for c in table.lines.values())
    assert compact.distinct == {site: len(table.lines[site]) for site in pages}
    assert list((tmp_path / "spool").iterdir()) == []


def test_spooled_counts_hold_no_shared_lines_of_pages_that_copy_each_other(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cleaner.core.site import SpooledCounts, document_digests

    config = Config()
    copies = [_authored(n) for n in range(10)] * 2  # every page twice: all lines shared
    signed = [_authored(n, signature=n < 2) for n in range(40)]
    spooled = SpooledCounts(tmp_path / "spool")
    for site, texts in {"mirror.example": copies, "many.example": signed}.items():
        for text in texts:
            spooled.add_digests(site, document_digests(text))
    compact = spooled.table(config)
    assert "mirror.example" not in compact.lines  # memory: none of its shared lines kept
    assert compact.lines_for("many.example", config).pages_sharing(SIGNATURE[0]) == 2
    assert list((tmp_path / "spool").iterdir()) == []


def test_a_pruned_table_decides_the_same() -> None:
    # Only repeated lines are kept (the table that goes to every worker), and each site
    # gets the same lines and page count from it.
    pages = [_page(n, promo=n % 2 == 0) for n in range(1, 9)]
    table = _table({"harbour.example": pages, "other.example": pages[:2]})
    pruned = table.pruned(Config())
    for site in ("harbour.example", "other.example"):
        assert pruned.lines_for(site, Config()) == table.lines_for(site, Config())
    assert sum(map(len, pruned.lines.values())) < sum(map(len, table.lines.values()))
