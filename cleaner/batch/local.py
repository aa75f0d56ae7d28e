"""Files, folders and JSONL streams in; clean text and a report out.

- Files (`.txt`, `.html`, `.htm`, each maybe `.gz`) are found recursively and
  mirrored under the output folder, one `.txt` each, written atomically.
- JSONL (`.jsonl`, `.jsonl.gz`, or stdin) keeps every field of each record,
  replaces the text field with the clean text, adds the title and a compact
  removal summary, and keeps the input order.
- Work runs in `jobs` worker processes, fed in bounded windows so memory does
  not grow with the corpus; results come back in input order, so the output
  bytes are the same for any number of workers.
- With site boilerplate on, a first pass counts each site's lines (HTML is
  extracted once: its text waits in a cache on disk for the second pass).
- Resume: each finished file leaves a record in `OUT/.cleaner/files.sqlite`
  (see resume.py) with a fingerprint of its input, settings and site counts; a JSONL
  output grows in a `.partial` file beside its records. A rerun skips what is
  finished and ends with the outputs an uninterrupted run writes. `force`
  redoes everything. An input file is never written over.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO

from cleaner.batch.interrupt import ctrl_c_held
from cleaner.batch.items import items_of
from cleaner.batch.meter import CLEANING, COUNTING
from cleaner.batch.options import Options
from cleaner.batch.outputs import Outputs, sweep_temp_files
from cleaner.batch.plan import STATE_DIR, STDIN, Source, check_text_field, plan
from cleaner.batch.runner import Runner, meter_for, metered
from cleaner.batch.sites import count_sites
from cleaner.batch.work import clean_item
from cleaner.config import Config
from cleaner.report.run import RunReport, RunStart, write_report_json


def run(
    inputs: list[Path],
    out_dir: Path | None,
    *,
    config: Config | None = None,
    dry_run: bool = False,
    site_boilerplate: bool = True,
    options: Options | None = None,
    report_path: Path | None = None,
    stdout: IO[str] | None = None,
) -> RunReport:
    """Clean every input into `out_dir` (to `stdout` when there is none: JSONL records,
    and the clean text of a text or HTML file).

    The per-document records go to `report.jsonl` beside `report_path`, and
    `report_path` (usually OUT/report.json) gets the summary and every record.
    Inputs are walked lazily, twice (site counts, then cleaning): memory does not
    grow with the number of files. Raises MissingField, before writing anything, when
    no record stream has the text field (see check_text_field).
    """
    started = RunStart()
    if options is None:
        options = Options(
            config=config or Config(), dry_run=dry_run, site_boilerplate=site_boilerplate
        )
    two_pass = options.two_pass
    state_dir = out_dir / STATE_DIR if out_dir is not None and not options.dry_run else None
    with _scratch_folder() as scratch:
        cache = Path(scratch) / "cache"
        cache.mkdir()
        stdin_copy = _spool_stdin(inputs, Path(scratch))

        def sources() -> Iterator[tuple[int, Source]]:
            for number, source in enumerate(plan(inputs, out_dir, options)):
                if source.path is None:
                    source = replace(source, path=stdin_copy)
                yield number, source

        # A wrong text field stops the run before anything is written or removed.
        check_text_field((source for _, source in sources()), options)
        if state_dir is not None and options.force and state_dir.exists():
            shutil.rmtree(state_dir)
        if out_dir is not None and not options.dry_run:
            sweep_temp_files(out_dir)

        counting = meter_for(options, COUNTING) if two_pass else None
        table = count_sites(sources(), options, cache, counting) if two_pass else None
        # The first pass counted the documents: the second shows N of them.
        cleaning = meter_for(options, CLEANING, counting.documents if counting else None)
        records_path = (
            report_path.with_name("report.jsonl") if report_path else Path(scratch) / "report.jsonl"
        )
        records_path.parent.mkdir(parents=True, exist_ok=True)
        with records_path.open("w", encoding="utf-8", newline="\n") as stream:
            report = RunReport(stream=stream, config=options.config, started=started)
            outputs = Outputs(out_dir, options, state_dir, stdout, table)
            runner = Runner(options, table, cache)
            failed = True
            try:
                items = items_of(sources(), options, outputs.prepare)
                for outcome in metered(partial(runner.map, clean_item), items, cleaning):
                    report.add(outputs.write(outcome))
                outputs.finish_stream()
                failed = False
            finally:
                # A stopped run keeps what is finished, Ctrl-C held (see interrupt.py).
                with ctrl_c_held() if failed else nullcontext():
                    try:
                        runner.close(failed=failed)
                    finally:
                        outputs.close()
        report.stream = None
        if report_path is not None:
            write_report_json(report_path, report, records_path)
    return report


@contextmanager
def _scratch_folder() -> Iterator[str]:
    """A folder for the run's cache and stdin copy, deleted however the run ends."""
    scratch = tempfile.mkdtemp(prefix="cleaner-")
    try:
        yield scratch
    finally:
        with ctrl_c_held():
            shutil.rmtree(scratch, ignore_errors=True)


def _spool_stdin(inputs: list[Path], scratch: Path) -> Path | None:
    """Stdin is read twice (site counts, then cleaning): keep one copy on disk."""
    if not any(str(p) == STDIN for p in inputs):
        return None
    copy = scratch / "stdin.jsonl"
    with copy.open("wb") as handle:
        shutil.copyfileobj(sys.stdin.buffer, handle)
    return copy
