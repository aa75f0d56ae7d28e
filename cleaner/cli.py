"""The `cleaner` command: a thin typer app over the library."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cleaner import __version__, model
from cleaner.batch.local import (
    Fields,
    Options,
    clean_file,
    is_parquet,
    plan,
    run,
)
from cleaner.config import Config
from cleaner.core.limits import DocumentTimeout, time_budget
from cleaner.core.pipeline import RuleError
from cleaner.formats.extract import InputError
from cleaner.formats.fields import MissingField
from cleaner.formats.loading import clean_loaded, load_bytes
from cleaner.progress import progress_bar
from cleaner.report.page import write_html_report
from cleaner.report.run import RunReport, RunStart, document_record, write_report_json
from cleaner.rules import RULES, rules_by_kind

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Remove scraping noise from news dumps and report what was removed, where and why.",
    # Subcommands inherit the names: `cleaner clean -h` works too.
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    # Only the app's own options live here (a docstring would replace the app's help).
    return


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class FullPage(str, Enum):
    auto = "auto"
    on = "on"
    off = "off"


# Options several commands take, declared once.
ConfigOption = Annotated[Path | None, typer.Option(help="TOML file with settings.")]
FullPageOption = Annotated[
    FullPage | None,
    typer.Option(
        "--full-page",
        help="Full-page dumps (a whole page as text): detect (auto), or force on or off. "
        "Default: the config's fullpage, else auto.",
    ),
]

KIND_STYLES = {
    "duplicate_headline": "black on yellow",
    "copyright": "black on magenta",
    "truncated": "black on red",
    "boilerplate": "black on cyan",
    "footer": "black on bright_cyan",
    "repeated_block": "black on green",
}


def _config(path: Path | None, full_page: FullPage | None = None) -> Config:
    """The settings in force: the config file's (or the defaults), then the options'."""
    try:
        settings = Config() if path is None else Config.from_file(path)
    except (OSError, ValueError) as error:
        err.print(f"[red]error:[/] cannot use the config: {error}")
        raise typer.Exit(2) from error
    return settings if full_page is None else replace(settings, fullpage=full_page.value)


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
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
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
    settings = _config(config, full_page)
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
        _clean_stdin(settings, report, title)
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
    except OSError as error:
        if isinstance(error, BrokenPipeError) and stdout is not None:
            _stdout_closed()
        # The output side failed (a full disk while a JSONL output or the report was
        # written): nothing half-written is in place; finished files are kept for a rerun.
        err.print(
            f"[red]error:[/] could not write the output: {error}; free space or fix the "
            "output folder, then run the same command again (finished files are skipped)"
        )
        raise typer.Exit(1) from error
    page = out_dir / "report.html" if html_report and out_dir is not None else None
    _finish(result, report_path, page, options.fields, quiet)


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
        if not source.jsonl and text is not None:
            return f"{text} and {source.display} are two text or HTML files"
        if source.jsonl:
            stream = stream or source.display
        else:
            text = source.display
        if text is not None and stream is not None:
            return f"the text of {text} cannot go among the records of {stream}"
    return None


def _stdout_closed() -> NoReturn:
    """The reader of stdout went away (`| head`): end quietly, as a pipe's writer does.

    Python would flush what is left at exit and complain again: stdout goes to
    /dev/null first."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


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
        write_html_report(Path(report_path), page, fields=fields)
    if not quiet:
        err.print(_summary_table(result))
        for failure in result.failures:
            err.print(f"[red]failed:[/] {failure['path']}: {failure['error']['message']}")
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
        from cleaner.batch.dask_engine import connect, plan_tasks, run_dask, url_exists
    except ImportError as error:
        # `cleaner[dask]` from PyPI would be another project's package. (escape: rich
        # would read "[dask]" as markup and drop it)
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


def _clean_stdin(settings: Config, report_path: Path | None, title: str | None) -> None:
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
            record["repairs"] = loaded.repairs
        run_report.add(record)
        records = report_path.with_name(report_path.name + ".records.tmp")
        records.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
        write_report_json(report_path, run_report, records)
        records.unlink()
    if closed:
        _stdout_closed()


