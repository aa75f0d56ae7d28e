"""related_links: the list of other stories' headlines that trails an article.

    "... the council will vote in May.\\nMore stories\\nBus fares rise again\\n"
    "Library hours cut\\nNew mayor sworn in"
    -> "... the council will vote in May."

Four shapes; the first three only after most of the article's prose:
- everything after a related-content heading ("Related articles", "More Great
  WIRED Stories", "You may also like") when no long paragraph follows it;
- a closing run of headline-like lines (short, capitalised, no full stop) after
  the article's last paragraph;
- a closing list of teasers set apart by lone bullet lines ("-"), every item
  the same number of short lines (a headline and its one-line dek).
A long paragraph after the heading means the article goes on, and the rule
leaves that dump alone. Readers' comments are the exception (kind
`comments`): after a heading that can only open them ("Top Rated Comments",
"12 Comments") and a real article above it, everything below goes, however
long. Third, a box inside the article: a related heading with two to six
headline-like lines under it and the article's paragraphs going on below.
Source: boilerpipe's terminating blocks ("comments", "add your comment" end the
article), position after the main text (jusText).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.document import Block, Removal
from cleaner.rules.base import Context, Rule, quote, whole_block
from cleaner.text import END_MARK

KIND = "related_links"
COMMENTS_KIND = "comments"
# A heading that can only open a comments section (not the bare word "Comments").
_COMMENTS_HEADING = re.compile(
    r"(?:top rated|top|reader|readers'?|latest|most recent|best|\d+) comments?(?: \(\d+\))?$"
    r"|comments? \(\d+\)$|show all \d+ comments$"
)
# Families whose heading ends the article: what follows is not the article.
TERMINATING_FAMILIES = {"related", "comments"}
# "Q: Favourite meal?" / "A: Soup": the close of an interview, not a list of links.
_QA_LABEL = re.compile(r"^[A-Z]{1,2}\s?:")
# A line that is only a bullet or a dash: what a list of teasers leaves between items.
_BULLET = re.compile(r"[-–—•·*|]+")
# A list item's bullet: "- 15 Amazing Images of Stars".
_BULLETED = re.compile(r"[-–•·*] \S")


def _prose_words(blocks: list[Block], ctx: Context) -> int:
    return sum(len(b.words) for b in blocks if len(b.words) >= ctx.config.paragraph_min_words)


def _headline_like(block: Block, ctx: Context) -> bool:
    text = block.text
    n = len(block.words)
    return (
        ctx.config.related_item_min_words <= n <= ctx.config.related_item_max_words
        and not text[0].islower()
        and not END_MARK.search(text.rstrip("?!"))
        and not text.rstrip().endswith((".", ":", ";", ","))
        and not _QA_LABEL.match(text)
    )


def _after_terminator(ctx: Context) -> tuple[Block, list[Block]] | None:
    blocks = ctx.doc.blocks
    total = _prose_words(blocks, ctx)
    if not total:
        return None
    for block in blocks:
        found = ctx.boilerplate(block)
        if found is None or found[0].name not in TERMINATING_FAMILIES:
            continue
        before = _prose_words(blocks[: block.index], ctx)
        rest = blocks[block.index + 1 :]
        if before < total * ctx.config.related_min_article_share:
            continue
        if not rest or any(len(b.words) >= ctx.config.related_max_item_words_after for b in rest):
            continue
        return block, rest
    return None


def _closing_run(ctx: Context) -> list[Block]:
    blocks = ctx.doc.blocks
    run: list[Block] = []
    for block in reversed(blocks):
        if not _headline_like(block, ctx):
            break
        run.append(block)
    run.reverse()
    if len(run) < ctx.config.related_min_run or len(run) == len(blocks):
        return []
    bulleted = [b for b in run if _BULLETED.match(b.text)]
    if bulleted and not all(_title_case(b, ctx) for b in bulleted):
        return []  # bullet points written as sentences: the article's own list
    previous = blocks[run[0].index - 1]
    # The run must follow a finished paragraph; after a colon it is the article's own list.
    finished = END_MARK.search(previous.text) and not previous.text.endswith(":")
    if len(previous.words) < ctx.config.paragraph_min_words or not finished:
        return []
    return run


def _bulleted_teasers(ctx: Context) -> list[Block]:
    """A closing list of teasers set apart by lone bullet lines: "-" / "Pats place
    Olszewski on IR" / "New England's roster is re-shuffling" / "-" / ...

    Every item has the same number of short lines (one line: a headline-like one),
    which an article's own closing list of points rarely has.
    """
    blocks = ctx.doc.blocks
    config = ctx.config
    items: list[list[Block]] = []
    bullets: list[Block] = []
    item: list[Block] = []
    for block in reversed(blocks):
        if _BULLET.fullmatch(block.text.strip()):
            items.append(item)
            bullets.append(block)
            item = []
            continue
        if (
            len(item) == config.related_teaser_max_lines
            or len(block.words) > config.related_teaser_max_words
        ):
            break
        item.append(block)
    sizes = {len(lines) for lines in items}
    if len(bullets) < config.related_min_bullets or len(sizes) != 1 or 0 in sizes:
        return []
    if sizes == {1} and not all(_headline_like(lines[0], ctx) for lines in items):
        return []
    # The line just above the first bullet, when it reads as a headline, opens the list.
    first = item[0] if item and _headline_like(item[0], ctx) else bullets[-1]
    if first.index and blocks[first.index - 1].text.rstrip().endswith(":"):
        return []  # after a colon it is the article's own list
    total = _prose_words(blocks, ctx)
    before = _prose_words(blocks[: first.index], ctx)
    if not total or before < total * config.related_min_article_share:
        return []
    return blocks[first.index :]


def _title_case(block: Block, ctx: Context) -> bool:
    """Most longer words capitalised, as headlines are written ("Could Spot Signs of Life")."""
    long_words = [w for w in block.words[1:] if sum(c.isalpha() for c in w) >= 4]
    capitals = sum(w[0].isupper() or w[0].isdigit() for w in long_words)
    return bool(long_words) and capitals >= len(long_words) * ctx.config.related_title_case_share


def _bulleted_headlines(ctx: Context) -> list[Block]:
    """A run of bulleted headlines in title case after the article's prose ("- 15 Amazing
    Images of Stars"), whatever follows it (a bio, a syndication note). An article's own
    list follows a colon and its items are written as sentences."""
    blocks = ctx.doc.blocks
    config = ctx.config
    run: list[Block] = []
    for block in [*blocks, None]:
        if (
            block is not None
            and _BULLETED.match(block.text)
            and _headline_like(block, ctx)
            and _title_case(block, ctx)
        ):
            run.append(block)
            continue
        if len(run) >= config.related_min_run and run[0].index > 0:
            above = blocks[run[0].index - 1]
            before = _prose_words(blocks[: run[0].index], ctx)
            total = _prose_words(blocks, ctx)
            if not above.text.rstrip().endswith(":") and before >= (
                total * config.related_min_article_share
            ):
                return run
        run = []
    return []


def _shouted(block: Block, ctx: Context) -> bool:
    """A long line in capitals with no end mark: another story's headline set as a link
    inside the article ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'")."""
    text = block.text
    if len(block.words) < ctx.config.shouted_min_words or text != text.upper():
        return False  # short, or some letter is in lower case
    if END_MARK.search(text):
        return False
    if "|" in text or sum(any(c.isdigit() for c in w) for w in block.words) > 1:
        return False  # a table row ("HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%")
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= len(letters) * 0.9


