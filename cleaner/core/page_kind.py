"""Is a dump a whole page flattened to text, or an article? A rule, and a small learned test.

A whole page (what html-text or inscriptis make of the HTML) carries its menus,
section lists, share bars and footer around the article; an extracted article
(trafilatura, readability, newspaper, goose3, jusText, boilerpy3, resiliparse) or a
gold body does not. Full-page mode must run on the first; on the second its `chrome`
would delete article text, unless the extractor left much of the page around it.

A handful of document-level figures tell them apart (see `FEATURES`); a logistic
regression over them, trained on the validation dumps labelled by tool and checked
by site folds (`cleaner.model.train_page_kind`), gives the probability that the
dump is a whole page. Between the two lie dumps an extractor left with half a page
around the article (resiliparse often does), and pages whose article is long: a
second regression over the same figures, trained on whether full-page mode gained
on each dump against its gold, gives the probability that it pays off. It is asked
only about dumps the first finds at least as page-like as not (an article with a
long list can look like a payoff to it). The weights of both are a few numbers in
`page_kind.json`: no learning library at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path

from cleaner.config import Config
from cleaner.core.document import Block, Document
from cleaner.core.language import stop_words
from cleaner.core.text import ends_with_mark

WEIGHTS_FILE = Path(__file__).parent.parent / "page_kind.json"
# The models of a weights file, by name: the whole-page test's weights and bias sit at
# the file's top level, the payoff test's under "gain".
PAGE, GAIN = "page", "gain"
# Blocks read at each end of the dump: menus sit at the top, the footer at the bottom.
EDGE = 15
# Words under which a block is a short line (a menu item, a heading, a caption).
SHORT_WORDS = 6
# Words from which a finished block is a paragraph of prose.
PARAGRAPH_WORDS = 20

FEATURES = (
    "log_blocks",  # log(1 + blocks): pages have many lines
    "short_share",  # share of short lines
    "head_short",  # share of short lines in the first EDGE blocks
    "tail_short",  # ... in the last EDGE blocks
    "paragraph_share",  # share of finished long blocks (prose)
    "log_short_run",  # log(1 + the longest run of short lines): a menu
    "log_chrome",  # log(1 + lines some rule knows as page chrome)
    "chrome_share",  # share of such lines
    "short_stop_density",  # stop words among the short lines' words: menus have few
    "prose_char_share",  # share of the characters in paragraphs
)


def _short(block: Block) -> bool:
    return len(block.words) < SHORT_WORDS


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _longest_run(flags: list[bool]) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def features(doc: Document, chrome_family: Callable[[Block], str | None]) -> dict[str, float]:
    """The document-level figures the test reads (names in `FEATURES`)."""
    blocks = doc.blocks
    short = [_short(b) for b in blocks]
    paragraph = [len(b.words) >= PARAGRAPH_WORDS and ends_with_mark(b.text) for b in blocks]
    chrome = sum(chrome_family(b) is not None for b in blocks)
    stops = stop_words(doc.language or "")
    short_words = [w.casefold() for b, s in zip(blocks, short, strict=True) if s for w in b.words]
    chars = sum(len(b.text) for b in blocks)
    prose_chars = sum(len(b.text) for b, p in zip(blocks, paragraph, strict=True) if p)
    return {
        "log_blocks": math.log1p(len(blocks)),
        "short_share": _share(short),
        "head_short": _share(short[:EDGE]),
        "tail_short": _share(short[-EDGE:]),
        "paragraph_share": _share(paragraph),
        "log_short_run": math.log1p(_longest_run(short)),
        "log_chrome": math.log1p(chrome),
        "chrome_share": chrome / len(blocks) if blocks else 0.0,
        "short_stop_density": (
            sum(map(stops.__contains__, short_words)) / len(short_words) if short_words else 0.0
        ),
        "prose_char_share": prose_chars / chars if chars else 0.0,
    }


Model = tuple[dict[str, float], float]  # weights by feature, bias


def _models(path: str) -> dict[str, Model]:
    """The models in a weights file: "page" (is it a whole page?) and, when the file has
    it, "gain" (does full-page mode pay off on it?). Read again when the file changes."""
    stat = Path(path).stat()
    return _read_models(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


@cache
def _read_models(path: str, mtime_ns: int, size: int) -> dict[str, Model]:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if raw.get("features") != list(FEATURES):
        raise ValueError(
            f"{path} weighs other figures than this version reads ({', '.join(FEATURES)}); "
            "refit it with `python -m cleaner.model.train_page_kind --write`"
        )
    models = {PAGE: (dict(zip(raw["features"], raw["weights"], strict=True)), float(raw["bias"]))}
    if GAIN in raw:
        gain = raw[GAIN]
        models[GAIN] = (
            dict(zip(raw["features"], gain["weights"], strict=True)),
            float(gain["bias"]),
        )
    return models


def _probability(values: dict[str, float], model: Model) -> float:
    weights, bias = model
    score = bias + sum(w * values[name] for name, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


def whole_page_probability(
    doc: Document, chrome_family: Callable[[Block], str | None], path: Path = WEIGHTS_FILE
) -> float:
    """The probability that `doc` is a whole page (the logistic model in `path`)."""
    return _probability(features(doc, chrome_family), _models(str(path))[PAGE])


def learned_full_page(
    doc: Document, config: Config, chrome_family: Callable[[Block], str | None]
) -> bool:
    """Whether the learned tests take `doc` for a whole page: the whole-page test at
    `fullpage_model_threshold`; or, short of that, the payoff test, for a dump the
    whole-page test finds at least as page-like as not and that carries some chrome."""
    if config.fullpage_model_threshold >= 1.0 or len(doc.blocks) < config.fullpage_model_min_blocks:
        return False
    models = _models(config.fullpage_model_file or str(WEIGHTS_FILE))
    values = features(doc, chrome_family)
    page = _probability(values, models[PAGE])
    if page >= config.fullpage_model_threshold:
        return True
    if config.fullpage_gain_threshold >= 1.0 or GAIN not in models:
        return False
    if page < config.fullpage_gain_min_page:
        return False
    # The chrome lines `features` counted, read back as the training report reads them.
    chrome = round(math.expm1(values["log_chrome"]))
    if chrome < config.fullpage_gain_min_chrome_lines:
        return False
    return _probability(values, models[GAIN]) >= config.fullpage_gain_threshold


def _short_share(blocks: list[Block], config: Config) -> float:
    if not blocks:
        return 0.0
    return sum(1 for b in blocks if len(b.words) < config.fullpage_short_words) / len(blocks)


def looks_full_page(
    doc: Document, config: Config, chrome_family: Callable[[Block], str | None]
) -> bool:
    """A whole page, not an extracted article, by either of two routes: the rule below,
    or the learned tests (a whole page by its shape, or a dump on which full-page mode
    pays off: an extractor's dump that kept half its page)."""
    return rule_full_page(doc, config, chrome_family) or learned_full_page(
        doc, config, chrome_family
    )


def rule_full_page(
    doc: Document, config: Config, chrome_family: Callable[[Block], str | None]
) -> bool:
    """Many blocks, most of them short, menus at both ends (an article with a long list
    has its short lines in the middle), and some lines that are known page chrome
    ("Home", "Sign in", "Share", ...)."""
    blocks = doc.blocks
    if len(blocks) < config.fullpage_min_blocks:
        return False
    edge = config.fullpage_edge_blocks
    if not (
        _short_share(blocks, config) >= config.fullpage_short_share
        and _short_share(blocks[:edge], config) >= config.fullpage_edge_short_share
        and _short_share(blocks[-edge:], config) >= config.fullpage_edge_short_share
    ):
        return False
    chrome = 0
    for block in blocks:
        chrome += chrome_family(block) is not None
        if chrome >= config.fullpage_min_chrome_lines:
            return True
    return False
