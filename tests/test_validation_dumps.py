"""Dumps made by real extractors for the validation sets: each extractor, the cache, failures.

Made on a tiny data folder written here (pages in the layout of ../shared/data), so
these run without the real data and in seconds.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from cleaner.evaluation import dumps as dumps_module
from cleaner.evaluation.cells import MISSING
from cleaner.evaluation.dumps import (
    CRASHED,
    ERROR,
    OK,
    TIMEOUT,
    cache_dir,
    make_dumps,
    validation_dumps,
)
from cleaner.evaluation.extractors import EXTRACTORS, REGISTRY, Extractor, no_network
from cleaner.evaluation.report import to_markdown
from cleaner.evaluation.validation_tables import validation_sections
from cleaner.formats.decode import decode

# Paragraphs long enough for every article extractor (jusText wants 200+ characters).
PARAGRAPHS = [
    "The council voted on Tuesday to rebuild the old stone bridge over the river, "
    "ending a debate that had divided the town for more than a decade and that had "
    "filled the letters page of this paper for most of that time, week after week.",
    "Engineers said the new bridge would carry twice the traffic of the old one and "
    "would be built beside it, so that the crossing stays open while the work goes on "
    "and the buses that use it every morning are not sent on a long way round.",
    "Residents who had fought to keep the old bridge said they would not go to court, "
    "but asked that its stones be used in the walls of the new approach roads, so that "
    "something of the crossing their grandparents built would still be there to see.",
    "The work is expected to begin in the spring and to last about two years, the "
    "council's transport officer told the meeting, which ran late into the evening as "
    "one speaker after another rose to say what the bridge had meant to them.",
]
PAGE = (
    "<html><head><title>Council backs new bridge</title></head><body>"
    '<div class="nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/sport">Sport</a></li></ul></div>'
    "<article><h1>Council backs new bridge</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article>"
    '<div class="footer"><a href="/privacy">Privacy policy</a> | '
    '<a href="/terms">Terms of use</a></div></body></html>'
)


def _write_set(root: Path, name: str, pages: dict[str, bytes]) -> None:
    """A set in the shared data layout: html/<id>.html.gz and ground-truth.json."""
    (root / name / "html").mkdir(parents=True, exist_ok=True)
    truth = {}
    for page_id, page in pages.items():
        (root / name / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(page))
        truth[page_id] = {"articleBody": "\n".join(PARAGRAPHS), "url": f"http://x.org/{page_id}"}
    (root / name / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


@pytest.mark.filterwarnings("ignore:nltk is not installed")
@pytest.mark.parametrize("extractor", REGISTRY, ids=lambda e: e.name)
def test_each_extractor_finds_the_article_in_a_page(extractor: Extractor) -> None:
    with no_network():
        text = extractor.run(PAGE, "http://x.org/bridge")
    assert extractor.version() != "missing"
    for paragraph in PARAGRAPHS:
        assert paragraph in " ".join(text.split())
    # Whole-page tools keep the menus and the footer; the article extractors drop them.
    assert ("Privacy policy" in text) == extractor.full_page


def test_the_registry_has_the_issue_s_extractors() -> None:
    assert set(EXTRACTORS) >= {
        *("trafilatura", "readability", "html-text", "inscriptis", "newspaper"),
        *("goose3", "justext", "boilerpy3", "resiliparse"),
    }
    assert {e.name for e in REGISTRY if e.full_page} == {"html-text", "inscriptis"}


def test_no_network_blocks_connections_and_restores_them() -> None:
    original = socket.create_connection
    with no_network(), pytest.raises(OSError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    assert socket.create_connection is original


def _fake(monkeypatch: pytest.MonkeyPatch, *extractors: Extractor) -> None:
    table = {**EXTRACTORS, **{e.name: e for e in extractors}}
    monkeypatch.setattr(dumps_module, "EXTRACTORS", table)


def test_dumps_are_cached_by_page_and_made_again_when_the_page_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def first_line(html: str, url: str | None) -> str:
        calls.append(url or "")
        return html.split("<p>")[1].split("</p>")[0]

    _fake(monkeypatch, Extractor("first", "pytest", first_line))
    _write_set(tmp_path, "l3s-dev", {"b": PAGE.encode(), "a": PAGE.encode()})
    cache = tmp_path / "cache"
    texts = validation_dumps(tmp_path, "l3s-dev", ["first"], cache=cache, jobs=1)
    assert texts == {"first": {"a": PARAGRAPHS[0], "b": PARAGRAPHS[0]}}
    assert list(texts["first"]) == ["a", "b"]  # ids sorted
    assert sorted(calls) == ["http://x.org/a", "http://x.org/b"]
    version = f"{EXTRACTORS['trafilatura'].version() and 'x'}"  # any: checked via the glob
    assert version
    files = sorted(p.relative_to(cache).parts[:3] for p in cache.rglob("*.json"))
    assert files[0][:2] == ("l3s-dev", "first")

    calls.clear()
    assert validation_dumps(tmp_path, "l3s-dev", ["first"], cache=cache, jobs=1) == texts
    assert calls == []  # all from the cache

    # A new recipe (or package version) is a new key: made again.
    _fake(monkeypatch, Extractor("first", "pytest", first_line, recipe=2))
    validation_dumps(tmp_path, "l3s-dev", ["first"], cache=cache, jobs=1)
    assert len(calls) == 2
    calls.clear()

    _write_set(tmp_path, "l3s-dev", {"a": PAGE.replace("council", "mayor").encode()})
    changed = validation_dumps(tmp_path, "l3s-dev", ["first"], cache=cache, jobs=1)
    assert calls == ["http://x.org/a"]
    assert "mayor" in changed["first"]["a"]


def test_a_failing_or_slow_extractor_gives_an_empty_dump_and_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(html: str, url: str | None) -> str:
        raise RuntimeError("cannot parse")

    def slow(html: str, url: str | None) -> str:
        time.sleep(5)
        return "late"

    def online(html: str, url: str | None) -> str:
        socket.create_connection(("127.0.0.1", 9))
        return "fetched"

    _fake(
        monkeypatch,
        Extractor("broken", "pytest", broken),
        Extractor("slow", "pytest", slow),
        Extractor("online", "pytest", online),
    )
    _write_set(tmp_path, "aeb-dev", {"a": PAGE.encode()})
    made = make_dumps(
        tmp_path,
        "aeb-dev",
        ["broken", "slow", "online", "html-text"],
        cache=tmp_path / "cache",
        jobs=1,
        timeout=0.2,
    )
    assert (made["broken"]["a"].status, made["broken"]["a"].text) == (ERROR, "")
    assert "RuntimeError: cannot parse" in made["broken"]["a"].error
    assert (made["slow"]["a"].status, made["slow"]["a"].text) == (TIMEOUT, "")
    assert made["online"]["a"].status == ERROR
    assert "NetworkBlocked" in made["online"]["a"].error
    assert made["html-text"]["a"].status == OK
    assert PARAGRAPHS[0] in made["html-text"]["a"].text


def test_an_extractor_that_kills_its_process_is_marked_on_that_page_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def deadly(html: str, url: str | None) -> str:
        if "mayor" in html:
            os._exit(3)
        return "fine"

    _fake(monkeypatch, Extractor("deadly", "pytest", deadly))
    pages = {f"p{i}": PAGE.encode() for i in range(4)}
    pages["p2"] = PAGE.replace("council", "mayor").encode()
    _write_set(tmp_path, "aeb-dev", pages)
    made = make_dumps(tmp_path, "aeb-dev", ["deadly"], cache=tmp_path / "cache", jobs=2)
    assert {p: m.status for p, m in made["deadly"].items()} == {
        "p0": OK,
        "p1": OK,
        "p2": CRASHED,
        "p3": OK,
    }
    assert made["deadly"]["p0"].text == "fine"


def test_pages_are_decoded_as_clean_html_decodes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake(monkeypatch, Extractor("echo", "pytest", lambda html, url: html))
    pages = {
        "cp1252": PAGE.replace("<head>", '<head><meta charset="windows-1252">')
        .replace("stone bridge", "stone bridge at Orléans")
        .encode("cp1252"),
        "utf8": PAGE.replace("stone bridge", "stone bridge at Orléans").encode("utf-8"),
    }
    _write_set(tmp_path, "l3s-dev", pages)
    texts = validation_dumps(tmp_path, "l3s-dev", ["echo"], cache=tmp_path / "c", jobs=1)
    for page_id, page in pages.items():
        assert texts["echo"][page_id] == decode(page, html=True).text
        assert "Orléans" in texts["echo"][page_id]


def test_the_cache_folder_comes_from_the_argument_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLEANER_EVAL_CACHE", raising=False)
    assert cache_dir() == Path("eval-out") / "dumps-cache"
    monkeypatch.setenv("CLEANER_EVAL_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    assert cache_dir(tmp_path / "x") == tmp_path / "x"


def test_unknown_extractors_are_refused(tmp_path: Path) -> None:
    _write_set(tmp_path, "aeb-dev", {"a": PAGE.encode()})
    with pytest.raises(ValueError, match="unknown extractor"):
        make_dumps(tmp_path, "aeb-dev", ["nosuchtool"], cache=tmp_path / "c", jobs=1)


_SCORES = {"f1": 0.9, "precision": 0.9, "recall": 0.9, "n": 2}


def _dump_figures(**changes: Any) -> dict[str, Any]:
    """One extractor's entry in eval.json's validation section."""
    return {
        "version": "1.0",
        "n": 2,
        "raw": _SCORES,
        "cleaned": _SCORES,
        "oracle": _SCORES,
        "gap_closed": 0.0,
        "recall_lost": 0.0,
        "docs_changed": 0,
        "full_page": False,
        "failures": {"count": 0, "by_status": {}, "pages": []},
        "regressions": [],
        **changes,
    }


def test_the_report_shows_the_validation_tables() -> None:
    dump = _dump_figures(
        cleaned={**_SCORES, "f1": 0.95},
        oracle={**_SCORES, "f1": 0.99},
        gap_closed=0.5556,
        recall_lost=0.001,
        docs_changed=1,
        full_page=True,
        failures={
            "count": 1,
            "by_status": {ERROR: 1},
            "pages": [{"id": "abc", "status": ERROR, "error": "LookupError: bad"}],
        },
    )
    gold_in = {
        "n": 2,
        "kept_text": 0.97,
        "kept_body": 0.96,
        "docs_changed": 1,
        "under_min": 1,
        "under_min_share": 0.5,
        "worst": [
            {
                "id": "abc",
                "kept_text": 0.9,
                "kept_body": 0.9,
                "title": None,
                "removed": [["chrome", "Home"]],
            }
        ],
    }
    result = {
        "data_dir": "/data",
        "pages": 2,
        "languages": {"en": 2},
        "warnings": [],
        "seconds": 1.0,
        "dumps": {},
        "control": {
            "kept_text": 1.0,
            "kept_body": 1.0,
            "n": 0,
            "docs_changed": 0,
            "by_kind": {},
            "worst": [],
        },
        "removals": {
            "total": 0,
            "by_kind": {},
            "gold_removed_by_kind": {},
            "top_lines": [],
            "gold_removed": [],
        },
        "fakenews": {
            "rows": 0,
            "lines": 0,
            "per_kind": {},
            "noise": {
                "support": 0,
                "predicted": 0,
                "tp": 0,
                "fp": 0,
                "fn": 0,
                "precision": None,
                "recall": None,
            },
            "sha1_mismatches": [],
            "false_removals": [],
            "misses": [],
            "wrong_kind": [],
        },
        "validation": {"l3s-dev": {"gold_in": gold_in, "dumps": {"html-text": dump}}},
    }
    markdown = to_markdown(result)
    assert "| l3s-dev | 2 | 0.970 | 1 | 0.500 | 1 |" in markdown
    assert (
        "| l3s-dev | html-text (whole page) | 1.0 | 2 | 1 | 0.900 | 0.950 | +0.050 | 0.900 "
        "| 0.900 | 0.990 | 0.556 | 0.001 | 1 |"
    ) in markdown
    assert "| l3s-dev | html-text | abc | error | LookupError: bad |" in markdown


def test_changed_again_is_a_count_and_a_dash_where_the_report_has_none() -> None:
    """A report written before the count was made has no "changed_again": not 0."""
    gold_in = {
        "n": 2,
        "kept_text": 1.0,
        "docs_changed": 0,
        "under_min": 0,
        "under_min_share": 0,
        "worst": [],
    }

    def row(**extra: Any) -> str:
        sets = {"l3s-dev": {"gold_in": gold_in, "dumps": {"trafilatura": _dump_figures(**extra)}}}
        sections = validation_sections({"validation": sets})
        (table,) = [s for s in sections if "changed again" in s.columns]
        return table.rows[0][-1]

    assert row(changed_again=["a", "b"]) == "2"
    assert row(changed_again=[]) == "0"
    assert row() == MISSING


def test_the_eval_command_refuses_an_unknown_extractor(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    outcome = CliRunner().invoke(
        app, ["eval", "-o", str(tmp_path), "--extractors", "html-text,nope"]
    )
    assert outcome.exit_code == 2
    assert "unknown extractor(s) nope" in outcome.output
    assert not (tmp_path / "eval.json").exists()