@app.command("report")
def html_report_command(
    report_json: Annotated[
        Path, typer.Argument(help="A report.json written by `cleaner clean`.", dir_okay=False)
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    inputs_from: Annotated[
        Path | None,
        typer.Option(help="Folder the run started in, to read the dumps back (default: here)."),
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
) -> None:
    """Render a report.json as one self-contained HTML page (opens from disk, loads nothing)."""
    if not report_json.is_file():
        err.print(
            f"[red]error:[/] no report at {report_json}; run `cleaner clean ... -o OUT` first"
        )
        raise typer.Exit(2)
    try:
        page = write_html_report(
            report_json, out, fields=Fields(text=text_field, id=id_field), base=inputs_from
        )
    except (ValueError, KeyError) as error:
        err.print(f"[red]error:[/] {report_json} is not a cleaner report ({error})")
        raise typer.Exit(1) from error
    err.print(f"html report: {page}")


@app.command()
def explain(
    file: Annotated[
        Path, typer.Argument(help="A .txt or .html dump.", exists=True, dir_okay=False)
    ],
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the removals as JSON.")] = False,
    full_page: FullPageOption = None,
) -> None:
    """Show the dump with each removed span highlighted, and why it was removed."""
    try:
        cleaned = clean_file(file, _config(config, full_page))
    except (InputError, OSError) as error:
        err.print(f"[red]error:[/] {file}: {error}")
        raise typer.Exit(1) from error
    console = Console()
    if as_json:
        console.print_json(json.dumps([r.to_dict() for r in cleaned.removals], ensure_ascii=False))
        return
    text = Text(cleaned.source)
    for removal in cleaned.removals:
        text.stylize(KIND_STYLES.get(removal.kind, "reverse"), removal.start, removal.end)
    console.print(text)
    table = Table(title=f"{len(cleaned.removals)} removal(s)")
    for column in ("#", "kind", "offsets", "reason"):
        table.add_column(column)
    for number, removal in enumerate(cleaned.removals, 1):
        table.add_row(
            str(number),
            Text(removal.kind, style=KIND_STYLES.get(removal.kind, "reverse")),
            f"{removal.start}-{removal.end}",
            removal.reason,
        )
    console.print(table)
    for note in cleaned.notes:
        console.print(f"note: {note}")


@app.command("eval")
def evaluate(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for eval.json and eval.md.")
    ] = Path("eval-out"),
    data: Annotated[
        Path | None, typer.Option(help="The data folder (default ../shared/data or $CLEANER_DATA).")
    ] = None,
    jobs: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    html: Annotated[bool, typer.Option(help="Also score clean_html against trafilatura.")] = True,
    config: ConfigOption = None,
    validation: Annotated[
        bool,
        typer.Option(help="Also the validation sets (l3s-dev, aeb-dev): gold in, and dumps."),
    ] = True,
    extractors: Annotated[
        str | None,
        typer.Option(help="Comma-separated extractors for the validation dumps (default: all)."),
    ] = None,
    dumps_cache: Annotated[
        Path | None,
        typer.Option(
            help="Cache of the validation dumps (default $CLEANER_EVAL_CACHE, "
            "else ./eval-out/dumps-cache)."
        ),
    ] = None,
) -> None:
    """Score the cleaner on the real data: dumps, HTML, control, fakenews labelled lines,
    and the validation sets (dumps made from their HTML by real extractors, cached)."""
    from cleaner.evaluation import print_table, run_eval, write_outputs
    from cleaner.evaluation.extractors import EXTRACTORS

    if data is not None and not data.is_dir():
        err.print(f"[red]error:[/] no data folder at {data}")
        raise typer.Exit(2)
    tools = [t.strip() for t in extractors.split(",") if t.strip()] if extractors else None
    unknown = sorted(set(tools or ()) - set(EXTRACTORS))
    if unknown:
        err.print(
            f"[red]error:[/] unknown extractor(s) {', '.join(unknown)}; known: "
            + ", ".join(EXTRACTORS)
        )
        raise typer.Exit(2)
    result = run_eval(
        data,
        config=_config(config),
        html=html,
        jobs=jobs,
        validate=validation,
        extractors=tools,
        dumps_cache=dumps_cache,
    )
    print_table(result, Console())
    json_path, md_path = write_outputs(result, out)
    err.print(f"wrote {json_path} and {md_path}")


@app.command("train")
def train_model(
    data: Annotated[
        Path | None, typer.Option(help="The data folder (default ../shared/data or $CLEANER_DATA).")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for train.json (the fold figures).")
    ] = Path("eval-out"),
    jobs: Annotated[int, typer.Option(help="Worker processes for the rows.")] = 2,
) -> None:
    """Fit the line model on the real data (grouped by site) and write it into the package."""
    try:
        from cleaner.evaluation.data import data_dir
        from cleaner.model.train import train
    except ImportError as error:
        err.print(f"[red]error:[/] training needs: pip install -e '.[train]' ({error})")
        raise typer.Exit(2) from error
    report = train(data_dir(data), jobs=jobs, progress=err.print)
    out.mkdir(parents=True, exist_ok=True)
    (out / "train.json").write_text(json.dumps(report, indent=1), "utf-8")
    held, fitted = report["held_out"], report["training"]
    err.print(
        f"rows {report['rows']}, sites {report['sites']}: AUC held out {held['auc']:.4f}, "
        f"on training rows {fitted['auc']:.4f}; wrote {out / 'train.json'}"
    )


@app.command("bench")
def benchmark(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for bench.json.")] = Path(
        "bench-out"
    ),
    size_mb: Annotated[float, typer.Option(help="Size of the text corpus in MB.")] = 100,
    memory_mb: Annotated[
        float, typer.Option(help="Corpus size for the memory test (and ten times it).")
    ] = 10,
) -> None:
    """Speed and memory on real data, as ratios to baselines measured in the same run."""
    from cleaner.bench import bench, write

    results = bench(size_mb=size_mb, memory_mb=memory_mb)
    table = Table(title=f"cleaner bench, {results['date']}, {results['machine']}")
    for column in ("measure", "value"):
        table.add_column(column)
    for section in ("text", "html", "memory"):
        for name, value in results[section].items():
            table.add_row(f"{section}: {name}", json.dumps(value))
    Console().print(table)
    err.print(f"wrote {write(results, out)}")


@app.command()
def rules() -> None:
    """List the rules, in the order they run, and every kind a removal can carry."""
    console = Console(highlight=False)
    console.print("Rules, in the order they run (an earlier one wins a contested span):")
    for rule in RULES.values():
        console.print(f"[bold]{rule.name}[/]: {rule.summary}")
        console.print(f"  kinds: {', '.join(rule.kinds)}")
    console.print(f"Then [bold]{model.NAME}[/]: {model.SUMMARY}")
    console.print(f"  kinds: {model.KIND}")
    console.print("\nKinds a removal can carry, with the rules that make them:")
    for kind, names in {**rules_by_kind(), model.KIND: [model.NAME]}.items():
        console.print(f"  [bold]{kind}[/]: {', '.join(names)}")


__all__ = ["app"]
