"""Evaluation on the real data in `../shared/data`: benchmark metric, runner, reports.

>>> from cleaner.evaluation import run_eval, write_outputs
>>> result = run_eval(jobs=2)  # doctest: +SKIP
>>> write_outputs(result, "out/")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cleaner.evaluation.report import print_table, to_markdown
from cleaner.evaluation.runner import run_eval

__all__ = ["print_table", "run_eval", "to_markdown", "write_outputs"]


def write_outputs(result: dict[str, Any], out_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write `eval.json` and `eval.md` into `out_dir` (created if needed); return both paths."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / "eval.json"
    md_path = folder / "eval.md"
    json_path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(result), encoding="utf-8")
    return json_path, md_path
