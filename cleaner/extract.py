"""Bytes and HTML in, text out: decoding with BOM and charset detection, HTML via trafilatura."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


class InputError(ValueError):
    """A file we cannot turn into text; the message says what to do about it."""


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def decode(data: bytes, *, html: bool = False) -> Decoded:
    """Decode bytes: BOM first, then the page's declared charset, UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    if _looks_binary(data):
        raise InputError(
            "this looks like a binary file (NUL or control bytes), not text or HTML; "
            "exclude it from the run or convert it to text first"
        )
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return Decoded(data.decode(name), name)
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(
            "could not find a text encoding for this file; convert it to UTF-8 and run again"
        )
    return Decoded(str(best), best.encoding, [f"decoded as {best.encoding} (not valid UTF-8)"])


@dataclass
class Extracted:
    text: str
    title: str | None
    url: str | None
    notes: list[str] = field(default_factory=list)


def _body_text(html: str) -> str:
    """Text of the page's <body> when trafilatura finds no main content."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    root = soup.body or soup
    lines = (line.strip() for line in root.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Main text and title of an HTML page (one trafilatura pass)."""
    import trafilatura

    notes: list[str] = []
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text, title = "", None
    if result is not None and not isinstance(result, dict):  # a dict only with as_dict=True
        text = (result.text or "").strip()
        title = result.title or None
        url = url or result.url
    if not text:
        text = _body_text(html)
        notes.append("trafilatura found no main content; used the text of the page's <body>")
    return Extracted(text=text, title=title, url=url, notes=notes)
