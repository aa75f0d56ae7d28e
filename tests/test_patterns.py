"""The phrase files: their regexes are matched case-sensitively against casefolded lines."""

from __future__ import annotations

import re
import sys

from cleaner.config import Config
from cleaner.core.matching import boilerplate_match, notice_evidence
from cleaner.core.patterns import LANGUAGES, PATTERN_DIR, load_patterns

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# An upper-case letter that is not an escape (\S, \W, \B) nor part of an A-Z range.
_UPPER = re.compile(r"(?<![\\A-Za-z-])[A-Z](?!-[A-Z])")


def _regexes() -> list[tuple[str, str]]:
    found = []
    for name in ("common", *LANGUAGES):
        with open(PATTERN_DIR / f"{name}.toml", "rb") as handle:
            data = tomllib.load(handle)
        for family, entry in data.get("boilerplate", {}).items():
            for key in ("lines", "prefixes", "phrases"):
                found += [(f"{name}:{family}.{key}", r) for r in entry.get(key, [])]
        rights = data.get("copyright", {})
        for key in ("rights", "reuse"):
            found += [(f"{name}:copyright.{key}", r) for r in rights.get(key, [])]
    return found


def test_phrase_regexes_are_lower_case() -> None:
    # Lines are casefolded before matching, so an upper-case letter would never match.
    offenders = [f"{where}: {regex!r}" for where, regex in _regexes() if _UPPER.search(regex)]
    assert not offenders
    assert len(_regexes()) > 500


def test_no_doubled_backslash_before_a_dot() -> None:
    # In a TOML literal string '\\.' reaches the regex as "a backslash, then any
    # character", never as the full stop that was meant ('\.').
    offenders = [f"{where}: {regex!r}" for where, regex in _regexes() if "\\\\." in regex]
    assert not offenders


def test_upper_case_check_sees_a_capital_but_not_an_escape() -> None:
    assert _UPPER.search("share (?:on|via) Facebook")
    assert not _UPPER.search(r"por [A-Za-zÀ-ÿ][^\S,]+\W")


def test_matching_ignores_case_of_the_line() -> None:
    patterns = load_patterns()
    for line in ("SHARE THIS ARTICLE", "Share This Article"):
        found = boilerplate_match(line, 3, patterns, Config())
        assert found is not None and found[0].name == "share"
    assert notice_evidence("ALL RIGHTS RESERVED.", patterns) is not None


def test_notice_found_when_casefolding_changes_the_length() -> None:
    # "ß" casefolds to "ss": the quick screen is skipped, the full search still runs.
    assert notice_evidence("Straße Verlag. All rights reserved.", load_patterns()) is not None


def test_long_line_matches_only_families_allowed_past_the_limit() -> None:
    patterns = load_patterns()
    config = Config()
    filler = " ".join(["word"] * 70)
    cookie = boilerplate_match(f"We use cookies to improve {filler}", 75, patterns, config)
    assert cookie is not None and cookie[0].name == "cookies"
    assert boilerplate_match(f"Share this article {filler}", 73, patterns, config) is None
