"""A quick "none of these regexes can match this line", for the many lines that match
none of them.

Each regex needs some literal text to match: "we use cookies" needs " cookies", a
choice of phrases needs one of each choice's words. `required_literals` reads that
off the parsed regex; `LiteralScreen` looks for all of them in one Aho-Corasick pass
(pyahocorasick), several times faster than Python's regex engine scanning a line
for an alternation of phrases. When no literal is in the line, no regex can match;
when one is, the regexes are asked as before, so answers never change.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse as sre_parser  # type: ignore[no-redef]

# Shorter literals ("by", "a") are in most lines and would screen nothing out.
MIN_LITERAL = 3

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_BRANCH = sre_constants.BRANCH
_IGNORECASE = sre_constants.SRE_FLAG_IGNORECASE


def _better(best: frozenset[str] | None, found: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two choices: longer shortest literal, then fewer of them."""
    if not found or min(len(s) for s in found) < MIN_LITERAL:
        return best
    if best is None:
        return found
    key = (min(len(s) for s in found), -len(found))
    return found if key > (min(len(s) for s in best), -len(best)) else best


def _required(items: sre_parser.SubPattern | list) -> frozenset[str] | None:
    """Literals of which every match of the parsed sequence `items` contains one."""
    best: frozenset[str] | None = None
    run = ""
    for op, arg in items:
        if op is _LITERAL:
            run += chr(arg)
            continue
        best = _better(best, frozenset({run}) if run else None)
        run = ""
        if op is _SUBPATTERN:
            if arg[1] & _IGNORECASE:  # "(?i:...)": its literals may come in any case
                continue
            best = _better(best, _required(list(arg[-1])))
        elif op in _REPEATS and arg[0] >= 1:  # repeated at least once
            best = _better(best, _required(list(arg[2])))
        elif op is _BRANCH:
            choices = [_required(list(branch)) for branch in arg[1]]
            if all(choices):
                best = _better(best, frozenset().union(*choices))  # type: ignore[arg-type]
        # Anything else (a class, "." , an optional part, a lookaround) needs no literal.
    return _better(best, frozenset({run}) if run else None)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals of which every match of `pattern` contains one (None: no such set).

    Case matters: patterns for casefolded lines are written in lower case, and a
    pattern that ignores case ("(?i)...") gets None.
    """
    parsed = sre_parser.parse(pattern)
    if parsed.state.flags & _IGNORECASE:
        return None
    return _required(list(parsed))


def starts_with_literal(pattern: str) -> bool:
    """Whether every match of `pattern` starts with a literal character (or one of a
    choice of them): the regex engine then drops it at a glance at a line's first
    character, and screening it would save nothing."""
    items = list(sre_parser.parse(pattern))
    if not items:
        return False
    op, arg = items[0]
    if op is _LITERAL:
        return True
    return op is _BRANCH and all(branch and branch[0][0] is _LITERAL for branch in arg[1])


class LiteralScreen:
    """Says when none of `patterns` can match a text (see the module docstring)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        # A pattern with no literal it must contain could match anything.
        self.screens_nothing = False
        for pattern in patterns:
            literals = required_literals(pattern)
            if literals is None:
                self.screens_nothing = True
                continue
            for literal in literals:
                # The screen sees casefolded lines: an upper-case literal would never
                # be found there, and would rule out lines its pattern matches.
                assert literal == literal.casefold(), f"{pattern!r} is not in lower case"
                self._automaton.add_word(literal, literal)
        if len(self._automaton):
            self._automaton.make_automaton()

    def may_match(self, text: str) -> bool:
        """False when no pattern can match `text`; True when one might."""
        if self.screens_nothing:
            return True
        if not len(self._automaton):
            return False
        return next(self._automaton.iter(text), None) is not None