def _shouted_headlines(ctx: Context) -> list[Block]:
    """Capitalised headlines between the article's paragraphs (not its own headline)."""
    blocks = ctx.doc.blocks
    return [
        b
        for b in blocks[1:-1]
        if not ctx.is_headline_block(b)
        and _shouted(b, ctx)
        and _prose_words(blocks[: b.index], ctx)
    ]


def _box_heading(block: Block, ctx: Context) -> bool:
    """A "Related stories" heading, or a "More:" that a colon makes a heading over a list."""
    found = ctx.boilerplate(block)
    if found is None or found[1] != "is":
        return False
    family = found[0].name
    return family == "related" or (family == "read_more" and block.text.rstrip().endswith(":"))


def _inline_boxes(ctx: Context) -> Iterator[tuple[Block, list[Block]]]:
    """A related-content heading inside the article ("More:", "Related stories") with a
    few headline-like lines under it, and the article's paragraphs going on after them."""
    blocks = ctx.doc.blocks
    for block in blocks:
        if not _box_heading(block, ctx):
            continue
        items: list[Block] = []
        for following in blocks[block.index + 1 :]:
            if not _headline_like(following, ctx) or ctx.is_headline_block(following):
                break
            items.append(following)
        if not ctx.config.related_box_min_items <= len(items) <= ctx.config.related_box_max_items:
            continue
        # The article goes on below (past any chrome line, such as a story id).
        after = (b for b in blocks[block.index + 1 + len(items) :] if ctx.boilerplate(b) is None)
        below = next(after, None)
        if below is not None and len(below.words) >= ctx.config.paragraph_min_words:
            yield block, items


