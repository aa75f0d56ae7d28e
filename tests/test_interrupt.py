"""Ctrl-C pressed again while a stopped run tidies up: the tidying still finishes."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from ctrl_c import pressed

from cleaner.batch import local, sites
from cleaner.batch.interrupt import ctrl_c_held, stop_at_first_ctrl_c
from cleaner.batch.options import Options
from cleaner.batch.runner import Runner


def _own_handler(signum: int, frame: FrameType | None) -> None:
    raise AssertionError("the caller's handler ran inside the held block")


def test_sigint_is_ignored_inside_and_the_callers_handler_comes_back() -> None:
    before = signal.signal(signal.SIGINT, _own_handler)
    try:
        with ctrl_c_held():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C: nothing happens
        assert signal.getsignal(signal.SIGINT) is _own_handler
    finally:
        signal.signal(signal.SIGINT, before)


def test_the_handler_comes_back_when_the_block_raises() -> None:
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), ctrl_c_held():
        raise KeyboardInterrupt
    assert signal.getsignal(signal.SIGINT) is before


def test_off_the_main_thread_nothing_changes() -> None:
    """Only the main thread may set a handler: a run in a worker thread must not fail."""
    seen: list[Any] = []

    def work() -> None:
        with ctrl_c_held():
            seen.append(signal.getsignal(signal.SIGINT))

    before = signal.getsignal(signal.SIGINT)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [before]


def test_a_second_ctrl_c_while_tidying_up_leaves_no_scratch_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first Ctrl-C stops the run; a second one, pressed while the workers are ended
    and while the scratch folder is deleted, broke into both and left the folder."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Harbour news\n\nThe board met on Monday evening.\n")
    made: list[str] = []
    real_mkdtemp, real_rmtree, real_close = tempfile.mkdtemp, shutil.rmtree, Runner.close

    def mkdtemp(*args: Any, **kwargs: Any) -> str:
        made.append(real_mkdtemp(*args, **kwargs))
        return made[-1]

    def close(self: Runner, *, failed: bool = False) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_close(self, failed=failed)

    def rmtree(path: Any, *args: Any, **kwargs: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    monkeypatch.setattr(local, "metered", pressed)  # the first Ctrl-C, while cleaning
    monkeypatch.setattr(Runner, "close", close)
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        local.run([source], tmp_path / "out", options=Options(jobs=1))
    assert made and not any(os.path.exists(path) for path in made)
    assert signal.getsignal(signal.SIGINT) is before


def test_a_second_ctrl_c_cuts_no_ending_of_the_first_pass_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped while the first pass counts the sites' lines, the run ends that pass's
    pool too: a second Ctrl-C broke into it and left it ending in the background."""
    source = tmp_path / "in"
    source.mkdir()
    for n in range(4):
        (source / f"{n}.txt").write_text(f"Harbour news {n}\n\nThe board met on Monday.\n")
    ended: list[bool] = []
    real_end = Runner._end

    def end(self: Runner, pool: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_end(self, pool)
        ended.append(True)

    monkeypatch.setattr(sites, "metered", pressed)  # the first Ctrl-C, while counting
    monkeypatch.setattr(Runner, "_end", end)
    with pytest.raises(KeyboardInterrupt):
        local.run([source], tmp_path / "out", options=Options(jobs=2))
    assert ended == [True]


def test_a_handler_set_outside_python_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python reads such a handler as None and could not set it back: no hold then."""
    calls: list[Any] = []
    monkeypatch.setattr(signal, "getsignal", lambda signum: None)
    monkeypatch.setattr(signal, "signal", lambda *args: calls.append(args))
    with ctrl_c_held():
        pass
    assert calls == []


def test_on_the_command_line_the_first_ctrl_c_stops_and_later_ones_are_ignored() -> None:
    """From the first signal on: a second one a millisecond later cuts nothing short."""
    stop_at_first_ctrl_c()  # the suite's fixture gives pytest its handler back
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # the handler runs between two bytecodes
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    os.kill(os.getpid(), signal.SIGINT)  # ignored
