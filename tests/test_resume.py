"""The resume table: what a run finished survives a kill, and a bad state file costs only time."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from trees import tree_bytes

from cleaner.batch import Options, resume, run
from cleaner.batch.resume import COMMIT_EVERY, FileStates
from cleaner.config import Config

SAVED = {"fingerprint": "1", "site": "example.com", "record": {"status": "changed"}}


def test_records_come_back_after_close(tmp_path: Path) -> None:
    path = tmp_path / ".cleaner" / "files.sqlite"
    states = FileStates(path)
    states.put("a.txt", SAVED)
    states.put("a.txt", {**SAVED, "fingerprint": "2"})  # cleaned again: the newer record
    states.close()
    again = FileStates(path)
    assert json.loads(again.get("a.txt") or "")["fingerprint"] == "2"
    assert again.get("b.txt") is None
    again.close()


def test_a_first_run_looks_up_without_making_a_file(tmp_path: Path) -> None:
    states = FileStates(tmp_path / ".cleaner" / "files.sqlite")
    assert states.get("a.txt") is None
    states.close()
    assert not (tmp_path / ".cleaner").exists()


def test_a_name_that_is_not_utf8_is_kept(tmp_path: Path) -> None:
    name = "caf\udce9.txt"  # how Python reads the Latin-1 file name "café.txt"
    states = FileStates(tmp_path / "files.sqlite")
    states.put(name, {**SAVED, "record": {"path": name}})
    states.close()
    again = FileStates(tmp_path / "files.sqlite")
    assert json.loads(again.get(name) or "")["record"]["path"] == name
    assert again.get("café.txt") is None
    again.close()


def test_committed_records_survive_a_process_that_dies(tmp_path: Path) -> None:
    path = tmp_path / "files.sqlite"
    script = (
        "import os, sys; from pathlib import Path; from cleaner.batch.resume import FileStates; "
        "states = FileStates(Path(sys.argv[1])); "
        f"[states.put(f'{{n}}.txt', {{'n': n}}) for n in range({COMMIT_EVERY + 3})]; "
        "os._exit(0)"  # no close: as a kill would leave it
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    states = FileStates(path)
    found = [n for n in range(COMMIT_EVERY + 3) if states.get(f"{n}.txt")]
    # The committed group is there; the last few were not committed and are cleaned again.
    assert found == list(range(COMMIT_EVERY))
    states.close()


def test_an_unreadable_state_file_is_set_aside_and_a_new_one_begun(tmp_path: Path) -> None:
    path = tmp_path / "files.sqlite"
    for attempt in (1, 2):
        path.write_bytes(b"not a database but a torn copy of something else %d" % attempt * 20)
        states = FileStates(path)
        assert states.get("a.txt") is None
        states.put("a.txt", SAVED)
        states.close()
        again = FileStates(path)
        assert again.get("a.txt")
        again.close()
        path.unlink()
    # Nothing is deleted: each unreadable file is kept beside it, under a name of its own.
    aside = sorted(p.read_bytes()[-1:] for p in tmp_path.glob("files.sqlite.unreadable-*"))
    assert aside == [b"1", b"2"]


def test_a_state_file_another_process_holds_is_read_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "files.sqlite"
    states = FileStates(path)
    states.put("a.txt", SAVED)
    states.close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        states = FileStates(path)
        started = time.monotonic()
        assert states.get("a.txt")  # read as it is
        for n in range(5):
            states.put(f"{n}.txt", SAVED)  # not kept, and not waited for each time
        states.close()
        assert time.monotonic() - started < 5 * resume.BUSY_TIMEOUT_S
    finally:
        holder.rollback()
        holder.close()
    assert not list(tmp_path.glob("*.unreadable*"))  # a busy database is no broken one
    again = FileStates(path)
    assert again.get("a.txt") and again.get("0.txt") is None
    again.close()


def test_a_state_file_that_cannot_be_written_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "files.sqlite"
    states = FileStates(path)
    states.put("a.txt", SAVED)
    states.close()

    def read_only(path: Path) -> Any:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(resume, "_open", read_only)
    states = FileStates(path)
    assert states.get("a.txt")
    states.put("b.txt", SAVED)
    states.close()
    assert path.exists() and not list(tmp_path.glob("*.unreadable*"))


def _corpus(folder: Path, files: int) -> Path:
    for n in range(files):
        site = folder / f"site{n % 2}"
        site.mkdir(parents=True, exist_ok=True)
        body = f"Harbour news {n}\n\nThe harbour board met on day {n} and agreed to dredge."
        (site / f"{n:03d}.txt").write_text(body + "\n\nShare this article\n", encoding="utf-8")
    return folder


def _records(out: Path) -> set[str]:
    with sqlite3.connect(out / ".cleaner" / "files.sqlite") as db:
        return {row[0].decode() for row in db.execute("SELECT output FROM files")}


def test_two_workers_keep_every_record_and_a_rerun_completes_them(tmp_path: Path) -> None:
    # The pool's feeder thread looks records up while the main thread stores them.
    corpus, out = _corpus(tmp_path / "in", 40), tmp_path / "out"
    outputs = {f"site{n % 2}/{n:03d}.txt" for n in range(40)}
    run([corpus], out, options=Options(jobs=2), report_path=out / "report.json")
    assert _records(out) == outputs
    lost = sorted(name for name in outputs if name.startswith("site0/"))
    with sqlite3.connect(out / ".cleaner" / "files.sqlite") as db:
        db.executemany("DELETE FROM files WHERE output = ?", [(n.encode(),) for n in lost])
    assert _records(out) == outputs - set(lost)
    kept, redone = out / "site1" / "001.txt", out / "site0" / "000.txt"
    before = {path: path.stat().st_mtime_ns for path in (kept, redone)}
    time.sleep(0.01)
    run([corpus], out, options=Options(jobs=2), report_path=out / "report.json")
    assert _records(out) == outputs
    assert kept.stat().st_mtime_ns == before[kept]  # its record was there: skipped
    assert redone.stat().st_mtime_ns != before[redone]  # cleaned again, and kept now


def test_a_record_of_an_output_a_later_run_replaced_is_not_trusted(tmp_path: Path) -> None:
    # Run A finishes; run B (other settings) rewrites three outputs and is killed before
    # it keeps their records; a rerun with A's settings must not take B's outputs for A's.
    corpus, out, reference = _corpus(tmp_path / "in", 6), tmp_path / "out", tmp_path / "ref"
    run([corpus], reference, options=Options(jobs=1))
    run([corpus], out, options=Options(jobs=1))
    killed_after_three = (
        "import os, sys; from pathlib import Path; import cleaner.batch as batch; "
        "from cleaner.batch.outputs import Outputs; write = Outputs.write; done = []\n"
        "def write_then_die(self, outcome):\n"
        "    record = write(self, outcome); done.append(1)\n"
        "    if len(done) == 3: os._exit(9)\n"
        "    return record\n"
        "Outputs.write = write_then_die\n"
        "batch.run([Path(sys.argv[1])], Path(sys.argv[2]), "
        "options=batch.Options(jobs=1, site_boilerplate=False))"
    )
    # Killed, run B cannot delete its scratch folder: keep it out of the real TMPDIR.
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    command = [sys.executable, "-c", killed_after_three, str(corpus), str(out)]
    died = subprocess.run(command, env=env)
    assert died.returncode == 9
    assert tree_bytes(out) != tree_bytes(reference)  # B's text is in three outputs
    run([corpus], out, options=Options(jobs=1))
    assert tree_bytes(out) == tree_bytes(reference)


def test_a_rerun_after_an_upgrade_cleans_every_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New rules, phrases or a retrained line model change outputs: nothing the old code
    # wrote may be taken for finished work.
    corpus, out = _corpus(tmp_path / "in", 4), tmp_path / "out"
    run([corpus], out, options=Options(), report_path=out / "report.json")
    output = out / "site0" / "000.txt"
    before = output.stat().st_mtime_ns
    time.sleep(0.01)
    run([corpus], out, options=Options(), report_path=out / "report.json")
    assert output.stat().st_mtime_ns == before  # same code: skipped
    monkeypatch.setattr("cleaner.batch.outputs.code_stamp", lambda: "a newer cleaner")
    run([corpus], out, options=Options(), report_path=out / "report.json")
    assert output.stat().st_mtime_ns != before


def test_the_code_stamp_covers_the_version_and_the_data_files() -> None:
    stamp = resume.code_stamp()
    assert len(stamp) == 32
    names = {p.name for pattern in resume.DATA_FILES for p in resume.PACKAGE_DIR.glob(pattern)}
    assert {"en.toml", "line_model.json", "page_kind.json"} <= names


def test_a_rerun_after_refitting_ones_own_page_kind_weights_cleans_again(
    tmp_path: Path,
) -> None:
    # A weights file of one's own, refitted in place under the same name, changes
    # outputs as an upgrade does.
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    weights = tmp_path / "page_kind.json"
    weights.write_bytes((resume.PACKAGE_DIR / "page_kind.json").read_bytes())
    options = Options(config=Config(fullpage_model_file=str(weights)))
    run([corpus], out, options=options, report_path=out / "report.json")
    output = out / "site0" / "000.txt"
    before = output.stat().st_mtime_ns
    time.sleep(0.01)
    run([corpus], out, options=options, report_path=out / "report.json")
    assert output.stat().st_mtime_ns == before  # same weights: skipped
    weights.write_text(weights.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run([corpus], out, options=options, report_path=out / "report.json")
    assert output.stat().st_mtime_ns != before
