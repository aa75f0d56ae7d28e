"""Parquet in and out on the local engine: columns kept, text cleaned, a bad row reported."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from test_batch import PROMO, _dump, _jsonl
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()


def _rows(count: int) -> list[dict]:
    return [
        {
            "id": f"r{n}",
            "url": "https://valleypost.example/x",
            "text": _dump(n),
            "lang": "en",
            "score": n / 2,
        }
        for n in range(count)
    ]


def test_parquet_round_trip_matches_jsonl(tmp_path: Path) -> None:
    rows = _rows(9)
    rows[4]["text"] = None  # reported and dropped, like a JSONL record without text
    src = tmp_path / "in"
    src.mkdir()
    pq.write_table(pa.Table.from_pylist(rows), src / "docs.parquet", row_group_size=4)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    table = pq.read_table(out / "docs.parquet")
    assert table.column_names == ["id", "url", "text", "lang", "score", "title", "cleaner"]
    cleaned = table.to_pylist()
    assert [r["id"] for r in cleaned] == [f"r{n}" for n in range(9) if n != 4]
    assert cleaned[1]["score"] == 0.5 and cleaned[1]["lang"] == "en"
    assert all(PROMO not in r["text"] for r in cleaned)  # site boilerplate counted too
    report = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
    assert [r["path"].rsplit("#", 1)[1] for r in report] == [f"r{n}" for n in range(9)]
    assert report[4]["status"] == "failed"

    # The same records as JSONL (the bad one left out) give the same text and titles.
    jsonl_in = tmp_path / "jin"
    jsonl_in.mkdir()
    _jsonl(jsonl_in / "docs.jsonl", 9)
    lines = (jsonl_in / "docs.jsonl").read_text().splitlines()
    (jsonl_in / "docs.jsonl").write_text("\n".join(lines[:4] + lines[5:]) + "\n")
    jout = tmp_path / "jout"
    assert runner.invoke(app, ["clean", str(jsonl_in), "-o", str(jout), "-j", "1"]).exit_code == 0
    expected = [json.loads(x) for x in (jout / "docs.jsonl").read_text().splitlines()]
    for got, want in zip(cleaned, expected, strict=True):
        assert got["title"] == want["title"]
        assert got["text"] == want["text"]


def test_unreadable_parquet_fails_alone(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.parquet").write_bytes(b"PAR1 not really")
    (src / "ok.txt").write_text(_dump(1))
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    report = json.loads((out / "report.json").read_text())["documents"]
    assert report[0]["error"]["kind"] == "unreadable"
    assert not (out / "broken.parquet").exists()
    assert (out / "ok.txt").exists()


def _stream_state(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".cleaner" / "streams").iterdir())


def test_a_parquet_file_without_the_text_column_fails_alone(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    pq.write_table(pa.Table.from_pylist(_rows(3)), src / "docs.parquet")
    other = [{"id": "x1", "content": _dump(5)}, {"id": "x2", "content": _dump(6)}]
    pq.write_table(pa.Table.from_pylist(other), src / "other.parquet")
    (src / "ok.txt").write_text(_dump(1))
    out = tmp_path / "out"
    for _ in range(2):  # a rerun (resume) behaves the same
        result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        documents = json.loads((out / "report.json").read_text())["documents"]
        failed = [d for d in documents if d["status"] == "failed"]
        assert [d["path"] for d in failed] == [str(src / "other.parquet")]
        message = failed[0]["error"]["message"]
        assert failed[0]["error"]["kind"] == "bad_input"
        assert "no column 'text'" in message and "(its columns: id, content)" in message
        assert "Did you mean 'content'?" in message and "--text-field" in message
        # The batch went on; the failed file has no output and no resume files.
        assert len(documents) == 1 + 3 + 1
        assert not (out / "other.parquet").exists()
        assert pq.read_table(out / "docs.parquet").num_rows == 3
        assert (out / "ok.txt").exists()
        state = [n for n in _stream_state(out) if n.startswith("other.parquet.")]
        assert state == ["other.parquet.stamp"]  # no .partial, no .records


def test_rows_with_null_text_are_bad_input_and_the_output_stays_valid(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    nulls = {"id": ["a", "b"], "text": pa.array([None, None], pa.string())}
    pq.write_table(pa.table(nulls), src / "nulls.parquet")
    null_typed = {"id": ["c"], "text": pa.array([None], pa.null())}
    pq.write_table(pa.table(null_typed), src / "null_typed.parquet")
    # A whole record batch without text (the first row group) among rows with text.
    mixed = _rows(4)
    mixed[0]["text"] = mixed[1]["text"] = None
    pq.write_table(pa.Table.from_pylist(mixed), src / "mixed.parquet", row_group_size=2)
    out = tmp_path / "out"
    for _ in range(2):
        result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
        assert result.exit_code == 1, result.output
        report = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
        failed = {
            r["path"].rsplit("/", 1)[1]: r["error"] for r in report if r["status"] == "failed"
        }
        assert sorted(failed) == [
            "mixed.parquet#r0",
            "mixed.parquet#r1",
            "null_typed.parquet#c",
            "nulls.parquet#a",
            "nulls.parquet#b",
        ]
        assert {e["kind"] for e in failed.values()} == {"bad_input"}
        assert "field 'text' is null" in failed["nulls.parquet#a"]["message"]
        for name in ("nulls.parquet", "null_typed.parquet"):
            table = pq.read_table(out / name)
            assert table.num_rows == 0
            assert table.column_names == ["id", "text", "title", "cleaner"]
        kept = pq.read_table(out / "mixed.parquet").to_pylist()
        assert [r["id"] for r in kept] == ["r2", "r3"]
        assert all(r["text"].startswith("Board decides") and r["cleaner"] for r in kept)
