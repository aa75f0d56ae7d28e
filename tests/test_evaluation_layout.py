"""The evaluation and model packages stay small modules with one job each (issue 18).

No module over 400 lines, no module reaching for another module's `_private` name
(a shared name is public), and no import cycle among the evaluation modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("evaluation", "model")
MAX_LINES = 400
MODULES = sorted(path for name in PACKAGES for path in (ROOT / "cleaner" / name).glob("*.py"))
# core.pipeline's _prose_sample is used by the page-kind training; making it public
# is an edit to cleaner/core, which is rearranged elsewhere in issue 18.
KNOWN_PRIVATE = {"model/train_page_kind.py"}


def _label(path: Path) -> str:
    return path.relative_to(ROOT / "cleaner").as_posix()


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]


def _evaluation_imports(path: Path) -> set[str]:
    """The evaluation modules that `path` imports, by their short name."""
    names = {p.stem for p in (ROOT / "cleaner" / "evaluation").glob("*.py")} - {"__init__"}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        if node.module == "cleaner.evaluation":
            found |= {alias.name for alias in node.names if alias.name in names}
        elif node.module.startswith("cleaner.evaluation."):
            found.add(node.module.removeprefix("cleaner.evaluation.").split(".")[0])
    return found


def test_the_layout_check_sees_the_modules() -> None:
    assert {"report.py", "cells.py", "runner.py"} <= {p.name for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=_label)
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{_label(path)} has {lines} lines"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(strict=True, reason="core.pipeline._prose_sample")
            if _label(p) in KNOWN_PRIVATE
            else (),
        )
        for p in MODULES
    ],
    ids=_label,
)
def test_no_module_imports_a_private_name(path: Path) -> None:
    assert _private_imports(path) == []


def test_the_private_import_check_finds_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from a.b import __version__, _hidden, shown\n", encoding="utf-8")
    assert _private_imports(sample) == ["a.b._hidden"]


def test_the_evaluation_modules_import_no_cycle() -> None:
    folder = ROOT / "cleaner" / "evaluation"
    graph = {p.stem: _evaluation_imports(p) for p in folder.glob("*.py") if p.stem != "__init__"}
    assert graph["report"] >= {"cells", "main_tables", "validation_tables"}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for child in graph[name]:
            visit(child, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())
