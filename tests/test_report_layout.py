"""The report package keeps the house layout (issue 18): no module over 400 lines, no
import of another module's `_private` name, no import cycle between its modules."""

from __future__ import annotations

import ast
from pathlib import Path

import cleaner.report

PACKAGE = Path(cleaner.report.__file__).parent
LONGEST = 400


def _modules() -> dict[str, Path]:
    return {f"cleaner.report.{path.stem}": path for path in sorted(PACKAGE.glob("*.py"))}


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) of every `from X import name` in the file, nested ones too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
    return found


def _edges() -> dict[str, set[str]]:
    """Which report modules each report module imports."""
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for module, imported in _imports(path):
            if f"{module}.{imported}" in modules:  # from cleaner.report import sections
                edges[name].add(f"{module}.{imported}")
            elif module in modules and module != "cleaner.report.__init__":
                edges[name].add(module)
    return edges


def test_no_module_is_over_400_lines() -> None:
    lengths = {path.name: len(path.read_text("utf-8").splitlines()) for path in _modules().values()}
    assert {name: n for name, n in lengths.items() if n > LONGEST} == {}


def test_no_module_imports_another_modules_private_name() -> None:
    private = {
        (path.name, f"{module}.{name}")
        for path in _modules().values()
        for module, name in _imports(path)
        if name.startswith("_") and not name.startswith("__")
    }
    assert private == set()


def test_no_import_cycle() -> None:
    edges = _edges()
    assert edges["cleaner.report.page"] >= {
        "cleaner.report.sections",
        "cleaner.report.documents",
    }  # the check sees both ways of importing

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for target in sorted(edges[start]):
            if target in path:
                return [*path[path.index(target) :], target]
            found = cycle_from(target, [*path, target])
            if found:
                return found
        return None

    cycles = [c for name in edges if (c := cycle_from(name, [name]))]
    assert cycles == []
