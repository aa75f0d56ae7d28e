"""Every document of every input as an `Item`, numbered in input order: a file is one,
a record stream one per record (its broken lines fail in turn)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from cleaner.batch.options import Options
from cleaner.batch.plan import Source, open_stream
from cleaner.batch.work import Item, failure_for
from cleaner.core.errors import InputError
from cleaner.formats.jsonl import bounded_lines, stream_offset


def record_display(source: Source, line: str, line_number: int, id_field: str) -> str:
    try:
        record = json.loads(line)
        ident = record.get(id_field) if isinstance(record, dict) else None
    except json.JSONDecodeError:
        ident = None
    return f"{source.display}#{ident if ident is not None else f'line {line_number}'}"


def items_of(
    sources: Iterable[tuple[int, Source]],
    options: Options,
    prepare: Callable[[int, Source], Any] | None = None,
) -> Iterator[Item]:
    """Every document of every source, numbered in input order.

    `prepare(number, source)` (second pass) says what an earlier run finished or why
    the source is refused: a JSON record for a file, record lines for a stream.
    """
    index = 0
    for number, source in sources:
        ready = prepare(number, source) if prepare else None
        if not source.stream:
            assert source.path is not None
            yield Item(index, number, source, source.display, str(source.path), reuse=ready)
            index += 1
            continue
        if isinstance(ready, str):  # a refused stream
            yield whole_failure(index, number, source, ready)
            index += 1
            continue
        finished: list[str] = ready or []
        try:
            handle = open_stream(source, options.fields)
        except (OSError, InputError) as error:
            failed = json.dumps({"record": failure_for(source.display, error).to_dict()})
            yield whole_failure(index, number, source, failed)
            index += 1
            continue
        limit = int(options.config.max_record_mb * 1e6)
        with handle:
            done = 0
            for line_number, raw, failure in bounded_lines(handle, limit):
                if not raw.strip() and failure is None:
                    continue
                reuse = None
                if done < len(finished):
                    reuse = finished[done]
                    done += 1
                offset = stream_offset(handle)
                if failure is not None:
                    display = f"{source.display}#line {line_number}"
                    kind, message = failure
                    yield Item(
                        index,
                        number,
                        source,
                        display,
                        reuse=reuse,
                        error=message,
                        error_kind=kind,
                        offset=offset,
                    )
                else:
                    try:
                        line, broken = raw.decode("utf-8"), False
                    except UnicodeDecodeError:
                        line, broken = raw.decode("utf-8", errors="replace"), True
                    display = record_display(source, line, line_number, options.fields.id)
                    yield Item(
                        index,
                        number,
                        source,
                        display,
                        line=line,
                        reuse=reuse,
                        broken_utf8=broken,
                        offset=offset,
                    )
                index += 1


def whole_failure(index: int, number: int, source: Source, failed: str) -> Item:
    """A stream failing as a whole (refused, unreadable, no text column) goes on as a
    failed file: no output is written (over an input, when refused), and no resume state
    is kept, so a rerun fails it the same way."""
    as_file = replace(source, stream=False)
    return Item(index, number, as_file, source.display, reuse=failed)
