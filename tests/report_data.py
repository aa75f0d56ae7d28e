"""Runs and reports for the HTML report tests: a small real run with a hostile dump, and a
synthetic report of 100,000 documents."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.report.record import DocumentRecord, failure_record
from cleaner.report.run import RunReport, write_report_json

HOSTILE = (
    "Harbour wall repairs begin\n\n"
    "Harbour wall repairs begin\n\n"
    "<script>window.__pwned=1</script>\n"
    '<img src=x onerror="window.__pwned=2">\n'
    "Work on the harbour wall starts on Monday, the council said, after storms in "
    "March cracked the old stones </script><!-- near the slipway & the pier.\n\n"
    "Share this article\n\n"
    "© 2024 Valley Post. All rights reserved.\n"
)
DUMPS = {
    "valley/ferry.txt": (
        "Harbour ferry returns after winter\n\n"
        "Harbour ferry returns after winter\n\n"
        "The ferry to Gull Island sails again from Saturday, the operator said.\n\n"
        "Share this article\n\n"
        "© 2024 Valley Post. All rights reserved.\n"
    ),
    "valley/library.txt": (
        "Library opens a reading garden\n\n"
        "The library on Mill Lane opened a reading garden on Tuesday, with benches made "
        "by pupils of the town's two schools and a pond dug by volunteers.\n\n"
        "Share this article\n\n"
        "Advertisement\n\n"
        "The garden is open every day from nine until dusk.\n"
    ),
    "coast/quiet.txt": "Nothing to remove here at all: a calm report about the tides.\n",
    "coast/hostile.txt": HOSTILE,
}
runner = CliRunner()


def small_run(root: Path) -> Path:
    """Clean the dumps above with `cleaner clean`; return the output folder."""
    src, out = root / "in", root / "out"
    for name, text in DUMPS.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    return out


PARAGRAPH = (
    "The harbour board met on Tuesday to agree the plan for the new sea wall, which "
    "will be built in three stages over the next four years. "
)


def large_report(root: Path, documents: int = 100_000, readable: int = 1_000) -> Path:
    """A report.json of `documents` records; the first `readable` have their dump on disk.

    Dumps are 2 to 60 kB so the page's per-document and total text caps both apply.
    """
    dumps = root / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    records_path = root / "report.jsonl"
    report = RunReport()
    with records_path.open("w", encoding="utf-8") as stream:
        report.stream = stream
        for number in range(documents):
            status = "failed" if number % 97 == 0 else "changed" if number % 5 else "unchanged"
            path = f"site{number % 40}/doc{number:06d}.txt"
            if status == "failed":
                report.add(failure_record(path, "bad_input", "not text"))
                continue
            body = PARAGRAPH * (10 + (number * 7919) % 400)
            removals = []
            if status == "changed":
                head = f"Share this article\nAdvertisement {number % 3}\n"
                tail = f"© 2024 Site {number % 40}. All rights reserved.\n"
                # The readable ones repeat a long block, so they are among the most removed.
                repeat = PARAGRAPH * 20 + "\n" if number < readable else ""
                body = head + body + "\n" + repeat + tail
                removals = [
                    _removal("boilerplate", 0, 18, body),
                    _removal("boilerplate", 18, len(head), body),
                    _removal("copyright", len(body) - len(tail), len(body), body),
                ]
                if repeat:
                    end = len(body) - len(tail)
                    removals.insert(2, _removal("repeated_block", end - len(repeat), end, body))
            if number < readable:
                (dumps / path).parent.mkdir(parents=True, exist_ok=True)
                (dumps / path).write_text(body, encoding="utf-8")
            removed = sum(r["end"] - r["start"] for r in removals)
            report.add(
                DocumentRecord(
                    path=path,
                    status=status,
                    output=path,
                    language="en",
                    chars_in=len(body),
                    chars_out=len(body) - removed,
                    flagged=number % 1000 == 1,
                    removals=removals,
                    site=f"site{number % 40}.example",
                )
            )
    report.stream = None
    report_json = root / "report.json"
    write_report_json(report_json, report, records_path)
    return report_json


def _removal(kind: str, start: int, end: int, text: str) -> dict[str, object]:
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "text": text[start:end],
        "reason": f"{kind}: the line is “{text[start:end].strip()}”",
        "confident": True,
    }


def summary(report_json: Path) -> dict[str, object]:
    return dict(json.loads(report_json.read_text("utf-8"))["summary"])


VALVE_NOTES = {
    # The two things the valve says (cleaner/core/pipeline.py _safety_valve).
    "a/kept.txt": "safety valve: the rules would remove 81% of the text (limit 60%); kept the "
    "document and applied only the 2 confident removal(s) of 9",
    "b/warned.txt": "safety valve: 74% of the text was removed (limit 60%), all by confident "
    "rules; please check",
}


def flagged_report(root: Path) -> Path:
    """A report of two documents flagged by the safety valve, each with its own note."""
    report, records = RunReport(), root / "report.jsonl"
    with records.open("w", encoding="utf-8") as stream:
        report.stream = stream
        for path, note in VALVE_NOTES.items():
            # An encoding note beside the valve's: not the valve's to show.
            notes = ["decoded as cp1252", note] if path.startswith("a/") else [note]
            record = DocumentRecord(path, "changed", chars_in=100, chars_out=30, flagged=True)
            report.add(replace(record, notes=notes))
        plain = DocumentRecord("c/plain.txt", "unchanged", chars_in=40, chars_out=40)
        report.add(replace(plain, notes=["decoded as latin-1"]))
    report.stream = None
    write_report_json(root / "report.json", report, records)
    return root / "report.json"
