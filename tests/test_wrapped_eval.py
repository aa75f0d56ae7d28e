"""The wrapped copies of the validation texts (cleaner/evaluation/wrapped.py)."""

from __future__ import annotations

from cleaner.evaluation.jobs import ControlJob, DumpJob
from cleaner.evaluation.metric import tokens
from cleaner.evaluation.wrapped import TOOLS, jobs, wrap

LONG = (
    "The county council voted on Tuesday to keep the old ferry running for another three "
    "summers, after a petition signed by more than four thousand residents asked it not to."
)


def test_wrap_breaks_long_lines_only_and_moves_no_word() -> None:
    text = f"Home\nNews\n{LONG}\nContact us\n"
    wrapped = wrap(text, 40)
    lines = wrapped.splitlines()
    assert lines[:2] == ["Home", "News"] and lines[-1] == "Contact us"
    assert all(len(line) <= 40 for line in lines)
    assert len(lines) > 4
    assert tokens(wrapped) == tokens(text)


def test_jobs_wrap_every_gold_body_and_the_dumps_of_the_tools_named() -> None:
    dump_jobs = [DumpJob(tool, "p1", LONG, LONG, None) for tool in (*TOOLS, "readability")]
    control_jobs = [ControlJob("p1", LONG, None)]
    dumps, controls = jobs(dump_jobs, control_jobs)
    assert sorted(job.tool for job in dumps) == sorted(TOOLS)
    assert all(job.dump == wrap(LONG) and job.gold == LONG for job in dumps)
    assert [job.gold for job in controls] == [wrap(LONG)]


def test_wrap_leaves_a_word_longer_than_the_width_whole() -> None:
    address = "https://example.org/" + "ferry-" * 20
    wrapped = wrap(f"Read the council's report at {address} before Tuesday.\n", 40)
    assert address in wrapped.splitlines()
