"""Gradient-boosted trees, read from a JSON file and scored with numpy.

`cleaner train` fits scikit-learn's `GradientBoostingClassifier` and writes each
tree's nodes (feature, threshold, children, value) with `to_json`; at run time
nothing but numpy is needed. All trees are walked at once: one array of node
numbers per tree and row, advanced one level per step, so a document costs a few
array operations however many lines it has.

Each score comes with the features that moved it most (Saabas' path
attribution: every split a row passes credits its feature with the change in
the node's value), which the removal's reason names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

LEAF = -1


@dataclass(frozen=True)
class Forest:
    """Trees stacked in arrays: node `k` of tree `t` is at [t, k]."""

    names: tuple[str, ...]
    feature: np.ndarray  # int, LEAF at leaves
    threshold: np.ndarray  # float; a row goes left when value <= threshold
    left: np.ndarray  # int; a leaf points to itself
    right: np.ndarray
    value: np.ndarray  # float, each node's raw score (already times the learning rate)
    base: float  # the raw score before any tree (log-odds of the prior)
    depth: int
    meta: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Forest:
        trees = data["trees"]
        width = max(len(t["feature"]) for t in trees)

        def stack(key: str, fill: float, kind: type) -> np.ndarray:
            out: np.ndarray = np.full((len(trees), width), fill, dtype=kind)
            for i, tree in enumerate(trees):
                out[i, : len(tree[key])] = tree[key]
            return out

        left = stack("left", 0, np.int32)
        right = stack("right", 0, np.int32)
        feature = stack("feature", LEAF, np.int32)
        # A leaf's children are itself, so walking past it stays put.
        nodes = np.arange(width, dtype=np.int32)
        leaves = feature == LEAF
        left = np.where(leaves, nodes, left)
        right = np.where(leaves, nodes, right)
        return cls(
            names=tuple(data["names"]),
            feature=feature,
            threshold=stack("threshold", 0.0, np.float64),
            left=left,
            right=right,
            value=stack("value", 0.0, np.float64),
            base=float(data["base"]),
            depth=int(data["depth"]),
            meta=dict(data.get("meta", {})),
        )

    @classmethod
    def load(cls, path: str | Path) -> Forest:
        return cls.from_dict(json.loads(Path(path).read_text("utf-8")))

    def _walk(self, rows: np.ndarray, contributions: np.ndarray | None) -> np.ndarray:
        """The leaf each row reaches in each tree; credits `contributions` on the way."""
        trees = self.feature.shape[0]
        tree_index = np.arange(trees)[:, None]
        row_index = np.arange(rows.shape[0])[None, :]
        node = np.zeros((trees, rows.shape[0]), dtype=np.int32)
        for _ in range(self.depth):
            feature = self.feature[tree_index, node]
            inner = feature != LEAF
            safe = np.where(inner, feature, 0)
            go_left = rows[row_index, safe] <= self.threshold[tree_index, node]
            child = np.where(go_left, self.left[tree_index, node], self.right[tree_index, node])
            if contributions is not None:
                delta = (self.value[tree_index, child] - self.value[tree_index, node]) * inner
                rows_at = np.broadcast_to(row_index, safe.shape)
                np.add.at(contributions, (rows_at, safe), delta)
            node = child
        return node

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """P(noise) of each row."""
        leaves = self._walk(rows, None)
        tree_index = np.arange(self.feature.shape[0])[:, None]
        raw = self.base + self.value[tree_index, leaves].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-raw))

    def contributions(self, rows: np.ndarray) -> np.ndarray:
        """How much each feature moved each row's score (log-odds), by Saabas' method."""
        contributions = np.zeros((rows.shape[0], len(self.names)))
        self._walk(rows, contributions)
        return contributions


def forest_to_dict(model: Any, names: tuple[str, ...], meta: dict[str, Any]) -> dict[str, Any]:
    """A fitted `sklearn.ensemble.GradientBoostingClassifier` (binary) as plain data.

    Only its public attributes are read: `estimators_` (regression trees with
    `tree_`), `learning_rate`, and the prior from `init_`.
    """
    prior = float(model.init_.class_prior_[1])
    trees = []
    depth = 0
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        depth = max(depth, int(tree.max_depth))
        trees.append(
            {
                "feature": [int(f) if f >= 0 else LEAF for f in tree.feature],
                "threshold": [round(float(t), 6) for t in tree.threshold],
                "left": [int(c) for c in tree.children_left],
                "right": [int(c) for c in tree.children_right],
                "value": [round(float(v) * model.learning_rate, 6) for v in tree.value[:, 0, 0]],
            }
        )
    return {
        "names": list(names),
        "base": float(np.log(prior / (1 - prior))),
        "depth": depth,
        "trees": trees,
        "meta": meta,
    }
