"""A list of the site's other stories under a heading that names them, after the article.

    "... the council will vote in May.\\nB.C. Headlines\\n- Hops shortage spurs
    microbreweries to reinvent beers\\n- A worldwide shortage of hops is forcing ...\\n"
    "- Man arrested in hit-and-run\\n- A 24-year-old man has been charged ..."
    -> "... the council will vote in May."

The heading names other stories ("B.C. Headlines", "Top stories", "More Nfld. &
Labrador Headlines": the patterns' `other_stories_headings`); under it, three stories
or more, each a headline over its teaser, both a list's items, or a headline alone
written in title case, with section labels ("World", "Health") and more such headings
between them. The teasers finish sentences and may be long, so the list is told by
other things:
- its stories leave the article's subject: few of their words (`_SUBJECT_SHARE`) are
  words of the article above the heading (an article's own headed points, a Q&A or a
  glossary under "Key points" share most of theirs);
- an article of its own stands above the heading (`_ARTICLE_MIN_PARAGRAPHS`,
  `_ARTICLE_MIN_WORDS`), and most of the dump's prose, the teasers left out, is above it
  (a briefing or a press review is mostly its list);
- it closes the dump: no paragraph below it (a box the article goes on under is left);
- one shape per list (`_walk`), and teasers are a list's items: unbulleted titles over
  one paragraph each are also how an article's last sections print.
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
# An article of its own above the heading: this many paragraphs at least, and this many
# words in them (in the validation dumps' lists, 144 and more; a digest's or a briefing's
# few lines over its stories, fewer).
_ARTICLE_MIN_PARAGRAPHS = 3
_ARTICLE_MIN_WORDS = 120
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
    more headings, up to the first line of another shape. One shape per list: once a
    headline stood alone as a story, a long line under a headline ends the list (the
    article going on under a box of titles), and once a headline had a teaser, a title
    over another is a section's label."""
    taken: list[Block] = []
    teasers: list[Block] = []
    stories = 0
    teased: bool | None = None  # the list's shape, once its first story shows it
    pending: Block | None = None  # a headline not yet known to be a story or a label
    for block in blocks[start + 1 :]:
        if heading(block):
            pending = None
        elif _headline(block, config):
            if pending is not None and teased is not True and _alone(pending, config):
                stories += 1
                teased = False
            pending = block
        elif pending is not None and teased is not False and _teaser(block, config):
            stories += 1
            teasers.append(block)
            teased = True
            pending = None
        else:
            break
        taken.append(block)
    if pending is not None and teased is not True and _alone(pending, config):
        stories += 1
    # Headlines over one paragraph each, unbulleted, are also how an article's last
    # sections print ("What Critics Say" / a paragraph): teasers are a list's items.
    listed = all(is_list_item(b.text) for b in teasers)
    return StoryList(blocks[start], taken, stories if listed else 0)


def _content_words(block: Block, stops: frozenset[str]) -> list[str]:
    """A block's words of four letters or more that are no stop words, in lower case."""
    words = (w.lower() for w in block.words)
    return [w for w in words if len(w) >= _CONTENT_LETTERS and w not in stops]


def _subject_share(story_list: StoryList, article: set[str], stops: frozenset[str]) -> float:
    """The share of the list's content words that are words of the article above it."""
    listed = [w for b in story_list.blocks for w in _content_words(b, stops)]
    return sum(w in article for w in listed) / len(listed) if listed else 1.0


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

    # The last paragraph of the dump: a list that ends above it is a box the article
    # goes on under.
    last = max((b.index for b in blocks if is_paragraph(b, config)), default=-1)
    paragraphs = 0
    prose = 0
    above: list[Block] = []  # the article's lines so far (no list items)
    article: set[str] = set()  # the content words of `above`, gathered when asked
    gathered = 0

    def article_words() -> set[str]:
        nonlocal gathered
        for line in above[gathered:]:
            article.update(_content_words(line, stops))
        gathered = len(above)
        return article

    i = 0
    while i < len(blocks):
        block = blocks[i]
        if is_list_item(block.text):
            i += 1
            continue  # a list's long items may be other stories' teasers
        if not heading(block):
            above.append(block)
            if is_paragraph(block, config):
                paragraphs += 1
                prose += len(block.words)
            i += 1
            continue
        found = _walk(blocks, i, config, heading)
        long = config.paragraph_min_words
        teasers = sum(len(b.words) for b in found.blocks if len(b.words) >= long)
        if (
            found.stories >= config.related_min_run
            and found.end >= last
            and paragraphs >= _ARTICLE_MIN_PARAGRAPHS
            and prose >= _ARTICLE_MIN_WORDS
            and after_article(block, teasers)
            and _subject_share(found, article_words(), stops) <= _SUBJECT_SHARE
        ):
            return found
        i += 1 + len(found.blocks)  # the headings inside this list open no other
    return None
