"""The command line: clean folders and stdin, explain, rules, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ctrl_c import pressed
from typer.testing import CliRunner

from cleaner import __version__
from cleaner.cli import app
from cleaner.config import Config
from cleaner.report.run import iter_records_located, read_summary

runner = CliRunner()
DUMP = (
    "Harbour ferry returns after winter\n\n"
    "Harbour ferry returns after winter\n\n"
    "The ferry to Gull Island sails again from Saturday, the operator said.\n\n"
    "Share this article\n\n"
    "© 2024 Valley Post. All rights reserved.\n"
)


def _tree(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(DUMP, encoding="utf-8")
    (src / "sub" / "b.txt").write_text("Nothing to remove here at all.\n", encoding="utf-8")
    (src / "sub" / "page.html").write_text(
        "<html><head><title>Ferry returns</title></head><body><article><h1>Ferry returns</h1>"
        + "<p>The ferry to Gull Island sails again from Saturday, the operator said on Monday "
        "after the repairs to the slipway were finished ahead of time.</p>"
        * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    (src / "ignored.jpg").write_bytes(b"\xff\xd8\xff")
    return src


def test_clean_folder_mirrors_layout_and_reports(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text() == (
        "Harbour ferry returns after winter\n\n"
        "The ferry to Gull Island sails again from Saturday, the operator said.\n"
    )
    assert (out / "sub" / "b.txt").exists()
    assert (out / "sub" / "page.txt").exists()
    assert not (out / "ignored.txt").exists()
    report = json.loads((out / "report.json").read_text())
    summary = report["summary"]
    assert (summary["documents"], summary["failed"]) == (3, 0)
    assert summary["unchanged"] >= 1  # sub/b.txt has nothing to remove
    a = next(d for d in report["documents"] if d["path"].endswith("a.txt"))
    kinds = sorted(r["kind"] for r in a["removals"])
    assert kinds == ["boilerplate", "copyright", "duplicate_headline"]
    source = DUMP
    for removal in a["removals"]:
        assert source[removal["start"] : removal["end"]] == removal["text"]
        assert removal["reason"]


def test_bad_file_fails_alone_and_exit_code_is_1(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    (src / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 1
    report = json.loads((out / "report.json").read_text())
    broken = next(d for d in report["documents"] if d["path"].endswith("broken.txt"))
    assert broken["status"] == "failed" and "binary" in broken["error"]["message"]
    assert not (out / "broken.txt").exists()
    assert (out / "a.txt").exists()


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    before = (src / "a.txt").read_bytes()
    result = runner.invoke(app, ["clean", str(src), "-o", str(src)])
    assert result.exit_code == 2  # refused before anything runs: a usage error
    assert (src / "a.txt").read_bytes() == before
    assert not (src / "report.json").exists()


def test_dry_run_writes_only_the_report(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.jsonl"]
    out = tmp_path / "out2"
    result = runner.invoke(
        app, ["clean", str(src), "-o", str(out), "--dry-run", "--no-html-report"]
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.jsonl"]


def test_stdin_to_stdout_with_report(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    result = runner.invoke(app, ["clean", "-", "--report", str(report)], input=DUMP)
    assert result.exit_code == 0
    assert result.stdout.startswith("Harbour ferry returns after winter\n\nThe ferry")
    assert json.loads(report.read_text())["summary"]["changed"] == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["clean", str(tmp_path / "missing"), "-o", "x"]).exit_code == 2
    assert runner.invoke(app, ["clean", str(tmp_path)]).exit_code == 2


def test_explain_and_rules(tmp_path: Path) -> None:
    dump = tmp_path / "d.txt"
    dump.write_text(DUMP, encoding="utf-8")
    explained = runner.invoke(app, ["explain", str(dump)])
    assert explained.exit_code == 0
    assert "repeats the headline" in explained.output
    listed = runner.invoke(app, ["rules"])
    for name in ("duplicate_headline", "copyright", "truncated", "boilerplate", "repeated_block"):
        assert name in listed.output


def test_real_subprocess_run(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "report.json").exists()


def _small_page(path: Path) -> Path:
    """A whole page as text, too small for full-page mode to switch on by itself (fewer
    blocks than `fullpage_model_min_blocks`)."""
    menu = "\n".join(["Home", "News", "Sport", "Sign in", "Search"])
    article = (
        "Bridge reopens after repairs\n"
        + "The bridge over the Sarn reopened on Monday after nine months of repairs to its "
        "piers, and the first bus crossed it at seven in the morning to cheers from the bank.\n" * 2
    )
    path.write_text(menu + "\n" + article + menu + "\n", encoding="utf-8")
    return path


def test_full_page_mode_can_be_forced(tmp_path: Path) -> None:
    page = _small_page(tmp_path / "page.txt")
    forced = runner.invoke(app, ["explain", str(page), "--json", "--full-page", "on"])
    off = runner.invoke(app, ["explain", str(page), "--json", "--full-page", "off"])
    assert forced.exit_code == 0 and off.exit_code == 0
    assert '"chrome"' in forced.stdout
    assert '"chrome"' not in off.stdout
    assert runner.invoke(app, ["explain", str(page), "--full-page", "maybe"]).exit_code == 2


def test_summary_is_printed_without_a_terminal_unless_quiet(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    shown = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert "cleaner summary" in shown.output
    quiet = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "o2"), "--quiet"])
    assert "cleaner summary" not in quiet.output


def test_a_config_value_of_the_wrong_type_is_a_usage_error(tmp_path: Path) -> None:
    """Issue 16 item 8: it made every document fail with "please report this"."""
    src, out = _tree(tmp_path), tmp_path / "out"
    config = tmp_path / "bad.toml"
    config.write_text('max_removed_share = "lots"\n', encoding="utf-8")
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--config", str(config)])
    assert result.exit_code == 2
    assert "max_removed_share" in result.output and "expected a number" in result.output
    assert "please report" not in result.output
    assert not out.exists()  # refused before anything ran


def test_clean_takes_full_page_too_and_workers_get_it(tmp_path: Path) -> None:
    """Issue 16 item 6: --full-page was documented but only `explain` had it."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        _small_page(src / f"page{n}.txt")

    def kinds(mode: str | None) -> set[str]:
        out = tmp_path / f"out-{mode}"
        args = ["clean", str(src), "-o", str(out), "-j", "2", "-q", "--no-site-boilerplate"]
        result = runner.invoke(app, args + (["--full-page", mode] if mode else []))
        assert result.exit_code == 0, result.output
        documents = json.loads((out / "report.json").read_text("utf-8"))["documents"]
        assert len(documents) == 3
        return {r["kind"] for d in documents for r in d["removals"]}

    assert "chrome" in kinds("on")
    assert "chrome" not in kinds("off")
    assert "chrome" not in kinds(None)  # auto: too small to look like a page
    assert (tmp_path / "out-on" / "page0.txt").read_text("utf-8").startswith("Bridge reopens")


