"""Dumps made from the validation sets' HTML pages by real extractors, cached on disk.

Public API (the evaluation, and the line model that learns from these dumps' lines):

    from cleaner.evaluation.data import data_dir, load_ground_truth
    from cleaner.evaluation.dumps import validation_dumps

    texts = validation_dumps(data_dir(), "l3s-dev", ["trafilatura", "html-text"])
    texts["trafilatura"][page_id]     # what trafilatura made of that page ("" if it failed)
    gold = load_ground_truth(data_dir(), "l3s-dev")[page_id].body   # its gold body

`validation_dumps(root, set_name, tools=None, *, cache=None, jobs=2, timeout=TIMEOUT_S,
progress=None) -> {tool: {page_id: text}}`

- `root`: the data folder (`data.data_dir()`); `set_name`: one of `data.VALIDATION_SETS`
  (`l3s-dev`, `aeb-dev`); `tools`: names from `extractors.EXTRACTORS` (None: all, in
  the registry's order). Every page of the set is in each tool's dict, ids sorted.
- Each page is decoded as `clean_html` decodes it (`cleaner.formats.decode.decode`) and given,
  with its gold URL, to the tool. That decoder trusts a page's declared charset: the 26
  l3s pages that declare ISO-8859-1 or windows-1252 but hold UTF-8 reach the tools (and
  `clean_html`) with mojibake ("RÃ¼cker"), and score a little lower against the gold.
- An extractor that raises, or runs past `timeout` seconds on a page (checked between
  Python steps), gives "" for it, and so does one that kills its process; `make_dumps`
  returns the same dumps with each page's status, to count those.
- Dumps are cached in `cache` (else `$CLEANER_EVAL_CACHE`, else `eval-out/dumps-cache`
  under the current folder), one file per page:
  `<cache>/<set>/<tool>/<version>-r<recipe>/<page id>-<input hash>.json`. The input
  hash covers the decoded page and its URL, so a changed page, package version or
  extractor recipe makes a new dump and never reuses an old one.
- Missing dumps are made in `jobs` worker processes (each page once, all its missing
  tools in turn). The same inputs give the same texts, with or without the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from cleaner.atomic import write_atomic
from cleaner.core.errors import InputError
from cleaner.core.limits import DocumentTimeout, time_budget
from cleaner.evaluation import data
from cleaner.evaluation.extractors import EXTRACTORS, REGISTRY, Extractor, no_network

CACHE_ENV = "CLEANER_EVAL_CACHE"
DEFAULT_CACHE = Path("eval-out") / "dumps-cache"
# Seconds one extractor may spend on one page; the slowest real page takes about 2 s.
TIMEOUT_S = 60.0
OK, ERROR, TIMEOUT, CRASHED = "ok", "error", "timeout", "crashed"
# Error messages are cut to this many characters in the cache and the report.
ERROR_CHARS = 200

DumpProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Made:
    """One extractor's text of one page, and how making it went."""

    text: str
    status: str  # OK, ERROR (it raised), TIMEOUT, or CRASHED (its process died)
    error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class PageJob:
    page_id: str
    html: str  # decoded
    url: str | None
    tools: tuple[str, ...]
    timeout: float


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The dump cache: `override`, else $CLEANER_EVAL_CACHE, else ./eval-out/dumps-cache."""
    if override is not None:
        return Path(override)
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


def input_hash(html: str, url: str | None) -> str:
    """What an extractor is given, hashed: the decoded page and its URL."""
    digest = hashlib.sha1((url or "").encode("utf-8") + b"\0")
    digest.update(html.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def cache_path(cache: Path, set_name: str, extractor: Extractor, page_id: str, key: str) -> Path:
    version = f"{extractor.version()}-r{extractor.recipe}"
    return cache / set_name / extractor.name / version / f"{page_id}-{key}.json"


def _read_cached(path: Path) -> Made | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Made(raw["text"], raw["status"], raw.get("error", ""), raw.get("seconds", 0.0))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or torn: made again


def _write_cached(path: Path, made: Made) -> None:
    record = {"status": made.status, "error": made.error, "seconds": made.seconds}
    write_atomic(path, json.dumps({**record, "text": made.text}, ensure_ascii=False))


def run_extractor(extractor: Extractor, html: str, url: str | None, timeout: float) -> Made:
    """One extractor on one page: its text, or "" with the error or the timeout."""
    started = time.perf_counter()
    try:
        with time_budget(timeout):
            text = extractor.run(html, url)
    except DocumentTimeout:
        return Made("", TIMEOUT, f"over {timeout:g} s", time.perf_counter() - started)
    except Exception as error:  # any failure of a third-party package is counted, not raised
        message = f"{type(error).__name__}: {error}"[:ERROR_CHARS]
        return Made("", ERROR, message, time.perf_counter() - started)
    return Made(text if isinstance(text, str) else "", OK, "", time.perf_counter() - started)


def make_page(job: PageJob) -> dict[str, Made]:
    """Every tool of the job on its page, with the network blocked and the packages quiet."""
    # The packages warn and log about odd pages (dates, encodings): not this report's news.
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings(), no_network():
            warnings.simplefilter("ignore")
            return {
                tool: run_extractor(EXTRACTORS[tool], job.html, job.url, job.timeout)
                for tool in job.tools
            }
    finally:
        logging.disable(previous)


def _crashed(job: PageJob, why: str) -> dict[str, Made]:
    return {tool: Made("", CRASHED, why) for tool in job.tools}


def _run_pool(
    jobs: Sequence[PageJob], workers: int, done: Callable[[PageJob, dict[str, Made]], None]
) -> list[PageJob]:
    """Run `jobs` in a pool; return those left undone when a worker process died."""
    left: list[PageJob] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[tuple[PageJob, Future[dict[str, Made]]]] = [
            (job, pool.submit(make_page, job)) for job in jobs
        ]
        for job, future in futures:
            try:
                done(job, future.result())
            except BrokenProcessPool:
                left.append(job)
    return left


def _run_jobs(
    jobs: Sequence[PageJob], workers: int, done: Callable[[PageJob, dict[str, Made]], None]
) -> None:
    """Run every job; a page whose extractor kills its process is marked CRASHED alone."""
    if workers <= 1:
        for job in jobs:
            done(job, make_page(job))
        return
    left = _run_pool(jobs, workers, done)
    # A dead worker takes the pool down: the jobs it left go again one by one, in a
    # process each, so only the page that kills its process is marked.
    for job in left:
        if _run_pool([job], 1, done):
            done(job, _crashed(job, "the extractor's process died on this page"))


def _tool_names(tools: Iterable[str] | None) -> list[str]:
    names = [e.name for e in REGISTRY] if tools is None else list(tools)
    unknown = [name for name in names if name not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; known: {sorted(EXTRACTORS)}")
    return names


def _decoded(root: Path, set_name: str, page_id: str) -> str | None:
    try:
        return data.decode_page(data.read_page(root, page_id, set_name))
    except InputError:
        return None


def make_dumps(
    root: Path,
    set_name: str,
    tools: Iterable[str] | None = None,
    *,
    cache: str | os.PathLike[str] | None = None,
    jobs: int = 2,
    timeout: float = TIMEOUT_S,
    progress: DumpProgress | None = None,
) -> dict[str, dict[str, Made]]:
    """Each tool's `Made` for each page of the set: from the cache, else made now."""
    names = _tool_names(tools)
    folder = cache_dir(cache)
    gold = data.load_ground_truth(root, set_name)
    result: dict[str, dict[str, Made]] = {name: {} for name in names}
    paths: dict[tuple[str, str], Path] = {}
    todo: list[PageJob] = []
    for page_id, entry in gold.items():
        html = _decoded(root, set_name, page_id)
        if html is None:
            for name in names:
                result[name][page_id] = Made("", ERROR, "the page could not be decoded")
            continue
        key = input_hash(html, entry.url)
        missing = []
        for name in names:
            path = cache_path(folder, set_name, EXTRACTORS[name], page_id, key)
            cached = _read_cached(path)
            if cached is None:
                paths[name, page_id] = path
                missing.append(name)
            else:
                result[name][page_id] = cached
        if missing:
            todo.append(PageJob(page_id, html, entry.url, tuple(missing), timeout))

    finished = 0

    def done(job: PageJob, made: dict[str, Made]) -> None:
        nonlocal finished
        for name, one in made.items():
            result[name][job.page_id] = one
            _write_cached(paths[name, job.page_id], one)
        finished += 1
        if progress is not None:
            progress(f"{set_name} dumps", finished, len(todo))

    _run_jobs(todo, jobs, done)
    return {name: dict(sorted(pages.items())) for name, pages in result.items()}


def validation_dumps(
    root: Path,
    set_name: str,
    tools: Iterable[str] | None = None,
    *,
    cache: str | os.PathLike[str] | None = None,
    jobs: int = 2,
    timeout: float = TIMEOUT_S,
    progress: DumpProgress | None = None,
) -> dict[str, dict[str, str]]:
    """`{tool: {page_id: text}}` for every page of the set (see the module docstring)."""
    made = make_dumps(
        root, set_name, tools, cache=cache, jobs=jobs, timeout=timeout, progress=progress
    )
    return {tool: {page_id: m.text for page_id, m in pages.items()} for tool, pages in made.items()}
