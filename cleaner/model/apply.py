"""The line model at work: remove lines no rule names that read as noise.

One score per block, P(noise), from the trees shipped in `line_model.json`
(trained by `cleaner train` on lines of many sites, see `cleaner.model.train`). A
removal it makes names its score and the features that weighed most, and is a
guess (the safety valve may decline it) unless the score is past
`model_sure_above`.

The model does not undo the rules' removals: on sites it was not trained on, the
lines it scored lowest among those the rules removed were mostly noise still
(`cleaner train`'s held-out figures: 55 lines under 0.05, a fifth of them gold).
"""

from __future__ import annotations

import bisect
from functools import cache
from pathlib import Path

import numpy as np

from cleaner.config import Config
from cleaner.document import Removal
from cleaner.model.features import NAMES, block_features, describe
from cleaner.model.forest import Forest
from cleaner.rules.base import Context, whole_block

MODEL_PATH = Path(__file__).with_name("line_model.json")
KIND = "noise"
TOP_FEATURES = 3


class ModelMismatch(RuntimeError):
    """The shipped model was trained on other features than this code computes."""


@cache
def load_model(path: str | None = None) -> Forest:
    """The model at `path`, by default the one inside the package (read once per
    process: a model file does not change while it runs)."""
    where = Path(path) if path else MODEL_PATH
    forest = Forest.load(where)
    if forest.names != NAMES:
        raise ModelMismatch(
            f"{where} was trained on other features than this code computes; "
            "run `cleaner train` again"
        )
    return forest


def _reason(score: float, row: np.ndarray, forest: Forest) -> str:
    contributions = forest.contributions(row[None, :])[0]
    order = np.argsort(-contributions)[:TOP_FEATURES]
    said = [describe(NAMES[i], float(row[i])) for i in order if contributions[i] > 0]
    return f"the line model scored it {score:.2f} noise: " + ", ".join(said)


def apply_model(
    ctx: Context, removals: list[Removal], config: Config, forest: Forest | None = None
) -> list[Removal]:
    """The rules' settled `removals`, and the lines no removal touches that the model
    scores as noise."""
    blocks = ctx.doc.blocks
    if not blocks:
        return removals
    forest = forest or load_model(config.model_file)
    rows = np.asarray(block_features(ctx, removals), dtype=np.float64)
    scores = forest.scores(rows)
    touched = np.zeros(len(blocks), dtype=bool)
    starts = [b.start for b in blocks]
    for removal in removals:
        i = max(0, bisect.bisect_right(starts, removal.start) - 1)
        while i < len(blocks) and blocks[i].start < removal.end:
            touched[i] |= blocks[i].end > removal.start
            i += 1
    kept = list(removals)
    # A whole page is mostly noise around one article; an extracted article is mostly
    # article, where a short line is more often a subheading: it takes a surer score.
    threshold = (
        config.model_remove_above if ctx.page is not None else config.model_remove_above_article
    )
    for block in blocks:
        i = block.index
        score = float(scores[i])
        if touched[i] or score < threshold or ctx.is_headline_block(block):
            continue
        reason = _reason(score, rows[i], forest)
        confident = score >= config.model_sure_above
        kept.append(whole_block(ctx, block, KIND, reason, confident=confident))
    kept.sort(key=lambda r: r.start)
    return kept
