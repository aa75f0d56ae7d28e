"""Fit the whole-page tests (`cleaner.core.page_kind`) on the validation dumps, by site folds.

Rows: every non-empty dump of the l3s-dev and aeb-dev pages by the nine extractors,
and each page's gold body. Two labels, one model each:
- "page": html-text and inscriptis dumps are whole pages; the seven main-content
  extractors and the gold bodies are not.
- "gain": the dump is cleaned twice, with full-page mode forced on and forced off
  (each page with the line model of its site's fold), and scored against the page's
  gold; full-page mode pays off when it gains at least `LABEL_MARGIN` F1. A gold body
  never does, and weighs `GOLD_WEIGHT` rows: an article fed to the cleaner must never
  lose its lists to `chrome`.
A site is always on one side of a fold (`fold_of(host(url))`, as for the line
model), so the held-out figures say how the tests do on sites they never saw. (The
"gain" labels of a fold's rows come from the line model that never saw its sites, but
that model saw the other folds' sites: a row's label and the rows the payoff test of
another fold learns from share that much, so the held-out figures lean a little to
the hopeful side.)

Run: `python -m cleaner.model.train_page_kind [--write]` (needs scikit-learn; the
run-time tests need nothing but the weights it writes to `cleaner/page_kind.json`).
Full-page mode's own changes move the "gain" labels, and a refit can move a dump near the
threshold across it: refit after them, and keep the refit only where `cleaner eval`
run before and after shows no dump made worse.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from cleaner import clean_text
from cleaner.config import Config
from cleaner.core.document import Document
from cleaner.core.language import guess_language
from cleaner.core.page_kind import FEATURES, WEIGHTS_FILE, features, rule_full_page
from cleaner.core.patterns import load_patterns
from cleaner.core.pipeline import prose_sample
from cleaner.evaluation import data
from cleaner.evaluation.dumps import validation_dumps
from cleaner.evaluation.metric import overlap
from cleaner.model.folds import FOLDS, fold_of, held_out, host, page_kind_fold_file
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
# F1 that full-page mode must gain on a dump to count as paying off on it. Below
# it the two modes mostly differ by a line or two, and such rows only blur the test.
LABEL_MARGIN = 0.02
# How many dumps a gold body weighs: taking an article for a page costs its lists.
GOLD_WEIGHT = 5.0


def row(text: str, config: Config) -> tuple[list[float], bool]:
    """The features of one dump, read as the pipeline reads it, and the rule's verdict."""
    patterns = load_patterns()
    doc = Document.from_text(text, run_on=patterns.never_final)
    doc.language = config.language or guess_language(prose_sample(doc) or text)
    ctx = Context(doc=doc, config=config, patterns=patterns, headline=None)
    values = features(doc, ctx.chrome_family)
    return [values[name] for name in FEATURES], rule_full_page(doc, config, ctx.chrome_family)


@dataclass
class Rows:
    x: np.ndarray  # features
    y: np.ndarray  # 1: a whole page (html-text, inscriptis)
    gain: np.ndarray  # 1: full-page mode gains LABEL_MARGIN or more
    gain_weight: np.ndarray
    folds: np.ndarray
    rule: np.ndarray  # the rule-based test takes it for a whole page
    tools: np.ndarray  # the tool that made the dump, or "gold"
    f1_on: np.ndarray  # F1 with full-page mode forced on
    f1_off: np.ndarray  # ... and forced off


def _scored(item: tuple[str, str, str]) -> tuple[list[float], bool, float, float]:
    """Features, the rule's verdict, and F1 with full-page mode on and off, for one dump
    (text, gold body, the page's site)."""
    text, body, site = item
    values, by_rule = row(text, Config())
    config = held_out(None, site)
    on, off = (
        overlap(body, clean_text(text, config=replace(config, fullpage=mode)).body).f1
        for mode in ("on", "off")
    )
    return values, by_rule, on, off


def dataset(root: Path, jobs: int = 2) -> Rows:
    """Every non-empty dump and gold body of the validation sets, scored both ways."""
    items, tools, folds = [], [], []
    for set_name in data.VALIDATION_SETS:
        gold = data.load_ground_truth(root, set_name)
        dumps = validation_dumps(root, set_name, list(TOOLS))
        sources = {tool: dumps[tool] for tool in TOOLS}
        sources[GOLD] = {pid: g.body for pid, g in gold.items()}
        for tool, texts in sources.items():
            for pid, text in texts.items():
                if text.strip():
                    site = host(gold[pid].url)
                    items.append((text, gold[pid].body, site))
                    tools.append(tool)
                    folds.append(fold_of(site))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        scored = list(pool.map(_scored, items, chunksize=20))
    made_by = np.array(tools)
    on = np.array([s[2] for s in scored])
    off = np.array([s[3] for s in scored])
    return Rows(
        x=np.array([s[0] for s in scored]),
        y=np.isin(made_by, WHOLE_PAGE_TOOLS).astype(int),
        gain=((on - off >= LABEL_MARGIN) & (made_by != GOLD)).astype(int),
        gain_weight=np.where(made_by == GOLD, GOLD_WEIGHT, 1.0),
        folds=np.array(folds),
        rule=np.array([s[1] for s in scored]),
        tools=made_by,
        f1_on=on,
        f1_off=off,
    )


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Weights and bias over the raw features (the scaling folded in)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=1000).fit((x - mean) / scale, y, sample_weight=weight)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / scale))
    return weights, bias


