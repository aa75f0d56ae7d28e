"""Titles (issue 16): a given title always wins; a line a rule removes is never the
headline; a record's text field gets the clean text of what it held, no headline added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

from cleaner import Cleaned, Config, SiteTable, clean_text, replay
from cleaner.cli import app
from cleaner.core.text import key
from cleaner.evaluation.data import load_fakenews

runner = CliRunner()
PROMO = "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next!"
SITE = "news.example"
STORIES = [
    (
        "Yawning Is Contagious and Why It Matters",
        "Feeling tired? Researchers at the university have published work suggesting that "
        "contagious yawning is triggered by primitive reflexes in the motor cortex.",
    ),
    (
        "Ancient Euro Devil Discovered in a Quarry",
        "A fossil found in a quarry last spring belongs to a reptile that lived long before "
        "the dinosaurs, the museum's team said on Tuesday.",
    ),
    (
        "Ants Found Living Inside a Girl's Ear",
        "Doctors removed dozens of ants from the ear of a girl who had complained of pain for "
        "weeks, the hospital said in a statement.",
    ),
    (
        "Winter Storm Brings Ice to the Midwest",
        "Forecasters warned that freezing rain would spread from the Rockies to the Midwest "
        "and into the East over the weekend.",
    ),
]


def _page(headline: str, body: str) -> str:
    """A page of the site as its scraper wrote it: the site's promo line on top."""
    return f"{PROMO}\n\n{headline}\n\n{body}\n"


def _site_lines() -> object:
    table = SiteTable()
    for headline, body in STORIES:
        table.add(SITE, _page(headline, body))
    return table.lines_for(SITE, Config())


def _replays(result: Cleaned) -> None:
    """The output is the source less the removals, and the text field is exactly that."""
    rebuilt = replay(result.source, result.removals, title_first=result.title_in_source)
    assert rebuilt == result.field_text


def test_a_site_promo_line_on_top_is_not_guessed_as_the_headline() -> None:
    # The promo the site prints on all its pages stands where a headline would; the
    # site_boilerplate rule removes it, so it cannot be the headline either.
    headline, body = STORIES[0]
    result = clean_text(_page(headline, body), site=_site_lines())  # type: ignore[arg-type]
    assert result.title == headline
    assert [r.kind for r in result.removals] == ["site_boilerplate"]
    assert result.text == f"{headline}\n\n{body}"
    _replays(result)


def test_without_the_site_table_a_promo_naming_nothing_below_is_no_guess() -> None:
    # Nothing removes the promo in a lone document, but none of its words stands in the
    # story under it: no headline is guessed (and the promo stays in the text).
    headline, body = STORIES[0]
    result = clean_text(_page(headline, body))
    assert result.title is None and result.removals == []


def test_a_guessed_headline_a_rule_removes_is_no_title() -> None:
    # An author's signature opening two other pages of the site: its title-like first
    # line is the guess. site_boilerplate takes the run, that line included (it spared
    # the guess before), and the document reports no title.
    signature = ["Notes From the Valley Desk", "JoRoe?"]
    table = SiteTable()
    for n, (headline, body) in enumerate(STORIES):
        lines = [*signature, headline, body] if n < 2 else [headline, body]
        table.add(SITE, "\n\n".join(lines))
    for n in range(8):
        table.add(SITE, f"Another story {n}\n\nIts own paragraph number {n} of the site.")
    headline, body = STORIES[2]
    source = "\n\n".join([*signature, headline, body])
    result = clean_text(source, site=table.lines_for(SITE, Config()))
    assert [(r.kind, r.text.strip()) for r in result.removals] == [
        ("site_boilerplate", line) for line in signature
    ]
    assert result.title is None
    assert result.text == f"{headline}\n\n{body}"
    _replays(result)


def test_a_given_title_wins_over_the_first_line() -> None:
    # The fakenews-dev shape: the record's title is not printed; its content opens with
    # the site's promo (no site table here, so no rule removes it).
    headline, body = STORIES[1]
    result = clean_text(f"{PROMO}\n\n{body}", title=headline)
    assert result.title == headline
    assert result.text == f"{headline}\n\n{PROMO}\n\n{body}"
    assert result.field_text == f"{PROMO}\n\n{body}"  # nothing added to the text field
    _replays(result)


def test_the_byline_under_a_given_title_the_dump_does_not_print() -> None:
    # fakenews-dev 38330: a standfirst, the author's name, the article; the record's title
    # is not printed. The name goes as a byline (it did when the standfirst was taken for
    # the headline); a name in title case would stay.
    deck = "The decision could easily spiral into a dangerous, self-made crisis"
    body = STORIES[3][1]
    for name, removed in (("Jay SYRMOPOULOS", True), ("Jay Syrmopoulos", False)):
        result = clean_text(f"{deck}\n\n{name}\n\n{body}", title="Arms for the East")
        assert [r.kind for r in result.removals] == (["byline"] if removed else [])
        assert result.title == "Arms for the East"
        _replays(result)


def test_a_given_title_is_kept_with_whitespace_normalised() -> None:
    result = clean_text("The fossil was found in a quarry last spring.", title="  Euro\n Devil  ")
    assert result.title == "Euro Devil"
    assert clean_text("The fossil was found.", title=" \n ").title is None


