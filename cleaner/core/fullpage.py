"""Full-page dumps: where the article is in a whole page flattened to text.

jusText's idea applied to text lines: every block is labelled good, near, short
or bad (`block_labels`). The article is the run of blocks with the
most prose and two paragraphs in a row (a list of teasers has none), where gaps of
non-prose between good blocks are bridged when short,
from the top of a run above it at least half as large with two paragraphs in a row
(or of two paragraphs or more right above it that the labels missed, or of the
paragraphs under the page's title printed again), down past its last paragraph until
chrome that ends articles or a list of other stories' headlines (`headline_lists`);
its headline is the nearest title-like line above it. Everything outside
headline..end is page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from cleaner.config import Config
from cleaner.core.block_labels import BAD, GOOD, NEAR, Labels, first_label, revise
from cleaner.core.document import Block, Document, is_paragraph
from cleaner.core.headline import is_title_like, repeats_page_title
from cleaner.core.headline_lists import in_headline_list
from cleaner.core.language import stop_words_for
from cleaner.core.page_comments import heading_start, signed_thread_start
from cleaner.core.patterns import Patterns
from cleaner.core.text import ends_with_mark, item_number

# Chrome that ends an article when it follows its last paragraph; other known lines
# (a bare link, a credit, a date) are passed over.
ENDING_FAMILIES = frozenset(
    {"related", "comments", "newsletter", "share", "follow", "cookies", "skip", "copyright"}
)
# Spaces that set columns apart on one line: a page's table (menu, article, sidebar side
# by side) printed as text. A sentence has one space between words, two after a stop.
COLUMN_GAP = re.compile(r"\S {4,}\S")


@dataclass(frozen=True)
class Page:
    labels: list[Labels]
    # Blocks start..end (inclusive) are the article (its headline is found by the pipeline).
    start: int
    end: int


class Run(NamedTuple):
    """A run of good blocks: its first and last block, and its characters."""

    start: int
    end: int
    chars: int


def _runs(final: list[str], blocks: list[Block], config: Config) -> list[Run]:
    """Every run of good blocks, gaps up to `fullpage_max_gap` blocks bridged."""
    runs: list[Run] = []
    run_start: int | None = None
    last = size = gap = 0
    for i, label in enumerate(final):
        if label == GOOD:
            if run_start is None:
                run_start, size = i, 0
            size += len(blocks[i].text)
            gap, last = 0, i
        elif run_start is not None:
            gap += 1
            if gap > config.fullpage_max_gap:
                runs.append(Run(run_start, last, size))
                run_start, gap = None, 0
    if run_start is not None:
        runs.append(Run(run_start, last, size))
    return runs


def _main_run(final: list[str], blocks: list[Block], config: Config) -> tuple[int, int] | None:
    """The run of good blocks with the most text among those with two paragraphs in a
    row (among all when none has them: a list of other stories' teasers, each a headline
    over or run into one summary, can hold more text than a short article and has none),
    taken up to the top of any run above it that holds `fullpage_rival_share` of its
    text or more (half): a short article over a longer thread of readers' letters or a
    poll is as likely the page's article as the thread, so both are kept, with what lies
    between them. Such a run holds two paragraphs in a row too: a list of teasers above
    the article does not. A run below the largest is not taken in: below an article
    sits what follows it, teasers of other stories with their summaries."""
    runs = _runs(final, blocks, config)
    if not runs:
        return None
    prose = [r for r in runs if _paragraphs_in_a_row(blocks[r.start : r.end + 1], config)]
    best = max(prose or runs, key=lambda run: run.chars)
    rivals = [
        run
        for run in prose
        if run.start < best.start and run.chars >= best.chars * config.fullpage_rival_share
    ]
    return min(run.start for run in [best, *rivals]), best.end


def _paragraphs_in_a_row(blocks: list[Block], config: Config) -> bool:
    """Two paragraphs of prose one after the other: an article's text or a letter's,
    not a list of other stories' teasers (each a headline over one summary), nor the
    rows of a table printed as columns side by side."""
    above = False
    for block in blocks:
        here = _prose_line(block, config)
        if above and here:
            return True
        above = here
    return False


def _prose_line(block: Block, config: Config) -> bool:
    return is_paragraph(block, config) and not COLUMN_GAP.search(block.text)


def _article_run(
    final: list[str],
    blocks: list[Block],
    families: list[str | None],
    patterns: Patterns,
    config: Config,
) -> tuple[int, int] | None:
    """The article's run of prose. It comes before readers' comments: a long thread
    holds more prose than the article, so the runs below the first comments heading
    count only when there is no article-sized run (fullpage_min_article_chars) above it;
    and a run below the start of a thread of signed comments is taken only then too."""
    prose = [label == GOOD for label in final]
    comments = heading_start(blocks, families, prose)
    if comments is not None:
        above = _article_sized_run(final[:comments], blocks, config)
        if above is not None:
            return above
    run = _main_run(final, blocks, config)
    # A run wholly below the first signature of a signed thread is a reader's comment,
    # not the article. (Where signatures close their comments, the first comment stands
    # above it, and a run starting there is not caught.)
    thread = signed_thread_start(blocks, families, prose, patterns, config)
    if run is not None and thread is not None and run[0] > thread:
        return _article_sized_run(final[:thread], blocks, config) or run
    return run


def _article_sized_run(
    final: list[str], blocks: list[Block], config: Config
) -> tuple[int, int] | None:
    """The main run of `final` (the labels of the blocks above some line) when it holds
    an article's worth of prose (fullpage_min_article_chars)."""
    above = _main_run(final, blocks, config)
    if above is None:
        return None
    size = sum(len(blocks[i].text) for i in range(above[0], above[1] + 1) if final[i] == GOOD)
    return above if size >= config.fullpage_min_article_chars else None