def _comments_section(ctx: Context) -> tuple[Block, list[Block]] | None:
    """Readers' comments after a comments heading ("Top Rated Comments", "12 Comments")."""
    blocks = ctx.doc.blocks
    for block in blocks:
        if not _COMMENTS_HEADING.match(block.norm):
            continue
        before = _prose_words(blocks[: block.index], ctx)
        rest = blocks[block.index + 1 :]
        if rest and before >= ctx.config.comments_min_article_words:
            return block, rest
    return None


def _take(blocks: list[Block], claimed: set[int]) -> list[Block]:
    """The blocks no earlier shape has taken, now taken."""
    fresh = [b for b in blocks if b.index not in claimed]
    claimed.update(b.index for b in fresh)
    return fresh


def find(ctx: Context) -> Iterator[Removal]:
    claimed: set[int] = set()
    comments = _comments_section(ctx)
    if comments is not None:
        heading, rest = comments
        reason = (
            f"readers' comments: follows the heading {quote(heading.text)} after the article's text"
        )
        for block in _take([heading, *rest], claimed):
            yield whole_block(ctx, block, COMMENTS_KIND, reason)
    terminated = _after_terminator(ctx)
    if terminated is not None:
        heading, rest = terminated
        reason = (
            f"follows the heading {quote(heading.text)} after the article's text, "
            "and no paragraph follows it"
        )
        for block in _take(rest, claimed):
            yield whole_block(ctx, block, KIND, reason, confident=False)
    for heading, items in _inline_boxes(ctx):
        reason = (
            f"one of {len(items)} headlines under {quote(heading.text)} inside the "
            "article (its paragraphs go on below them)"
        )
        for block in _take(items, claimed):
            yield whole_block(ctx, block, KIND, reason, confident=False)
    teasers = _take(_bulleted_teasers(ctx), claimed)
    for block in teasers:
        reason = (
            "part of a closing list of other stories' teasers set apart by lone bullet "
            f"lines: {quote(block.text)}"
        )
        yield whole_block(ctx, block, KIND, reason, confident=False)
    bulleted = _take(_bulleted_headlines(ctx), claimed)
    for block in bulleted:
        reason = (
            f"one of {len(bulleted)} bulleted headlines after the article's text: "
            f"{quote(block.text)}"
        )
        yield whole_block(ctx, block, KIND, reason, confident=False)
    for block in _take(_shouted_headlines(ctx), claimed):
        reason = f"another story's headline set in capitals inside the article: {quote(block.text)}"
        yield whole_block(ctx, block, KIND, reason, confident=False)
    run = _take(_closing_run(ctx), claimed)
    for block in run:
        reason = (
            f"one of {len(run)} headline-like lines closing the dump after the article's last "
            f"paragraph: {quote(block.text)}"
        )
        yield whole_block(ctx, block, KIND, reason, confident=False)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="lists of other stories' headlines after the article (after a 'Related' "
    "heading, or a closing run of headline-like lines)",
    find=find,
)
