"""Read case files: `=== input ===`, `=== output ===`, `=== kinds ===` sections."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Case:
    path: Path
    input: str
    output: str | None
    kinds: set[str]


def read_case(path: Path) -> Case:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("=== ") and stripped.endswith(" ==="):
            current = sections.setdefault(stripped[4:-4].strip(), [])
            continue
        if current is None:
            raise ValueError(f"{path}: text before the first === section ===")
        current.append(line)
    if "input" not in sections:
        raise ValueError(f"{path}: no === input === section")
    output = "\n".join(sections["output"]) if "output" in sections else None
    kinds = {k.strip() for k in sections.get("kinds", []) if k.strip()}
    return Case(path, "\n".join(sections["input"]), output, kinds)
