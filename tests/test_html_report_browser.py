"""The HTML report in a real browser: Debian's headless Chromium, driven by Playwright.

The page is opened from disk (file://), as a person would open OUT/report.html.
Chromium must be at /usr/bin/chromium (or $CLEANER_CHROMIUM); `make test` installs it.
Set CLEANER_SCREENSHOT_DIR to keep the screenshot somewhere else than pytest's tmp_path.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_data import VALVE_NOTES, flagged_report, small_run, summary

from cleaner.report.page import write_html_report

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("CLEANER_CHROMIUM", "/usr/bin/chromium"))
# Without the networking flags Chromium keeps trying to reach Google's hosts, which
# this machine's closed network refuses; --no-sandbox because the tests may run as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: run `make test`, which installs Debian's chromium "
            "(or set CLEANER_CHROMIUM to a Chromium binary)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run `make test` (it installs .[dev])")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("browser-report"))


class Page:
    """A page opened from disk, with every script error and console message collected."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        started = time.perf_counter()
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-rendered]")
        self.load_seconds = time.perf_counter() - started

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def wait_until(self, expression: str, seconds: float = 5) -> None:
        """Poll `expression` (Playwright's wait_for_function needs eval, which the CSP forbids)."""
        deadline = time.monotonic() + seconds
        while not self.page.evaluate(expression):
            assert time.monotonic() < deadline, f"still false after {seconds} s: {expression}"
            time.sleep(0.05)


@pytest.fixture
def page(browser: Any, run_out: Path) -> Iterator[Page]:
    opened = Page(browser, run_out / "report.html")
    yield opened
    assert opened.errors == []
    opened.page.close()


def _visible_kinds(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "#documents .rm:not(.dim)",
        "nodes => nodes.filter(n => n.offsetParent !== null).map(n => n.dataset.kind)",
    )


def test_counts_shown_equal_report_json(page: Page, run_out: Path) -> None:
    expected = summary(run_out / "report.json")
    for name in ("documents", "changed", "unchanged", "failed"):
        shown = page.inner_text(f"#count-{name}")
        assert int(shown.replace(",", "")) == expected[name], name
    rows = page.eval_on_selector_all(
        "#kinds tbody tr",
        "rows => rows.map(r => [r.dataset.kind, r.cells[1].innerText, r.cells[2].innerText])",
    )
    assert {kind: int(n.replace(",", "")) for kind, n, _ in rows} == expected["removals_by_kind"]
    assert {k: int(c.replace(",", "")) for k, _, c in rows} == expected["chars_removed_by_kind"]


def test_kind_filter_hides_the_other_kinds(page: Page) -> None:
    assert {"boilerplate", "copyright", "duplicate_headline"} <= set(_visible_kinds(page))
    page.click('#kind-filters button[data-kind="copyright"]')
    assert set(_visible_kinds(page)) == {"copyright"}
    # The other kinds' spans lose their highlight and label; their text stays readable.
    dimmed = page.eval_on_selector_all(
        "#documents .rm.dim .tag", "tags => tags.filter(t => t.offsetParent !== null).length"
    )
    assert dimmed == 0
    paths = page.eval_on_selector_all("#documents .doc", "docs => docs.map(d => d.dataset.path)")
    assert paths and not any(p.endswith(("quiet.txt", "library.txt")) for p in paths)
    page.click('#kind-filters button[data-kind=""]')
    assert len(set(_visible_kinds(page))) > 1


def test_toggle_between_as_scraped_and_clean(page: Page, run_out: Path) -> None:
    doc = page.locator('#documents .doc[data-path$="ferry.txt"] pre')
    assert "Share this article" in doc.inner_text()
    page.click("#view-clean")
    clean = doc.inner_text()
    assert "Share this article" not in clean and "© 2024" not in clean
    assert "The ferry to Gull Island sails again" in clean
    # The clean view is exactly what the cleaner wrote, for every document.
    outputs = {
        d["path"]: d["output"]
        for d in json.loads((run_out / "report.json").read_text("utf-8"))["documents"]
    }
    shown = page.eval_on_selector_all(
        "#documents .doc",
        "docs => docs.map(d => [d.dataset.path, d.querySelector('pre').textContent])",
    )
    assert len(shown) == len(outputs)
    for path, text in shown:
        assert text == (run_out / outputs[path]).read_text("utf-8").rstrip("\n"), path
    page.click("#view-scraped")
    assert "Share this article" in doc.inner_text()


