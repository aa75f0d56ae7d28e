"""Mapping the work over items in input order, in this process or a pool of workers,
telling the progress meter of each result."""

from __future__ import annotations

import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from cleaner.batch.interrupt import ctrl_c_held
from cleaner.batch.meter import Meter
from cleaner.batch.options import Options
from cleaner.batch.plan import STDIN
from cleaner.batch.work import Item, init_worker
from cleaner.core.site import SiteTable

# Items sent to a worker at a time: small enough to keep both workers busy to the end.
RUNNER_CHUNK = 4
# How often a feeder waiting for a free slot checks whether the run has failed.
FEEDER_POLL_S = 0.1
# How long a failed run waits for the pool to end. `Pool.terminate` may wait forever for
# the result queue's lock: held by a worker it killed while that worker sent a result (a
# CPython race, seen when the reader of `-o -` goes away), or by a worker still blocked
# sending a result nobody reads. The run ends anyway, and kills the workers left.
POOL_TERMINATE_S = 5.0


class Runner:
    """Maps a function over items in input order, in this process or a pool of workers.

    The pool gets one continuous stream of items, but its feeder blocks once
    `options.window` items are in flight, so memory stays bounded and no worker waits
    for a batch boundary.
    """

    def __init__(self, options: Options, table: SiteTable | None, cache: Path | None) -> None:
        self.options = options
        args = (options, table, str(cache) if cache else None)
        self.pool = None
        # Set when the run fails: the feeder stops waiting for a slot nobody will free.
        self.stopping = threading.Event()
        if options.jobs > 1:
            self.pool = get_context("fork").Pool(options.jobs, _init_pool_worker, args)
        else:
            init_worker(*args)

    def map(self, func: Callable[[Item], Any], items: Iterable[Item]) -> Iterator[Any]:
        if self.pool is None:
            yield from map(func, items)
            return
        # A chunk goes to a worker only when whole: a smaller window would never fill one.
        in_flight = threading.BoundedSemaphore(max(self.options.window, RUNNER_CHUNK))

        def feed() -> Iterator[Item]:
            for item in items:
                while not in_flight.acquire(timeout=FEEDER_POLL_S):
                    if self.stopping.is_set():
                        return
                yield item

        for result in self.pool.imap(func, feed(), chunksize=RUNNER_CHUNK):
            in_flight.release()
            yield result

    def close(self, *, failed: bool = False) -> None:
        if self.pool is None:
            return
        if failed:
            # Ctrl-C pressed again must not cut the ending short (workers left behind).
            with ctrl_c_held():
                self._end(self.pool)
            return
        self.pool.close()
        self.pool.join()

    def _end(self, pool: Any) -> None:
        """End a failed run's pool, never waiting longer than `POOL_TERMINATE_S`."""
        # terminate() waits for the pool's feeder thread, which may be waiting for a slot:
        # tell it to stop first.
        self.stopping.set()
        ender = threading.Thread(target=pool.terminate, daemon=True)
        ender.start()
        ender.join(POOL_TERMINATE_S)
        if ender.is_alive():
            _kill_workers(pool)
            return  # join() would wait for the same thread
        pool.join()


def _kill_workers(pool: Any) -> None:
    """End the workers a stuck `Pool.terminate` left, so that a long-lived caller keeps
    no process. The pool is unusable after: a worker killed while waiting for a task
    holds the task queue's lock, so nothing may call `terminate` on it again (its exit
    handler ran when the stuck call began)."""
    for worker in list(pool._pool):  # the pool has no public list of its workers
        if worker.is_alive():
            worker.kill()
            worker.join(POOL_TERMINATE_S)


def _init_pool_worker(options: Options, table: SiteTable | None, cache: str | None) -> None:
    # Ctrl-C reaches the whole process group: the main process ends the pool, so a
    # worker printing its own traceback would only bury the one line that matters.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(options, table, cache)


def metered(
    results: Callable[[Iterable[Item]], Iterator[Any]], items: Iterable[Item], meter: Meter | None
) -> Iterator[Any]:
    """`results(items)`, telling `meter` of each item once its result is taken.

    Results come back in input order, so the items' places wait in a queue (no more
    than the runner's window of them) until their results arrive.
    """
    if meter is None:
        yield from results(items)
        return
    places: deque[tuple[int, Path | None, int | None]] = deque()

    def noted() -> Iterator[Item]:
        for item in items:
            # Stdin's size is not in the bar's total (it is read after the bar starts).
            path = None if item.source.display == STDIN else item.source.path
            places.append((item.number, path, item.offset))
            yield item

    for result in results(noted()):
        yield result
        meter.advance(*places.popleft())
    meter.finish()


def meter_for(options: Options, phase: str, documents_total: int | None = None) -> Meter | None:
    if options.progress is None:
        return None
    return Meter(phase, options.progress, documents_total)
