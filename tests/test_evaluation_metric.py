"""The evaluation metric, the line oracle and the fakenews line mapping on tiny hand-made texts."""

from __future__ import annotations

import pytest

from cleaner.core.document import Removal
from cleaner.evaluation.data import html_language, line_sha10
from cleaner.evaluation.lines import (
    SimpleSpan,
    line_spans,
    predict_line,
    predict_lines,
    score_lines,
)
from cleaner.evaluation.metric import (
    Overlap,
    corpus_scores,
    line_oracle,
    overlap,
    shingles,
    shingles_kept,
    tokens,
)

GOLD = "one two three four five six"  # shingles 1234, 2345, 3456


def test_tokens_are_unicode_words_with_case_kept() -> None:
    assert tokens("Ça va, très-bien! 2024") == ["Ça", "va", "très", "bien", "2024"]


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}
    assert sum(shingles(tokens(GOLD)).values()) == 3


def test_identical_texts_score_one() -> None:
    score = overlap(GOLD, "One two... three, four five six!".replace("One", "one"))
    assert (score.tp, score.fp, score.fn) == (1.0, 0.0, 0.0)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_disjoint_texts_score_zero() -> None:
    score = overlap(GOLD, "seven eight nine ten eleven")
    assert (score.tp, score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0, 0.0)


def test_case_matters() -> None:
    assert overlap("The Bridge Opened Today", "the bridge opened today").tp == 0.0


def test_partial_overlap_by_hand() -> None:
    # Prediction shingles xyz1 yz12 z123 1234 2345 3456: tp 3, fp 3, fn 0 -> 0.5 / 0.5 / 0.
    score = overlap(GOLD, "x y z " + GOLD)
    assert (score.tp, score.fp, score.fn) == (0.5, 0.5, 0.0)
    assert (score.precision, score.recall) == (0.5, 1.0)
    # Missing the last word: shingles 1234 2345, tp 2, fp 0, fn 1.
    score = overlap(GOLD, "one two three four five")
    assert score.tp == pytest.approx(2 / 3)
    assert score.fn == pytest.approx(1 / 3)
    assert (score.precision, score.recall) == (1.0, pytest.approx(2 / 3))


def test_multiset_counting() -> None:
    # Gold: abcd twice, bcda, cdab, dabc (5); prediction: abcd once -> tp 1, fn 4.
    score = overlap("a b c d a b c d", "a b c d")
    assert score.tp == pytest.approx(0.2)
    assert (score.precision, score.recall) == (1.0, pytest.approx(0.2))
    # The prediction repeats a shingle the gold has once: the copy is a false positive.
    score = overlap("a b c d", "a b c d. a b c d")
    assert score.precision == pytest.approx(1 / 5)


def test_short_texts() -> None:
    assert overlap("hello world", "hello world").f1 == 1.0
    assert overlap("hello world", "world hello").f1 == 0.0
    # A short prediction is one shingle of two tokens: it never matches a 4-token shingle.
    assert overlap("hello world again friends", "hello world").tp == 0.0


def test_empty_cases() -> None:
    both = overlap("", " ... ")
    assert (both.tp, both.fp, both.fn) == (0.0, 0.0, 0.0)
    assert (both.precision, both.recall) == (1.0, 1.0)
    nothing_predicted = overlap(GOLD, "")
    assert (nothing_predicted.precision, nothing_predicted.recall) == (1.0, 0.0)
    nothing_to_find = overlap(None, GOLD)
    assert (nothing_to_find.precision, nothing_to_find.recall) == (0.0, 1.0)


def test_corpus_averages_documents_then_takes_harmonic_mean() -> None:
    scores = corpus_scores([overlap(GOLD, GOLD), overlap(GOLD, "one two three four five")])
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(5 / 6)
    assert scores.f1 == pytest.approx(10 / 11)
    assert scores.n == 2
    assert corpus_scores([]).n == 0
    assert corpus_scores([Overlap(0.0, 0.5, 0.5)]).f1 == 0.0


def test_shingles_kept() -> None:
    assert shingles_kept(GOLD, GOLD) == 1.0
    assert shingles_kept(GOLD, "one two three four five") == pytest.approx(2 / 3)
    assert shingles_kept("a b c d a b c d", "a b c d") == pytest.approx(1 / 5)
    assert shingles_kept("", "anything") == 1.0
    assert shingles_kept(GOLD, "") == 0.0


