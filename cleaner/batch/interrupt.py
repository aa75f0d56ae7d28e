"""Ctrl-C held off while a run tidies up.

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
    handler, and only there does Python raise KeyboardInterrupt: elsewhere, nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        # None: a handler not set from Python, which Python cannot set back.
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
