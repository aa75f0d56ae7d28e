"""The package stays small modules with one job each (issue 18): no module over 400
lines, no module reaching for another module's `_private` name (a shared name is
public), and no import cycle among the package's modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
MAX_LINES = 400
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_name(path) for path in MODULES}


def _private_imports(path: Path) -> list[str]:
    """The package's `_private` names `path` imports (the standard library's are its
    own business: screen.py reads the regex parser, as `re` itself does)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleaner")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]


def _imports(path: Path) -> set[str]:
    """The package's modules `path` imports, anywhere in it (a lazy import is an
    import too): `from cleaner.x import y` is cleaner.x.y when that is a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in NAMES}
        elif isinstance(node, ast.ImportFrom) and node.module in NAMES:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in NAMES else node.module)
    return found - {_name(path)}


def test_the_layout_check_sees_the_packages() -> None:
    assert {"cleaner.core.pipeline", "cleaner.batch.work", "cleaner.formats.registry"} <= NAMES
    assert {"cleaner.report.run", "cleaner.rules.base", "cleaner.cli.app"} <= NAMES


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_imports_a_private_name(path: Path) -> None:
    assert _private_imports(path) == []


def test_the_private_import_check_finds_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from cleaner.a import __version__, _hidden, shown\nfrom re import _parser\n",
        encoding="utf-8",
    )
    assert _private_imports(sample) == ["cleaner.a._hidden"]


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> list[str] | None:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return None
        for child in sorted(graph.get(name, ())):
            found = visit(child, (*path, name))
            if found:
                return found
        done.add(name)
        return None

    for name in sorted(graph):
        found = visit(name, ())
        if found:
            return found
    return None


def test_the_package_imports_no_cycle() -> None:
    graph = {_name(path): _imports(path) for path in MODULES}
    assert "cleaner.batch.plan" in graph["cleaner.batch.local"]
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_check_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
