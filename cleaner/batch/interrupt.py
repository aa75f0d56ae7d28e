"""Ctrl-C held off while a run tidies up, and after the first press on the command line.

A run stopped by Ctrl-C still ends its workers and deletes its scratch folder (a few
seconds under load). Pressed again meanwhile, Ctrl-C broke into that tidying and left
`/tmp/cleaner-*` behind; the run is stopping anyway, so the second press is ignored.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ignore SIGINT inside the block, then give the caller's handler back (a library
    caller of the batch runs keeps its own). Only the main thread may set a signal
    handler, and only there does Python raise KeyboardInterrupt: elsewhere, nothing. Nor
    where the handler was set outside Python (None), which Python could not set back."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is None
    ):
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stop_at_first_ctrl_c() -> None:
    """For the command line, whose process ends with the run: the first Ctrl-C stops
    the command (KeyboardInterrupt) and every later one is ignored from that very signal
    on, so none can cut the tidying or the command's last line short (with `ctrl_c_held`
    alone, a second press within a millisecond came before the hold). Main thread only."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _first_ctrl_c)


def _first_ctrl_c(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt
