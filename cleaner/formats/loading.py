"""From bytes (or decoded text) to a document the rules can clean, guarded and repaired.

Every entry point loads through here: a batch file, a JSONL or Parquet record, stdin
and `clean_html`. So each gets the same decoding, HTML depth limit, extraction,
mojibake repair and line-length limit, and the same text for the same page. The time
budget is not applied here: it belongs to whoever owns the process (see core/limits.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cleaner.config import Config
from cleaner.core.document import Cleaned
from cleaner.core.limits import check_html_depth, check_line_length
from cleaner.core.pipeline import clean_source
from cleaner.core.site import SiteLines
from cleaner.formats.decode import Repair, decode
from cleaner.formats.extract import extract_html
from cleaner.formats.repair import fix_mojibake


@dataclass
class Loaded:
    """A document turned into text, ready for the rules (and for the site table)."""

    text: str
    # The caller's title (a record's title field, `--title`): it is the headline.
    title: str | None
    url: str | None
    notes: list[str]
    # Encoding and mojibake repairs on the way from the raw bytes to `text`.
    repairs: list[Repair] = field(default_factory=list)
    # An HTML page's own title (og:title, <title>): it names the headline the text prints.
    page_title: str | None = None


def check_loaded(loaded: Loaded, config: Config) -> Loaded:
    """Mojibake repaired (and recorded), then the line-length limit."""
    loaded.text, repairs = fix_mojibake(loaded.text)
    loaded.repairs.extend(repairs)
    check_line_length(loaded.text, config.max_line_chars)
    return loaded


def load_bytes(data: bytes, *, html: bool, config: Config, url: str | None = None) -> Loaded:
    """Decode and (for HTML) extract one document, with the limits and the repairs.

    `url` is the page's address when the caller knows it (HTML only; otherwise the
    page's canonical link gives it)."""
    if html:
        decoded = decode(data, html=True)
        return load_html(
            decoded.text, config=config, url=url, notes=decoded.notes, repairs=decoded.repairs
        )
    decoded = decode(data)
    return check_loaded(Loaded(decoded.text, None, None, decoded.notes, decoded.repairs), config)


def load_html(
    html: str,
    *,
    config: Config,
    url: str | None = None,
    notes: Iterable[str] = (),
    repairs: Iterable[Repair] = (),
) -> Loaded:
    """Extract one decoded HTML page, with the limits and the repairs.

    `notes` and `repairs` are those of its decoding, kept ahead of extraction's."""
    check_html_depth(html, config.max_html_depth)
    extracted = extract_html(html, url=url)
    loaded = Loaded(
        extracted.text,
        None,
        extracted.url,
        [*notes, *extracted.notes],
        [*repairs],
        page_title=extracted.title,
    )
    return check_loaded(loaded, config)


def clean_loaded(
    loaded: Loaded, config: Config | None = None, site: SiteLines | None = None
) -> Cleaned:
    """Clean a loaded document; its notes lead the result's, its repairs are the result's."""
    cleaned = clean_source(
        loaded.text, title=loaded.title, page_title=loaded.page_title, config=config, site=site
    )
    cleaned.notes[:0] = loaded.notes
    cleaned.repairs = loaded.repairs
    return cleaned
