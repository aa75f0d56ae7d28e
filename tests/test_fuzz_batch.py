"""Fuzzing the batch: generated dumps in every shape a file arrives in (encodings,
mojibake, NULs, gzip whole and cut, binary, HTML) through `run`, in-process.

For every batch: nothing crashes (no internal_error), every file has one record,
a failed file has no output, the inputs are untouched, no temp file is left;
for a plain UTF-8 text file the removals replay on the input and the output holds
only input lines.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from dumps import raw_files
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.batch import Options, run
from cleaner.config import Config
from cleaner.report.run import RunReport

# A batch costs more than one clean_text call: a sixth of the profile's examples.
EXAMPLES = max(20, settings.default.max_examples // 6)
KNOWN_ERRORS = {"binary", "encoding", "corrupt_gzip", "too_large", "too_deep", "bad_input"}


def _run(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory(prefix="cleaner-fuzz-") as scratch:
        root = Path(scratch)
        source, out = root / "in", root / "out"
        source.mkdir()
        paths = []
        for n, (suffix, data) in enumerate(files):
            path = source / f"doc{n}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        options = Options(config=Config(), jobs=1)
        report = run([source], out, options=options, report_path=out / "report.json")
        _check(report, files, paths, out)


def _check(report: RunReport, files: list[tuple[str, bytes]], paths: list[Path], out: Path) -> None:
    lines = (out / "report.jsonl").read_text("utf-8").split("\n")[:-1]
    records = [json.loads(x) for x in lines]
    assert sorted(r["path"] for r in records) == sorted(str(p) for p in paths)
    for path, (_, data) in zip(paths, files, strict=True):
        assert path.read_bytes() == data  # the input is untouched
    for record in records:
        output = out / Path(record["path"]).relative_to(out.parent / "in")
        output = output.with_name(output.name.removesuffix(".gz")).with_suffix(".txt")
        if record["status"] == "failed":
            assert record["error"]["kind"] in KNOWN_ERRORS, record["error"]
            assert not output.exists()
            continue
        text = output.read_text("utf-8")
        data = Path(record["path"]).read_bytes()
        if record["path"].endswith(".txt") and not record.get("repairs"):
            source = data.decode("utf-8")
            for removal in record["removals"]:
                assert source[removal["start"] : removal["end"]] == removal["text"]
            for line in text.split("\n"):
                assert line.strip() in source
    assert not list(out.rglob("*.tmp"))
    assert report.exit_code == (1 if report.failed else 0)


@settings(max_examples=EXAMPLES)
@given(st.lists(raw_files, min_size=1, max_size=5))
def test_batch_survives_generated_files(files: list[tuple[str, bytes]]) -> None:
    _run(files)
