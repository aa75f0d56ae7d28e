"""Show a `run_eval` result as Markdown or as rich tables (the same tables either way).

The tables themselves are built in `main_tables` and `validation_tables`; the cells
are written by `cells`.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cleaner.evaluation.cells import MISSING, Section
from cleaner.evaluation.main_tables import (
    control_sections,
    dump_sections,
    fakenews_sections,
    fullpage_sections,
    html_sections,
    removal_sections,
)
from cleaner.evaluation.validation_tables import validation_sections

_NUMBER = re.compile(r"^(?:[+-]?\d+(?:\.\d+)?|–)$")


def sections(result: dict[str, Any]) -> list[Section]:
    """Every table of the report, in reading order."""
    return [
        *dump_sections(result),
        *fullpage_sections(result),
        *html_sections(result),
        *control_sections(result),
        *removal_sections(result),
        *fakenews_sections(result),
        *validation_sections(result),
    ]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(result: dict[str, Any]) -> str:
    """The report as Markdown: warnings first, then one table per section."""
    out = ["# cleaner evaluation", ""]
    out.append(
        f"Data: `{result['data_dir']}`; {result['pages']} pages; languages: "
        + ", ".join(f"{lang} {n}" for lang, n in result["languages"].items())
        + f"; {result['seconds']:.1f} s."
    )
    out.append("")
    if result.get("line_model"):
        out += [f"Line model: {result['line_model']}.", ""]
    if result["warnings"]:
        out += ["## WARNINGS", ""] + [f"- **{w}**" for w in result["warnings"]] + [""]
    for section in sections(result):
        out += [f"## {section.title}", ""]
        if section.note:
            out += [section.note, ""]
        if not section.rows:
            out += ["(none)", ""]
            continue
        out.append("| " + " | ".join(section.columns) + " |")
        out.append("|" + "---|" * len(section.columns))
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
        out.append("")
    return "\n".join(out)


def print_table(result: dict[str, Any], console: Console) -> None:
    """Print the report as rich tables, warnings first in red."""
    for warning in result["warnings"]:
        console.print(Text(f"WARNING: {warning}", style="bold red"))
    for section in sections(result):
        table = Table(title=section.title, caption=section.note or None, show_lines=False)
        for index, column in enumerate(section.columns):
            numeric = all(_NUMBER.match(row[index]) for row in section.rows)
            table.add_column(column, justify="right" if numeric else "left", overflow="fold")
        for row in section.rows:
            table.add_row(*(Text(cell) for cell in row))
        if not section.rows:
            table.add_row(*(Text(MISSING) for _ in section.columns))
        console.print(table)
