"""promo_headlines: other stories' headlines in the shapes sites print them among or
after the article.

    "... the council will vote in May.\\nJoin our quiz\\n-\\nBus fares rise again\\n"
    "Fares go up in March.\\n-\\nLibrary hours cut\\nIt closes at six.\\n-\\n..."
    -> "... the council will vote in May.\\nJoin our quiz"

Three shapes:
- a closing list of teasers set apart by lone bullet lines ("-", "•"): every item
  the same number of short lines, each opening with a headline, and the list not
  straight under a paragraph of the article or a colon (the article's own points);
- a closing run of bulleted headlines in title case ("- 15 Amazing Images of
  Stars") under the article's finished last paragraph, with nothing after it
  but chrome or short lines that are not sentences;
- another story's headline set in capitals between two of the article's
  paragraphs ("CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES LIVING OUT THEIR AMERICAN
  DREAM"): ten words or more, no end mark (nor a closing quote), not after a
  colon, and no "we" or "you" in it (a chant or a banner).
- an author's page of teasers: three or more date lines with the same byline
  ("Aug 26, 2017 — Mark Smyth"), each over a few lines of its story, running to
  the end of the dump, under a heading naming the author's stories ("Most Recent
  Articles by Mark Smyth:"; a timeline's date lines may repeat one source).
Left alone: a list after a colon or straight under a paragraph, bullet points
written as sentences, a list of titles the article goes on after, section breaks
("---", "***"), headings and slogans in capitals that are short, quoted or
introduced or say "we", and table rows in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from cleaner.core.document import Block, Removal
from cleaner.core.text import ends_with_mark
from cleaner.rules.base import Context, Rule, is_paragraph, quote
from cleaner.rules.related_links import BULLETED, claim, headline_like, title_case

KIND = "promo_headlines"

# A line that is only a bullet: what a list of teasers leaves between its items
# ("---" and "***" are section breaks, not bullets).
_BULLET = re.compile(r"[-•·]")
# A headline speaks of others; a line in capitals that says "we" or "you" is a chant, a
# banner or a slogan the article quotes.
_SPEAKER_WORDS = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})


# A date and a byline on one line, either way round: "Aug 26, 2017 — Mark Smyth".
_DATE = (
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_NAME = r"(?:by\s+)?(?P<name>[^\W\d_][^\d—–|]{1,58}?)"
_DATED_BYLINES = (
    re.compile(rf"^{_DATE}\s*[—–|-]\s*{_NAME}\s*$", re.IGNORECASE),
    re.compile(rf"^{_NAME}\s*[—–|-]\s*{_DATE}\s*$", re.IGNORECASE),
)
# No line with more non-space characters can match: a date (at most 19), the
# separator, "by" and a name of at most 59 characters.
_DATED_BYLINE_MAX_CHARS = 90
# The heading over an author's list of stories.
_LISTING_HEADING = re.compile(r"\b(?:articles|posts|stories|columns|blog posts)\b", re.IGNORECASE)
# How many lines of a story an author's page shows under each date line.
_ENTRY_MAX_LINES = 4


def _introduced(block: Block, ctx: Context) -> bool:
    """Straight under a line that introduces it: "They suggest four things:"."""
    return block.index > 0 and ctx.doc.blocks[block.index - 1].text.rstrip().endswith(":")


def _teasers(ctx: Context) -> list[Block]:
    """A closing list of teasers set apart by lone bullet lines: "-" / "Pats place
    Olszewski on IR" / "New England's roster is re-shuffling" / "-" / ..."""
    blocks = ctx.doc.blocks
    config = ctx.config
    items: list[list[Block]] = []
    bullets: list[Block] = []
    item: list[Block] = []
    for block in reversed(blocks):
        if _BULLET.fullmatch(block.text.strip()):
            items.append(item[::-1])
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
    if not all(headline_like(lines[0], ctx) for lines in items):
        return []
    first = bullets[-1]
    above = blocks[first.index - 1] if first.index else None
    # Under a paragraph or a colon, a bulleted list is the article's own points.
    if above is None or is_paragraph(above, config) or _introduced(first, ctx):
        return []
    return blocks[first.index :] if ctx.after_article(first) else []


def _bulleted_headline(block: Block, ctx: Context) -> bool:
    return bool(BULLETED.match(block.text)) and headline_like(block, ctx) and title_case(block, ctx)


def _bulleted_headlines(ctx: Context) -> list[Block]:
    """A closing run of bulleted headlines in title case ("- 15 Amazing Images of
    Stars") under the article's finished last paragraph; after it only chrome
    ("Originally published on Live Science.") or short lines that are not sentences.
    A list of titles the article goes on after is its own."""
    blocks = ctx.doc.blocks
    config = ctx.config
    end = len(blocks)
    while end > 0 and not _bulleted_headline(blocks[end - 1], ctx):
        last = blocks[end - 1]
        short = len(last.words) <= config.closing_short_words and not ends_with_mark(last.text)
        if not (short or ctx.is_chrome(last)):
            break  # a sentence after the list: the article goes on
        end -= 1
    start = end
    while start > 0 and _bulleted_headline(blocks[start - 1], ctx):
        start -= 1
    if end - start < config.related_min_run or start == 0:
        return []
    # The list follows the article's finished last paragraph, not a line leading into it.
    above = blocks[start - 1]
    if not is_paragraph(above, config) or _introduced(blocks[start], ctx):
        return []
    return blocks[start:end] if ctx.after_article(blocks[start]) else []