def _menu_like(block: Block, config: Config) -> bool:
    return len(block.words) <= config.fullpage_menu_words


def _extend_start(start: int, doc: Document, final: list[str], config: Config) -> int:
    """Carry the article's start up over a box set inside it ("More in Impeachment
    Inquiry" and its links, a fact box's short lines) to the prose above the box: the
    article's first paragraphs, which the box split off as a smaller run. The box is
    short lines only; the prose above holds two finished paragraphs at least (one is
    as likely another story's teaser above the page's headline)."""
    blocks = doc.blocks
    i = start - 1
    box = 0
    while i >= 0 and final[i] != GOOD:
        if len(blocks[i].words) >= config.paragraph_min_words:
            return start  # a paragraph that is not prose: no box of links
        box += 1
        if box > config.fullpage_box_lines:
            return start
        i -= 1
    if i < 0 or box == 0:
        return start
    top = i
    gap = 0
    while i >= 0 and gap <= config.fullpage_max_gap:
        gap = 0 if final[i] == GOOD else gap + 1
        if final[i] == GOOD:
            top = i
        i -= 1
    paragraphs = sum(
        final[j] == GOOD and is_paragraph(blocks[j], config) for j in range(top, start)
    )
    return top if paragraphs >= 2 else start


def _paragraphs_above(start: int, doc: Document, families: list[str | None], config: Config) -> int:
    """Carry the article's start up over the paragraphs right above it that the labels
    missed (thin in stop words: names, figures): past at most `fullpage_menu_run` lines
    of which one at most is no known chrome (a subheading; an ad label is chrome), two
    finished paragraphs in a row at least, so a list of teasers (a headline over each
    summary) is not taken in."""
    blocks = doc.blocks
    i = start - 1
    gap = unknown = 0
    while i >= 0 and not _prose_line(blocks[i], config):
        gap += 1
        unknown += families[i] is None
        if gap > config.fullpage_menu_run or unknown > 1:
            return start
        i -= 1
    top = start
    while i >= 0 and (_prose_line(blocks[i], config) or families[i] is not None):
        if _prose_line(blocks[i], config):
            top = i
        i -= 1
    return top if _paragraphs_in_a_row(blocks[top:start], config) else start


