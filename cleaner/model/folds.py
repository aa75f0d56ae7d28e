"""Which model never saw a page's site: the fold models `cleaner train` writes.

Every line the model learns from comes from l3s-dev, aeb-dev or fakenews-dev, so
any figure on those sets scored with the shipped model is a training figure. The
eval scores each page with the model of its site's fold instead, trained on the
other folds' sites only: the held-out figures the issue's targets are about.
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

from cleaner.config import Config

FOLDS = 5
FOLD_DIR = Path(__file__).parent / "folds"


def host(url: str | None) -> str:
    """A page's site: the host of its URL without "www."."""
    return urlparse(url or "").netloc.lower().removeprefix("www.")


def fold_of(site: str) -> int:
    """The fold a site belongs to (the same on every machine and run)."""
    return zlib.crc32(site.encode("utf-8")) % FOLDS


def fold_file(fold: int) -> Path:
    return FOLD_DIR / f"fold_{fold}.json"


def page_kind_fold_file(fold: int) -> Path:
    """The whole-page and payoff tests' weights fitted without the fold's sites
    (cleaner/core/page_kind.py)."""
    return FOLD_DIR / f"page_kind_{fold}.json"


def held_out(config: Config | None, site: str) -> Config:
    """`config` with the models that were trained without `site`: the whole-page test's
    weights, and the line model (when it is on)."""
    config = config or Config()
    if config.fullpage_model_file is None:
        config = replace(config, fullpage_model_file=str(page_kind_fold_file(fold_of(site))))
    if not config.line_model or config.model_file is not None:
        return config  # off, or a model of the user's own: scored as it is
    return replace(config, model_file=str(fold_file(fold_of(site))))
