"""Loaders for the real evaluation data in `../shared/data` (read in place, never copied).

The data folder is, in order: the `data_dir` argument, the `CLEANER_DATA`
environment variable, or `<repo>/../shared/data` next to this checkout.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cleaner.core.language import guess_language
from cleaner.formats.decode import decode

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_LABELS = REPO_ROOT / "tests" / "data" / "fakenews_labels.json"
ENV_VAR = "CLEANER_DATA"
AEB = "aeb-dev"
L3S = "l3s-dev"
# Sets of HTML pages with gold bodies: `<set>/html/<id>.html.gz` and `<set>/ground-truth.json`.
VALIDATION_SETS = (L3S, AEB)
FAKENEWS_CSV = Path("fakenews-dev") / "news_sample_dev.csv"
# Only the start of a page is searched for its <html> tag.
_HTML_HEAD_CHARS = 20000
_HTML_LANG = re.compile(
    r"<html\b[^>]*?\s(?:xml:)?lang\s*=\s*[\"']?\s*([A-Za-z]{2})", re.IGNORECASE | re.DOTALL
)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder; raises with what to do when it is missing."""
    if override is not None:
        path = Path(override)
    elif os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR])
    else:
        path = DEFAULT_DATA_DIR
    if not (path / AEB / "ground-truth.json").is_file():
        raise FileNotFoundError(
            f"no evaluation data at {path} (expected {AEB}/ground-truth.json); "
            f"pass data_dir or set {ENV_VAR} to the shared/data folder"
        )
    return path


@dataclass(frozen=True)
class Gold:
    id: str
    body: str
    url: str | None
    # The headline the assessors marked (l3s-dev only; None elsewhere).
    title: str | None = None


def load_ground_truth(root: Path, set_name: str = AEB) -> dict[str, Gold]:
    """Gold article bodies (no headline) by page id, sorted, of one set of pages."""
    raw = json.loads((root / set_name / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        page_id: Gold(
            page_id, entry.get("articleBody") or "", entry.get("url"), entry.get("title") or None
        )
        for page_id, entry in sorted(raw.items())
    }


@dataclass(frozen=True)
class Dump:
    tool: str
    version: str
    texts: dict[str, str]


def dump_tools(root: Path) -> list[str]:
    """Names of the extractors with a dump file, sorted."""
    return sorted(path.stem for path in (root / AEB / "dumps").glob("*.json"))


def load_dump(root: Path, tool: str) -> Dump:
    """One extractor's output by page id (a missing or null body is the empty text)."""
    raw = json.loads((root / AEB / "dumps" / f"{tool}.json").read_text(encoding="utf-8"))
    texts = {
        page_id: (entry or {}).get("articleBody") or ""
        for page_id, entry in raw.get("output", {}).items()
    }
    return Dump(tool=raw.get("tool") or tool, version=raw.get("version") or "", texts=texts)


def read_page(root: Path, page_id: str, set_name: str = AEB) -> bytes:
    """The raw bytes of a page (gunzipped)."""
    return gzip.decompress((root / set_name / "html" / f"{page_id}.html.gz").read_bytes())


def decode_page(page: bytes) -> str:
    """The page as text, decoded the way `clean_html` decodes it."""
    return decode(page, html=True).text


def html_language(html: str) -> str | None:
    """Two-letter code from the page's `<html lang=...>`, lowercased; None without one."""
    match = _HTML_LANG.search(html[:_HTML_HEAD_CHARS])
    return match.group(1).lower() if match else None


def page_language(html: str, gold: str) -> str:
    """The page's declared language, else the language guessed from the gold body."""
    return html_language(html) or guess_language(gold)


def load_fakenews(root: Path) -> dict[str, dict[str, str]]:
    """FakeNewsCorpus rows by id: `id, domain, type, url, title, content`."""
    csv.field_size_limit(10**9)
    with (root / FAKENEWS_CSV).open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def fakenews_dump(row: dict[str, str]) -> str:
    """A row as scrapers write it: title, a blank line, the content."""
    return (row.get("title") or "") + "\n\n" + (row.get("content") or "")


@dataclass(frozen=True)
class LabelledLine:
    number: int  # 1-based, in `fakenews_dump(row).splitlines()`
    label: str
    sha10: str  # first 10 hex digits of sha1(line.strip())


@dataclass(frozen=True)
class LabelledRow:
    id: str
    domain: str
    lines: list[LabelledLine]


def load_labels(path: str | os.PathLike[str] | None = None) -> dict[str, LabelledRow]:
    """Hand labels of fakenews lines (`tests/data/fakenews_labels.json`) by row id."""
    raw = json.loads(Path(path or DEFAULT_LABELS).read_text(encoding="utf-8"))
    return {
        row_id: LabelledRow(
            id=row_id,
            domain=row.get("domain", ""),
            lines=[LabelledLine(int(n), label, sha) for n, label, sha in row["lines"]],
        )
        for row_id, row in raw["rows"].items()
    }


def line_sha10(line: str) -> str:
    """The label file's line fingerprint: sha1 of the stripped line, first 10 hex digits."""
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:10]
