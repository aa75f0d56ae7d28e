"""The resume table: what a run finished survives a kill, and a bad state file costs only time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cleaner.resume import COMMIT_EVERY, FileStates


def test_records_come_back_after_close(tmp_path: Path) -> None:
    path = tmp_path / ".cleaner" / "files.sqlite"
    states = FileStates(path)
    states.put("a.txt", '{"fingerprint": "1"}')
    states.put("a.txt", '{"fingerprint": "2"}')  # a file cleaned again: the newer record
    states.close()
    again = FileStates(path)
    assert again.get("a.txt") == '{"fingerprint": "2"}'
    assert again.get("b.txt") is None
    again.close()


def test_a_first_run_looks_up_without_making_a_file(tmp_path: Path) -> None:
    states = FileStates(tmp_path / ".cleaner" / "files.sqlite")
    assert states.get("a.txt") is None
    states.close()
    assert not (tmp_path / ".cleaner").exists()


def test_committed_records_survive_a_process_that_dies(tmp_path: Path) -> None:
    path = tmp_path / "files.sqlite"
    script = (
        "import os, sys; from pathlib import Path; from cleaner.resume import FileStates; "
        "states = FileStates(Path(sys.argv[1])); "
        f"[states.put(f'{{n}}.txt', 'saved') for n in range({COMMIT_EVERY + 3})]; "
        "os._exit(0)"  # no close: as a kill would leave it
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    states = FileStates(path)
    found = [n for n in range(COMMIT_EVERY + 3) if states.get(f"{n}.txt") == "saved"]
    # The committed group is there; the last few were not committed and are cleaned again.
    assert found == list(range(COMMIT_EVERY))
    states.close()


def test_an_unreadable_state_file_is_set_aside_and_a_new_one_begun(tmp_path: Path) -> None:
    path = tmp_path / "files.sqlite"
    path.write_bytes(b"this is not a database, it is a torn copy of something else" * 20)
    states = FileStates(path)
    assert states.get("a.txt") is None
    states.put("a.txt", "saved")
    states.close()
    again = FileStates(path)
    assert again.get("a.txt") == "saved"
    again.close()
    # Nothing is deleted: the old file is kept beside it.
    assert (tmp_path / "files.sqlite.unreadable").read_bytes().startswith(b"this is not")