Fitted = tuple[np.ndarray, float]  # weights, bias


def _probability(x: np.ndarray, model: Fitted) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ model[0] + model[1])))


def fit_both(rows: Rows, mask: np.ndarray) -> tuple[Fitted, Fitted]:
    """The "page" and "gain" models fitted on the rows in `mask`."""
    page = fit(rows.x[mask], rows.y[mask])
    return page, fit(rows.x[mask], rows.gain[mask], rows.gain_weight[mask])


def detected(
    rows: Rows, mask: np.ndarray, page: Fitted, gain: Fitted, config: Config
) -> np.ndarray:
    """What `looks_full_page` decides for the rows in `mask`: the rule, or the learned tests
    (as `learned_full_page` asks them)."""
    x = rows.x[mask]
    p_page, p_gain = _probability(x, page), _probability(x, gain)
    blocks = np.expm1(x[:, FEATURES.index("log_blocks")])
    chrome = np.round(np.expm1(x[:, FEATURES.index("log_chrome")]))
    pays = (
        (p_page >= config.fullpage_gain_min_page)
        & (chrome >= config.fullpage_gain_min_chrome_lines)
        & (p_gain >= config.fullpage_gain_threshold)
    )
    pays &= config.fullpage_gain_threshold < 1.0
    learned = (
        (config.fullpage_model_threshold < 1.0)
        & (blocks >= config.fullpage_model_min_blocks - 0.5)
        & ((p_page >= config.fullpage_model_threshold) | pays)
    )
    return rows.rule[mask] | learned


def _f1_gained(rows: Rows, mask: np.ndarray, taken: np.ndarray) -> str:
    """Mean F1 over the rows in `mask` with full-page mode where `taken`, against never."""
    on, off = rows.f1_on[mask], rows.f1_off[mask]
    return f"{np.mean(np.where(taken, on, off) - off):+.4f}"


def report(rows: Rows, config: Config) -> None:
    """Per fold, held out and on training rows: dumps on which full-page mode pays off
    that the tests take, other dumps and gold bodies taken, and the F1 gained."""
    print(
        f"page threshold {config.fullpage_model_threshold}, gain threshold "
        f"{config.fullpage_gain_threshold}; brackets: taken by the rule alone, gold bodies taken"
    )
    print(
        "fold | pays off, taken | training rows | others taken (gold) | training rows"
        " | F1 gained held out | training rows"
    )
    for k in range(FOLDS):
        test, train = rows.folds == k, rows.folds != k
        page, gain = fit_both(rows, train)
        held, fitted = (
            detected(rows, test, page, gain, config),
            detected(rows, train, page, gain, config),
        )
        pos, neg = rows.gain[test] == 1, rows.gain[test] == 0
        tpos, tneg = rows.gain[train] == 1, rows.gain[train] == 0
        gold = rows.tools[test] == GOLD
        by_rule = int(np.sum(rows.rule[test] & pos))
        print(
            f"{k} | {int(np.sum(held & pos))}/{int(np.sum(pos))} ({by_rule})"
            f" | {np.mean(fitted[tpos]):.3f}"
            f" | {int(np.sum(held & neg))}/{int(np.sum(neg))} ({int(np.sum(held & gold))})"
            f" | {np.mean(fitted[tneg]):.4f}"
            f" | {_f1_gained(rows, test, held)} | {_f1_gained(rows, train, fitted)}"
        )


def main(argv: list[str]) -> None:
    rows = dataset(data.data_dir())
    config = Config()
    report(rows, replace(config, fullpage_gain_threshold=1.0))
    for threshold in (config.fullpage_gain_threshold, 0.8, 0.9):
        report(rows, replace(config, fullpage_gain_threshold=threshold))
    everything = np.ones(len(rows.y), dtype=bool)
    page, gain = fit_both(rows, everything)
    for name, model in (("page", page), ("gain", gain)):
        weights = dict(zip(FEATURES, np.round(model[0], 3).tolist(), strict=True))
        print(name, weights, round(model[1], 3))
    if "--write" in argv:
        _write(WEIGHTS_FILE, page, gain)
        for k in range(FOLDS):
            _write(page_kind_fold_file(k), *fit_both(rows, rows.folds != k))


def _write(path: Path, page: Fitted, gain: Fitted) -> None:
    out: dict[str, object] = {"features": list(FEATURES)}
    out["weights"] = [round(float(w), 6) for w in page[0]]
    out["bias"] = round(page[1], 6)
    out["gain"] = {"weights": [round(float(w), 6) for w in gain[0]], "bias": round(gain[1], 6)}
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
