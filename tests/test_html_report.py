"""The HTML report without a browser: escaping, exact figures, determinism, size bounds."""

from __future__ import annotations

import json
import re
import time
from html import escape
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from report_data import HOSTILE, VALVE_NOTES, flagged_report, small_run, summary
from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app
from cleaner.config import Config
from cleaner.report.documents import script_json
from cleaner.report.overview import Overview, site_of_record
from cleaner.report.page import build_page
from cleaner.report.record import DocumentRecord, document_record, safety_valve_notes
from cleaner.report.run import RunReport, iter_records, write_report_json
from cleaner.report.sample import Sample
from cleaner.report.svg import bar_chart, histogram

runner = CliRunner()


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("html-report"))


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert match, "the page embeds its data"
    return json.loads(match.group(1))


def _count(page: str, name: str) -> int:
    match = re.search(rf'id="count-{name}" data-count="(\d+)"', page)
    assert match, name
    return int(match.group(1))


def test_clean_writes_the_page_beside_the_report(run_out: Path) -> None:
    page = (run_out / "report.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Showing 4 of 4 documents: all of them." in page


def test_hostile_dump_is_text_not_markup(run_out: Path) -> None:
    page = (run_out / "report.html").read_text("utf-8")
    # Only the page's own two script elements; the dump's markup is nowhere as markup.
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert "<img" not in page
    assert "<!--" not in page
    hostile = next(d for d in _data(page)["documents"] if d["path"].endswith("hostile.txt"))
    assert hostile["text"] == HOSTILE  # the dump survives intact, as data


def test_script_json_cannot_close_the_element() -> None:
    text = "</script><script>alert(1)</script> <!-- & \u2028\u2029"
    encoded = script_json({"text": text})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in encoded
    assert json.loads(encoded) == {"text": text}


def test_page_loads_nothing_from_anywhere(run_out: Path) -> None:
    page = (run_out / "report.html").read_text("utf-8")
    markup = re.sub(r'(<script type="application/json"[^>]*>).*?(</script>)', r"\1\2", page)
    assert not re.search(r"\b(src|href|action|srcset)\s*=", markup, re.I)
    assert not re.search(r"https?://|url\(|@import", markup, re.I)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src &#x27;none&#x27;" in csp.group(1)


def test_overview_equals_report_json(run_out: Path) -> None:
    page = (run_out / "report.html").read_text("utf-8")
    expected = summary(run_out / "report.json")
    for name in ("documents", "changed", "unchanged", "failed"):
        assert _count(page, name) == expected[name]
    assert _count(page, "flagged") == len(expected["flagged"])
    shown = dict(re.findall(r'<tr data-kind="(\w+)">.*?data-removals="(\d+)"', page))
    assert {k: int(v) for k, v in shown.items()} == expected["removals_by_kind"]
    chars = dict(re.findall(r'<tr data-kind="(\w+)">.*?data-chars="(\d+)"', page))
    assert {k: int(v) for k, v in chars.items()} == expected["chars_removed_by_kind"]


def test_the_page_and_the_summary_total_with_one_counter(tmp_path: Path) -> None:
    """Issue 18: the run report and the page's overview each had their own code for the
    run's totals; both now count with `Totals`, and the page prints the summary's figures."""
    removal = {"kind": "boilerplate", "text": "Share this", "start": 0, "end": 10, "reason": "r"}
    copyright = {"kind": "copyright", "text": "© 2024", "start": 20, "end": 26, "reason": "r"}
    repair = {"kind": "encoding", "detected": "cp1252"}
    records = [
        {"path": "a/1.txt", "status": "changed", "chars_in": 40, "chars_out": 30,
         "flagged": False, "removals": [removal], "repairs": [repair]},
        {"path": "a/2.txt", "status": "changed", "chars_in": 30, "chars_out": 14,
         "flagged": True, "removals": [removal, copyright], "notes": []},
        {"path": "b/3.txt", "status": "unchanged", "chars_in": 9, "chars_out": 9,
         "flagged": False, "removals": []},
        {"path": "b/4.txt", "status": "failed", "output": None,
         "error": {"kind": "binary", "message": "not text"}},
    ]  # fmt: skip
    report, lines = RunReport(), tmp_path / "report.jsonl"
    with lines.open("w", encoding="utf-8") as stream:
        report.stream = stream
        for record in records:
            report.add(DocumentRecord.from_dict(record))
    report.stream = None
    write_report_json(tmp_path / "report.json", report, lines)
    overview = Overview()
    for record in iter_records(tmp_path / "report.json"):
        overview.add(record)
    assert overview.totals == report.totals
    assert overview.totals.removed == 10 + 10 + 6
    page, expected = build_page(tmp_path / "report.json"), report.summary()
    for name in ("documents", "changed", "unchanged", "failed"):
        assert _count(page, name) == expected[name]
    assert _count(page, "flagged") == len(expected["flagged"]) == 1
    assert _count(page, "removed") == sum(expected["chars_removed_by_kind"].values())
    assert "79 characters in, 53 out (32.9% removed)." in page
    assert f"{expected['repaired']} documents had their text repaired" in page


def test_same_report_same_bytes(run_out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    result = runner.invoke(app, ["report", str(run_out / "report.json"), "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == (run_out / "report.html").read_bytes()


def test_report_without_the_inputs_shows_removed_spans(tmp_path: Path) -> None:
    out = small_run(tmp_path)
    (tmp_path / "in").rename(tmp_path / "gone")
    documents = _data(build_page(out / "report.json"))["documents"]
    assert all(d["text"] is None for d in documents)
    ferry = next(d for d in documents if d["path"].endswith("ferry.txt"))
    assert [span[5] for span in ferry["spans"]][-1].startswith("© 2024 Valley Post")


def test_report_command_refuses_a_missing_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "no report at" in result.output


def test_sample_is_bounded_and_keeps_the_most_removed() -> None:
    sample = Sample(most_removed=3, spread=2)
    for number in range(50):
        removal = {"kind": "boilerplate", "text": "x" * number}
        sample.add({"path": f"d{number:02d}", "status": "changed", "removals": [removal]})
    records = sample.records()
    assert [r["path"] for r in records[:3]] == ["d49", "d48", "d47"]
    assert len(records) == 5
    sample = Sample(most_removed=1, spread=1, flagged=1)
    for number in range(5):
        sample.add({"path": f"d{number}", "status": "changed", "flagged": number > 2})
    assert sample.records()[0]["path"] == "d3"


def test_large_report_is_bounded_and_exact(large_report_json: Path) -> None:
    report_json = large_report_json
    started = time.perf_counter()
    page = build_page(report_json, base=report_json.parent / "dumps")
    seconds = time.perf_counter() - started
    size = len(page.encode("utf-8"))
    print(f"\n100,000 documents: page {size / 1e6:.2f} MB, built in {seconds:.1f} s")
    assert size < 15_000_000
    assert seconds < 60
    expected = summary(report_json)
    assert _count(page, "documents") == expected["documents"] == 100_000
    for name in ("changed", "unchanged", "failed"):
        assert _count(page, name) == expected[name]
    documents = _data(page)["documents"]
    assert 0 < len(documents) <= 1_000
    assert any(d["cut"] for d in documents)
    assert f"Showing {len(documents):,} of" in page
    assert sum(1 for _ in iter_records(report_json)) == 100_000


def test_resume_writes_the_same_page(tmp_path: Path) -> None:
    out = small_run(tmp_path)
    first = (out / "report.html").read_bytes()
    (out / "report.html").unlink()
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").read_bytes() == first


def test_jsonl_records_are_read_back_by_id_and_line(tmp_path: Path) -> None:
    lines = [
        {"id": 7, "text": HOSTILE, "url": "https://valley.example/a"},
        {"text": "Nothing to remove here at all: a calm report about the tides.\n"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    documents = _data((out / "report.html").read_text("utf-8"))["documents"]
    by_path = {d["path"].rsplit("#", 1)[1]: d for d in documents}
    assert by_path["7"]["text"] == HOSTILE
    assert by_path["7"]["site"] == "valley.example"
    assert by_path["line 2"]["text"] == lines[1]["text"]


def test_parquet_rows_are_read_back_by_id_and_row(tmp_path: Path) -> None:
    """Issue 18: the page read records back from JSONL files only, so a Parquet run's
    documents showed their removed spans without their text."""
    rows = [
        {"id": 7, "text": HOSTILE, "url": "https://valley.example/a", "score": 0.5},
        {"id": None, "text": "Nothing to remove here at all: a calm report about the tides.\n"},
        {"id": 9, "text": None},  # no text: fails, and keeps its row number
        {"id": None, "text": "Share this article\n\nThe ferry sails again from Saturday.\n"},
    ]
    src = tmp_path / "x.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=2)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 1, result.output  # the row without text
    documents = _data((out / "report.html").read_text("utf-8"))["documents"]
    by_path = {d["path"].rsplit("#", 1)[1]: d for d in documents}
    assert sorted(by_path) == ["7", "line 2", "line 4"]
    assert by_path["7"]["text"] == HOSTILE
    assert by_path["7"]["site"] == "valley.example"
    assert by_path["7"]["spans"]  # shown within the text, at their offsets
    assert by_path["line 2"]["text"] == rows[1]["text"]
    assert by_path["line 4"]["text"] == rows[3]["text"]


def test_jsonl_records_with_mojibake_are_read_back_repaired(tmp_path: Path) -> None:
    # The batch repairs the mojibake before cleaning, and the record's offsets refer to
    # the repaired text: the page must read the record back the same way.
    text = "Café opens on the quay\n\nThe café opened on Monday and served 200 people.\n"
    garbled = text.encode("utf-8").decode("cp1252")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "m", "text": garbled}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    documents = _data((out / "report.html").read_text("utf-8"))["documents"]
    assert [d["text"] for d in documents] == [text]


def test_charts_escape_their_labels() -> None:
    chart = bar_chart("kinds", [("<b>&", 3), ("copyright", 1)], colours={"copyright": "#e09fd8"})
    assert "<b>" not in chart and "&lt;b&gt;&amp;" in chart
    assert histogram("share", [("0–10%", 2), ("<x>", 0)]).count("<rect") == 2


def test_site_falls_back_to_the_folder() -> None:
    assert site_of_record({"path": "news/a.txt", "site": "example.com"}) == "example.com"
    assert site_of_record({"path": "news/world/a.txt"}) == "news/world"
    assert site_of_record({"path": "dumps/all.jsonl#42"}) == "dumps"
    assert site_of_record({"path": "a.txt"}) == "(top folder)"


def test_repaired_inputs_are_listed_with_what_was_repaired(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = "Café opens on the quay\n\nThe café opened on Monday and served 200 people.\n"
    (inputs / "latin.txt").write_bytes(body.encode("cp1252"))
    (inputs / "plain.txt").write_text("Nothing to repair in this one.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(inputs), "-o", str(out), "-q"]).exit_code == 0
    page = (out / "report.html").read_text("utf-8")
    assert "1 documents had their text repaired" in page
    listed = re.search(r'<ul id="repairs" class="paths">(.*?)</ul>', page)
    assert listed and "latin.txt: encoding: cp12" in listed.group(1)
    assert "plain.txt" not in listed.group(1)


def test_sample_keeps_only_what_the_page_can_show() -> None:
    import random

    rng = random.Random(7)
    records = []
    for number in range(2000):
        # Full pages: many removals, most of the dump (the records that weigh the most).
        removals = [
            {"kind": "chrome", "text": "x" * rng.randint(20, 400)}
            for _ in range(rng.randint(1, 80))
        ]
        chars_in = sum(len(r["text"]) for r in removals) + rng.randint(500, 5_000)
        records.append(
            {
                "path": f"d{number:04d}",
                "status": "changed",
                "chars_in": chars_in,
                "flagged": number % 97 == 0,
                "removals": removals,
            }
        )

    def shown(sample: Sample, budget: int) -> list[str]:
        # The page's loop: in order, until a document does not fit (dumps readable).
        chosen, spent = [], 0
        for record in sample.records():
            size = min(record["chars_in"], 20_000)
            if chosen and spent + size > budget:
                break
            chosen.append(record["path"])
            spent += size
        return chosen

    budget = 300_000
    unbounded, bounded = Sample(), Sample(chars_in_all=budget, chars_per_document=20_000)
    for record in records:
        unbounded.add(record)
        bounded.add(record)
    assert shown(bounded, budget) == shown(unbounded, budget)
    assert len(bounded.records()) < len(unbounded.records()) / 2


# The page once printed this for every flagged document, wrong for those the valve only
# warns about (confident removals took too much: every removal stands).
OLD_FIXED_SENTENCE = "Only the confident removals were applied to these documents"


def test_each_flagged_document_shows_its_own_valve_note(tmp_path: Path) -> None:
    page = build_page(flagged_report(tmp_path))
    assert OLD_FIXED_SENTENCE not in page
    flagged = re.search(r'<ul id="flagged" class="paths">(.*?)</ul>', page)
    assert flagged
    items = re.findall(r'data-path="([^"]+)">[^<]*</button>([^<]*)</li>', flagged.group(1))
    assert {path: note.strip() for path, note in items} == {
        path: escape(note) for path, note in VALVE_NOTES.items()
    }
    # The document view gets the same notes, and only the valve's.
    documents = {d["path"]: d for d in _data(page)["documents"]}
    assert {path: documents[path]["valve"] for path in VALVE_NOTES} == {
        path: [note] for path, note in VALVE_NOTES.items()
    }
    assert documents["c/plain.txt"]["valve"] == []


def test_the_pipelines_valve_notes_are_the_ones_shown() -> None:
    dump = (
        "Share this article\n\nAdvertisement\n\nSubscribe to our newsletter\n\n"
        "The ferry sails again from Saturday.\n"
    )
    cleaned = clean_text(dump, config=Config(max_removed_share=0.1))
    assert cleaned.flagged
    record = document_record("d.txt", cleaned, None)
    assert safety_valve_notes(record.to_dict()) == cleaned.notes
    assert safety_valve_notes({"notes": ["decoded as cp1252"]}) == []
