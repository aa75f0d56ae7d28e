"""Training rows for the line model, by distant supervision from gold article bodies.

Each block of each extractor's dump of a page gets the line oracle's label (mostly
gold text: keep; else noise, see `cleaner.evaluation.metric.GoldLines`), and the
features the model sees at run time (`cleaner.model.features`). The hand-labelled
fakenews lines add rows of their own. Every row carries its site, so folds can keep
a site on one side only.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from cleaner.config import Config
from cleaner.core.pipeline import analyse_rules
from cleaner.core.site import SiteLines
from cleaner.evaluation.metric import GoldLines
from cleaner.model.features import block_features


@dataclass(frozen=True)
class Page:
    """One dump of one page, with its gold article body and its site."""

    collection: str  # "l3s-dev", "aeb-dev", "fakenews-dev"
    tool: str
    page_id: str
    site: str
    dump: str
    gold: str | None = None
    # Hand labels by 1-based line number (fakenews): True is noise.
    line_labels: dict[int, bool] | None = None
    title: str | None = None
    site_lines: SiteLines | None = None


@dataclass
class Rows:
    """Feature rows with their labels (1: noise) and where each came from."""

    features: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    origins: list[tuple[str, str, str, int]] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        self.features += other.features
        self.labels += other.labels
        self.sites += other.sites
        self.origins += other.origins


def _line_numbers(dump: str) -> list[int]:
    """The 1-based `dump.splitlines()` line number at each character offset's line start."""
    starts = [0]
    for line in dump.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def page_rows(page: Page, config: Config) -> Rows:
    """The labelled rows of one page's dump."""
    rows = Rows()
    if not page.dump.strip():
        return rows
    analysis = analyse_rules(page.dump, title=page.title, config=config, site=page.site_lines)
    blocks = analysis.ctx.doc.blocks
    features = block_features(analysis.ctx, analysis.removals)
    labels: list[int | None] = []
    if page.line_labels is not None:
        starts = _line_numbers(page.dump)
        for block in blocks:
            noise = page.line_labels.get(bisect.bisect_right(starts, block.start))
            labels.append(None if noise is None else int(noise))
    else:
        oracle = GoldLines(page.gold)
        labels = [0 if oracle.holds(block.text) else 1 for block in blocks]
    for block, row, label in zip(blocks, features, labels, strict=True):
        if label is None:
            continue
        rows.features.append(row)
        rows.labels.append(label)
        rows.sites.append(page.site)
        rows.origins.append((page.collection, page.tool, page.page_id, block.index))
    return rows
