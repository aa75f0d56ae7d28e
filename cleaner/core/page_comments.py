"""Where readers' comments start in a whole page (full-page mode looks for the article's
run of prose above them: a long thread holds more prose than the article).

Two shapes: a heading that opens them ("Comments", "Post a Comment", "[ 167 comments
]"), and a thread of comments each signed on a line of its own ("Posted by: Jo |
January 14, 2008 08:53 PM") by three signers or more. `cleaner.rules.comment_threads`
finds the comments closing any dump, to remove them; here only where they begin.
"""

from __future__ import annotations

from cleaner.config import Config
from cleaner.core.document import Block
from cleaner.core.matching import whole_line_family
from cleaner.core.patterns import COMMENTS_HEADING, Patterns

# The phrase families (by name, as full-page mode reads a line's family) of the lines
# that sign a reader's comment: a name, a date, or both. An author's bio, of the byline
# kind too, signs no comment.
SIGNATURE_FAMILIES = frozenset({"byline", "timestamp"})
# An abbreviated month ("Dec", "Sept") is at least this long.
_MONTH_PREFIX = 3


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
    blocks: list[Block],
    families: list[str | None],
    prose: list[bool],
    patterns: Patterns,
    config: Config,
) -> int | None:
    """The first signature of a thread of readers' comments each signed on a line of its
    own ("Posted by: Jo | January 14, 2008 08:53 PM"): lines of one signature family
    (`families`) that name someone besides a date, with prose between each two (the
    comment; `prose`: the blocks full-page mode labels prose) and at most
    comment_thread_max_gap lines, by comment_thread_min_stamps signers or more (the
    lines differ beyond their dates). One family: an article's byline over its
    dateline and one comment's signature are three signature lines, but no thread; a
    bare dateline names no one, and a list of teasers stamped "2 hours ago" has no
    prose between its stamps."""
    starts = []
    for kind in SIGNATURE_FAMILIES:
        chain: list[tuple[int, str]] = []  # each signature's index and signer
        for block, family in zip(blocks, families, strict=True):
            name = signer(block.norm, patterns) if family == kind else ""
            if not name:
                continue
            if chain and not _comment_between(chain[-1][0], block.index, prose, config):
                if _signed_by_many(chain, config):
                    break
                chain = []
            chain.append((block.index, name))
        if _signed_by_many(chain, config):
            starts.append(chain[0][0])
    return min(starts, default=None)


def _comment_between(above: int, below: int, prose: list[bool], config: Config) -> bool:
    """Prose between two signature lines, and few enough lines for one comment."""
    return below - above <= config.comment_thread_max_gap + 1 and any(prose[above + 1 : below])


def _signed_by_many(chain: list[tuple[int, str]], config: Config) -> bool:
    return len({name for _, name in chain}) >= config.comment_thread_min_stamps


def signer(norm: str, patterns: Patterns) -> str:
    """What a signature line says beside its date and time (`norm`, a normalised line):
    "Posted by: Jo | January 14, 2008 08:53 PM" and "Posted by: Al | Dec 1, 2007 06:13 PM"
    differ by the name only. A line that is only a date and time, as the timestamp family
    reads one, names no one however it writes them: "Tue Jan 8, 2008 9:15 am" and "Wed
    Jan 9, 2008 9:15 am", a diary's entries, are signed by nobody; nor by a date after a
    stamp's label ("Posted: Mon Jan 7, 2008", `_labelled_date`)."""
    if whole_line_family(norm, patterns) == "timestamp" or _labelled_date(norm, patterns):
        return ""
    return " ".join(w for w in norm.split() if not _date_word(w.strip(".,|:;()"), patterns))


def _labelled_date(norm: str, patterns: Patterns) -> bool:
    """A dated entry's stamp line: it opens on a label (`stamp_labels`), holds only the
    label's words and a date (`stamp_words`, `_date_word`), and ends on its date or time.
    A name set apart by a separator ("Le | Posted: Jan 14, 2008") or after the date
    ("Posted: Jan 14, 2008 9:10 PM Sun") is read as a name."""
    words = [w.strip(".,:;()") for w in norm.split()]
    if "|" in norm or not words or words[0] not in patterns.stamp_labels:
        return False
    stamp = patterns.stamp_words
    if not all(_date_word(w, patterns) or w in stamp for w in words):
        return False
    last = words[-1]
    return last in patterns.stamp_ends or (last not in stamp and _date_word(last, patterns))


def _date_word(word: str, patterns: Patterns) -> bool:
    """A number, a weekday, or a month (in full or abbreviated: "dec", "sept.")."""
    return (
        not word
        or any(c.isdigit() for c in word)
        or word in patterns.weekdays
        or (len(word) >= _MONTH_PREFIX and any(m.startswith(word) for m in patterns.months))
    )
