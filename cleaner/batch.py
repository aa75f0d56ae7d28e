"""Files and folders in, clean files and a report out.

Outputs mirror the input layout under the output folder, one `.txt` per input,
written atomically (temp file, then rename) so an interrupted run leaves no
half-written file. An input file is never written over.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from cleaner.atomic import write_atomic
from cleaner.config import Config
from cleaner.document import Cleaned
from cleaner.extract import InputError, decode, extract_html
from cleaner.pipeline import clean_source
from cleaner.report import DocumentReport, RunReport, document_report
from cleaner.site import SiteLines, SiteTable, site_of

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


@dataclass
class Loaded:
    """A document turned into text, ready for the rules (and for the site table)."""

    text: str
    title: str | None
    url: str | None
    notes: list[str]


def load_file(path: Path) -> Loaded:
    """Read, decompress, decode and (for HTML) extract one input file."""
    data = read_input(path)
    if _base_suffix(path) in HTML_SUFFIXES:
        decoded = decode(data, html=True)
        extracted = extract_html(decoded.text)
        return Loaded(
            extracted.text, extracted.title, extracted.url, decoded.notes + extracted.notes
        )
    decoded = decode(data)
    return Loaded(decoded.text, None, None, decoded.notes)


def clean_loaded(
    loaded: Loaded, config: Config | None = None, site: SiteLines | None = None
) -> Cleaned:
    cleaned = clean_source(loaded.text, title=loaded.title, config=config, site=site)
    cleaned.notes[:0] = loaded.notes
    return cleaned


def clean_file(path: Path, config: Config | None = None) -> Cleaned:
    """Clean one .txt or .html file (optionally gzipped) on its own."""
    return clean_loaded(load_file(path), config)


def _site_key(job: Job, loaded: Loaded) -> str:
    """The domain of the page when known, else the folder the file sits in."""
    return site_of(loaded.url, str(job.path.parent))


def _failure(job: Job, error: Exception) -> DocumentReport:
    if isinstance(error, InputError):
        return _failed(job, "bad_input", str(error))
    if isinstance(error, OSError):
        return _failed(
            job, "unreadable", f"{error.strerror or error}; check the path and its permissions"
        )
    # A bug must cost one document, not the batch.
    return _failed(
        job, "internal_error", f"{type(error).__name__}: {error}; please report this with the file"
    )


def _outputs(jobs: list[Job], out_dir: Path | None) -> list[Path | None]:
    """Where each job's clean text goes; a second input mapping to a taken name keeps its suffix."""
    taken: set[Path] = set()
    targets: list[Path | None] = []
    for job in jobs:
        output = job.output
        if output in taken:
            output = job.output.with_name(job.path.name + ".txt")
        taken.add(output)
        targets.append(out_dir / output if out_dir else None)
    return targets


def run(
    inputs: list[Path],
    out_dir: Path | None,
    *,
    config: Config | None = None,
    dry_run: bool = False,
    site_boilerplate: bool = True,
) -> RunReport:
    """Clean every input into `out_dir` and return the run report.

    With `site_boilerplate`, a first pass loads every document once (HTML is
    extracted once; the text waits in a temporary cache on disk, not in memory)
    and counts each site's lines; the second pass cleans with those counts.
    """
    settings = config or Config()
    report = RunReport()
    jobs = list(plan(inputs, out_dir))
    input_files = {job.path.resolve() for job in jobs}
    targets = _outputs(jobs, out_dir)
    two_pass = site_boilerplate and "site_boilerplate" in settings.rules
    table = SiteTable()
    with tempfile.TemporaryDirectory(prefix="cleaner-") as cache_dir:
        cache = Path(cache_dir)
        failures: dict[int, DocumentReport] = {}
        if two_pass:
            for number, job in enumerate(jobs):
                try:
                    loaded = load_file(job.path)
                except Exception as error:
                    failures[number] = _failure(job, error)
                    continue
                table.add(_site_key(job, loaded), loaded.text)
                (cache / f"{number}.json").write_text(json.dumps(asdict(loaded)), "utf-8")
        for number, job in enumerate(jobs):
            target = targets[number]
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
            if number in failures:
                report.add(failures[number])
                continue
            try:
                cached = cache / f"{number}.json"
                if cached.exists():
                    loaded = Loaded(**json.loads(cached.read_text("utf-8")))
                    cached.unlink()
                else:
                    loaded = load_file(job.path)
                site = table.lines_for(_site_key(job, loaded), settings) if two_pass else None
                cleaned = clean_loaded(loaded, settings, site)
            except Exception as error:
                report.add(_failure(job, error))
                continue
            if target is not None and not dry_run:
                try:
                    write_atomic(target, cleaned.text + "\n" if cleaned.text else "")
                except OSError as error:
                    report.add(_failed(job, "write_failed", f"could not write {target}: {error}"))
                    continue
            output = str(target.relative_to(out_dir)) if target is not None and out_dir else None
            report.add(document_report(job.display, cleaned, output))
    return report


def _failed(job: Job, kind: str, message: str) -> DocumentReport:
    return DocumentReport(path=job.display, status="failed", error=message, error_kind=kind)
