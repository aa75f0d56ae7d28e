"""Files and folders in, clean files and a report out.

Outputs mirror the input layout under the output folder, one `.txt` per input,
written atomically (temp file, then rename) so an interrupted run leaves no
half-written file. An input file is never written over.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner import clean_html, clean_text
from cleaner.atomic import write_atomic
from cleaner.config import Config
from cleaner.document import Cleaned
from cleaner.extract import InputError, decode
from cleaner.report import DocumentReport, RunReport, document_report

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True)
class Job:
    """One input file and where its clean text goes (relative to the output folder)."""

    path: Path
    display: str
    output: Path


def _base_suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def is_input_file(path: Path) -> bool:
    return _base_suffix(path) in SUFFIXES


def _output_name(relative: Path) -> Path:
    name = relative.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return relative.with_name(os.path.splitext(name)[0] + ".txt")


def plan(inputs: list[Path], out_dir: Path | None) -> Iterator[Job]:
    """Every input file with its output path; folders are walked recursively in sorted order."""
    out_resolved = out_dir.resolve() if out_dir else None
    for given in inputs:
        if given.is_dir():
            for root, dirs, files in os.walk(given):
                root_path = Path(root)
                # Never walk into the output folder when it sits inside an input folder.
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if out_resolved is None or (root_path / d).resolve() != out_resolved
                )
                for name in sorted(files):
                    path = root_path / name
                    if is_input_file(path):
                        relative = path.relative_to(given)
                        yield Job(path, str(path), _output_name(relative))
        else:
            yield Job(given, str(given), _output_name(Path(given.name)))


def read_input(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(f"corrupt or truncated gzip file ({error}); re-download it") from error
    return data


def clean_file(path: Path, config: Config | None = None) -> Cleaned:
    """Clean one .txt or .html file (optionally gzipped)."""
    data = read_input(path)
    if _base_suffix(path) in HTML_SUFFIXES:
        return clean_html(data, config=config)
    decoded = decode(data)
    cleaned = clean_text(decoded.text, config=config)
    cleaned.notes[:0] = decoded.notes
    return cleaned


def run(
    inputs: list[Path], out_dir: Path | None, *, config: Config | None = None, dry_run: bool = False
) -> RunReport:
    """Clean every input into `out_dir` and return the run report."""
    report = RunReport()
    input_files = set()
    jobs = list(plan(inputs, out_dir))
    for job in jobs:
        input_files.add(job.path.resolve())
    seen_outputs: dict[Path, str] = {}
    for job in jobs:
        output = job.output
        if output in seen_outputs:
            # Two inputs map to one name (a.txt and a.html): keep the full name for the second.
            output = job.output.with_name(job.path.name + ".txt")
        seen_outputs[output] = job.display
        target = (out_dir / output) if out_dir else None
        if target is not None and target.resolve() in input_files:
            report.add(
                _failed(
                    job,
                    "refused",
                    "the output would overwrite an input file; "
                    "choose an output folder outside the inputs",
                )
            )
            continue
        try:
            cleaned = clean_file(job.path, config)
        except InputError as error:
            report.add(_failed(job, "bad_input", str(error)))
            continue
        except OSError as error:
            report.add(
                _failed(
                    job,
                    "unreadable",
                    f"{error.strerror or error}; check the path and its permissions",
                )
            )
            continue
        except Exception as error:  # a bug must cost one document, not the batch
            report.add(
                _failed(
                    job,
                    "internal_error",
                    f"{type(error).__name__}: {error}; please report this with the file",
                )
            )
            continue
        if target is not None and not dry_run:
            try:
                write_atomic(target, cleaned.text + "\n" if cleaned.text else "")
            except OSError as error:
                report.add(_failed(job, "write_failed", f"could not write {target}: {error}"))
                continue
        report.add(document_report(job.display, cleaned, str(output) if target else None))
    return report


def _failed(job: Job, kind: str, message: str) -> DocumentReport:
    return DocumentReport(path=job.display, status="failed", error=message, error_kind=kind)
