"""`cleaner clean -`: one document from stdin, its clean text to stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from cleaner.cli.app import (
    err,
    stdout_closed,
)
from cleaner.config import Config
from cleaner.core.errors import InputError
from cleaner.core.limits import DocumentTimeout, time_budget
from cleaner.core.pipeline import RuleError
from cleaner.formats.loading import clean_loaded, load_bytes
from cleaner.report.record import document_record
from cleaner.report.run import RunReport, RunStart, write_report_json


def clean_stdin(settings: Config, report_path: Path | None, title: str | None) -> None:
    # The same limits, repairs and time budget as a file in a batch.
    started = RunStart()
    limit = int(settings.max_file_mb * 1e6)
    data = sys.stdin.buffer.read(limit + 1)
    try:
        if len(data) > limit:
            raise InputError(
                f"more than {settings.max_file_mb:g} MB on stdin; raise max_file_mb in the config"
            )
        head = data[:2048].lstrip().lower()
        html = head.startswith((b"<!doctype html", b"<html"))
        with time_budget(settings.doc_time_budget_s):
            loaded = load_bytes(data, html=html, config=settings)
            loaded.title = title  # it wins over an HTML page's own title
            cleaned = clean_loaded(loaded, settings)
    except (InputError, DocumentTimeout, RuleError) as error:
        err.print(f"[red]error:[/] stdin: {error or 'over the time budget (doc_time_budget_s)'}")
        raise typer.Exit(1) from error
    try:
        sys.stdout.write(cleaned.text + ("\n" if cleaned.text else ""))
        sys.stdout.flush()
        closed = False
    except BrokenPipeError:
        closed = True  # the report is still written
    if report_path is not None:
        run_report = RunReport(config=settings, started=started)
        record = document_record("-", cleaned, "-")
        if loaded.repairs:
            record.repairs = loaded.repairs
        run_report.add(record)
        records = report_path.with_name(report_path.name + ".records.tmp")
        records.write_text(json.dumps(record.to_dict(), ensure_ascii=False) + "\n", "utf-8")
        write_report_json(report_path, run_report, records)
        records.unlink()
    if closed:
        stdout_closed()
