"""A progress bar for long runs, on stderr: the phase, the bytes of input read,
documents (of how many, once known), docs/s, MB/s and time left.

The bar measures bytes of the input files (see batch/meter.py), so one large JSONL fills
it record by record. Each phase ("counting sites", then "cleaning") fills it anew.
Shown only on a terminal; in a pipeline (stderr not a terminal) or with --quiet
the run is silent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from cleaner.batch.meter import Tick, file_size


def total_bytes(files: Iterable[Path]) -> int:
    """Total size of the input files (a cheap walk, no reading); an unreadable one counts 0."""
    return sum(file_size(path) for path in files)


def columns() -> tuple[TextColumn | BarColumn | TimeRemainingColumn, ...]:
    return (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[docs]}"),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )


class Bar:
    """Shows each tick on one task of a rich `Progress`; a new phase restarts it."""

    def __init__(
        self,
        progress: Progress,
        total_bytes: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.progress, self.total, self.clock = progress, total_bytes, clock
        # No bytes to count (stdin only, empty files): an unknown total, a pulsing bar.
        self.task: TaskID = progress.add_task(
            "starting", total=total_bytes or None, docs="", rate=""
        )
        self.phase: str | None = None
        # A phase began when the one before it ended (its last tick), the first with the bar.
        self.started = self.last = clock()

    def __call__(self, tick: Tick) -> None:
        now = self.clock()
        if tick.phase != self.phase:
            self.phase, self.started = tick.phase, self.last
            self.progress.reset(self.task, description=tick.phase, docs="", rate="")
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        rate = f"{tick.read / elapsed / 1e6:,.1f} MB/s"
        if tick.documents:
            rate = f"{tick.documents / elapsed:,.0f} docs/s, {rate}"
        self.progress.update(
            self.task,
            # A file grown since the bar's walk must not push it past its end.
            completed=min(tick.read, self.total),
            docs=_documents(tick),
            rate=rate,
        )


def _documents(tick: Tick) -> str:
    if not tick.documents:
        return ""
    if tick.documents_total is not None:
        return f"{tick.documents:,}/{tick.documents_total:,} docs"
    return f"{tick.documents:,} docs"


@contextmanager
def progress_bar(files: Iterable[Path], *, enabled: bool) -> Iterator[Bar | None]:
    """Yield a `Bar` to give the run as its progress callback, or None when disabled.

    `files` are the inputs the run will read, in its order (`batch.plan`), so that
    files it skips (other suffixes, --exclude) do not count in the total.
    """
    if not enabled:
        yield None
        return
    total = total_bytes(files)
    with Progress(*columns(), console=Console(stderr=True), transient=True) as progress:
        yield Bar(progress, total)
