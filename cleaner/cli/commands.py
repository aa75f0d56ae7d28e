"""The other commands: `report` (the HTML page of a report.json), `explain` (one dump,
its removals highlighted), `rules`, and the project's own `eval`, `train` and `bench`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cleaner import model
from cleaner.batch.work import clean_file
from cleaner.cli.app import (
    ConfigOption,
    FullPageOption,
    IdFieldOption,
    TextFieldOption,
    app,
    err,
    load_config,
)
from cleaner.core.errors import InputError
from cleaner.formats.fields import Fields
from cleaner.report.page import write_html_report
from cleaner.rules import RULES, rules_by_kind

KIND_STYLES = {
    "duplicate_headline": "black on yellow",
    "copyright": "black on magenta",
    "truncated": "black on red",
    "boilerplate": "black on cyan",
    "footer": "black on bright_cyan",
    "repeated_block": "black on green",
}


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
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
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
        cleaned = clean_file(file, load_config(config, full_page))
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
        config=load_config(config),
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
