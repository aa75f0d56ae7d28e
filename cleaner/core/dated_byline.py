"""A byline with its date on the same line: "By Jo Roe, AP Business Writer Fri Dec 28,
6:46 AM ET", "By Jo Roe @jroe Nov 18, 2019, 11:47am EST", "By Jo Roe On 11/13/19 at 4:00
PM EST", "Von Anna Roth, 12.03.2008, 19:30 Uhr".

The line is cut in two: the words before the cut are a whole byline (the byline family
of `cleaner/patterns/*.toml`) that opens on a label ("By", "Posted by") and names
someone; the words after it a date of the forms a byline carries (`[dated_byline]` in
common.toml), with a separator or a stamp's word ("on", "updated") between them. Each
half is read on its own, so the byline family's patterns need not reach for a tail long
enough to take a sentence. Where such a line may stand (over the article) is the byline
rule's to say: an event's listing has the same shape ("By Popular Demand Sat Jan 5, 8:00
PM").
"""

from __future__ import annotations

from cleaner.core.matching import whole_line_family
from cleaner.core.patterns import Patterns

# A byline and its date are this many words at most (a sentence runs longer).
MAX_WORDS = 20
# The byline family (`cleaner/patterns/*.toml`).
BYLINE_FAMILY = "byline"
# What may stand between a byline and its date besides a stamp's word.
_SEPARATORS = frozenset({"|", "-", "--", "–", "—", "·", "•", "/"})
# Words a label may follow ("Posted by", "Words by").
_BEFORE_LABEL = 1
# A name is two capitalised words or more ("Jo Roe"; "By Christmas" names no one).
_NAME_MIN_WORDS = 2
# Possessive endings: "By Tuesday's deadline", "By Labour's count" open no byline.
_POSSESSIVE = ("'s", "’s")


def is_dated_byline(
    text: str, norm: str, patterns: Patterns, function_words: frozenset[str]
) -> bool:
    """Is the line (`text`, its normalised `norm`) a byline and its date?"""
    words = norm.split(" ")
    if len(words) > MAX_WORDS or not any(c.isdigit() for c in norm):
        return False
    if not _names_someone(text, patterns, function_words):
        return False
    joints = patterns.stamp_words | _SEPARATORS
    # The date ends the line: cut before each word, from the shortest date up.
    for cut in range(len(words) - 1, 1, -1):
        date = words[cut:]
        while date and date[0].rstrip(":") in joints:
            date = date[1:]
        if not date or not patterns.byline_date.match(" ".join(date)):
            continue
        byline = words[:cut]
        while byline and byline[-1] in _SEPARATORS:
            byline = byline[:-1]
        if whole_line_family(" ".join(byline).rstrip(","), patterns) == BYLINE_FAMILY:
            return True
    return False


def _names_someone(text: str, patterns: Patterns, function_words: frozenset[str]) -> bool:
    """The line opens on a byline's label, capitalised (`byline_labels`, after at most
    one word: "Posted by"; a line opening in lowercase goes on a sentence above it), and
    a name follows: two capitalised words or more ("By Jo Roe", "By JAMES PRICHARD,",
    "Von Anna van Dijk"), none a function word, weekday, month or figure, and no
    possessive on the line. Not "By Monday, …", "By Christmas, Dec. 25", "By Order of
    the Court …", "By Mr. Roe's count …", "Von der Polizei …"."""
    words = [w for w in text.split() if any(c.isalnum() for c in w)]  # no "|" or "-"
    if not words or not words[0][:1].isupper() or any(w.endswith(_POSSESSIVE) for w in words):
        return False
    folded = [w.casefold().strip(",.;:()") for w in words]
    label = next(
        (i for i, w in enumerate(folded[: _BEFORE_LABEL + 1]) if w in patterns.byline_labels),
        None,
    )
    if label is None:
        return False
    names = 0
    for word, fold in zip(words[label + 1 :], folded[label + 1 :], strict=True):
        if fold in patterns.name_particles and names:
            continue
        if (
            not word[:1].isupper()
            or word.endswith(":")  # a label's, not a name's: "By Design: Chairs of …"
            or fold in function_words
            or fold in patterns.weekdays
            or fold in patterns.months
        ):
            break
        names += 1
        if word.endswith(","):
            break
    return names >= _NAME_MIN_WORDS
