"""The line model: a learned P(noise) per line, for the lines no rule names.

`features` (what it sees), `forest` (the trees, scored with numpy), `apply` (its
removals), `dataset` and `train` (`cleaner train`), `folds` (which model never saw a
site). The kind and name are here, without numpy, for the rule listing.
"""

KIND = "noise"
NAME = "line_model"
SUMMARY = (
    "lines no rule took that the learned line model scores as noise, outside the "
    "article's own paragraphs (a guess unless scored past model_sure_above)"
)
