"""Ctrl-C held off while a run tidies up, and once the command ends.

A run stopped by Ctrl-C still ends its workers and deletes its scratch folder (a few
seconds under load). Pressed again meanwhile, Ctrl-C broke into that tidying and left
`/tmp/cleaner-*` behind; the run is stopping anyway, so the second press is ignored.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


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


def ignore_ctrl_c() -> None:
    """For the command line once a command is interrupted and its process ends: Ctrl-C
    pressed again (a key held down) would cut its one line short, or end the process by
    signal instead of exit 130. (Main thread only, as above.)"""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