def _shouted(block: Block, ctx: Context) -> bool:
    """A long line in capitals with no end mark, not quoted: a headline set as a link."""
    text = block.text
    if len(block.words) < ctx.config.shouted_min_words or text != text.upper():
        return False  # short, or some letter is in lower case
    if ends_with_mark(text):
        return False  # a finished sentence, or a line quoted whole
    if "|" in text or sum(any(c.isdigit() for c in w) for w in block.words) > 1:
        return False  # a table row ("HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%")
    if any(w.casefold() in _SPEAKER_WORDS for w in block.words):
        return False
    letters = [c for c in text if c.isalpha()]
    # Scripts without capitals (Korean, Chinese) also equal their upper case.
    return sum(c.isupper() for c in letters) >= len(letters) * ctx.config.shouted_capitals_share


def _shouted_headlines(ctx: Context) -> list[Block]:
    """Headlines in capitals between two of the article's paragraphs."""
    blocks = ctx.doc.blocks
    found = []
    for block in blocks[1:-1]:
        if ctx.is_headline_block(block) or not _shouted(block, ctx) or _introduced(block, ctx):
            continue
        above = any(is_paragraph(b, ctx.config) for b in blocks[: block.index])
        below = next((b for b in blocks[block.index + 1 :] if not ctx.is_chrome(b)), None)
        if above and below is not None and is_paragraph(below, ctx.config):
            found.append(block)
    return found


def _byline_of(block: Block) -> str | None:
    """The byline of a date line ("Aug 26, 2017 — Mark Smyth"), casefolded, or None."""
    text = block.text.strip()
    if len("".join(text.split())) > _DATED_BYLINE_MAX_CHARS:
        return None  # longer than any match: spare the two regexes on prose
    for pattern in _DATED_BYLINES:
        match = pattern.match(text)
        if match is not None:
            return " ".join(match.group("name").casefold().split())
    return None


def _dated_entries(ctx: Context) -> list[Block]:
    """An author's page of teasers: "Aug 26, 2017 — Mark Smyth" / a headline / a
    teaser / "Apr 21, 2017 — Mark Smyth" / ..., to the end of the dump."""
    blocks = ctx.doc.blocks
    dated = [(b, name) for b in blocks if (name := _byline_of(b))]
    if len(dated) < ctx.config.related_min_run or len({name for _, name in dated}) != 1:
        return []
    # Every date line over a few lines of its story, the last one's running to the end.
    starts = [b.index for b, _ in dated] + [len(blocks)]
    if any(after - before - 1 > _ENTRY_MAX_LINES for before, after in pairwise(starts)):
        return []
    # The list's heading names the author's stories: "Most Recent Articles by Mark Smyth:"
    # (a timeline's date lines may repeat one source: "Jan 29, 2020 — WHO").
    first = starts[0]
    heading = blocks[first - 1] if first else None
    if (
        heading is None
        or not heading.text.rstrip().endswith(":")
        or not _LISTING_HEADING.search(heading.text)
        or dated[0][1] not in " ".join(heading.text.casefold().split())
    ):
        return []
    return blocks[first - 1 :]


def find(ctx: Context) -> Iterator[Removal]:
    claimed: set[int] = set()
    yield from claim(
        ctx,
        _teasers(ctx),
        claimed,
        KIND,
        lambda block, n: (
            "part of a closing list of other stories' teasers set apart by lone bullet "
            f"lines: {quote(block.text)}"
        ),
    )
    yield from claim(
        ctx,
        _bulleted_headlines(ctx),
        claimed,
        KIND,
        lambda block, n: (
            f"one of {n} bulleted headlines closing the dump after the "
            f"article's text: {quote(block.text)}"
        ),
    )
    yield from claim(
        ctx,
        _dated_entries(ctx),
        claimed,
        KIND,
        lambda block, n: (
            "part of an author's page of other stories, each under a date line with the "
            f"same byline ({n} lines to the end of the dump): {quote(block.text)}"
        ),
        confident=True,
    )
    yield from claim(
        ctx,
        _shouted_headlines(ctx),
        claimed,
        KIND,
        lambda block, n: (
            "another story's headline set in capitals between the article's "
            f"paragraphs: {quote(block.text)}"
        ),
    )


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="other stories' headlines among or after the article: teasers between lone "
    "bullets, closing bulleted headlines in title case, headlines in capitals between "
    "paragraphs, an author's page of dated teasers",
    find=find,
)
