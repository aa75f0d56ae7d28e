"""Bytes and HTML in: encodings, binary refusal, trafilatura and its fallback."""

from __future__ import annotations

import codecs

import pytest

from cleaner import InputError, clean_html
from cleaner.extract import decode

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
