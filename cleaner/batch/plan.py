"""Which inputs a run cleans, and where each one's output goes.

Folders are walked recursively in sorted order, lazily; a folder holding a
`.cleaner/` state folder (an earlier run's output) and the output folder itself are
never entered. Before anything runs, the record streams' first records tell whether
the text field is there at all (a wrong `--text-field` is a usage error).
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import IO, Any

import fsspec

from cleaner.batch.options import Options
from cleaner.core.errors import InputError
from cleaner.formats.fields import Fields, MissingField
from cleaner.formats.registry import FORMATS, StreamFormat, format_of, is_input_file, output_name

STATE_DIR = ".cleaner"
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input file (or stdin) and where its output goes, relative to the output folder."""

    path: Path | None  # None: stdin
    display: str
    output: Path
    stream: bool  # many records, one output (a stream failing whole goes on as a file)
    folder: str  # the site when nothing better is known
    format: str = "text"  # its name in formats.registry.FORMATS


def source_of(path: Path, display: str, output: Path, folder: str) -> Source:
    """The source of an input file, its format told by its name."""
    found = format_of(path)
    return Source(path, display, output, found.stream, folder, found.name)


def selected(relative: str, options: Options) -> bool:
    if options.include and not any(fnmatch.fnmatch(relative, g) for g in options.include):
        return False
    return not any(fnmatch.fnmatch(relative, g) for g in options.exclude)


def plan(
    inputs: list[Path], out_dir: Path | None, options: Options | None = None
) -> Iterator[Source]:
    """Every input with its output path, lazily: folders walked recursively in sorted order.

    A folder walk never enters the output folder, nor any folder holding a `.cleaner/`
    state folder (the output of an earlier run: its reports and clean files are no
    input); a folder named in `inputs` is walked as asked. Two inputs of one folder that
    would map to the same output name (a.txt and a.html) keep their full names; names
    are only compared within a folder, so nothing here grows with the corpus.
    """
    options = options or Options()
    out_resolved = out_dir.resolve() if out_dir else None
    for given in inputs:
        if str(given) == STDIN:
            yield Source(None, STDIN, Path("stdin.jsonl"), True, "stdin", "jsonl")
        elif given.is_dir():
            for root, dirs, files in os.walk(given):
                root_path = Path(root)
                if STATE_DIR in dirs and root_path != given:
                    dirs[:] = []
                    continue
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d != STATE_DIR
                    and (out_resolved is None or (root_path / d).resolve() != out_resolved)
                )
                for relative, output in folder_outputs(
                    root_path.relative_to(given), files, options
                ):
                    path = given / relative
                    yield source_of(path, str(path), output, str(path.parent))
        else:
            yield source_of(given, str(given), output_name(Path(given.name)), str(given.parent))


def folder_outputs(
    folder: PurePath, files: Iterable[str], options: Options
) -> Iterator[tuple[PurePath, Path]]:
    """The input files among one folder's `files` (sorted), each with its output path.

    Two inputs that would map to the same output name (a.txt and a.html) keep their
    full names. Both walks use it: the local one here and the Dask engine's over fsspec.
    """
    taken: set[Path] = set()
    for name in sorted(files):
        relative = folder / name
        if is_input_file(Path(name)) and selected(relative.as_posix(), options):
            output = output_name(Path(relative))
            if output in taken:
                output = Path(relative).with_name(name + ".txt")
            taken.add(output)
            yield relative, output


def plan_url(given: str, out: str | None, options: Options) -> Iterator[tuple[str, str]]:
    """An fsspec URL walked as `plan` walks a folder (sorted, files before subfolders):
    each input file's URL, as the user spelled the root, and its output path (posix,
    relative to the output folder `out`, which the walk does not enter)."""
    fs, root = fsspec.core.url_to_fs(given)
    base = given.rstrip("/")
    out_root = fsspec.core.url_to_fs(out)[1].rstrip("/") if out is not None else None
    if not fs.isdir(root):
        yield given, output_name(Path(posixpath.basename(root))).as_posix()
        return
    root = root.rstrip("/")
    for folder, dirs, files in fs.walk(root):
        folder = folder.rstrip("/")
        if STATE_DIR in dirs and folder != root:
            dirs[:] = []  # an earlier run's output folder
            continue
        # In place, as os.walk: fsspec then walks only these, in this order.
        dirs[:] = sorted(
            d for d in dirs if d != STATE_DIR and f"{folder}/{d}".rstrip("/") != out_root
        )
        below = PurePosixPath(folder[len(root) + 1 :])
        for relative, output in folder_outputs(below, files, options):
            yield f"{base}/{relative.as_posix()}", output.as_posix()


def stream_format(source: Source) -> StreamFormat:
    found = FORMATS[source.format]
    assert found.stream, f"{source.display} is no record stream"
    return found


def is_parquet(source: Source) -> bool:
    return source.format == "parquet"


def open_stream(source: Source, fields: Fields) -> IO[bytes]:
    """A record stream as JSON lines, read as bytes: each line is decoded on its own, so a
    broken one is noticed (a Parquet file's rows come as lines of their mapped columns)."""
    assert source.path is not None, "stdin is spooled to a file first"
    return stream_format(source).open(source.path, fields)


def first_record(source: Source, options: Options) -> dict[str, Any] | None:
    """A stream's first record (a Parquet file: its columns, see parquet.first_row);
    None when none of its first lines is a record, or it cannot be read."""
    assert source.path is not None, "stdin is spooled to a file first"
    limit = int(options.config.max_record_mb * 1e6)
    try:
        return stream_format(source).first_record(source.path, options.fields, limit)
    except (OSError, InputError):
        return None  # the run reports it


def check_text_field(sources: Iterable[Source], options: Options) -> None:
    """Raise MissingField when no record stream has the text field in its first record.

    The field name is then wrong for the whole run (a usage error: every record would
    fail); the message names the first such stream's fields. When some streams have it,
    the run goes on: a Parquet file without the column fails alone, a JSONL record
    without the field fails alone.
    """
    lacking: list[tuple[Source, dict[str, Any]]] = []
    for source in sources:
        if not source.stream:
            continue
        record = first_record(source, options)
        if record is None:
            continue
        if options.fields.text in record:
            return
        lacking.append((source, record))
    if lacking:
        source, record = lacking[0]
        what = "column" if is_parquet(source) else "field"
        where = f"the first record of {'stdin' if source.display == STDIN else source.display}"
        if len(lacking) > 1:
            where += f" (and of the {len(lacking) - 1} other record streams)"
        raise MissingField(where, options.fields.text, record, what)
