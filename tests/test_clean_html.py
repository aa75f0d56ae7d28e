"""`clean_html` loads a page the way the batch loads an HTML file: the same limits, the
same mojibake repair, the same text, title, removals and notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from hostile import MOJIBAKE
from typer.testing import CliRunner

from cleaner import Config, InputError, clean_html
from cleaner.batch.work import clean_file
from cleaner.cli import app
from cleaner.evaluation.data import AEB, read_page

PAGE = (
    "<html><head><title>Council plan</title></head><body><article><h1>Council plan</h1>"
    "<p>{body}</p><p>The harbour board voted on Monday to repair the old slipway before "
    "the summer, after fishermen said the cracked ramp had become dangerous.</p>"
    "</article></body></html>"
)
# A page printed as UTF-8, read as cp1252 and saved as UTF-8 again: "’" became "â€™".
MOJIBAKE_PAGE = PAGE.format(body=MOJIBAKE.encode("utf-8").decode("cp1252").replace("\n", " "))
DEEP = "<html><body>" + "<div>" * 20_000 + "deep" + "</div>" * 20_000 + "</body></html>"
# A page on disk and in memory, cleaned by the batch and by clean_html.
AEB_PAGES = 5


@pytest.mark.parametrize("page", [DEEP, DEEP.encode()], ids=["str", "bytes"])
def test_html_deeper_than_max_html_depth_is_refused(page: str | bytes) -> None:
    with pytest.raises(InputError, match="max_html_depth") as raised:
        clean_html(page)
    assert raised.value.kind == "too_deep"


def test_the_depth_limit_comes_from_the_config() -> None:
    nested = "<html><body>" + "<div>" * 60 + "<p>x</p>" + "</div>" * 60 + "</body></html>"
    with pytest.raises(InputError, match="max_html_depth"):
        clean_html(nested, config=Config(max_html_depth=50))
    # Under the limit, and with the default, the same page is cleaned.
    assert clean_html(nested, config=Config(max_html_depth=100)).text == "x"


@pytest.mark.parametrize("page", [MOJIBAKE_PAGE, MOJIBAKE_PAGE.encode()], ids=["str", "bytes"])
def test_mojibake_is_repaired_and_the_repair_recorded(page: str | bytes) -> None:
    result = clean_html(page)
    assert "The minister’s café plan — a bold one" in result.text
    assert "â€" not in result.text
    [repair] = result.repairs
    assert repair["kind"] == "mojibake"
    assert "â€™" in repair["before"] and "’" in repair["after"]
    # Offsets refer to the repaired source, as the removals' do.
    assert result.source[repair["start"] : repair["end"]] == repair["after"]


def test_a_clean_page_has_no_repairs() -> None:
    result = clean_html(PAGE.format(body=MOJIBAKE.replace("\n", " ")))
    assert "The minister’s café plan" in result.text
    assert result.repairs == []


def test_a_page_in_cp1252_records_its_encoding(tmp_path: Path) -> None:
    page = PAGE.format(body=MOJIBAKE.replace("\n", " ")).encode("cp1252")
    result = clean_html(page)
    assert "The minister’s café plan" in result.text
    assert [r["kind"] for r in result.repairs] == ["encoding"]
    path = tmp_path / "page.html"
    path.write_bytes(page)
    assert result.repairs == clean_file(path).repairs


def test_a_line_past_max_line_chars_fails_as_in_the_batch(tmp_path: Path) -> None:
    # One paragraph of 150,000 characters: trafilatura keeps it as one line.
    page = PAGE.format(body="word " * 30_000)
    path = tmp_path / "long.html"
    path.write_text(page, "utf-8")
    with pytest.raises(InputError) as in_batch:
        clean_file(path)
    with pytest.raises(InputError, match="max_line_chars") as alone:
        clean_html(page)
    assert (alone.value.kind, str(alone.value)) == (in_batch.value.kind, str(in_batch.value))
    assert alone.value.kind == "too_large"
    # A larger limit lets the same page through.
    assert "word word" in clean_html(page, config=Config(max_line_chars=200_000)).text


def _aeb_pages() -> list[Path]:
    pages = sorted((DATA / AEB / "html").glob("*.html.gz"))[:AEB_PAGES]
    if len(pages) < AEB_PAGES:
        pytest.fail(f"the evaluation data is missing at {DATA}; ../shared must sit beside the repo")
    return pages


def test_clean_html_equals_the_batch_on_real_pages(tmp_path: Path) -> None:
    """What the batch writes for a page is what clean_html returns for its bytes: real
    aeb pages (none needs a repair) and a page with mojibake."""
    source = tmp_path / "pages"
    source.mkdir()
    (source / "mojibake.html").write_text(MOJIBAKE_PAGE, "utf-8")
    pages = {"mojibake": MOJIBAKE_PAGE.encode()}
    for page in _aeb_pages():
        (source / page.name).write_bytes(page.read_bytes())
        page_id = page.name.removesuffix(".html.gz")
        pages[page_id] = read_page(DATA, page_id)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    for name, data in pages.items():
        alone = clean_html(data)
        assert alone.text + "\n" == (out / f"{name}.txt").read_text("utf-8"), name
        [batch_file] = source.glob(f"{name}.htm*")
        batch = clean_file(batch_file)
        assert (alone.text, alone.title, alone.notes) == (batch.text, batch.title, batch.notes)
        assert alone.removals == batch.removals and alone.repairs == batch.repairs