def test_the_config_fullpage_holds_unless_the_option_is_given(tmp_path: Path) -> None:
    page = _small_page(tmp_path / "page.txt")
    config = tmp_path / "on.toml"
    config.write_text('fullpage = "on"\n', encoding="utf-8")
    from_config = runner.invoke(app, ["explain", str(page), "--json", "--config", str(config)])
    assert from_config.exit_code == 0 and '"chrome"' in from_config.stdout
    args = ["explain", str(page), "--json", "--config", str(config), "--full-page", "off"]
    overridden = runner.invoke(app, args)
    assert overridden.exit_code == 0 and '"chrome"' not in overridden.stdout


def test_one_text_file_to_stdout(tmp_path: Path) -> None:
    """Issue 16 item 5: `clean FILE.txt -o -` said "changed 1" and wrote nothing."""
    src, out = _tree(tmp_path), tmp_path / "out"
    for name in ("a.txt", "sub/page.html"):
        result = runner.invoke(app, ["clean", str(src / name), "-o", "-", "-q"])
        assert result.exit_code == 0, result.output
        folder = runner.invoke(app, ["clean", str(src / name), "-o", str(out), "-q"])
        assert folder.exit_code == 0
        written = (out / Path(name).with_suffix(".txt").name).read_text("utf-8")
        assert written.strip() and result.stdout == written