def _titled_start(start: int, doc: Document, first: list[str] | None, config: Config) -> int:
    """Carry the article's start up to the prose under the page's title printed again.

    A whole-page dump opens with the page's <title>; a title-like line further down that
    repeats it is the article's headline as printed. When two paragraphs in a row follow
    it within `fullpage_headline_search` lines (a standfirst, a byline, a date between),
    the article starts at the first of them: a box of videos and links below the first
    paragraphs may have split off a larger run of prose below as the main one. With no
    two in a row, it starts at the first when paragraphs go on from the copy down to
    the start (`_prose_down_to`). One paragraph under the copy, as under a teaser,
    starts no article. Given the blocks' `first` labels (when the page's largest run is
    no article by its shape: no two paragraphs in a row), a paragraph under the copy may
    be short (`_finished_prose`): a page whose article is a table opens it with a
    sentence or two of fifteen words or fewer, and the teasers of a sidebar below would
    be its only run of prose. Where the run is an article, two short lines under the
    copy are as likely a masthead's blurbs."""
    blocks = doc.blocks
    for k in range(start - 1, 0, -1):
        block = blocks[k]
        if not is_title_like(block, config) or not repeats_page_title(block, doc, config):
            continue
        below = blocks[k + 1 : k + 1 + config.fullpage_headline_search]
        prose = [
            _prose_line(b, config) or (first is not None and _finished_prose(b, first))
            for b in below
        ]
        pairs = [i for i in range(len(below) - 1) if prose[i] and prose[i + 1]]
        if pairs:
            return min(start, below[pairs[0]].index)
        return _prose_down_to(k, start, doc, config)
    return start


def _finished_prose(block: Block, first: list[str]) -> bool:
    """A line of prose by its context-free label (long enough, dense in stop words),
    however few its words, that finishes a sentence and is no row of columns."""
    text = block.text
    return (
        first[block.index] in (NEAR, GOOD) and ends_with_mark(text) and not COLUMN_GAP.search(text)
    )


def _prose_down_to(copy: int, start: int, doc: Document, config: Config) -> int:
    """The first paragraph under the title's copy (block `copy`) when paragraphs go on
    from it down to the article's start, two at least, at most `fullpage_max_gap` blocks
    apart: an article written as items, each a short heading over one paragraph and a
    link (a shopping guide, a list of picks), whose labels broke the run of prose. A
    box of links between them (longer than the gap) keeps the start where it is."""
    rows = [j for j in range(copy + 1, start) if _prose_line(doc.blocks[j], config)]
    if len(rows) < 2 or rows[0] - copy > config.fullpage_headline_search:
        return start
    steps = [b - a for a, b in zip(rows, [*rows[1:], start], strict=True)]
    return rows[0] if max(steps) <= config.fullpage_max_gap else start


