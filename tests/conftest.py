"""Shared fixtures: paths to the project's corpus and to the real data beside the repo."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
DATA = Path(os.environ.get("CLEANER_DATA", SHARED / "data"))
SEED = SHARED / "seeds" / "000_5236c13289e032d2.txt"

# Rich wraps output at the terminal width: fix it so CLI output is stable.
os.environ.setdefault("COLUMNS", "120")
os.environ.setdefault("TERM", "dumb")


# pytest's own Ctrl-C handler, read before any test runs.
PYTEST_SIGINT = signal.getsignal(signal.SIGINT)


@pytest.fixture(autouse=True)
def _sigint_handler_kept() -> Iterator[None]:
    """The CLI sets its own Ctrl-C handler (its process ends with the command): each
    test, and a module's fixture that ran a command in this process, gives pytest's
    back."""
    signal.signal(signal.SIGINT, PYTEST_SIGINT)
    yield
    signal.signal(signal.SIGINT, PYTEST_SIGINT)


@pytest.fixture(scope="session")
def large_report_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic report.json of 100,000 documents (dumps of 1,000 under `dumps/` beside it)."""
    from report_data import large_report

    return large_report(tmp_path_factory.mktemp("large-report"))


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"the seed dump is missing: {SEED} (../shared must sit beside the repo)")
    return SEED.read_text(encoding="utf-8")


# Property tests: a small derandomized run in the suite; `make fuzz` picks the long one.
settings.register_profile(
    "suite",
    derandomize=True,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
