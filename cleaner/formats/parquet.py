"""Parquet in and out: a Parquet file is cleaned as a stream of records, like JSONL.

Reading turns each row into a JSON line holding only the mapped fields (text,
id, title, url) and the row number, so the JSONL code path cleans it unchanged.
Writing reads the original file again batch by batch beside the cleaned lines,
keeps every other column as it was, replaces the text, sets the title and adds a
`cleaner` column (the removal summary as a JSON string: any Parquet reader takes
it). A row that could not be cleaned (no text) is dropped, as a bad JSONL record
is, and reported. Both directions stream record batches: memory stays bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal, cast

from cleaner.formats.fields import Fields, MissingField
from cleaner.formats.files import check_regular
from cleaner.report.record import SUMMARY_FIELD

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq


PARQUET_SUFFIXES = (".parquet",)
# The row number a cleaned line carries back, so dropped rows can be skipped.
ROW = "__cleaner_row__"
BATCH_ROWS = 1024


def _open(path: Path) -> pq.ParquetFile:
    # pyarrow is imported here, not at the top: it adds about 50 MB to every process,
    # and most runs read no Parquet.
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, ValueError) as error:
        # OSError: the batch reports it as an unreadable input and goes on.
        raise OSError(f"not a readable Parquet file ({error})") from error


def first_row(path: Path, text: str) -> dict[str, object]:
    """Every column of the file; when none is named `text`, with the first row's value
    of the text columns, which the error's hint reads (otherwise no row is read)."""
    file = _open(path)
    try:
        if text in file.schema_arrow.names:
            return dict.fromkeys(file.schema_arrow.names)
        return _first_row(file)
    finally:
        file.close()


def _first_row(file: pq.ParquetFile) -> dict[str, object]:
    import pyarrow as pa

    schema = file.schema_arrow
    record: dict[str, object] = dict.fromkeys(schema.names)
    texts = [f.name for f in schema if _is_text(f.type)]
    if texts and file.metadata.num_rows:
        try:
            batch = next(file.iter_batches(batch_size=1, columns=texts))
        except (pa.ArrowException, OSError, ValueError):
            return record  # corrupt data: the names alone (the run reports the file)
        record.update(batch.slice(0, 1).to_pylist()[0])
    return record


class RecordLines:
    """The rows of a Parquet file as JSON lines of the mapped fields, read like a binary
    file (`readline`, a context manager), so the JSONL reader and its limits apply.

    A file without the text column fails as a whole (MissingField): none of its rows
    could be cleaned.
    """

    def __init__(self, path: Path, fields: Fields) -> None:
        self.file = _open(path)
        names = set(self.file.schema_arrow.names)
        if fields.text not in names:
            record = _first_row(self.file)
            self.file.close()
            raise MissingField("the file", fields.text, record, what="column")
        wanted = (fields.text, fields.id, fields.title, fields.url)
        self.columns = [name for name in dict.fromkeys(wanted) if name in names]
        self.lines = self._lines()
        self.pending = b""
        # For tell(): the rows read so far stand for their share of the file's bytes.
        self.size, self.rows, self.rows_read = path.stat().st_size, self.file.metadata.num_rows, 0

    def __enter__(self) -> RecordLines:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.file.close()

    def _lines(self) -> Iterator[bytes]:
        row = 0
        for batch in self.file.iter_batches(batch_size=BATCH_ROWS, columns=self.columns):
            for values in batch.to_pylist():
                values[ROW] = row
                row += 1
                self.rows_read = row
                # default=str: an id may be a timestamp or a decimal; it only names the row.
                line = json.dumps(values, ensure_ascii=False, default=str) + "\n"
                yield line.encode("utf-8")  # Arrow strings are valid UTF-8

    def readline(self, size: int = -1) -> bytes:
        """The next line, or its next `size` bytes (b"" at the end), as a file gives it."""
        if not self.pending:
            self.pending = next(self.lines, b"")
        cut = len(self.pending) if size < 0 else size
        line, self.pending = self.pending[:cut], self.pending[cut:]
        return line

    def tell(self) -> int:
        """About how many bytes of the file are read: its size times the share of rows
        read (the progress bar's measure; the columns are read batch by batch)."""
        return self.size * self.rows_read // max(self.rows, 1)


def _is_text(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def output_schema(schema: pa.Schema, fields: Fields) -> pa.Schema:
    """The input's columns, the text as a string, then a title and `cleaner` column if new."""
    import pyarrow as pa

    columns = [
        pa.field(f.name, pa.string()) if f.name == fields.text else f
        for f in schema
        if f.name != SUMMARY_FIELD
    ]
    if fields.title not in schema.names:
        columns.append(pa.field(fields.title, pa.string()))
    columns.append(pa.field(SUMMARY_FIELD, pa.string()))
    return pa.schema(columns, metadata=schema.metadata)


def write_parquet(source: Path, cleaned_lines: Iterable[str], target: Path, fields: Fields) -> None:
    """Write `target`: the rows of `source` that were cleaned, with the cleaned values."""
    original = _open(source)
    try:
        _write_rows(original, cleaned_lines, target, fields)
    finally:
        original.close()


def _write_rows(
    original: pq.ParquetFile, cleaned_lines: Iterable[str], target: Path, fields: Fields
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = output_schema(original.schema_arrow, fields)
    title_is_text = _is_text(schema.field(fields.title).type)
    cleaned = (json.loads(line) for line in cleaned_lines if line.strip())
    pending = next(cleaned, None)
    row = 0
    with pq.ParquetWriter(target, schema) as writer:
        for batch in original.iter_batches(batch_size=BATCH_ROWS):
            keep, texts, titles, summaries = [], [], [], []
            for position in range(batch.num_rows):
                if pending is not None and pending[ROW] == row:
                    keep.append(position)
                    texts.append(pending[fields.text])
                    titles.append(pending.get(fields.title))
                    summaries.append(json.dumps(pending[SUMMARY_FIELD], ensure_ascii=False))
                    pending = next(cleaned, None)
                row += 1
            # Typed: an empty list would be an array of nulls, which `take` refuses.
            table = pa.Table.from_batches([batch]).take(pa.array(keep, pa.int64()))
            columns = {name: table.column(name) for name in table.column_names}
            columns[fields.text] = pa.array(texts, pa.string())
            if title_is_text:
                columns[fields.title] = pa.array(titles, pa.string())
            columns[SUMMARY_FIELD] = pa.array(summaries, pa.string())
            writer.write_table(pa.table([columns[f.name] for f in schema], schema=schema))


class ParquetFormat:
    """Rows read as JSON lines of the mapped columns; the output is a Parquet file again."""

    name = "parquet"
    suffixes = PARQUET_SUFFIXES
    output_suffix = ".parquet"
    stream: Literal[True] = True

    def open(self, path: Path, fields: Fields) -> IO[bytes]:
        check_regular(path)
        # Not a file, but it reads like one where it is read (readline, with).
        return cast(IO[bytes], RecordLines(path, fields))

    def first_record(self, path: Path, fields: Fields, limit: int) -> dict[str, Any] | None:
        """Its columns (see first_row): no row is read when the text column is there."""
        check_regular(path)
        return first_row(path, fields.text)

    def finish(self, path: Path, lines: Path, target: Path, fields: Fields) -> bool:
        """False when the input cannot be read again (its failure is reported already)."""
        try:
            with lines.open(encoding="utf-8") as handle:
                write_parquet(path, handle, target, fields)
        except OSError:
            return False
        return True


FORMAT = ParquetFormat()
