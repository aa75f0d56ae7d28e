"""Is a line a newsroom credit: a desk's or a writer's role, set as bylines set it?

    "Palm Beach Post Staff Writer", "Seattle Times staff reporter",
    "Robert Fife, CTV Ottawa Bureau Chief", "Jo Roe, Film and TV Editor",
    "Murray McCormick, Canwest News Service; Regina Leader-Post"

The line ends on a role ("editor", "bureau chief": the `[credit]` words of the
page's language), after desk words in any case ("staff", "film and tv"). Before them
stand capitalised words with no function word, no heading word ("former", "meet"),
no possessive and no figure: an outlet of up to three before a sure desk word
("staff": "Seattle Times staff reporter"), or a name and an outlet, up to five, with a
comma before the role. Without either, a role after capitalised words is as often a
headline ("Trump Attacks CNN Reporter", "Police Arrest Music Producer", "Dear
Editor"). An outlet may follow the role after a semicolon. So a headline or a
sentence about a role is no credit: "Why I quit as sports editor", "Robert Peston
becomes ITV political editor", "Harold Evans, crusading editor, dies aged 92", nor a
role alone ("Foreign Correspondent", a film's title).

The shape does not tell a credit from every headline ("Gazette Hires Staff Writer"),
so no rule removes a line for it. It only keeps a credit from being reported as a
guessed title (`pipeline`: the line stays where it is, and the rules still treat it
as the headline) and, among a whole page's long candidates for the headline, has
another preferred (`headline`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from cleaner.core.patterns import Patterns

# An outlet's words before its desk ("Palm Beach Post Staff Writer"), a name's and an
# outlet's before a comma's role ("Robert Fife, CTV Ottawa Bureau Chief").
_OUTLET_LEAD_MAX = 3
_NAMED_LEAD_MAX = 5
# The outlet after a semicolon: "Regina Leader-Post".
_OUTLET_MAX = 4
_TOKEN = re.compile(r"[^\s,]+|,")
# Words that join desk words ("Film and TV Editor").
_JOINS = frozenset({"and", "&"})
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def is_credit(text: str, patterns: Patterns, language: str) -> bool:
    """Is the line a newsroom credit (see the module's docstring)?"""
    credit = patterns.credit_words_for(language)
    line = text.strip().rstrip(".")
    if credit is None or not line or any(c.isdigit() or c in ":!?()" for c in line):
        return False
    head, *outlets = line.split(";")
    if len(outlets) > 1 or any(not _capitalised(o.split(), _OUTLET_MAX) for o in outlets):
        return False
    tokens = _TOKEN.findall(head)
    words = [t.casefold() for t in tokens]
    role = _role_start(words, credit.roles)
    if role is None:
        return False
    # Desk words before the role, "and" between two of them.
    end = role
    while end > 0 and (
        words[end - 1] in credit.desks
        or (words[end - 1] in _JOINS and end > 1 and words[end - 2] in credit.desks)
    ):
        end -= 1
    before = tokens[:end]
    commas = before.count(",")
    if not commas and not credit.sure_desks.intersection(words[end:role]):
        return False  # "Trump Attacks CNN Reporter", "Police Arrest Music Producer"
    if commas > 2 or before[:1] == [","] or any(a == b == "," for a, b in pairwise(before)):
        return False
    lead = [t for t in before if t != ","]
    # "Meet Jane Roe, Sports Editor", "Jane Roe's Editor", "Jo Roe, Former Sports Editor".
    others = patterns.function_words_for(language) | credit.heading_words
    if any(w.casefold() in others or _POSSESSIVE.search(w) for w in lead):
        return False
    return _capitalised(lead, _NAMED_LEAD_MAX if commas else _OUTLET_LEAD_MAX)


def _role_start(words: list[str], roles: frozenset[str]) -> int | None:
    """Where the role that ends `words` starts (a role may be two words), or None."""
    for size in (2, 1):
        if len(words) >= size and " ".join(words[-size:]) in roles:
            return len(words) - size
    return None


def _capitalised(words: list[str], most: int) -> bool:
    """One to `most` words, each opening on a capital letter (a name, an outlet)."""
    return 0 < len(words) <= most and all(w[:1].istitle() for w in words)
