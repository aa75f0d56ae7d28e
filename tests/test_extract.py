"""Bytes and HTML in: encodings, binary refusal, trafilatura and its fallback."""

from __future__ import annotations

import codecs
import gzip

import pytest
from conftest import DATA

from cleaner import InputError, clean_html
from cleaner.evaluation.data import decode_page
from cleaner.formats.decode import decode
from cleaner.formats.extract import page_title

ARTICLE = (
    "<p>The ferry to Gull Island sails again from Saturday, the operator said on Monday, "
    "after repairs to the slipway were finished ahead of time.</p>"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café ’quoted’".encode(), "Café ’quoted’"),
        (codecs.BOM_UTF8 + "Café".encode(), "Café"),
        ("Café".encode("utf-16"), "Café"),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data).text == expected


def test_decode_cp1252_is_detected_and_noted() -> None:
    text = "L’été à Montréal était très chaud, disait-on au café. " * 5
    decoded = decode(text.encode("cp1252"))
    assert "été" in decoded.text
    assert decoded.notes


def test_binary_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def test_html_title_from_metadata_and_body_cleaned() -> None:
    page = (
        "<html><head><title>Ferry returns | Valley Post</title></head><body>"
        "<nav>Home News Sport</nav><article><h1>Ferry returns</h1>"
        + ARTICLE * 3
        + "<p>Share this article</p></article><footer>© 2024 Valley Post</footer></body></html>"
    )
    result = clean_html(page.encode())
    assert result.title is not None and "Ferry returns" in result.title
    assert "The ferry to Gull Island" in result.body
    assert "Share this article" not in result.body


def test_html_without_main_content_falls_back_to_body_text(monkeypatch) -> None:
    import trafilatura

    # trafilatura keeps almost any text; make it find nothing to reach the fallback.
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = "<html><body><script>var x = 1;</script><div>Only a short line here</div></body></html>"
    result = clean_html(page)
    assert result.text == "Only a short line here"
    assert any("no main content" in n for n in result.notes)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # Issue 16: a regex for the attribute stopped at the first apostrophe or quote.
        (
            """<meta property="og:title" content="Fact Check: Is An 'Oxygen Bar' In Delhi """
            """Offering Fresh Air For Rs 300?">""",
            "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300?",
        ),
        (
            """<meta content='The Weird Plumes of Jupiter&#39;s Moon' property='og:title'>""",
            "The Weird Plumes of Jupiter's Moon",
        ),
        (
            """<meta property="og:title" content='"We had some issues," exec says'>"""
            "<title>Disney+ glitches - Los Angeles Times</title>",
            '"We had some issues," exec says',
        ),
        # An empty og:title names nothing: the <title> does.
        (
            """<meta property="og:title" content=" "><title>Tuesday's  scores\n</title>""",
            "Tuesday's scores",
        ),
        ("""<meta property="OG:TITLE" content="Capitals &amp; all">""", "Capitals & all"),
        ("<title></title>", None),
        ("no markup at all", None),
        ("", None),
    ],
)
def test_page_title_reads_the_whole_attribute(head: str, expected: str | None) -> None:
    assert page_title(f"<html><head>{head}</head><body><p>Text.</p></body></html>") == expected


def test_clean_html_keeps_the_whole_og_title() -> None:
    title = "South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign"
    page = (
        f"""<html><head><meta property="og:title" content="{title}"></head><body><article>"""
        + ARTICLE * 3
        + "</article></body></html>"
    )
    assert clean_html(page.encode()).title == title


def _title_by_bs4(html: str) -> str | None:
    """The first non-empty og:title, else the first <title>, read by another parser."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for meta in soup.find_all("meta"):
        content = " ".join((meta.get("content") or "").split())
        if (meta.get("property") or "").lower() == "og:title" and content:
            return content
    title = soup.find("title")
    return " ".join(title.get_text().split()) or None if title else None


@pytest.mark.slow
def test_page_title_on_every_aeb_page() -> None:
    pages = sorted((DATA / "aeb-dev" / "html").glob("*.html.gz"))
    if not pages:
        pytest.fail(f"the evaluation data is missing at {DATA}; ../shared must sit beside the repo")
    wrong = {}
    for path in pages:
        html = decode_page(gzip.decompress(path.read_bytes()))
        if page_title(html) != _title_by_bs4(html):
            wrong[path.name] = (page_title(html), _title_by_bs4(html))
    assert not wrong
    assert len(pages) == 88
