"""Bytes and HTML in, text out: decoding with BOM and charset detection, HTML via trafilatura."""

from __future__ import annotations

import codecs
import html as htmllib
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


_OG_TITLE = re.compile(
    r"""<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']+)"""
    r"""|<meta[^>]+content=["']([^"']+)["'][^>]*property=["']og:title""",
    re.IGNORECASE,
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)"""
    r"""|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""",
    re.IGNORECASE,
)
HEAD_CHARS = 200_000


def page_title(html: str) -> str | None:
    """The page's headline from its head: og:title, else <title> (no second parse)."""
    head = html[:HEAD_CHARS]
    found = _OG_TITLE.search(head)
    raw = (found.group(1) or found.group(2)) if found else None
    if raw is None:
        title = _TITLE.search(head)
        raw = title.group(1) if title else None
    text = " ".join(htmllib.unescape(raw).split()) if raw else ""
    return text or None


def page_url(html: str) -> str | None:
    found = _CANONICAL.search(html[:HEAD_CHARS])
    return htmllib.unescape(found.group(1) or found.group(2)) if found else None


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Main text of an HTML page (one trafilatura pass), with the title and URL from its head.

    trafilatura's metadata pass is skipped: it costs about a third of the
    extraction, and the rules find the headline in the text; og:title or
    <title> names it when the text does not.
    """
    import trafilatura

    notes: list[str] = []
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=False, include_comments=False, include_tables=True
    )
    text = ""
    if result is not None and not isinstance(result, dict):  # a dict only with as_dict=True
        text = (result.text or "").strip()
    if not text:
        text = _body_text(html)
        notes.append("trafilatura found no main content; used the text of the page's <body>")
    return Extracted(text=text, title=page_title(html), url=url or page_url(html), notes=notes)
