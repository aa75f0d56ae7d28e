"""Quality gate on the real data in ../shared/data: pinned floors, so a change that
lowers quality fails the suite. The floors live in tests/quality_floors.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

from cleaner.evaluation import run_eval

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not (DATA / "aeb-dev" / "ground-truth.json").exists():
        pytest.fail(f"the evaluation data is missing at {DATA}; ../shared must sit beside the repo")
    return run_eval(DATA, jobs=2)


def test_control_keeps_gold_text(result: dict[str, Any]) -> None:
    assert result["control"]["kept_text"] >= FLOORS["control_kept"]


@pytest.mark.parametrize("tool", sorted(FLOORS["dumps_f1"]))
def test_dump_f1_floor(result: dict[str, Any], tool: str) -> None:
    assert result["dumps"][tool]["cleaned"]["f1"] >= FLOORS["dumps_f1"][tool]


@pytest.mark.parametrize("tool", sorted(FLOORS["dumps_recall_drop_max"]))
def test_dump_recall_drop(result: dict[str, Any], tool: str) -> None:
    dump = result["dumps"][tool]
    drop = dump["raw"]["recall"] - dump["cleaned"]["recall"]
    assert drop <= FLOORS["dumps_recall_drop_max"][tool]


def test_cleaning_never_lowers_dump_f1(result: dict[str, Any]) -> None:
    for tool, dump in result["dumps"].items():
        assert dump["cleaned"]["f1"] >= dump["raw"]["f1"] - 0.0005, tool


def test_html_f1_floor(result: dict[str, Any]) -> None:
    html = result["html"]
    assert html["cleaner"]["f1"] >= FLOORS["html_f1"]
    assert html["cleaner"]["f1"] >= html["trafilatura"]["f1"]


def test_fakenews_labelled_lines(result: dict[str, Any]) -> None:
    noise = result["fakenews"]["noise"]
    assert result["fakenews"]["sha1_mismatches"] == 0 or not result["fakenews"]["sha1_mismatches"]
    assert noise["precision"] >= FLOORS["fakenews_noise_precision"]
    assert noise["recall"] >= FLOORS["fakenews_noise_recall"]


@pytest.mark.parametrize("tool", sorted(FLOORS["fullpage_recall_min"]))
def test_full_page_dumps_keep_the_article(result: dict[str, Any], tool: str) -> None:
    assert result["dumps"][tool]["cleaned"]["recall"] >= FLOORS["fullpage_recall_min"][tool]
