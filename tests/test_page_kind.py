"""The learned whole-page tests (cleaner/page_kind.py): their figures, their decision on
a page made up for the test and on an article made up for it, and when the payoff
test is asked."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.core.document import Document
from cleaner.core.language import guess_language
from cleaner.core.page_kind import (
    FEATURES,
    WEIGHTS_FILE,
    features,
    learned_full_page,
    looks_full_page,
    rule_full_page,
    whole_page_probability,
)
from cleaner.core.patterns import load_patterns
from cleaner.model.folds import FOLDS, held_out, page_kind_fold_file
from cleaner.rules.base import Context

SECTIONS = [
    "Harbour",
    "Fishing",
    "Markets",
    "Schools",
    "Ferries",
    "Letters",
    "Tides",
    "Weather",
    "Sport",
    "Arts",
    "Food",
    "Obituaries",
]
TEASERS = [
    "Bridge repairs close coast road",
    "Council votes on bus lanes",
    "Schools reopen after storm",
    "Ferry timetable changes",
    "New bakery on Quay Street",
    "Lifeboat crew honoured",
    "What is on this weekend",
    "Where to eat on the quay",
    "The week in pictures",
    "Ask the harbour master",
    "Tide tables for January",
]
STORY = [
    "Lantern Makers Keep a Harbour Town's Winter Festival Alive",
    "By Mira Tollan",
    "Every December the small workshop behind the fish market fills with paper, wire and "
    "the smell of glue, as a dozen volunteers build the lanterns that will light the quay "
    "on the longest night of the year.",
    "The festival began after the harbour's old lighthouse was switched off, and the "
    "first lanterns were made by children from the primary school, who carried them along "
    "the sea wall while their parents sang.",
    "Today the lanterns are taller than the people who carry them, and the organisers say "
    "that they need more hands than ever, because the number of visitors has doubled in "
    "the last three years and the quay is not getting any longer.",
    "Anyone who wants to help is welcome at the workshop on Saturday mornings, where the "
    "oldest volunteer, a retired boat builder, will show them how to bend the wire without "
    "cutting their fingers.",
]
# A footer whose last lines are long: the rule-based test wants short lines at both ends
# and misses this page.
FOOTER = [
    "Share",
    "Facebook",
    "Email",
    "Follow us",
    "Newsletter",
    *SECTIONS,
    "About us",
    "Contact us",
    "Privacy policy",
    "Terms of use",
    "The Harbour Post is written and printed in the old net loft on Quay Street.",
    "Letters to the editor may be shortened, and we do not print anonymous letters.",
    "Our reporters can be reached at the newsroom desk every weekday from nine.",
    "The Harbour Post is written and printed in the old net loft on Quay Street.",
    "Letters to the editor may be shortened, and we do not print anonymous letters.",
    "Our reporters can be reached at the newsroom desk every weekday from nine.",
    "Photographs in the print edition can be ordered from the front desk by post.",
    "Copyright 2026 Harbour Post. All rights reserved.",
]


def _ctx(text: str) -> Context:
    doc = Document.from_text(text)
    doc.language = guess_language(text)
    return Context(doc=doc, config=Config(), patterns=load_patterns(), headline=None)


def _page() -> str:
    menu = ["Home", *SECTIONS, "Sign in", "Subscribe", "Search"]
    return "\n".join([*menu, *TEASERS, *STORY, *TEASERS, *FOOTER])


def _article() -> str:
    return "\n".join(STORY)


def test_features_of_a_made_up_page_and_article() -> None:
    page, article = _ctx(_page()), _ctx(_article())
    on_page = features(page.doc, page.chrome_family)
    in_article = features(article.doc, article.chrome_family)
    assert list(on_page) == list(FEATURES)
    assert on_page["log_blocks"] == pytest.approx(math.log1p(len(page.doc.blocks)))
    # The page opens with menus (its footer ends with 8 long lines of 15); the article
    # with its headline and prose.
    assert on_page["head_short"] == 1.0
    assert on_page["tail_short"] == pytest.approx(7 / 15)
    assert in_article["head_short"] < 0.5 and in_article["tail_short"] < 0.5
    assert on_page["log_short_run"] > in_article["log_short_run"]
    # "Sign in", "Share", "Privacy policy"...: known page chrome; in the article only
    # its byline.
    assert on_page["log_chrome"] > math.log1p(10)
    assert in_article["log_chrome"] == pytest.approx(math.log1p(1))
    assert in_article["paragraph_share"] > on_page["paragraph_share"]


def test_the_page_is_taken_for_a_whole_page_and_the_article_is_not() -> None:
    page, article = _ctx(_page()), _ctx(_article())
    assert whole_page_probability(page.doc, page.chrome_family) >= Config().fullpage_model_threshold
    assert whole_page_probability(article.doc, article.chrome_family) < 0.1
    config = Config()
    # The rule misses this page (too few blocks for it): the learned test finds it.
    assert not rule_full_page(page.doc, config, page.chrome_family)
    assert looks_full_page(page.doc, config, page.chrome_family)
    assert not looks_full_page(article.doc, config, article.chrome_family)


def test_the_learned_route_can_be_turned_off_or_held_to_a_size() -> None:
    page = _ctx(_page())
    assert not looks_full_page(
        page.doc, replace(Config(), fullpage_model_threshold=1.0), page.chrome_family
    )
    big = replace(Config(), fullpage_model_min_blocks=len(page.doc.blocks) + 1)
    assert not looks_full_page(page.doc, big, page.chrome_family)


def test_every_weights_file_names_the_features_it_weighs() -> None:
    for path in [WEIGHTS_FILE, *(page_kind_fold_file(k) for k in range(FOLDS))]:
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert raw["features"] == list(FEATURES)
        assert len(raw["weights"]) == len(FEATURES)
        assert len(raw["gain"]["weights"]) == len(FEATURES)


def test_the_eval_reads_the_weights_of_the_fold_that_never_saw_the_site() -> None:
    config = held_out(Config(line_model=False), "example.com")
    assert config.fullpage_model_file is not None
    assert config.fullpage_model_file.endswith(".json")
    assert "page_kind_" in config.fullpage_model_file
    # A file of the user's own is kept.
    mine = held_out(Config(fullpage_model_file="mine.json"), "example.com")
    assert mine.fullpage_model_file == "mine.json"


RECIPE = [
    "Flour, 500 g",
    "Butter, 250 g",
    "Sugar, 200 g",
    "Eggs, 4",
    "Milk, 100 ml",
    "Salt, a pinch",
    "Lemon zest",
    "Vanilla, 1 pod",
    "Baking powder, 2 tsp",
    "Raisins, 100 g",
    "Almonds, 50 g",
    "Icing sugar",
]


def test_the_threshold_takes_a_page_with_menus_and_footer_but_no_article_with_lists() -> None:
    # A page whose dump kept its menu and footer but no teasers scores between 0.7 and
    # 0.9: taken at the default threshold, missed at the old one (0.9).
    menu = ["Home", *SECTIONS, "Sign in", "Subscribe", "Search"]
    page = _ctx("\n".join([*menu, *STORY, *FOOTER]))
    probability = whole_page_probability(page.doc, page.chrome_family)
    assert Config().fullpage_model_threshold <= probability < 0.9
    assert looks_full_page(page.doc, Config(), page.chrome_family)
    # The whole-page test alone (the payoff test off) misses it at the old threshold.
    old = replace(Config(), fullpage_model_threshold=0.9, fullpage_gain_threshold=1.0)
    assert not looks_full_page(page.doc, old, page.chrome_family)
    # Extracted articles with many short lines stay well below it: a list inside the
    # article, or other stories' headlines closing it.
    for text in (
        [*STORY[:4], *RECIPE, *STORY[4:]],
        [*STORY, "More from the Harbour Post", *TEASERS],
    ):
        article = _ctx("\n".join(text))
        assert whole_page_probability(article.doc, article.chrome_family) < 0.5
        assert not looks_full_page(article.doc, Config(), article.chrome_family)


def _weights_file(tmp_path: Path, page: float, gain: float | None) -> str:
    """A weights file whose tests answer `page` and `gain` for any dump (biases only)."""
    raw: dict[str, object] = {"features": list(FEATURES), "weights": [0.0] * len(FEATURES)}
    raw["bias"] = math.log(page / (1 - page))
    if gain is not None:
        raw["gain"] = {"weights": [0.0] * len(FEATURES), "bias": math.log(gain / (1 - gain))}
    # One file per pair: the weights are read once per path.
    path = tmp_path / f"weights-{page}-{gain}.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return str(path)


def test_the_payoff_test_takes_a_dump_halfway_to_a_page(tmp_path: Path) -> None:
    # Below the whole-page threshold but at least as page-like as not, with chrome: the
    # payoff test decides.
    page = _ctx(_page())
    config = replace(Config(), fullpage_model_file=_weights_file(tmp_path, 0.6, 0.8))
    assert not rule_full_page(page.doc, config, page.chrome_family)
    assert learned_full_page(page.doc, config, page.chrome_family)
    assert not learned_full_page(
        page.doc, replace(config, fullpage_gain_threshold=0.9), page.chrome_family
    )
    # A file without the payoff test: the whole-page test alone.
    alone = replace(config, fullpage_model_file=_weights_file(tmp_path, 0.6, None))
    assert not learned_full_page(page.doc, alone, page.chrome_family)


def test_the_payoff_test_is_not_asked_about_article_like_dumps(tmp_path: Path) -> None:
    # More like an article than a page (an article with a long list reads as a payoff).
    page = _ctx(_page())
    config = replace(Config(), fullpage_model_file=_weights_file(tmp_path, 0.4, 0.99))
    assert not learned_full_page(page.doc, config, page.chrome_family)
    # Nor about a dump with fewer known chrome lines than a page carries.
    config = replace(config, fullpage_model_file=_weights_file(tmp_path, 0.6, 0.99))
    assert learned_full_page(page.doc, config, page.chrome_family)
    many = sum(page.chrome_family(b) is not None for b in page.doc.blocks) + 1
    fewer = replace(config, fullpage_gain_min_chrome_lines=many)
    assert not learned_full_page(page.doc, fewer, page.chrome_family)


def test_the_training_report_decides_as_the_run_time_tests_do() -> None:
    # `train_page_kind.detected` copies `learned_full_page` to score the folds: the two
    # must agree, whatever the settings, or the reported figures are of another test.
    import numpy as np

    from cleaner.model.train_page_kind import Rows, detected

    raw = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    page = (np.array(raw["weights"]), float(raw["bias"]))
    gain = (np.array(raw["gain"]["weights"]), float(raw["gain"]["bias"]))
    menu = ["Home", *SECTIONS, "Sign in", "Subscribe", "Search"]
    texts = [_page(), _article(), "\n".join([*menu, *STORY, *FOOTER]), "\n".join(STORY * 3)]
    contexts = [_ctx(text) for text in texts]
    x = np.array([[features(c.doc, c.chrome_family)[n] for n in FEATURES] for c in contexts])
    zeros = np.zeros(len(texts))
    rows = Rows(
        x, zeros, zeros, zeros, zeros, np.zeros(len(texts), dtype=bool), zeros, zeros, zeros
    )
    everything = np.ones(len(texts), dtype=bool)
    decisions = set()
    for threshold in (0.0, 0.5, 0.7, 0.9, 1.0):
        for gain_threshold in (0.0, 0.7, 1.0):
            for min_page in (0.0, 0.5):
                config = replace(
                    Config(),
                    fullpage_model_threshold=threshold,
                    fullpage_gain_threshold=gain_threshold,
                    fullpage_gain_min_page=min_page,
                )
                by_training = detected(rows, everything, page, gain, config).tolist()
                at_run_time = [learned_full_page(c.doc, config, c.chrome_family) for c in contexts]
                assert by_training == at_run_time
                decisions.add(tuple(at_run_time))
    assert len(decisions) > 2  # the settings did move the decisions
