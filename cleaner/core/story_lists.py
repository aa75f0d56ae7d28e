"""A list of the site's other stories under a heading that names them, after the article.

    "... the council will vote in May.\\nB.C. Headlines\\n- Hops shortage spurs
    microbreweries to reinvent beers\\n- A worldwide shortage of hops is forcing ...\\n"
    "- Man arrested in hit-and-run\\n- A 24-year-old man has been charged ..."
    -> "... the council will vote in May."

The heading names other stories ("B.C. Headlines", "Top stories", "More Nfld. &
Labrador Headlines": the patterns' `other_stories_headings`); under it, three stories
or more, each a headline over its teaser or a headline alone written in title case,
with section labels ("World", "Health") and more such headings between them. The
teasers finish sentences and may be long, so the list is told by four other things:
- its stories leave the article's subject: few of their words (`_SUBJECT_SHARE`) are
  words of the article above the heading (an article's own headed points, a Q&A or a
  glossary under "Key points" share most of theirs);
- an article of its own stands above the heading (`_ARTICLE_MIN_PARAGRAPHS`), and most
  of the dump's prose, the teasers left out, is above it (a briefing or a press review
  is mostly its list);
- the headlines are no sentences: a line that finishes one is a teaser or ends the list;
- the list runs on to the next line of another shape, where it stops.
Such a list may outweigh a short article, so its removals are sure: the safety valve
would otherwise keep all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cleaner.config import Config
from cleaner.core.document import Block, Document, is_paragraph
from cleaner.core.headline_lists import is_title_case
from cleaner.core.language import stop_words_for
from cleaner.core.patterns import Patterns
from cleaner.core.text import ends_with_mark, is_list_item

# At most this share of a list's words (of four letters or more, no stop words) may be
# words of the article above it: other stories leave its subject (in the validation
# dumps' lists 2-4%; an article's own headed points, 40% and more).
_SUBJECT_SHARE = 0.2
# An article of its own above the heading: this many paragraphs at least.
_ARTICLE_MIN_PARAGRAPHS = 3
_CONTENT_LETTERS = 4
_BULLET = re.compile(r"^[-–•·*»] +")
_DIGIT = re.compile(r"\d")


@dataclass
class StoryList:
    """The heading, the lines under it (headlines, teasers, labels, more headings) and
    how many stories they tell."""

    heading: Block
    blocks: list[Block]
    stories: int

    @property
    def end(self) -> int:
        """Index of the list's last line."""
        return self.blocks[-1].index if self.blocks else self.heading.index


def _headline(block: Block, config: Config) -> bool:
    """A story's headline or a section's label ("World"): short, not opening in lower
    case, finishing no sentence."""
    text = _BULLET.sub("", block.text)
    return (
        bool(text)
        and 0 < len(block.words) <= config.related_item_max_words
        and not text[0].islower()
        and not ends_with_mark(text.rstrip("?!"))
        and not text.rstrip().endswith((".", ":", ";", ","))
    )


def _alone(block: Block, config: Config) -> bool:
    """A headline that is a story without a teaser: written in title case, of two words
    or more, with no figure and at most one comma (not a date, a score, a list of names)."""
    return (
        len(block.words) >= config.related_item_min_words
        and is_title_case(block.words, config.related_title_case_share)
        and not _DIGIT.search(block.text)
        and block.text.count(",") <= 1
    )


def _teaser(block: Block, config: Config) -> bool:
    """A teaser under its headline: it finishes a sentence, or is as long as a paragraph
    and was cut short by the site."""
    return ends_with_mark(block.text) or len(block.words) >= config.paragraph_min_words


def _walk(
    blocks: list[Block], start: int, config: Config, heading: Callable[[Block], bool]
) -> StoryList:
    """The list under the heading at `start`: headlines, their teasers, section labels and
    more headings, up to the first line of another shape."""
    taken: list[Block] = []
    stories = 0
    pending: Block | None = None  # a headline not yet known to be a story or a label
    for block in blocks[start + 1 :]:
        if heading(block):
            pending = None
        elif _headline(block, config):
            if pending is not None and _alone(pending, config):
                stories += 1
            pending = block
        elif pending is not None and _teaser(block, config):
            stories += 1
            pending = None
        else:
            break
        taken.append(block)
    if pending is not None and _alone(pending, config):
        stories += 1
    return StoryList(blocks[start], taken, stories)


def _subject_share(story_list: StoryList, blocks: list[Block], stops: frozenset[str]) -> float:
    """The share of the list's words (of four letters or more, no stop words) that are
    words of the article above its heading (its lines but list items, which may be
    another list's stories)."""

    def content(some: list[Block]) -> list[str]:
        words = (w.lower() for b in some for w in b.words)
        return [w for w in words if len(w) >= _CONTENT_LETTERS and w not in stops]

    article = [b for b in blocks[: story_list.heading.index] if not is_list_item(b.text)]
    above = set(content(article))
    listed = content(story_list.blocks)
    return sum(w in above for w in listed) / len(listed) if listed else 1.0


def find_story_list(
    doc: Document,
    patterns: Patterns,
    config: Config,
    after_article: Callable[[Block, int], bool],
) -> StoryList | None:
    """The list of other stories after the article, if any (see the module's doc).
    `after_article(block, not_prose)`: most of the article's prose is above `block`,
    `not_prose` words of long blocks left out."""
    blocks = doc.blocks
    pattern = patterns.other_stories_heading
    stops = stop_words_for(doc.language)

    def heading(block: Block) -> bool:
        short = len(block.words) <= config.related_item_max_words
        return short and bool(pattern.match(block.norm))

    paragraphs = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        # The article's paragraphs: a list's long items may be other stories' teasers.
        paragraphs += is_paragraph(block, config) and not is_list_item(block.text)
        if not heading(block) or paragraphs < _ARTICLE_MIN_PARAGRAPHS:
            i += 1
            continue
        found = _walk(blocks, i, config, heading)
        long = config.paragraph_min_words
        teasers = sum(len(b.words) for b in found.blocks if len(b.words) >= long)
        if (
            found.stories >= config.related_min_run
            and after_article(block, teasers)
            and _subject_share(found, blocks, stops) <= _SUBJECT_SHARE
        ):
            return found
        i += 1 + len(found.blocks)  # the headings inside this list open no other
    return None
