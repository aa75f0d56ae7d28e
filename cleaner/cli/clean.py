"""`cleaner clean`: files, folders, JSONL and Parquet cleaned into a folder (or stdout),
by the local engine or on a Dask cluster; stdin alone is one document (see stdin.py)."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from cleaner.batch.interrupt import stop_at_first_ctrl_c
from cleaner.batch.local import run
from cleaner.batch.options import Options
from cleaner.batch.plan import is_parquet, plan
from cleaner.cli.app import (
    ConfigOption,
    Engine,
    FullPageOption,
    IdFieldOption,
    TextFieldOption,
    app,
    err,
    load_config,
    stdout_closed,
)
from cleaner.cli.stdin import clean_stdin
from cleaner.formats.fields import Fields, MissingField
from cleaner.progress import progress_bar
from cleaner.report.page import write_html_report
from cleaner.report.run import RunReport

# The exit code of a run stopped by Ctrl-C, as a shell reports a process SIGINT ended.
INTERRUPTED = 130
DRY_RUN_STOPPED = "a dry run; no report was written"


@app.command()
def clean(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="PATHS...",
            help="Files or folders (.txt, .html, .htm, .jsonl, maybe .gz; .parquet); "
            "'-' is stdin. With --engine dask, also fsspec URLs (s3://...).",
        ),
    ],
    out_given: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="Output folder (mirrors the input layout); '-' is stdout. "
            "With --engine dask, also an fsspec URL.",
        ),
    ] = None,
    report: Annotated[
        Path | None, typer.Option(help="Where to write the JSON report (default OUT/report.json).")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Write only the report, no clean files.")] = False,
    config: ConfigOption = None,
    full_page: FullPageOption = None,
    title: Annotated[
        str | None, typer.Option(help="Headline of the stdin document (the output's title).")
    ] = None,
    jsonl: Annotated[
        bool, typer.Option(help="Read stdin as JSONL records (one per line).")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).", min=1)
    ] = os.cpu_count() or 1,
    include: Annotated[
        list[str] | None, typer.Option(help="Only files matching this glob (repeatable).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Skip files matching this glob (repeatable).")
    ] = None,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    title_field: Annotated[str, typer.Option(help="JSONL field holding the headline.")] = "title",
    url_field: Annotated[str, typer.Option(help="JSONL field holding the page URL.")] = "url",
    force: Annotated[
        bool, typer.Option(help="Redo everything, even what an earlier run finished.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")
    ] = False,
    site_boilerplate: Annotated[
        bool,
        typer.Option(
            help="Count each site's lines over all inputs first; remove its template text."
        ),
    ] = True,
    html_report: Annotated[
        bool, typer.Option(help="Also write OUT/report.html, a page showing every removal.")
    ] = True,
    engine: Annotated[
        Engine, typer.Option(help="Where the work runs: local processes, or a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); none starts a LocalCluster."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Workers of the LocalCluster (default: all cores).", min=1),
    ] = None,
) -> None:
    """Clean files, folders, JSONL and Parquet into OUT, with OUT/report.json and report.jsonl."""
    stop_at_first_ctrl_c()
    settings = load_config(config, full_page)
    names = list(inputs)
    options = Options(
        config=settings,
        fields=Fields(text_field, id_field, title_field, url_field),
        jobs=jobs,  # the Dask engine reads neither jobs nor force
        dry_run=dry_run,
        site_boilerplate=site_boilerplate,
        force=force,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
    )
    if engine is Engine.dask:
        _clean_dask(names, out_given, report, options, scheduler, workers, quiet, html_report)
        return
    paths = [Path(name) for name in names]
    out = Path(out_given) if out_given is not None else None
    to_stdout = out is not None and str(out) == "-"
    if names == ["-"] and not jsonl:
        try:
            clean_stdin(settings, report, title)
        except KeyboardInterrupt:
            _interrupted(None, dry_run=dry_run)
        return
    if "-" in names and len(names) > 1:
        err.print("[red]error:[/] '-' (stdin) cannot be mixed with paths")
        raise typer.Exit(2)
    missing = [name for name, p in zip(names, paths, strict=True) if name != "-" and not p.exists()]
    if missing:
        err.print(f"[red]error:[/] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    if out is None and not dry_run and names != ["-"]:
        err.print(
            "[red]error:[/] give an output folder with -o OUT (or use --dry-run --report FILE)"
        )
        raise typer.Exit(2)
    out_dir = None if out is None or to_stdout else out
    for path in paths:
        if out_dir is not None and path.is_file() and path.resolve() == out_dir.resolve():
            err.print(f"[red]error:[/] the output {out} is an input file; choose another folder")
            raise typer.Exit(2)
        if out_dir is not None and path.is_dir() and path.resolve() == out_dir.resolve():
            # Cleaning a folder into itself would mix outputs with inputs: touch nothing.
            err.print(
                f"[red]error:[/] the output folder {out} is the input folder {path}; "
                "choose an output folder outside it (or inside it: it is skipped)"
            )
            raise typer.Exit(2)
    if out_dir is not None:
        _check_output_folder(out_dir)
    if to_stdout and not dry_run:
        _check_stdout_inputs(paths, options)
    report_path = report or (out_dir / "report.json" if out_dir else None)
    # The progress bar is for a person at a terminal; the summary is printed unless --quiet.
    show_progress = not quiet and not to_stdout and err.is_terminal
    stdout = sys.stdout if (to_stdout or out_dir is None) else None
    try:
        files = (s.path for s in plan(paths, out_dir, options) if s.path is not None)
        with progress_bar(files, enabled=show_progress) as tick:
            options = replace(options, progress=tick)
            result = run(
                paths,
                out_dir,
                options=options,
                report_path=report_path,
                stdout=stdout,
            )
            sys.stdout.flush()  # a closed pipe shows here, not at exit
    except MissingField as error:
        _wrong_text_field(error)
    except KeyboardInterrupt:
        _interrupted(out_dir, dry_run=dry_run, force=force)
    except OSError as error:
        if isinstance(error, BrokenPipeError) and stdout is not None:
            stdout_closed()
        # The output side failed (a full disk while a JSONL output or the report was
        # written): nothing half-written is in place; finished files are kept for a rerun.
        err.print(
            f"[red]error:[/] could not write the output: {error}; free space or fix the "
            "output folder, then run the same command again (finished files are skipped)"
        )
        raise typer.Exit(1) from error
    page = out_dir / "report.html" if html_report and out_dir is not None else None
    _finish(result, report_path, page, options.fields, quiet)


def _interrupted(out_dir: Path | None, *, dry_run: bool = False, force: bool = False) -> NoReturn:
    """Ctrl-C: say what is kept and how to go on, and exit as a shell expects (128 + SIGINT)."""
    if dry_run:
        message = DRY_RUN_STOPPED
    elif out_dir is None:
        message = "the output stops short and no report was written"
    elif not out_dir.is_dir():
        message = "before any file was written"
    else:
        again = "the same command without --force" if force else "the same command"
        message = (
            f"no report was written; run {again} again to go on (what was finished in "
            f"{escape(str(out_dir))} is skipped)"
        )
    _stop_interrupted(message)


def _stop_interrupted(message: str) -> NoReturn:
    err.print(f"[yellow]interrupted:[/] {message}")
    raise typer.Exit(INTERRUPTED)


def _field_options(fields: Fields) -> str:
    """The options `cleaner report` needs to read the records back as this run did."""
    named = {"--text-field": (fields.text, Fields.text), "--id-field": (fields.id, Fields.id)}
    return "".join(
        f" {option} {escape(value)}"
        for option, (value, default) in named.items()
        if value != default
    )


def _wrong_text_field(error: MissingField) -> NoReturn:
    """No record stream has the text field: every record would fail, so nothing ran."""
    err.print(f"[red]error:[/] {escape(str(error))}")
    raise typer.Exit(2) from error


def _check_output_folder(out_dir: Path) -> None:
    """-o names a folder: an existing file there (or above it) is a usage error."""
    existing = next((p for p in (out_dir, *out_dir.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        where = "" if existing == out_dir else f" (in the path of {out_dir})"
        err.print(
            f"[red]error:[/] the output {existing} is a file{where}; -o takes a folder "
            "(new or earlier output), or - for stdout"
        )
        raise typer.Exit(2)


def _check_stdout_inputs(paths: list[Path], options: Options) -> None:
    """`-o -` writes one stream: JSONL records, or the clean text of one text or HTML file."""
    problem = _stdout_problem(paths, options)
    if problem is not None:
        err.print(
            "[red]error:[/] -o - writes to stdout JSONL records, or the clean text of one "
            f"text or HTML file: {problem}; give an output folder with -o OUT"
        )
        raise typer.Exit(2)


def _stdout_problem(paths: list[Path], options: Options) -> str | None:
    # Texts one after another could not be told apart again (a blank line is inside
    # every text), nor a text among records: those need an output folder, as Parquet does.
    text = stream = None
    for source in plan(paths, None, options):
        if is_parquet(source):
            return f"{source.display} is Parquet, which is written only into a folder"
        if not source.stream and text is not None:
            return f"{text} and {source.display} are two text or HTML files"
        if source.stream:
            stream = stream or source.display
        else:
            text = source.display
        if text is not None and stream is not None:
            return f"the text of {text} cannot go among the records of {stream}"
    return None


def _summary_table(report: RunReport) -> Table:
    summary = report.summary()
    table = Table(title="cleaner summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("documents", "changed", "unchanged", "failed"):
        table.add_row(key, str(summary[key]))
    table.add_row("characters in", f"{summary['chars_in']:,}")
    table.add_row("characters out", f"{summary['chars_out']:,}")
    for kind, count in summary["removals_by_kind"].items():
        table.add_row(
            f"removed: {kind}", f"{count} ({summary['chars_removed_by_kind'][kind]:,} chars)"
        )
    if summary["flagged"]:
        table.add_row("flagged by the safety valve", str(len(summary["flagged"])))
    return table


def _finish(
    result: RunReport,
    report_path: str | Path | None,
    page: Path | None,
    fields: Fields,
    quiet: bool,
) -> None:
    """Write the HTML report (to `page`, from the report JSON), print the summary, exit."""
    if report_path is None:
        page = None  # nothing to render the page from
    elif page is not None:
        try:
            write_html_report(Path(report_path), page, fields=fields)
        except KeyboardInterrupt:
            _stop_interrupted(
                f"while the HTML report was written; the outputs and "
                f"{escape(str(report_path))} are whole: `cleaner report "
                f"{escape(str(report_path))} -o {escape(str(page))}{_field_options(fields)}` "
                "writes the page"
            )
    if not quiet:
        err.print(_summary_table(result))
        for failure in result.failures:
            err.print(f"[red]failed:[/] {failure.path}: {(failure.error or {}).get('message')}")
        if report_path is not None:
            err.print(f"report: {report_path}")
        if page is not None:
            err.print(f"html report: {page}")
    raise typer.Exit(result.exit_code)


def _clean_dask(
    names: list[str],
    out: str | None,
    report: Path | None,
    options: Options,
    scheduler: str | None,
    workers: int | None,
    quiet: bool,
    html_report: bool,
) -> None:
    """`clean --engine dask`: the same cleaning, run on a Dask cluster."""
    try:
        from cleaner.batch.dask_engine import connect, run_dask, url_exists
        from cleaner.batch.dask_tasks import plan_tasks
    except ImportError as error:
        # `cleaner[dask]` from PyPI is another project's; escape keeps "[dask]" from rich.
        err.print(
            "[red]error:[/] the Dask engine needs the dask extra: in the cleaner repository, "
            + escape(f"run .venv/bin/pip install -e '.[dask]' ({error})")
        )
        raise typer.Exit(2) from error
    if "-" in names or out == "-":
        err.print("[red]error:[/] the Dask engine reads and writes paths, not stdin or stdout")
        raise typer.Exit(2)
    missing = [name for name in names if not url_exists(name)]
    if missing:
        err.print(f"[red]error:[/] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    if out is not None and "://" not in out:
        _check_output_folder(Path(out))
    if out is None and not options.dry_run:
        err.print(
            "[red]error:[/] give an output folder with -o OUT (or use --dry-run --report FILE)"
        )
        raise typer.Exit(2)
    report_path = str(report) if report else (out.rstrip("/") + "/report.json" if out else None)
    local = [name for name in names if "://" not in name]
    on_disk = [name for name in names if "://" not in name or name.startswith("file://")]
    remote = len(local) < len(names) or "://" in (out or "") or "://" in (report_path or "")
    show_progress = not quiet and err.is_terminal
    try:
        with (
            connect(scheduler, workers or os.cpu_count() or 1) as client,
            progress_bar(
                # Files on this machine (file:// too) count; remote ones are not walked twice.
                (Path(task.url) for task in plan_tasks(on_disk, out, options)),
                enabled=show_progress,
            ) as tick,
        ):
            result = run_dask(
                names, out, client, options=replace(options, progress=tick), report_path=report_path
            )
    except KeyboardInterrupt:
        _stop_interrupted(
            DRY_RUN_STOPPED
            if options.dry_run
            else f"no report was written; each file written to {escape(str(out))} is whole "
            "(the Dask engine does not resume: the same command cleans every file again)"
        )
    except MissingField as error:
        _wrong_text_field(error)
    except OSError as error:
        # No scheduler at the address, or the output side failed: each output is whole or
        # absent, so the same command can simply run again.
        err.print(
            f"[red]error:[/] {error}; check the scheduler address and the output folder, "
            "then run the same command again"
        )
        raise typer.Exit(1) from error
    # The page reads the dumps back from disk: only for a local run.
    page = Path(out) / "report.html" if html_report and out is not None and not remote else None
    _finish(result, report_path, page, options.fields, quiet)
