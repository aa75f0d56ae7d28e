# The two set-up commands: `make run` (clean corpus/ into out/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test check lint eval bench fuzz clean-out browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

run: $(STAMP)
	rm -rf out
	$(BIN)/cleaner clean corpus -o out

# The browser tests drive Debian's Chromium (Playwright's own browser download fails here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends chromium; }

test: $(DEV_STAMP) browser
	$(BIN)/python -m pytest

# The property tests with many random examples (FUZZ_EXAMPLES, default 10000): minutes.
fuzz: $(DEV_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py tests/test_fuzz_batch.py

lint: $(DEV_STAMP)
	$(BIN)/ruff check cleaner tests
	$(BIN)/ruff format --check cleaner tests

check: lint test
	$(BIN)/mypy cleaner

EVAL_STAMP := $(VENV)/.installed-eval
$(EVAL_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[eval]'
	touch $@ $(STAMP)

# The validation dumps are cached in eval-out/dumps-cache (or in $CLEANER_EVAL_CACHE).
eval: $(EVAL_STAMP)
	$(BIN)/cleaner eval -o eval-out

BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@ $(STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/cleaner bench -o bench-out

clean-out:
	rm -rf out eval-out
