"""`make bench`: speed and memory on real data, as ratios to baselines measured in the same run.

The corpus is every dump in ../shared/data (the eight extractors' outputs of
the aeb pages and the FakeNewsCorpus rows), written out as files and repeated
until it reaches the requested size. Measured, each on the same files:

- floor: read each file, `splitlines`, one compiled regex search per line;
- cleaner, text path, with 1 and 2 worker processes (`cleaner.batch.local.run`,
  outputs written, site counting on);
- the same on Dask: a LocalCluster of 2 worker processes (`--engine dask
  --workers 2`), timed from a started cluster, its start-up given apart;
- datatrove's C4QualityFilter cleaning the same documents (one process);
- HTML: `clean_html` against `trafilatura.extract` alone on the aeb pages;
- peak RSS of `cleaner clean` on a corpus and on one ten times larger, with and
  without the HTML report.

Machines are noisy, so every figure is also given as a ratio to a baseline
measured in the same run. The text-path baselines and the cleaner take turns,
a quarter of the site folders at a time (each folder is a site of its own, so
cleaning some alone is the same work), and the times are summed: a slow stretch
of a shared machine then falls on all of them alike instead of on whichever ran
in it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from cleaner.batch.local import run
from cleaner.batch.options import Options
from cleaner.evaluation import data


def _dumps(root: Path) -> list[str]:
    texts = []
    for tool in data.dump_tools(root):
        texts += [doc for doc in data.load_dump(root, tool).texts.values() if doc.strip()]
    texts += [data.fakenews_dump(row) for row in data.load_fakenews(root).values()]
    return texts


def build_corpus(texts: list[str], folder: Path, size_mb: float) -> tuple[int, int]:
    """Write the dumps as files, repeated until `size_mb` megabytes; return (files, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = int(size_mb * 1e6)
    written = files = copy = 0
    while written < target:
        # Each copy is its own "site" folder, as a crawl of many sites would be.
        site = folder / f"site{copy:03d}"
        site.mkdir()
        for number, text in enumerate(texts):
            raw = text.encode("utf-8")
            (site / f"{number:05d}.txt").write_bytes(raw)
            written += len(raw)
            files += 1
            if written >= target:
                break
        copy += 1
    return files, written


def _files(folders: list[Path]) -> list[Path]:
    return [path for folder in folders for path in sorted(folder.rglob("*.txt"))]


def _timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def floor(folders: list[Path]) -> None:
    """Read, split into lines, one regex search per line: the least any line cleaner does."""
    pattern = re.compile(r"share this|advertisement|©")
    for path in _files(folders):
        for line in path.read_text("utf-8").splitlines():
            pattern.search(line)


def c4(folders: list[Path]) -> None:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    step = C4QualityFilter()
    for path in _files(folders):
        step.filter(Document(text=path.read_text("utf-8"), id=path.name))


def cleaner_text(folders: list[Path], out: Path, jobs: int) -> None:
    shutil.rmtree(out, ignore_errors=True)
    run(folders, out, options=Options(jobs=jobs), report_path=out / "report.json")


# Turns the text-path runs take over the corpus: a few, as each run of the cleaner
# starts its worker pools anew.
TURNS = 4


def _taking_turns(corpus: Path, base: Path) -> dict[str, float]:
    """Seconds of the floor, the cleaner (1 and 2 workers) and the C4 filter over the
    corpus, measured a few site folders at a time, each in turn."""
    runs: dict[str, Callable[[list[Path]], object]] = {
        "floor": floor,
        "cleaner_1_worker": lambda folders: cleaner_text(folders, base / "out1", 1),
        "cleaner_2_workers": lambda folders: cleaner_text(folders, base / "out2", 2),
        "datatrove_c4": c4,
    }
    times = dict.fromkeys(runs, 0.0)
    sites = sorted(corpus.iterdir())
    size = -(-len(sites) // TURNS)  # rounded up
    for start in range(0, len(sites), size):
        for name, func in runs.items():
            times[name] += _timed(partial(func, sites[start : start + size]))
    return times


def cleaner_dask(folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """Seconds to start a LocalCluster of `workers`, and to clean `folder` on it."""
    from distributed import Client

    from cleaner.batch.dask_engine import local_cluster, run_dask

    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        run_dask([str(folder)], str(out), client, report_path=str(out / "report.json"))
        finished = time.perf_counter()
    return started - start, finished - started


def _pages(root: Path, repeat: int) -> list[bytes]:
    pages = [data.read_page(root, page_id) for page_id in data.load_ground_truth(root)]
    return pages * repeat


def html_cleaner(pages: list[bytes]) -> None:
    from cleaner import clean_html

    for page in pages:
        clean_html(page)


def html_trafilatura(pages: list[bytes]) -> None:
    import trafilatura

    for page in pages:
        trafilatura.extract(data.decode_page(page))


def peak_rss_mb(folder: Path, out: Path, jobs: int, *extra: str) -> float:
    """Peak RSS of any process of a `cleaner clean` run (a fresh interpreter measures it)."""
    shutil.rmtree(out, ignore_errors=True)
    script = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    command = [sys.executable, "-m", "cleaner", "clean", str(folder), "-o", str(out), "-q"]
    done = subprocess.run(
        [sys.executable, "-c", script, *command, "-j", str(jobs), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def bench(size_mb: float = 100, memory_mb: float = 10, html_repeat: int = 3) -> dict[str, Any]:
    root = data.data_dir()
    texts = _dumps(root)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results: dict[str, Any] = {"date": date.today().isoformat(), "machine": machine}
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as scratch:
        base = Path(scratch)
        corpus = base / "corpus"
        files, size = build_corpus(texts, corpus, size_mb)
        results["text_corpus"] = {"files": files, "mb": round(size / 1e6, 1)}
        times = _taking_turns(corpus, base)
        dask_start, times["dask_2_workers"] = cleaner_dask(corpus, base / "outdask", 2)
        text = {
            name: {
                "seconds": round(seconds, 2),
                "mb_per_s": round(size / 1e6 / seconds, 2),
                "docs_per_s": round(files / seconds, 1),
            }
            for name, seconds in times.items()
        }
        text["ratios"] = {
            "cleaner_1_worker_vs_floor": round(times["cleaner_1_worker"] / times["floor"], 1),
            "datatrove_c4_vs_cleaner_1_worker": round(
                times["datatrove_c4"] / times["cleaner_1_worker"], 2
            ),
            "speedup_2_workers": round(times["cleaner_1_worker"] / times["cleaner_2_workers"], 2),
            # Above 1: the Dask engine's overhead over the local pool, same corpus, same cores.
            "dask_2_workers_vs_cleaner_2_workers": round(
                times["dask_2_workers"] / times["cleaner_2_workers"], 2
            ),
            "dask_cluster_start_seconds": round(dask_start, 2),
        }
        results["text"] = text

        pages = _pages(root, html_repeat)
        html_times = {
            "trafilatura_extract": _timed(lambda: html_trafilatura(pages)),
            "clean_html": _timed(lambda: html_cleaner(pages)),
        }
        results["html"] = {
            name: {"seconds": round(s, 2), "pages_per_s": round(len(pages) / s, 1)}
            for name, s in html_times.items()
        }
        results["html"]["ratio_clean_html_vs_trafilatura"] = round(
            html_times["clean_html"] / html_times["trafilatura_extract"], 2
        )

        small, large = base / "mem1", base / "mem10"
        build_corpus(texts, small, memory_mb)
        build_corpus(texts, large, memory_mb * 10)
        rss_small = peak_rss_mb(small, base / "memout1", 2)
        rss_large = peak_rss_mb(large, base / "memout10", 2)
        # The batch alone: the HTML report written after it holds a bounded sample of
        # records (up to 1,100), which fills with larger records as the corpus grows.
        flat_small = peak_rss_mb(small, base / "memout1f", 2, "--no-html-report")
        flat_large = peak_rss_mb(large, base / "memout10f", 2, "--no-html-report")
        results["memory"] = {
            "corpus_mb": memory_mb,
            "peak_rss_mb_1x": round(rss_small, 1),
            "peak_rss_mb_10x": round(rss_large, 1),
            "ratio_10x_vs_1x": round(rss_large / rss_small, 2),
            "without_html_report_peak_rss_mb_1x": round(flat_small, 1),
            "without_html_report_peak_rss_mb_10x": round(flat_large, 1),
            "without_html_report_ratio_10x_vs_1x": round(flat_large / flat_small, 2),
        }
    return results


def write(results: dict[str, Any], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "bench.json"
    path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return path