def _extend_end(
    end: int, doc: Document, final: list[str], families: list[str | None], config: Config
) -> int:
    """Carry the article's end over what follows its last paragraph (a list, a heading,
    a short closing line) until chrome that ends articles, a run of menu-like lines, or
    a list of other stories' headlines with no two paragraphs in a row under it (a list
    the article holds, a meal plan's or a guide's, has its prose going on below). A share
    line with a recipe's ingredients and numbered steps close under it (`_steps_below`:
    a card's "Print") ends nothing: the end goes on to the last step."""
    menu_run = 0
    listed = [False] * end + in_headline_list(doc.blocks[end:], config)  # from the end down
    # Where the last two paragraphs in a row start: a list above them is the article's.
    prose = [_prose_line(b, config) for b in doc.blocks] if any(listed) else []
    last_pair = max((j for j in range(len(prose) - 1) if prose[j] and prose[j + 1]), default=-1)
    i = end + 1
    while i < len(doc.blocks):
        block = doc.blocks[i]
        if families[i] in ENDING_FAMILIES:
            steps = _steps_below(i, doc, families, config) if families[i] == SHARE else None
            if steps is None:
                break
            end, menu_run, i = steps, 0, steps + 1  # a recipe card under its "Print"
            continue
        if listed[i] and last_pair <= i:
            break
        if families[i] is not None:
            pass  # a link, a credit, a date: neither ends the article nor extends it
        elif final[i] == GOOD:
            end, menu_run = i, 0
        elif _menu_like(block, config):
            menu_run += 1
            if menu_run >= config.fullpage_menu_run:
                break
        else:
            end, menu_run = i, 0
        i += 1
    return end


# An ingredient: a quantity opens the line ("2 kg quinces", "1/2 tsp cloves", "8-9 pears").
_QUANTITY = re.compile(r"(?:[-*•]\s+)?\d+(?:[.,/]\d+)?(?:\s*[-–]\s*\d+)?\s*[^\W\d]")
# The share line a recipe card prints over its ingredients ("Print", "Share").
SHARE = "share"


def _steps_below(i: int, doc: Document, families: list[str | None], config: Config) -> int | None:
    """The last of numbered steps (1., 2., 3. ... in order) that start within
    `fullpage_box_lines` blocks under the share line `i`, most of them finishing a
    sentence, with two lines or more of ingredients above them (a quantity first: "2 kg
    quinces") and no other chrome that ends articles: a recipe card's method under its
    "Print" button. None otherwise: readers' comments, teasers written as sentences or a
    footer's numbered terms under a share bar have no ingredients; a list of other
    stories numbers headlines, which finish no sentence."""
    blocks = doc.blocks
    for j in range(i + 1, min(len(blocks), i + 1 + config.fullpage_box_lines)):
        if families[j] in ENDING_FAMILIES:
            return None
        if item_number(blocks[j].text) != 1:
            continue
        ingredients = sum(bool(_QUANTITY.match(b.text)) for b in blocks[i + 1 : j])
        k = j
        while k + 1 < len(blocks) and item_number(blocks[k + 1].text) == k - j + 2:
            k += 1
        finished = sum(ends_with_mark(b.text) for b in blocks[j : k + 1])
        steps = finished >= config.related_min_run and finished * 3 >= (k - j + 1) * 2
        return k if steps and ingredients >= 2 else None
    return None


def analyse(
    doc: Document,
    config: Config,
    chrome_family: Callable[[Block], str | None],
    patterns: Patterns,
) -> Page | None:
    """Label every block and find the article's span; None when there is no prose at all."""
    stops = stop_words_for(doc.language)
    families = [chrome_family(b) for b in doc.blocks]
    # Pages written in short paragraphs have no block over length_high: judge them
    # again with the short threshold before giving up.
    for settings in (config, replace(config, fullpage_length_high=config.fullpage_length_low)):
        first = [
            BAD if family is not None else first_label(b, stops, settings)
            for b, family in zip(doc.blocks, families, strict=True)
        ]
        final = revise(first, config.fullpage_context_reach)
        span = _article_run(final, doc.blocks, families, patterns, config)
        if span is not None:
            break
    if span is None:
        return None
    start = _paragraphs_above(_extend_start(span[0], doc, final, config), doc, families, config)
    # Short lines under the title's copy count only where the run is no article.
    teasers = not _paragraphs_in_a_row(doc.blocks[span[0] : span[1] + 1], config)
    start = _titled_start(start, doc, first if teasers else None, config)
    end = _extend_end(span[1], doc, final, families, config)
    labels = [Labels(a, b) for a, b in zip(first, final, strict=True)]
    return Page(labels=labels, start=start, end=end)
