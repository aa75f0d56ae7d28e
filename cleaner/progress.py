"""A progress bar for long runs: documents, docs/s, MB/s and time left, on stderr.

Shown only on a terminal; in a pipeline (stderr not a terminal) or with
--quiet the run is silent.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn


def _totals(files: Iterable[Path]) -> tuple[int, int]:
    """Total size and number of the input files (a cheap walk, no reading)."""
    size = count = 0
    for path in files:
        # An unreadable file counts all the same: the batch reports it as one failure.
        with contextlib.suppress(OSError):
            size += path.stat().st_size
        count += 1
    return size, count


@contextmanager
def progress_bar(
    files: Iterable[Path], *, enabled: bool
) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a `tick(documents_done, source_number)` callback, or None when disabled.

    `files` are the inputs the run will read, in its order (`batch.plan`), so that
    files it skips (other suffixes, --exclude) do not count in the total.
    """
    if not enabled:
        yield None
        return
    total_bytes, total_files = _totals(files)
    started = time.monotonic()
    columns = (
        TextColumn("[bold]cleaning"),
        BarColumn(),
        TextColumn("{task.fields[docs]} docs"),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("clean", total=max(total_files, 1), docs=0, rate="")

        def tick(documents: int, source: int) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            share = (source + 1) / max(total_files, 1)
            mb_per_s = total_bytes * share / elapsed / 1e6
            rate = f"{documents / elapsed:,.0f} docs/s, {mb_per_s:,.1f} MB/s"
            progress.update(task, completed=source + 1, docs=documents, rate=rate)

        yield tick