def test_stdout_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    (src / "records.jsonl").write_text(json.dumps({"id": 1, "text": DUMP}) + "\n")
    refused = {
        "two text files": [str(src / "a.txt"), str(src / "sub" / "b.txt")],
        "a folder of texts": [str(src / "sub")],
        "a text among records": [str(src / "records.jsonl"), str(src / "a.txt")],
    }
    for what, paths in refused.items():
        result = runner.invoke(app, ["clean", *paths, "-o", "-"])
        assert result.exit_code == 2, what
        assert "-o - writes to stdout" in result.output and "-o OUT" in result.output, what
        assert result.stdout == "", what
    records = runner.invoke(app, ["clean", str(src / "records.jsonl"), "-o", "-", "-q"])
    assert records.exit_code == 0
    assert json.loads(records.stdout)["text"].startswith("Harbour ferry returns after winter\n\n")


def test_an_output_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    """Issue 16 item 10: it said "File exists; free space or fix the output folder", exit 1."""
    src, taken = _tree(tmp_path), tmp_path / "notes.txt"
    taken.write_text("mine", encoding="utf-8")
    for out in (taken, taken / "sub"):
        result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
        assert result.exit_code == 2
        assert f"the output {taken} is a file" in result.output
        assert "free space" not in result.output
    assert taken.read_text("utf-8") == "mine"


def _closed_stdout_run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the command with its stdout a pipe whose reader is gone (as `| head` leaves it)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "cleaner", *args],
            input=stdin,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)


def test_a_closed_stdout_ends_quietly(tmp_path: Path) -> None:
    """Issue 16 item 10: `-o - | head` printed "Broken pipe; free space ..." and exit 1."""
    src = _tree(tmp_path)
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps({"id": n, "text": DUMP}) + "\n" for n in range(40)), "utf-8"
    )
    report = tmp_path / "stdin-report.json"
    runs = {
        "records": (["clean", str(records), "-o", "-", "-j", "2"], None),
        "one text": (["clean", str(src / "a.txt"), "-o", "-"], None),
        "stdin": (["clean", "-", "--report", str(report)], DUMP),
    }
    for what, (args, stdin) in runs.items():
        done = _closed_stdout_run(args, stdin)
        assert done.returncode == 0, (what, done.stderr)
        assert "Broken pipe" not in done.stderr and "free space" not in done.stderr, what
        assert "Exception" not in done.stderr and "Traceback" not in done.stderr, what
    assert json.loads(report.read_text("utf-8"))["summary"]["documents"] == 1


def test_report_json_says_how_the_run_was_made(tmp_path: Path, monkeypatch: Any) -> None:
    """Issue 16 item 12: report.json had no version, config, command line or times."""
    src, out = _tree(tmp_path), tmp_path / "out"
    config = tmp_path / "settings.toml"
    config.write_text("max_removed_share = 0.4\n", encoding="utf-8")
    args = ["clean", str(src), "-o", str(out), "--config", str(config), "--full-page", "off"]
    monkeypatch.setattr(sys, "argv", ["cleaner", *args])
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text("utf-8"))
    run = report["run"]
    assert run["cleaner_version"] == __version__
    assert run["command"] == ["cleaner", *args]
    assert before <= datetime.fromisoformat(run["started"]) <= datetime.now(timezone.utc)
    assert 0 < run["elapsed_s"] < 600
    expected = asdict(replace(Config(), max_removed_share=0.4, fullpage="off"))
    assert run["config"] == json.loads(json.dumps(expected))  # the settings in force
    # The per-document lines stay records only, and the readers find them line by line.
    lines = (out / "report.jsonl").read_text("utf-8").splitlines()
    assert all("run" not in json.loads(line) for line in lines)
    located = list(iter_records_located(out / "report.json"))
    assert [r for r, _ in located] == report["documents"]
    assert all(isinstance(where, int) for _, where in located)  # not parsed whole
    assert read_summary(out / "report.json") == report["summary"]
    html = runner.invoke(app, ["report", str(out / "report.json"), "-o", str(tmp_path / "r.html")])
    assert html.exit_code == 0, html.output


