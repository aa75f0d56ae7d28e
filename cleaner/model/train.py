"""`cleaner train`: fit the line model on the real data, validated across sites.

The rows are every block of every extractor's dump of the l3s-dev and aeb-dev
pages, labelled by the line oracle against the gold body, and the hand-labelled
fakenews lines (see `cleaner.model.dataset`). A site is always on one side of a
fold: its fold is a hash of its name (`fold_of`), so the eval can score each page
with the model that never saw its site. Training writes the model fitted on all
rows (shipped as `cleaner/model/line_model.json`) and one per fold
(`cleaner/model/folds/fold_K.json`), with each fold's held-out figures.

Needs scikit-learn (the `train` extra); the run-time model needs only numpy.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.config import Config
from cleaner.core.site import SiteTable, site_of
from cleaner.evaluation import data
from cleaner.model.dataset import Page, Rows, page_rows
from cleaner.model.features import NAMES, RULE_KINDS
from cleaner.model.folds import FOLD_DIR, FOLDS, fold_file, fold_of, host
from cleaner.model.forest import forest_to_dict

MODEL_DIR = Path(__file__).parent
# Settings of the learner: small enough to score a document in a few array steps.
TREES = 100
DEPTH = 3
LEARNING_RATE = 0.1
SEED = 0
COLLECTIONS = ("l3s-dev", "aeb-dev")

Progress = Callable[[str], None]


def training_pages(root: Path, tools: tuple[str, ...] | None = None) -> Iterator[Page]:
    """Every extractor's dump of every validation page, and the labelled fakenews dumps."""
    from cleaner.evaluation.dumps import validation_dumps

    for collection in COLLECTIONS:
        gold = data.load_ground_truth(root, collection)
        for tool, texts in sorted(validation_dumps(root, collection, tools).items()):
            for page_id, g in gold.items():
                yield Page(collection, tool, page_id, host(g.url), texts.get(page_id, ""), g.body)
    yield from fakenews_pages(root)


def fakenews_pages(root: Path) -> Iterator[Page]:
    """The hand-labelled fakenews dumps, with their sites' line counts (as a corpus run)."""
    rows = data.load_fakenews(root)
    table = SiteTable()
    for row in rows.values():
        table.add(site_of(row.get("url"), row.get("domain", "")), data.fakenews_dump(row))
    config = Config()
    for row_id, labelled in data.load_labels().items():
        row = rows[row_id]
        site = site_of(row.get("url"), row.get("domain", ""))
        yield Page(
            "fakenews-dev",
            "hand",
            row_id,
            row.get("domain") or site,
            data.fakenews_dump(row),
            line_labels={line.number: line.label != "keep" for line in labelled.lines},
            site_lines=table.lines_for(site, config),
        )


def _rows_of(page: Page) -> Rows:
    # The rules alone: the model's own removals are no feature of itself.
    return page_rows(page, Config(line_model=False))


def build_rows(pages: list[Page], jobs: int = 2) -> Rows:
    rows = Rows()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_rows_of, pages, chunksize=16):
            rows.extend(part)
    return rows


def _fit(features: np.ndarray, labels: np.ndarray) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, random_state=SEED
    )
    return model.fit(features, labels)


def _figures(labels: np.ndarray, scores: np.ndarray, ruled: np.ndarray) -> dict[str, Any]:
    """What a threshold would do: precision of removals of lines no rule took, and how
    much of what a veto would keep is gold."""
    from sklearn.metrics import roc_auc_score

    figures: dict[str, Any] = {
        "rows": len(labels),
        "noise_share": float(labels.mean()),
        "auc": float(roc_auc_score(labels, scores)) if 0 < labels.mean() < 1 else None,
    }
    free = ~ruled
    for threshold in (0.9, 0.95, 0.97, 0.99):
        chosen = free & (scores >= threshold)
        figures[f"add_{threshold}"] = {
            "lines": int(chosen.sum()),
            "precision": float(labels[chosen].mean()) if chosen.any() else None,
        }
    for threshold in (0.02, 0.05, 0.1):
        chosen = ruled & (scores <= threshold)
        figures[f"veto_{threshold}"] = {
            "lines": int(chosen.sum()),
            "gold_share": float(1 - labels[chosen].mean()) if chosen.any() else None,
        }
    return figures


def train(root: Path, *, jobs: int = 2, progress: Progress | None = None) -> dict[str, Any]:
    """Fit the fold models and the final one; write them; return the figures."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    pages = list(training_pages(root))
    say(f"{len(pages)} dumps; building rows")
    rows = build_rows(pages, jobs)
    features = np.asarray(rows.features, dtype=np.float64)
    labels = np.asarray(rows.labels, dtype=np.int64)
    folds = np.asarray([fold_of(site) for site in rows.sites])
    rule_columns = [NAMES.index(f"rule_{kind}") for kind in RULE_KINDS]
    ruled = features[:, rule_columns].max(axis=1) > 0
    FOLD_DIR.mkdir(exist_ok=True)
    report: dict[str, Any] = {"rows": len(labels), "sites": len(set(rows.sites)), "folds": []}
    held_out = np.zeros(len(labels))
    for fold in range(FOLDS):
        test = folds == fold
        say(f"fold {fold}: training on {int((~test).sum())} rows")
        model = _fit(features[~test], labels[~test])
        held_out[test] = model.predict_proba(features[test])[:, 1]
        meta = {"fold": fold, "folds": FOLDS, "trained_on": "sites not in this fold"}
        _write(fold_file(fold), forest_to_dict(model, NAMES, meta))
        train_scores = model.predict_proba(features[~test])[:, 1]
        report["folds"].append(
            {
                "fold": fold,
                "sites": len({s for s, f in zip(rows.sites, folds, strict=True) if f == fold}),
                "held_out": _figures(labels[test], held_out[test], ruled[test]),
                "training": _figures(labels[~test], train_scores, ruled[~test]),
            }
        )
    report["held_out"] = _figures(labels, held_out, ruled)
    say("final model: training on every row")
    model = _fit(features, labels)
    meta = {"folds": FOLDS, "rows": len(labels), "trees": TREES, "depth": DEPTH}
    _write(MODEL_DIR / "line_model.json", forest_to_dict(model, NAMES, meta))
    report["training"] = _figures(labels, model.predict_proba(features)[:, 1], ruled)
    report["seconds"] = time.perf_counter() - started
    return report


def _write(path: Path, model: dict[str, Any]) -> None:
    # One line per tree: small, and a retrained model's diff reads tree by tree.
    trees = ",\n".join(json.dumps(tree, separators=(",", ":")) for tree in model["trees"])
    head = {k: v for k, v in model.items() if k != "trees"}
    text = json.dumps(head, indent=1)[:-2] + ',\n "trees": [\n' + trees + "\n ]\n}\n"
    path.write_text(text, "utf-8")
