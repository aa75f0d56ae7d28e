"""Where readers' comments start in a whole page (full-page mode looks for the article's
run of prose above them: a long thread holds more prose than the article).

Two shapes: a heading that opens them ("Comments", "Post a Comment", "[ 167 comments
]"), and a thread of comments each signed on a line of its own ("Posted by: Jo |
January 14, 2008 08:53 PM") by three people or more. `cleaner.rules.comment_threads`
finds the comments closing any dump, to remove them; here only where they begin.
"""

from __future__ import annotations

from cleaner.config import Config
from cleaner.core.document import Block
from cleaner.core.matching import signer
from cleaner.core.patterns import COMMENTS_HEADING, Patterns, load_patterns

# Families of the lines that sign a reader's comment: a name, a date, or both.
SIGNATURE_FAMILIES = frozenset({"byline", "timestamp"})


def heading_start(blocks: list[Block], families: list[str | None], prose: list[bool]) -> int | None:
    """The first line that opens readers' comments ("Comments", "Post a Comment", "Top
    Rated Comments", "[ 167 comments ]"), if any. A prompt that may stand anywhere
    ("Have your say", "Comments") opens none with two blocks of prose right under it:
    a sidebar's link printed inside the article, which goes on below it (comments come
    under a name, a date or a form)."""
    for block, family in zip(blocks, families, strict=True):
        if COMMENTS_HEADING.match(block.norm):
            return block.index
        if family == "comments" and prose[block.index + 1 : block.index + 3] != [True, True]:
            return block.index
    return None


def signed_thread_start(
    blocks: list[Block], families: list[str | None], config: Config
) -> int | None:
    """The first signature of a thread of readers' comments each signed on a line of its
    own ("Posted by: Jo | January 14, 2008 08:53 PM"): lines of one signature family
    (`families`), a comment between each two and at most comment_thread_max_gap lines,
    signed by comment_thread_min_stamps people or more (they differ beyond their dates).
    One family: an article's byline over its dateline and one comment's signature are
    three signature lines, but no thread."""
    patterns = load_patterns()
    starts = []
    for kind in SIGNATURE_FAMILIES:
        chain: list[Block] = []
        for block, family in zip(blocks, families, strict=True):
            if family != kind:
                continue
            if chain and not 1 < block.index - chain[-1].index <= config.comment_thread_max_gap + 1:
                if _signed_by_many(chain, patterns, config):
                    break
                chain = []
            chain.append(block)
        if _signed_by_many(chain, patterns, config):
            starts.append(chain[0].index)
    return min(starts, default=None)


def _signed_by_many(chain: list[Block], patterns: Patterns, config: Config) -> bool:
    signers = {signer(block.norm, patterns) for block in chain}
    return len(signers) >= config.comment_thread_min_stamps