def test_the_given_titles_copy_at_the_top_is_kept_once() -> None:
    headline, body = STORIES[2]
    source = f"{headline}\n\n{headline} | Valley Post\n\n{body}"
    result = clean_text(source, title=headline)
    assert result.title == headline and result.title_in_source
    assert result.text == result.field_text == f"{headline}\n\n{body}"
    assert [r.kind for r in result.removals] == ["duplicate_headline"]
    _replays(result)


def test_the_given_titles_copy_under_a_deck_stays_where_it_is() -> None:
    # A deck stands above the printed headline: the copy stays in place, once.
    headline, body = STORIES[3]
    deck = "Forecasters expect a cold and mean December for much of the country"
    result = clean_text(f"{deck}\n\n{headline}\n\n{body}", title=headline)
    assert result.title == headline
    assert result.text == result.field_text == f"{deck}\n\n{headline}\n\n{body}"
    _replays(result)


def test_a_copy_printed_otherwise_stays_and_the_given_title_wins() -> None:
    headline, body = STORIES[0]
    printed = headline.upper()
    result = clean_text(f"{printed}\n\n{body}", title=headline)
    assert result.title == headline
    assert result.text == result.field_text == f"{printed}\n\n{body}"
    _replays(result)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_text_field_is_its_own_clean_text(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (headline, body), (headline2, body2) = STORIES[0], STORIES[1]
    records = [
        # The title is not in the text: it goes to the title field only.
        {"id": "a", "title": headline, "content": f"{PROMO}\n\n{body}\n\nShare this article"},
        # The text prints the headline (and a copy): the kept copy stays, once.
        {"id": "b", "title": headline2, "content": f"{headline2}\n\n{headline2}\n\n{body2}"},
        # No title: the first line is the headline, left in the text where it was.
        {"id": "c", "content": f"{headline2}\n\n{body2}"},
    ]
    (src / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    args = ["clean", str(src), "--text-field", "content", "-o", str(out), "-j", "1"]
    assert runner.invoke(app, args).exit_code == 0
    a, b, c = _records(out / "docs.jsonl")
    assert a["title"] == headline
    assert a["content"] == f"{PROMO}\n\n{body}"
    assert b["title"] == headline2 and b["content"] == f"{headline2}\n\n{body2}"
    assert c["title"] == headline2 and c["content"] == f"{headline2}\n\n{body2}"


def test_parquet_text_column_is_its_own_clean_text(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "in"
    src.mkdir()
    (headline, body), (headline2, body2) = STORIES[0], STORIES[1]
    rows = [
        {"id": "a", "title": headline, "text": f"{body}\n\nShare this article"},
        {"id": "b", "title": headline2, "text": f"{headline2}\n\n{body2}"},
    ]
    pq.write_table(pa.Table.from_pylist(rows), src / "docs.parquet")
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"]).exit_code == 0
    a, b = pq.read_table(out / "docs.parquet").to_pylist()
    assert (a["title"], a["text"]) == (headline, body)
    assert (b["title"], b["text"]) == (headline2, f"{headline2}\n\n{body2}")


def test_stdin_title_wins(tmp_path: Path) -> None:
    headline, body = STORIES[1]
    result = runner.invoke(app, ["clean", "-", "--title", headline], input=f"{PROMO}\n\n{body}\n")
    assert result.exit_code == 0
    assert result.stdout == f"{headline}\n\n{PROMO}\n\n{body}\n"


def _fakenews() -> dict[str, dict[str, str]]:
    if not (DATA / "fakenews-dev").is_dir():
        pytest.fail(f"the evaluation data is missing at {DATA}; ../shared must sit beside the repo")
    rows = load_fakenews(DATA)
    assert len(rows) == 120
    return rows


def _lines_like(text: str, title: str) -> int:
    """Lines of `text` that print `title` (case and punctuation aside)."""
    return sum(1 for line in text.splitlines() if key(line) == key(title))


@pytest.mark.slow
def test_fakenews_given_titles_are_never_replaced() -> None:
    # Issue 16: 22 of the 120 titles were replaced by a line of the text (7 by PROMO).
    for row in _fakenews().values():
        result = clean_text(row["content"], title=row["title"])
        assert result.title == (" ".join(row["title"].split()) or None), row["id"]
        _replays(result)


@pytest.mark.slow
def test_fakenews_jsonl_text_fields_gain_no_headline(tmp_path: Path) -> None:
    # Issue 16: in 32 of the 120 records the headline was added to a text that lacked it.
    # Cleaned as a corpus (with the site pass, site = the URL's host).
    rows = _fakenews()
    src = tmp_path / "in"
    src.mkdir()
    with (src / "fakenews.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows.values():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    args = ["clean", str(src), "--text-field", "content", "-o", str(out), "-j", "1", "-q"]
    assert runner.invoke(app, args).exit_code == 0
    cleaned = {r["id"]: r for r in _records(out / "fakenews.jsonl")}
    assert len(cleaned) == 120
    replaced = [i for i, r in rows.items() if cleaned[i]["title"] != " ".join(r["title"].split())]
    gained = [
        i
        for i, r in rows.items()
        if _lines_like(cleaned[i]["content"], r["title"]) > _lines_like(r["content"], r["title"])
    ]
    assert (replaced, gained) == ([], [])