def test_line_oracle_keeps_mostly_gold_lines() -> None:
    gold = "The council voted on Monday to close the old bridge. The bridge will reopen in May."
    dump = "\n".join(
        [
            "Home | News | Sport",  # short, not in gold
            "The council voted on Monday to close the old bridge.",  # all gold
            "Share this article on Facebook now",  # no gold shingle
            "voted on Monday to xx yy",  # 1 of 3 shingles gold
            "close the old bridge extra",  # 1 of 2 shingles gold: half is enough
            "",
            "The bridge will reopen in May.",
            "May",  # short and in gold
            "reopen May",  # short, both words in gold but not next to each other
            "Cookies",
        ]
    )
    assert line_oracle(dump, gold) == "\n".join(
        [
            "The council voted on Monday to close the old bridge.",
            "close the old bridge extra",
            "The bridge will reopen in May.",
            "May",
        ]
    )
    assert line_oracle(dump, "") == ""


DUMP = (
    "Bridge reopens\n"  # 1
    "\n"  # 2
    "Bridge reopens\n"  # 3: duplicate_headline
    "  The bridge opened on Monday.  \r\n"  # 4: a small removal only
    "Copyright 2024 Foo. All rights reserved.\n"  # 5: copyright
    "Subscribe to our newsletter\n"  # 6: repeated_block -> boilerplate
    "Officials said the work was done by\n"  # 7: truncated, most of it
    "Troops withdrew on Monday. Of course"  # 8: truncated, a small part
)


def _spans_of(line: str, kind: str) -> Removal:
    start = DUMP.index(line)
    return Removal(kind, start, start + len(line), line, "test")


def test_line_spans_strip_and_follow_splitlines() -> None:
    spans = line_spans(DUMP)
    assert len(spans) == len(DUMP.splitlines()) == 8
    for (start, end), line in zip(spans, DUMP.splitlines(), strict=True):
        assert DUMP[start:end] == line.strip()
    assert spans[1][0] == spans[1][1]  # the blank line is empty


def test_predict_lines_maps_removals_onto_lines() -> None:
    second = DUMP.index("Bridge reopens", 1)
    removals = [
        Removal("duplicate_headline", second, second + 15, "Bridge reopens\n", "test"),
        _spans_of("on Monday.", "boilerplate"),
        _spans_of("Copyright 2024 Foo. All rights reserved.\n", "copyright"),
        _spans_of("Subscribe to our newsletter\n", "repeated_block"),
        _spans_of("the work was done by", "truncated"),
        _spans_of("Of course", "truncated"),
    ]
    assert predict_lines(DUMP, removals, [1, 3, 4, 5, 6, 7, 8]) == {
        1: "keep",
        3: "duplicate_headline",
        4: "keep",
        5: "copyright",
        6: "boilerplate",
        7: "truncated",
        8: "keep",
    }
    label, share = predict_line(line_spans(DUMP)[7], removals)
    assert label == "keep"
    assert share == pytest.approx(len("Of course") / len("Troops withdrew on Monday. Of course"))


def test_removals_of_one_kind_add_up_on_a_line() -> None:
    text = "aaaa bbbb cccc"
    halves = [SimpleSpan("boilerplate", 0, 4), SimpleSpan("repeated_block", 5, 9)]
    assert predict_line((0, 14), halves) == ("boilerplate", pytest.approx(8 / 14))
    assert predict_lines(text, [SimpleSpan("copyright", 0, 6)], [1]) == {1: "keep"}


def test_score_lines_per_kind_and_noise() -> None:
    pairs = [
        ("keep", "keep"),
        ("keep", "boilerplate"),  # false removal
        ("boilerplate", "boilerplate"),
        ("boilerplate", "keep"),  # miss
        ("copyright", "boilerplate"),  # noise found, wrong kind
        ("duplicate_headline", "duplicate_headline"),
    ]
    scores = score_lines(pairs)
    boilerplate = scores["per_kind"]["boilerplate"]
    assert (boilerplate["tp"], boilerplate["fp"], boilerplate["fn"]) == (1, 2, 1)
    assert boilerplate["precision"] == pytest.approx(1 / 3)
    assert boilerplate["recall"] == 0.5
    assert scores["per_kind"]["truncated"]["precision"] is None
    noise = scores["noise"]
    assert (noise["tp"], noise["fp"], noise["fn"]) == (3, 1, 1)
    assert (noise["precision"], noise["recall"]) == (0.75, 0.75)
    assert scores["confusion"]["keep"] == {"keep": 1, "boilerplate": 1}


def test_label_fingerprint_and_page_language() -> None:
    assert line_sha10("  Bridge reopens \n") == line_sha10("Bridge reopens")
    assert len(line_sha10("x")) == 10
    assert html_language('<!doctype html>\n<html class="a" lang="en-US">') == "en"
    assert html_language("<HTML xml:lang='DE'>") == "de"
    assert html_language('<html data-lang="fr"><body lang="es">') is None
