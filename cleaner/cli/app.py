"""The `cleaner` command's app: the typer app, the error console, and the options and
settings several commands share, declared once."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from cleaner.config import Config
from cleaner.version import __version__

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
TextFieldOption = Annotated[str, typer.Option(help="JSONL field holding the text.")]
IdFieldOption = Annotated[str, typer.Option(help="JSONL field holding the id.")]


def load_config(path: Path | None, full_page: FullPage | None = None) -> Config:
    """The settings in force: the config file's (or the defaults), then the options'."""
    try:
        settings = Config() if path is None else Config.from_file(path)
    except (OSError, ValueError) as error:
        err.print(f"[red]error:[/] cannot use the config: {error}")
        raise typer.Exit(2) from error
    return settings if full_page is None else replace(settings, fullpage=full_page.value)


def stdout_closed() -> NoReturn:
    """The reader of stdout went away (`| head`): end quietly, as a pipe's writer does.

    Python would flush what is left at exit and complain again: stdout goes to
    /dev/null first."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)
