"""Guards a crafted document meets before it can cost much: long lines, deep HTML, slow rules.

Each check is cheap and raises `InputError` (or `DocumentTimeout`) with what to do
about it; the batch reports the document as failed and goes on. The numbers come
from `Config` (max_line_chars, max_html_depth, doc_time_budget_s).
"""

from __future__ import annotations

import gc
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cleaner.core.errors import InputError

# Elements that never hold others, and elements whose end tag may be left out
# (a page of unclosed <p> is normal HTML, not deep nesting).
VOID_OR_OPTIONAL_END = frozenset(
    (
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th"),
        *("thead", "tbody", "tfoot", "option", "optgroup", "colgroup", "caption", "rt", "rp"),
    )
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")


class DocumentTimeout(Exception):
    """A document took longer than the per-document time budget."""


def check_line_length(text: str, limit: int) -> None:
    """Refuse text with a line longer than `limit` characters (a crafted or broken dump)."""
    if limit <= 0 or len(text) <= limit:
        return
    start, number = 0, 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            raise InputError(
                f"line {number} is {end - start:,} characters long, over the "
                f"max_line_chars limit of {limit:,}; it is not prose a rule can judge: "
                "split the line, or raise max_line_chars in the config",
                kind="too_large",
            )
        start, number = end + 1, number + 1


def check_html_depth(html: str, limit: int) -> None:
    """Refuse HTML nested deeper than `limit` elements before any parser walks it.

    Counts open minus closed tags, skipping void elements and those whose end tag
    may be left out, so it never undercounts a crafted page.
    """
    if limit <= 0:
        return
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in VOID_OR_OPTIONAL_END:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > limit:
            raise InputError(
                f"the HTML nests elements more than {limit:,} deep; no real page does, so "
                "it is broken or crafted: fix the file, or raise max_html_depth in the config",
                kind="too_deep",
            )


# After the budget, the alarm goes off again this often until the document stops.
ALARM_REPEAT_S = 0.05


# When the alarm lands where it cannot raise, it goes off again this soon.
ALARM_RETRY_S = 0.001


def _on_alarm(signum: int, frame: Any) -> None:
    if _cannot_raise(frame):
        # Python would drop the exception there: try again just after.
        signal.setitimer(signal.ITIMER_REAL, ALARM_RETRY_S, ALARM_REPEAT_S)
        return
    raise DocumentTimeout()


def _cannot_raise(frame: Any) -> bool:
    """Whether `frame` runs inside a garbage-collector hook (`gc.callbacks`) or a
    finaliser (`__del__`), which pass no exception on. (Weak-reference callbacks do
    not either, and are not recognised: there the exception is lost, and the alarm
    that repeats raises it.)"""
    hooks = {_code(hook) for hook in gc.callbacks}
    while frame is not None:
        if frame.f_code in hooks or frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


def _code(hook: Any) -> Any:
    """The code object a gc hook runs: a function's, a method's, a partial's, or a
    callable object's `__call__`."""
    target = getattr(hook, "func", hook)  # functools.partial
    target = getattr(target, "__func__", target)  # a bound method
    code = getattr(target, "__code__", None)
    if code is None:
        call = type(target).__call__ if callable(target) else None
        code = getattr(call, "__code__", None)
    return code


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in the body after `seconds` (0 turns it off).

    A SIGALRM timer, so the running document is interrupted at the next Python
    bytecode, in the main thread of this process (each worker is one). Elsewhere
    (another thread, no SIGALRM) the budget is not enforced.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    # The alarm repeats until the document stops; one that goes off where Python would
    # drop the exception (a garbage-collector hook) raises nothing and comes again.
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT_S)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # an alarm landing just before the timer stops still restores this
            signal.signal(signal.SIGALRM, previous)
