"""Fit the whole-page test (`cleaner.core.page_kind`) on the validation dumps, by site folds.

Rows: every non-empty dump of the l3s-dev and aeb-dev pages by the nine extractors,
and each page's gold body. Label: html-text and inscriptis dumps are whole pages;
the seven main-content extractors and the gold bodies are not. A site is always on
one side of a fold (`fold_of(host(url))`, as for the line model), so the held-out
figures say how the test does on sites it never saw.

Run: `python -m cleaner.model.train_page_kind [--write]` (needs scikit-learn; the
run-time test needs nothing but the weights it writes to `cleaner/page_kind.json`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from cleaner.config import Config
from cleaner.core.document import Document
from cleaner.core.fullpage import rule_full_page
from cleaner.core.language import guess_language
from cleaner.core.page_kind import FEATURES, WEIGHTS_FILE, features
from cleaner.core.patterns import load_patterns
from cleaner.core.pipeline import prose_sample
from cleaner.evaluation import data
from cleaner.evaluation.dumps import validation_dumps
from cleaner.model.folds import FOLDS, fold_of, host, page_kind_fold_file
from cleaner.rules.base import Context

WHOLE_PAGE_TOOLS = ("html-text", "inscriptis")
TOOLS = (
    "html-text",
    "inscriptis",
    "trafilatura",
    "readability",
    "newspaper",
    "goose3",
    "justext",
    "boilerpy3",
    "resiliparse",
)
GOLD = "gold"
# Regularisation of the logistic regression (sklearn's C): strong, as there are
# few features and the sites differ.
C = 1.0


def row(text: str, config: Config) -> tuple[list[float], bool]:
    """The features of one dump, read as the pipeline reads it, and the rule's verdict."""
    doc = Document.from_text(text)
    doc.language = config.language or guess_language(prose_sample(doc) or text)
    ctx = Context(doc=doc, config=config, patterns=load_patterns(), headline=None)
    values = features(doc, ctx.chrome_family)
    return [values[name] for name in FEATURES], rule_full_page(doc, config, ctx.chrome_family)


@dataclass
class Rows:
    x: np.ndarray  # features
    y: np.ndarray  # 1: a whole page
    folds: np.ndarray
    rule: np.ndarray  # the rule-based test takes it for a whole page
    tools: np.ndarray  # the tool that made the dump, or "gold"


def dataset(root: Path) -> Rows:
    """Every non-empty dump and gold body of the validation sets."""
    config = Config()
    xs, rules, ys, folds, tools = [], [], [], [], []
    for set_name in data.VALIDATION_SETS:
        gold = data.load_ground_truth(root, set_name)
        dumps = validation_dumps(root, set_name, list(TOOLS))
        sources = {tool: dumps[tool] for tool in TOOLS}
        sources[GOLD] = {pid: g.body for pid, g in gold.items()}
        for tool, texts in sources.items():
            for pid, text in texts.items():
                if not text.strip():
                    continue
                values, by_rule = row(text, config)
                xs.append(values)
                rules.append(by_rule)
                ys.append(tool in WHOLE_PAGE_TOOLS)
                folds.append(fold_of(host(gold[pid].url)))
                tools.append(tool)
    return Rows(
        np.array(xs), np.array(ys, dtype=int), np.array(folds), np.array(rules), np.array(tools)
    )


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias over the raw features (the scaling folded in)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=1000).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / scale))
    return weights, bias


def detected(
    rows: Rows, mask: np.ndarray, weights: np.ndarray, bias: float, config: Config
) -> np.ndarray:
    """What `looks_full_page` decides for the rows in `mask`: the rule, or the learned test."""
    x = rows.x[mask]
    probability = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    blocks = np.expm1(x[:, FEATURES.index("log_blocks")])
    learned = (probability >= config.fullpage_model_threshold) & (
        blocks >= config.fullpage_model_min_blocks - 0.5
    )
    return rows.rule[mask] | learned


def report(rows: Rows, config: Config) -> None:
    """Per fold: whole pages found and other dumps taken, held out and on training rows."""
    print(f"threshold {config.fullpage_model_threshold}; rule alone in brackets")
    print("fold | whole pages found | training rows | others taken | training rows | taken by tool")
    for k in range(FOLDS):
        test, train = rows.folds == k, rows.folds != k
        w, b = fit(rows.x[train], rows.y[train])
        held, fitted = detected(rows, test, w, b, config), detected(rows, train, w, b, config)
        pos, neg = rows.y[test] == 1, rows.y[test] == 0
        tpos, tneg = rows.y[train] == 1, rows.y[train] == 0
        rule = rows.rule[test]
        wrong = rows.tools[test][neg & held]
        taken = {str(t): int(np.sum(wrong == t)) for t in sorted(set(wrong))}
        print(
            f"{k} | {int(np.sum(held & pos))}/{int(np.sum(pos))} ({int(np.sum(rule & pos))})"
            f" | {np.mean(fitted[tpos]):.3f} ({np.mean(rows.rule[train][tpos]):.3f})"
            f" | {int(np.sum(held & neg))}/{int(np.sum(neg))} ({int(np.sum(rule & neg))})"
            f" | {np.mean(fitted[tneg]):.4f} | {taken}"
        )


def main(argv: list[str]) -> None:
    rows = dataset(data.data_dir())
    config = Config()
    for threshold in (config.fullpage_model_threshold, 0.8, 0.9):
        report(rows, replace(config, fullpage_model_threshold=threshold))
    weights, bias = fit(rows.x, rows.y)
    print(dict(zip(FEATURES, np.round(weights, 3).tolist(), strict=True)), round(bias, 3))
    if "--write" in argv:
        _write(WEIGHTS_FILE, weights, bias)
        for k in range(FOLDS):
            _write(page_kind_fold_file(k), *fit(rows.x[rows.folds != k], rows.y[rows.folds != k]))


def _write(path: Path, weights: np.ndarray, bias: float) -> None:
    out = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in weights]}
    out["bias"] = round(bias, 6)
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
