"""Real extractors run on a page to make the dumps the cleaner is measured on.

    >>> EXTRACTORS["html-text"].run("<p>One line.</p><p>Two.</p>", None)
    'One line.\\n\\nTwo.'

One small function per extractor: decoded HTML (and the page's URL, or None)
in, plain text out, one paragraph or block per line. Each calls its package the
plain way, with default settings, so the dump is what a scraper using that
package writes. Nothing here reaches the network: every call is given the HTML,
image fetching and redirects are off, and `no_network()` turns any connection
attempt into an error. The packages are the `eval` extra (`pip install -e
'.[eval]'`); an extractor whose package is missing reports that when run.

`REGISTRY` lists them in a fixed order. An extractor's `recipe` number is part
of the dump cache's key (dumps.py): raise it when its function changes, so
dumps made by the old function are not reused.
"""

from __future__ import annotations

import importlib.metadata
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Extractor:
    name: str
    package: str  # the distribution on PyPI, for its version
    run: Callable[[str, str | None], str]
    # Bumped when `run` changes how it calls the package (part of the cache key).
    recipe: int = 1
    # The whole page as text (menus, footers...), not the article alone.
    full_page: bool = False

    def version(self) -> str:
        """The installed package's version, or "missing"."""
        try:
            return importlib.metadata.version(self.package)
        except importlib.metadata.PackageNotFoundError:
            return "missing"


def _join(paragraphs: Iterator[str] | list[str]) -> str:
    """Paragraphs one per line, stripped, empty ones left out."""
    return "\n".join(text for text in (p.strip() for p in paragraphs) if text)


def trafilatura_text(html: str, url: str | None) -> str:
    """`trafilatura.extract` with its defaults (what `clean_html` is compared to)."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def readability_text(html: str, url: str | None) -> str:
    """readability-lxml's article HTML (`Document.summary`) as text by html-text,
    as the article-extraction benchmark turned it into text."""
    import html_text
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return str(html_text.extract_text(summary))


def html_text_text(html: str, url: str | None) -> str:
    """html-text on the whole page (its layout guess: a blank line between blocks)."""
    import html_text

    return str(html_text.extract_text(html))


def inscriptis_text(html: str, url: str | None) -> str:
    """inscriptis on the whole page (it draws the page's layout in text)."""
    import inscriptis

    return inscriptis.get_text(html) or ""


def newspaper_text(html: str, url: str | None) -> str:
    """newspaper4k's parse of the given HTML: no download, no images, no NLP (nltk)."""
    from newspaper import Article

    article = Article(
        url or "http://localhost/article",
        fetch_images=False,
        follow_meta_refresh=False,
    )
    article.download(input_html=html)
    article.parse()
    return article.text or ""


def goose3_text(html: str, url: str | None) -> str:
    """goose3's `cleaned_text` from the given HTML (image fetching is off by default)."""
    from goose3 import Goose

    with Goose({"enable_image_fetching": False}) as goose:
        return goose.extract(raw_html=html).cleaned_text or ""


def justext_text(html: str, url: str | None) -> str:
    """jusText's non-boilerplate paragraphs (English stop words), one per line."""
    import justext

    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return _join(p.text for p in paragraphs if not p.is_boilerplate)


def boilerpy3_text(html: str, url: str | None) -> str:
    """boilerpy3's ArticleExtractor (the Python port of boilerpipe's)."""
    from boilerpy3 import extractors

    return extractors.ArticleExtractor(raise_on_failure=False).get_content(html) or ""


def resiliparse_text(html: str, url: str | None) -> str:
    """Resiliparse's plain text with its main-content heuristics on."""
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True) or ""


REGISTRY: tuple[Extractor, ...] = (
    Extractor("trafilatura", "trafilatura", trafilatura_text),
    Extractor("readability", "readability-lxml", readability_text),
    Extractor("html-text", "html-text", html_text_text, full_page=True),
    Extractor("inscriptis", "inscriptis", inscriptis_text, full_page=True),
    Extractor("newspaper", "newspaper4k", newspaper_text),
    Extractor("goose3", "goose3", goose3_text),
    Extractor("justext", "jusText", justext_text),
    Extractor("boilerpy3", "boilerpy3", boilerpy3_text),
    Extractor("resiliparse", "resiliparse", resiliparse_text),
)
EXTRACTORS: dict[str, Extractor] = {e.name: e for e in REGISTRY}


class NetworkBlocked(OSError):
    """An extractor tried to open a connection while making a dump."""


# What opens a connection: socket methods, the function most clients call, name lookups.
_CONNECTS: tuple[tuple[Any, str], ...] = (
    (socket.socket, "connect"),
    (socket.socket, "connect_ex"),
    (socket, "create_connection"),
    (socket, "getaddrinfo"),
)


@contextmanager
def no_network() -> Iterator[None]:
    """Make every connection attempt in this process raise `NetworkBlocked` (then undo it)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise NetworkBlocked("an extractor tried to reach the network while making a dump")

    saved = [(owner, name, getattr(owner, name)) for owner, name in _CONNECTS]
    for owner, name, _ in saved:
        setattr(owner, name, refuse)
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
