"""Where full-page mode finds the article: a box of links set inside it does not cut off
the paragraphs above the box (cleaner/core/fullpage.py, `_extend_start`)."""

from __future__ import annotations

from pathlib import Path

from casefile import read_case

from cleaner.config import Config
from cleaner.core.pipeline import analyse_rules

PAGE = read_case(
    Path(__file__).parent / "cases" / "chrome" / "full_page_box_of_links_inside_the_article.txt"
).input
FIRST_PARAGRAPH = "Inspectors found cracks in the concrete spillway"
AFTER_THE_BOX = "The cracks were found in the lower part of the spillway"


def _article(config: Config) -> tuple[str, str | None]:
    ctx = analyse_rules(PAGE, config=config).ctx
    assert ctx.page is not None
    headline = ctx.headline.text if ctx.headline else None
    return ctx.doc.blocks[ctx.page.start].text, headline


def test_the_article_starts_above_a_box_of_links_inside_it() -> None:
    start, headline = _article(Config())
    assert start.startswith(FIRST_PARAGRAPH)
    assert headline == "Dam inspectors find cracks in the spillway at Fenwick reservoir"


def test_a_box_longer_than_the_limit_ends_what_stands_above_it() -> None:
    # Seven short lines between the runs: with a limit of five, the first paragraphs are
    # another block of the page, as before the box was recognised.
    start, headline = _article(Config(fullpage_box_lines=5))
    assert start.startswith(AFTER_THE_BOX)
    assert headline != "Dam inspectors find cracks in the spillway at Fenwick reservoir"


def test_a_long_line_that_is_no_prose_is_no_box() -> None:
    # A line of fifteen words or more between the runs (here a list of tags) is not a
    # box's short link: the runs stay apart.
    tags = "Tags: " + ", ".join(f"tag{n}" for n in range(20))
    page = PAGE.replace("Anglers ask for access to the north shore", tags)
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None
    assert ctx.doc.blocks[ctx.page.start].text.startswith(AFTER_THE_BOX)