def test_hostile_dump_shows_as_text_and_runs_nothing(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    hostile = page.locator('#documents .doc[data-path$="hostile.txt"] pre')
    text = hostile.inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert "</script><!-- near the slipway & the pier." in text
    assert page.locator("#documents img, #documents script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_search_filters_documents(page: Page) -> None:
    page.fill("#search", "reading garden")
    page.wait_until("document.querySelectorAll('#documents .doc').length === 1")
    assert page.locator("#documents .doc").get_attribute("data-path").endswith("library.txt")
    page.fill("#search", "")
    page.wait_until("document.querySelectorAll('#documents .doc').length === 4")


def test_sorting_by_share_removed(page: Page) -> None:
    data = json.loads(page.inner_text("#report-data"))
    by_share = sorted(data["documents"], key=lambda d: (-d["share"], -d["removed"], d["path"]))
    paths = page.eval_on_selector_all("#documents .doc", "docs => docs.map(d => d.dataset.path)")
    assert paths == [d["path"] for d in by_share]
    page.select_option("#sort", "share-asc")
    paths = page.eval_on_selector_all("#documents .doc", "docs => docs.map(d => d.dataset.path)")
    assert paths[0].endswith("quiet.txt")


def test_a_frequent_line_lists_its_documents(page: Page) -> None:
    button = page.locator("button.line", has_text="Share this article")
    button.click()
    assert page.is_visible("#line-filter")
    texts = page.eval_on_selector_all("#documents .doc pre", "pres => pres.map(p => p.innerText)")
    assert len(texts) == 3 and all("Share this article" in t for t in texts)


def test_reason_shows_on_focus(page: Page) -> None:
    span = page.locator("#documents .rm").first
    tip = span.locator(".tip")
    assert not tip.is_visible()
    span.focus()
    assert tip.is_visible()
    assert span.get_attribute("tabindex") == "0"
    assert span.get_attribute("aria-label").startswith("removed, ")


def test_screenshot(page: Page, tmp_path: Path) -> None:
    folder = Path(os.environ.get("CLEANER_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    overview, documents = folder / "report-overview.png", folder / "report-documents.png"
    page.screenshot(path=str(overview))
    # The hostile dump at the top, its markup shown as text, one reason shown by focus.
    page.locator('#documents .doc[data-path$="hostile.txt"] .rm[data-kind="boilerplate"]').focus()
    page.evaluate(
        "window.scrollTo(0, document.querySelector('.doc[data-path$=\"hostile.txt\"]')"
        ".getBoundingClientRect().top + window.scrollY - 110)"
    )
    page.screenshot(path=str(documents))
    print(f"\nscreenshots: {overview} {documents}")
    assert overview.stat().st_size > 10_000 and documents.stat().st_size > 10_000


def test_each_flagged_document_shows_its_own_note(browser: Any, tmp_path: Path) -> None:
    opened = Page(browser, write_html_report(flagged_report(tmp_path), tmp_path / "r.html"))
    assert opened.errors == []
    for path, note in VALVE_NOTES.items():
        document = opened.page.locator(f'#documents .doc[data-path="{path}"]')
        assert document.locator(".badge").inner_text() == "flagged by the safety valve"
        assert document.locator(".valve").inner_text().strip() == note
    opened.page.close()


def test_large_report_renders_fast(browser: Any, large_report_json: Path, tmp_path: Path) -> None:
    html = write_html_report(
        large_report_json, tmp_path / "report.html", base=large_report_json.parent / "dumps"
    )
    opened = Page(browser, html)
    print(
        f"\n100,000 documents: {html.stat().st_size / 1e6:.2f} MB, shown in "
        f"{opened.load_seconds:.2f} s"
    )
    assert opened.errors == []
    assert opened.load_seconds < 10
    assert opened.page.inner_text("#count-documents") == "100,000"
    assert opened.page.locator("#documents .doc").count() == 20  # one page of the sample
    started = time.perf_counter()
    opened.page.click("#next")
    opened.page.fill("#search", "doc000")
    opened.wait_until("document.querySelectorAll('#documents .doc').length > 0")
    assert time.perf_counter() - started < 5
    # A flagged document's path, clicked in the overview, shows that document.
    flagged = opened.page.locator("#flagged button.path").first
    path = flagged.get_attribute("data-path")
    flagged.click()
    opened.wait_until("document.querySelectorAll('#documents .doc').length === 1")
    assert opened.page.locator("#documents .doc").get_attribute("data-path") == path
    opened.page.close()