def test_stdin_report_has_the_run_too(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    result = runner.invoke(app, ["clean", "-", "--report", str(report)], input=DUMP)
    assert result.exit_code == 0
    run = json.loads(report.read_text("utf-8"))["run"]
    assert run["cleaner_version"] == __version__ and run["config"]["max_removed_share"] == 0.5


def test_version_and_short_help() -> None:
    """Issue 16 item 13: no --version, and -h was not --help."""
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout == f"cleaner {__version__}\n"
    for args in (["-h"], ["clean", "-h"], ["explain", "-h"], ["rules", "-h"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0, args
        assert shown.stdout == runner.invoke(app, [*args[:-1], "--help"]).stdout, args
        assert "Usage: " in shown.stdout, args


def test_a_missing_dask_names_the_install_from_the_repository(
    tmp_path: Path, monkeypatch: Any
) -> None:
    # 'cleaner[dask]' from PyPI is another project's package.
    monkeypatch.setitem(sys.modules, "cleaner.batch.dask_engine", None)  # import fails
    src = _tree(tmp_path)
    args = ["clean", str(src), "-o", str(tmp_path / "out"), "--engine", "dask"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "pip install -e '.[dask]'" in result.output.replace("\n", "")
    assert "cleaner[dask]" not in result.output


def test_readme_says_how_to_run_and_install() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert ".venv/bin/cleaner" in readme and "source .venv/bin/activate" in readme
    assert "pip install -e '.[dask]'" in readme
    assert "pip install 'cleaner[dask]'" not in readme
    assert "../shared" in readme and "apt-get" in readme


def test_ctrl_c_says_what_is_kept_and_exits_130(tmp_path: Path, monkeypatch: Any) -> None:
    """An interrupted run printed nothing: the user could not tell what was written."""
    import cleaner.cli.clean as clean_module

    monkeypatch.setattr(clean_module, "run", pressed)
    src = _tree(tmp_path)
    out = tmp_path / "out"
    first = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert first.exit_code == 130
    assert "before any file was written" in first.output
    out.mkdir()
    again = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert again.exit_code == 130
    assert "run the same command again" in again.output
    to_stdout = runner.invoke(app, ["clean", str(src / "a.txt"), "-o", "-"])
    assert to_stdout.exit_code == 130
    assert "the output stops short" in to_stdout.output
    # A review found these untrue: a dry run writes nothing to resume, and --force again
    # would redo what was finished.
    dry = runner.invoke(app, ["clean", str(src), "-o", str(out), "--dry-run"])
    assert dry.exit_code == 130
    assert "a dry run" in dry.output and "skipped" not in dry.output
    forced = runner.invoke(app, ["clean", str(src), "-o", str(out), "--force"])
    assert "without --force" in forced.output


def test_ctrl_c_on_one_document_from_stdin_says_so(monkeypatch: Any) -> None:
    import cleaner.cli.clean as clean_module

    monkeypatch.setattr(clean_module, "clean_stdin", pressed)
    result = runner.invoke(app, ["clean", "-"], input=DUMP)
    assert result.exit_code == 130
    assert "interrupted" in result.output


def test_ctrl_c_while_the_html_report_is_written_names_the_whole_report(
    tmp_path: Path, monkeypatch: Any
) -> None:
    import cleaner.cli.clean as clean_module

    monkeypatch.setattr(clean_module, "write_html_report", pressed)
    src, out = _tree(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--text-field", "body"])
    assert result.exit_code == 130
    said = " ".join(result.output.split())  # rich wraps a long path anywhere
    assert "writes the page" in said
    # The page reads the records back as the run did.
    assert "--text-field body" in said
    assert "--id-field" not in said
    assert json.loads((out / "report.json").read_text("utf-8"))["summary"]["documents"] > 0
    assert not (out / "report.html").exists()
