"""A text field no record stream has stops the run at once (exit 2) and names the fields."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from test_batch import _dump, _jsonl
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
# The fields of the fakenews dumps (../shared/data/fakenews-dev): the text is `content`.
FIELDS = ("id", "domain", "type", "url", "title", "content")


def _news(path: Path, count: int) -> Path:
    lines = [
        json.dumps(
            {
                "id": str(n),
                "domain": "valleypost.example",
                "type": "reliable",
                "url": f"https://valleypost.example/{n}",
                "title": f"Board decides {n}",
                "content": _dump(n),
            }
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _said(output: str) -> str:
    return " ".join(output.split())  # the terminal wraps long lines


def test_a_wrong_text_field_is_one_usage_error_naming_the_fields(tmp_path: Path) -> None:
    source = _news(tmp_path / "news.jsonl", 120)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code == 2
    said = _said(result.output)
    assert said.count("error:") == 1  # not one per record
    assert "has no field 'text'" in said
    assert f"(its fields: {', '.join(FIELDS)})" in said
    assert "Did you mean 'content'?" in said and "--text-field" in said
    assert not out.exists()  # stopped before writing anything

    typo = runner.invoke(app, ["clean", str(source), "-o", str(out), "--text-field", "contnet"])
    assert typo.exit_code == 2
    assert "Did you mean 'content'?" in _said(typo.output)

    right = runner.invoke(app, ["clean", str(source), "-o", str(out), "--text-field", "content"])
    assert right.exit_code == 0, right.output
    assert len((out / "news.jsonl").read_text().splitlines()) == 120


def test_stdin_and_parquet_are_checked_too(tmp_path: Path) -> None:
    data = _news(tmp_path / "news.jsonl", 3).read_text()
    piped = runner.invoke(app, ["clean", "-", "--jsonl"], input=data)
    assert piped.exit_code == 2
    assert piped.stdout == ""
    assert "the first record of stdin has no field 'text'" in _said(piped.output)

    rows = [json.loads(line) for line in data.splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "news.parquet")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(tmp_path / "news.parquet"), "-o", str(out)])
    assert result.exit_code == 2
    said = _said(result.output)
    assert "has no column 'text'" in said and "Did you mean 'content'?" in said
    assert not out.exists()


def test_a_null_text_later_on_fails_only_its_record(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", 4)
    lines = source.read_text().splitlines()
    later = json.loads(lines[2])
    later["text"] = None
    lines[2] = json.dumps(later)
    del later["text"]
    lines.append(json.dumps(later | {"id": "r9"}))
    source.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    report = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
    failed = {r["path"].rsplit("#", 1)[1]: r["error"]["message"] for r in report if "error" in r}
    assert sorted(failed) == ["r2", "r9"]
    assert "is null" in failed["r2"]
    assert "the record has no field 'text'" in failed["r9"] and "Did you mean" in failed["r9"]
    assert len((out / "docs.jsonl").read_text().splitlines()) == 3


def test_several_streams_stop_only_when_none_has_the_field(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _news(src / "a.jsonl", 2)
    _news(src / "b.jsonl", 2)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert "(and of the 1 other record streams)" in _said(result.output)
    assert not out.exists()

    # One stream has it: the run goes on, the other's records fail alone.
    _jsonl(src / "c.jsonl", 3)
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    summary = json.loads((out / "report.json").read_text())["summary"]
    assert (summary["documents"], summary["failed"]) == (7, 4)
    assert len((out / "c.jsonl").read_text().splitlines()) == 3
