"""Case files per rule: input, expected clean text, expected removal kinds.

A file in `negatives/` has no output: it must come through with nothing removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from casefile import read_case
from conftest import CASES

from cleaner import clean_text, replay
from cleaner.core.document import normalise_layout

RULE_CASES = sorted(p for p in CASES.glob("*/*.txt") if p.parent.name != "negatives")
NEGATIVES = sorted((CASES / "negatives").glob("*.txt"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def test_every_rule_has_cases() -> None:
    from cleaner.rules import RULES

    for name, rule in RULES.items():
        if rule.needs_corpus:
            continue  # its cases need a corpus: tests/test_site.py
        assert len(list((CASES / name).glob("*.txt"))) >= 8, f"too few cases for {name}"
    assert len(NEGATIVES) >= 20


@pytest.mark.parametrize("path", RULE_CASES, ids=_id)
def test_rule_case(path: Path) -> None:
    case = read_case(path)
    result = clean_text(case.input)
    assert case.output is not None, "a rule case needs an === output === section"
    assert result.text == normalise_layout(case.output), "\n".join(
        f"{r.kind}: {r.text!r} ({r.reason})" for r in result.removals
    )
    assert {r.kind for r in result.removals} == case.kinds
    assert replay(result.source, result.removals, title_first=result.title_in_source) == (
        result.text if result.title_in_source or result.title is None else result.body
    )


@pytest.mark.parametrize("path", NEGATIVES, ids=_id)
def test_negative_comes_through_unchanged(path: Path) -> None:
    case = read_case(path)
    result = clean_text(case.input)
    assert result.removals == [], "\n".join(
        f"{r.kind}: {r.text!r} ({r.reason})" for r in result.removals
    )
    assert result.text == normalise_layout(case.input, title_first=result.title is not None)


@pytest.mark.parametrize("path", RULE_CASES, ids=_id)
def test_a_second_run_removes_nothing_more(path: Path) -> None:
    # Cleaning the clean text again changes nothing: no rule finds, once another rule's
    # span is gone, what it let stand the first time.
    once = clean_text(read_case(path).input)
    assert clean_text(once.text).text == once.text
