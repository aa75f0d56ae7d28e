"""Writing each outcome where it belongs, in input order: a clean file atomically, a
record stream into a `.partial` file moved into place when whole, stdout for `-o -`;
and the resume state of what is finished."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import IO, Any

from cleaner.atomic import atomic_path, write_atomic
from cleaner.batch.options import Options
from cleaner.batch.plan import STDIN, Source, stream_format
from cleaner.batch.resume import (
    FileStates,
    code_stamp,
    complete_lines,
    fingerprint_of,
    input_stamp,
    model_files_stamp,
    output_stamp,
)
from cleaner.batch.sites import site_stamps
from cleaner.batch.work import Outcome
from cleaner.core.site import SiteTable
from cleaner.formats.fields import Fields
from cleaner.report.record import DocumentRecord, failure_record


class Outputs:
    """Writes each outcome where it belongs, in input order, and remembers finished work."""

    def __init__(
        self,
        out_dir: Path | None,
        options: Options,
        state_dir: Path | None,
        stdout: IO[str] | None,
        table: SiteTable | None,
    ) -> None:
        self.out_dir, self.options, self.state_dir, self.stdout = (
            out_dir,
            options,
            state_dir,
            stdout,
        )
        self.settings = fingerprint_of(
            options.config,
            options.fields,
            options.site_boilerplate,
            code_stamp(),
            model_files_stamp(options.config),
        )
        self.site_stamp = site_stamps(table, options)
        self.table_stamp = (
            fingerprint_of(
                sorted(table.documents.items()),
                sorted((site, sorted(c.items())) for site, c in table.lines.items()),
            )
            if table is not None
            else ""
        )
        self.files = FileStates(state_dir / "files.sqlite") if state_dir is not None else None
        # Only JSONL streams (few) keep state here; files keep nothing per file.
        self.stream_stamps: dict[int, str] = {}
        self.open_number: int | None = None
        self.open_source: Source | None = None
        self.output: IO[str] | None = None
        self.records: IO[str] | None = None

    def target(self, source: Source) -> Path | None:
        if self.out_dir is None or self.options.dry_run:
            return None
        return self.out_dir / source.output

    def stream_state(self, source: Source) -> Path | None:
        if self.state_dir is None:
            return None
        return self.state_dir / "streams" / source.output.as_posix()

    # -- before cleaning: what an earlier run finished, or a refusal -------------------

    def prepare(self, number: int, source: Source) -> Any:
        target = self.target(source)
        if target is not None and source.path is not None and overwrites_input(target, source.path):
            return json.dumps({"record": refusal(source).to_dict()})
        if source.stream:
            return self._prepare_stream(number, source)
        if self.files is None or target is None:
            return None
        found = self.files.get(source.output.as_posix())
        if found is None:
            return None
        try:
            saved = json.loads(found)
            stamp = input_stamp(source.path)
            # The output on disk must be the one this record was written with: a later
            # run whose record was lost (killed before its commit) may have replaced it.
            if saved.get("written") != output_stamp(target):
                return None
        except (OSError, ValueError):
            return None
        fingerprint = fingerprint_of(self.settings, stamp, self.site_stamp(saved.get("site")))
        return found if saved.get("fingerprint") == fingerprint else None

    def _prepare_stream(self, number: int, source: Source) -> list[str] | None:
        try:
            stamp = input_stamp(source.path)
        except OSError:
            return None
        self.stream_stamps[number] = fingerprint_of(self.settings, stamp, self.table_stamp)
        base = self.stream_state(source)
        if base is None or source.path is None:
            return None
        partial, records = sibling(base, ".partial"), sibling(base, ".records")
        stamp_file = sibling(base, ".stamp")
        if not stamp_file.exists() or stamp_file.read_text("utf-8") != self.stream_stamps[number]:
            for stale in (partial, records):
                stale.unlink(missing_ok=True)
            stamp_file.parent.mkdir(parents=True, exist_ok=True)
            stamp_file.write_text(self.stream_stamps[number], "utf-8")
            return None
        kept_out, kept_rec = complete_lines(partial), complete_lines(records)
        # Each record line is written before its output line: keep what both hold.
        n = written = 0
        for line in kept_rec:
            has_output = json.loads(line)["record"]["status"] != "failed"
            if has_output and written >= len(kept_out):
                break
            written += has_output
            n += 1
        if n == 0:
            # Nothing to keep (or a stream that failed whole): no empty files either.
            for stale in (partial, records):
                stale.unlink(missing_ok=True)
            return None
        partial.write_text("".join(kept_out[:written]), "utf-8")
        records.write_text("".join(kept_rec[:n]), "utf-8")
        return kept_rec[:n]

    # -- after cleaning -----------------------------------------------------------------

    def write(self, outcome: Outcome) -> DocumentRecord:
        """Write the outcome's output; return the record for the report."""
        source = outcome.source
        record = outcome.record
        if source.stream:
            self._stream(outcome)
            return record
        self.finish_stream()
        target = self.target(source)
        if target is None and self.stdout is not None and not self.options.dry_run:
            # `-o -`: the clean text goes to stdout (the CLI allows one such file).
            if outcome.output is not None:
                self.stdout.write(outcome.output)
                record.output = STDIN
            return record
        if outcome.reused or outcome.output is None or target is None:
            return record
        try:
            write_atomic(target, outcome.output)
        except OSError as error:
            return failure_record(
                source.display, "write_failed", f"could not write {target}: {error}"
            )
        record.output = source.output.as_posix()
        if self.files is not None:
            # On failure only the resume record is lost: a rerun cleans this file again.
            with contextlib.suppress(OSError):
                fingerprint = fingerprint_of(
                    self.settings, input_stamp(source.path), self.site_stamp(outcome.site)
                )
                saved = {
                    "fingerprint": fingerprint,
                    "written": output_stamp(target),
                    "site": outcome.site,
                    "record": record.to_dict(),
                }
                self.files.put(source.output.as_posix(), saved)
        return record

    def close(self) -> None:
        """Keep what is finished for a rerun (the records not yet committed)."""
        if self.files is not None:
            self.files.close()

    def _stream(self, outcome: Outcome) -> None:
        if self.open_number != outcome.number:
            self.finish_stream()
            self.open_number, self.open_source = outcome.number, outcome.source
            base = self.stream_state(outcome.source)
            if base is not None:
                base.parent.mkdir(parents=True, exist_ok=True)
                self.output = sibling(base, ".partial").open("a", encoding="utf-8")
                self.records = sibling(base, ".records").open("a", encoding="utf-8")
            elif self.stdout is not None and not self.options.dry_run:
                self.output = self.stdout
        if outcome.reused:
            return
        if self.records is not None:
            saved = {"site": outcome.site, "record": outcome.record.to_dict()}
            self.records.write(json.dumps(saved, ensure_ascii=False) + "\n")
        # A bad record has no output line; its failure is in the report.
        if self.output is not None and outcome.output is not None:
            self.output.write(outcome.output)

    def finish_stream(self) -> None:
        """Close the open JSONL output and move it into place (atomic)."""
        if self.open_number is None or self.open_source is None:
            return
        source = self.open_source
        self.open_number = self.open_source = None
        if self.output is not None and self.output is not self.stdout:
            self.output.close()
            assert self.records is not None
            self.records.close()
            base = self.stream_state(source)
            target = self.target(source)
            assert base is not None
            if target is not None:
                with atomic_path(target) as tmp:
                    partial = sibling(base, ".partial")
                    if not write_stream_output(source, partial, tmp, self.options.fields):
                        tmp.unlink()  # the input is unreadable now: no output at all
        elif self.output is not None:
            self.output.flush()
        self.output = self.records = None


def write_stream_output(source: Source, lines: Path, target: Path, fields: Fields) -> bool:
    """Write a stream's output from its cleaned JSON lines, as its format writes it
    (JSONL: as they are; Parquet: the input's rows with the cleaned values).

    False when the output cannot be made (a Parquet input that cannot be read again;
    its failure is reported already).
    """
    assert source.path is not None
    return stream_format(source).finish(source.path, lines, target, fields)


def sibling(base: Path, suffix: str) -> Path:
    return base.parent / (base.name + suffix)


def overwrites_input(target: Path, source: Path) -> bool:
    """Would writing `target` write over the input `source`? (realpath, not
    Path.resolve: a symlink loop must fail as unreadable later, not here.)"""
    return os.path.realpath(target) == os.path.realpath(source)


def sweep_temp_files(out_dir: Path) -> None:
    """Remove temp files an interrupted run left (write_atomic names them `.NAME.*.tmp`)."""
    if not out_dir.is_dir():
        return
    for root, _, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(root, name).unlink(missing_ok=True)


def refusal(source: Source) -> DocumentRecord:
    return failure_record(
        source.display,
        "refused",
        "the output would overwrite an input file; choose an output folder outside the inputs",
    )
