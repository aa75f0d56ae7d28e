"""cleaner: remove scraping noise from news dumps, and say exactly what was removed.

>>> from cleaner import clean_text
>>> result = clean_text("Bridge reopens\\n\\nBridge reopens\\n\\nThe bridge opened on Monday.")
>>> result.text
'Bridge reopens\\n\\nThe bridge opened on Monday.'
>>> [r.kind for r in result.removals]
['duplicate_headline']
"""

from __future__ import annotations

from cleaner.config import Config
from cleaner.core.document import Cleaned, Removal, replay
from cleaner.core.errors import InputError
from cleaner.core.pipeline import clean_source
from cleaner.core.site import SiteLines, SiteTable
from cleaner.formats.loading import clean_loaded, load_bytes, load_html
from cleaner.version import __version__

__all__ = [
    "Cleaned",
    "Config",
    "InputError",
    "Removal",
    "SiteLines",
    "SiteTable",
    "__version__",
    "clean_html",
    "clean_text",
    "replay",
]


def clean_text(
    text: str,
    *,
    title: str | None = None,
    config: Config | None = None,
    site: SiteLines | None = None,
) -> Cleaned:
    """Clean a text dump. `title` is the headline when the caller knows it (e.g. a CSV
    column): it is `result.title` whatever the text prints; `site` is
    `SiteTable.lines_for(site)` when cleaning a corpus in two passes."""
    if not isinstance(text, str):
        raise TypeError(f"clean_text takes str, not {type(text).__name__}; decode bytes first")
    return clean_source(text, title=title, config=config, site=site)


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    config: Config | None = None,
    site: SiteLines | None = None,
) -> Cleaned:
    """Extract the article of an HTML page with trafilatura, then clean the text.

    The page is loaded as the batch loads an HTML file (bytes are decoded; a str is
    taken as decoded): `InputError` for HTML nested deeper than `max_html_depth` or a
    line longer than `max_line_chars`; mojibake is repaired, and every repair is in
    `result.repairs`. The per-document time budget is not applied: it needs SIGALRM,
    which belongs to the caller's process (wrap the call in
    `cleaner.core.limits.time_budget` to have one)."""
    config = config or Config()
    if isinstance(html, bytes):
        loaded = load_bytes(html, html=True, config=config, url=url)
    else:
        loaded = load_html(html, config=config, url=url)
    return clean_loaded(loaded, config, site)
