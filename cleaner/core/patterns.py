"""Load the phrase lists in `cleaner/patterns/*.toml` and compile them once.

The data files hold every phrase and regex; this module only reads and
compiles them, so adding a language is adding a file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cleaner.core.screen import LiteralScreen, required_literals, starts_with_literal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PATTERN_DIR = Path(__file__).parent.parent / "patterns"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
# A heading that can only open readers' comments (not the bare word "Comments"), matched
# against a block's norm.
COMMENTS_HEADING = re.compile(
    r"(?:top rated|top|reader|readers'?|latest|most recent|best|\d+) comments?(?: \(\d+\))?$"
    r"|comments? \(\d+\)$|show all \d+ comments$"
)


@dataclass(frozen=True)
class Family:
    """One family of boilerplate (share prompts, ad labels, ...) in all languages."""

    name: str
    label: str
    prefixes: re.Pattern[str] | None
    phrases: re.Pattern[str] | None
    words: frozenset[str] = frozenset()
    filler_words: frozenset[str] = frozenset()
    # The removal kind its lines get (a family may report as its own kind, e.g. "byline").
    kind: str = "boilerplate"
    # Word limit for prefix and phrase matches of this family (None: the config's).
    max_words: int | None = None
    # Only lines after the article's last paragraph count (a link inside may be cited).
    tail_only: bool = False
    # Only lines in the run of matched lines that ends the dump count (a company
    # description is press-release boilerplate there, and news anywhere else).
    closing: bool = False
    # When a document has more lines of this family than this, none of them count.
    max_per_doc: int | None = None
    # Its lines come as a box (a newsletter sign-up): a short line between two of
    # them belongs to the box.
    widget: bool = False
    # Its phrases are unmistakable: a line containing one is as sure as a whole-line
    # match (so a dump that is nothing but a cookie wall is emptied, not kept whole).
    confident: bool = False


@dataclass(frozen=True)
class CodeSign:
    label: str  # what a reason calls it ("a method call")
    pattern: re.Pattern[str]
    strong: bool  # prose never writes it


@dataclass(frozen=True)
class CodeSigns:
    signs: tuple[CodeSign, ...]
    min_signs: int
    prose_min_words: int
    # Words of code ("var", "function") that no other language's prose counts as common.
    keywords: frozenset[str]
    # Lines in a row with a weak sign only that count as code between lines of code.
    bridge_max_lines: int
    # A line is a page's markup printed as text (`cleaner.core.markup`) with this many
    # tags, scripts and comments.
    markup_min_tags: int
    # The HTML elements whose tags count as markup ("<The Palace>" is a title).
    markup_elements: tuple[str, ...]


def _code_signs(section: dict) -> CodeSigns:
    signs = tuple(
        CodeSign(label, re.compile(regex), strength == "strong")
        for label, regex, strength in section["signs"]
    )
    if section["min_signs"] < 1:
        raise ValueError("[code] min_signs: a line needs one sign at least to be code")
    return CodeSigns(
        signs,
        section["min_signs"],
        section["prose_min_words"],
        frozenset(section["keywords"]),
        section["bridge_max_lines"],
        section["markup_min_tags"],
        tuple(section["markup_elements"]),
    )


@dataclass(frozen=True)
class CreditWords:
    """A newsroom credit's words (`cleaner/core/credits.py`): its roles ("editor",
    "bureau chief"), the desk words before them ("staff", "sports"), and the words that
    make such a line a heading ("former", "meet")."""

    roles: frozenset[str]
    desks: frozenset[str]
    # The desk words that make a credit without a comma ("Staff Writer").
    sure_desks: frozenset[str]
    heading_words: frozenset[str]


@dataclass(frozen=True)
class Patterns:
    families: tuple[Family, ...]
    # Every family's lines, prefixes and phrases in one regex each, one named group
    # per family (so a line is tested once, not once per family).
    all_lines: re.Pattern[str] | None
    # The whole-line patterns that may start anywhere ("[^.!?]{2,50} is a reporter ...")
    # cost the most, and most lines have none of the literals they need: `lines_screen`
    # finds those literals, and a line without any is matched against `cheap_lines`, the
    # others in the same order (a pattern left out could not have matched).
    lines_screen: LiteralScreen
    cheap_lines: re.Pattern[str] | None
    all_prefixes: re.Pattern[str] | None
    all_phrases: re.Pattern[str] | None
    by_name: dict[str, Family]
    copyright_leads: re.Pattern[str]
    copyright_rights: re.Pattern[str]
    copyright_reuse: re.Pattern[str]
    # A quick "no such phrase here" for the many lines that have none: for casefolded
    # lines, the rights and reuse phrases; for normalised lines, the families' phrases.
    copyright_screen: LiteralScreen
    phrase_screen: LiteralScreen
    ellipsis_end: re.Pattern[str]
    read_more_end: re.Pattern[str]
    read_more_link: re.Pattern[str]
    never_final: frozenset[str]
    # A photo credit that comes right under its caption (the line above it is the caption).
    credit_after_caption: re.Pattern[str]
    # The heading of a press contact block, for normalised lines: a press office's
    # ("Media contact:"), or a plain one ("Contact:") that needs more evidence.
    press_contact_heading: re.Pattern[str]
    contact_heading: re.Pattern[str]
    adjective_abbreviations: frozenset[str]
    # A line that is only a comment's "posted 2 days ago" stamp, or its readers' votes.
    comment_stamp: re.Pattern[str]
    comment_reaction: re.Pattern[str]
    # A dated entry's stamp line: the label it opens on ("posted"), and every word it
    # holds besides its date (the labels' and "on", "mon").
    stamp_labels: frozenset[str]
    stamp_words: frozenset[str]
    # The stamp words that may end it, after its time ("am", "pm").
    stamp_ends: frozenset[str]
    # A byline with its date on one line: the labels it opens on ("by", "von"), the
    # dates it closes on (matched against the end of the normalised line), and the small
    # words a name may hold ("van", "de").
    byline_labels: frozenset[str]
    byline_date: re.Pattern[str]
    name_particles: frozenset[str]
    # What tells a line of script, style or markup printed as text.
    code: CodeSigns
    function_words: dict[str, frozenset[str]] = field(default_factory=dict)
    abbreviation_leads: dict[str, frozenset[str]] = field(default_factory=dict)
    # Weekday names in every language: a line opening "sexta-feira, 22 …" is a date.
    weekdays: frozenset[str] = frozenset()
    # Month names in every language ("januar", "march"), for dates spelled out in words.
    months: frozenset[str] = frozenset()
    # What a newsroom credit is made of, by language (a language without it has none).
    credit_words: dict[str, CreditWords] = field(default_factory=dict)
    # Every family's share-button words together: a line with a token outside them is no
    # share-button row of any family (one set test instead of one per family).
    share_bar_words: frozenset[str] = frozenset()
    # The families with a word limit of their own, in order: only they can match a line
    # longer than the default limit.
    own_limit_families: tuple[Family, ...] = ()

    def function_words_for(self, language: str) -> frozenset[str]:
        return self.function_words.get(language, self.function_words["en"])

    def abbreviation_leads_for(self, language: str) -> frozenset[str]:
        return self.abbreviation_leads.get(language, self.abbreviation_leads["en"])

    def credit_words_for(self, language: str) -> CreditWords | None:
        """A credit's words: the language's own (None when it has none), English's for a
        page whose language is not known."""
        return self.credit_words.get(language if language in self.function_words else "en")


def _alternation(regexes: list[str]) -> re.Pattern[str] | None:
    """One searchable regex for phrases that start at a word boundary."""
    if not regexes:
        return None
    return re.compile(r"\b(?:" + "|".join(f"(?:{r})" for r in regexes) + ")", re.IGNORECASE)


def _whole_line(regexes: list[str]) -> re.Pattern[str]:
    """One regex for normalised lines that are entirely one of `regexes` (use .match)."""
    return re.compile("(?:" + "|".join(f"(?:{r})" for r in regexes) + ")$")


def _read(name: str) -> dict:
    with open(PATTERN_DIR / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


@cache
def load_patterns() -> Patterns:
    """Read and compile every pattern file (cached: the files do not change at run time)."""
    common = _read("common")
    per_language = {code: _read(code) for code in LANGUAGES}
    sources = [common, *per_language.values()]

    families: dict[str, dict[str, list[str]]] = {}
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    limits: dict[str, int] = {}
    tail_only: set[str] = set()
    closing: set[str] = set()
    widget: set[str] = set()
    confident: set[str] = set()
    per_doc: dict[str, int] = {}
    for data in sources:
        for name, entry in data.get("boilerplate", {}).items():
            slot = families.setdefault(
                name, {"lines": [], "prefixes": [], "phrases": [], "words": [], "filler_words": []}
            )
            labels.setdefault(name, entry.get("label", name))
            kinds.setdefault(name, entry.get("kind", "boilerplate"))
            if entry.get("tail_only"):
                tail_only.add(name)
            if entry.get("closing"):
                closing.add(name)
            if entry.get("widget"):
                widget.add(name)
            if entry.get("confident"):
                confident.add(name)
            if "max_per_doc" in entry:
                per_doc[name] = entry["max_per_doc"]
            if "max_words" in entry:
                limits[name] = entry["max_words"]
            for key in slot:
                slot[key].extend(entry.get(key, []))

    # Family regexes see casefolded lines (`normalise_line`) and the data is lower case,
    # so they are compiled without IGNORECASE, which makes the scan several times slower.
    def anchored(regexes: list[str], how: str) -> re.Pattern[str] | None:
        if not regexes:
            return None
        body = "|".join(f"(?:{r})" for r in regexes)
        # Phrases start at a word, as in the combined regex below. (Whole-line matches
        # only go through the combined regex: `all_lines`.)
        return re.compile(rf"\b(?:{body})" if how == "search" else rf"(?:{body})")

    compiled = tuple(
        Family(
            name=name,
            label=labels[name],
            prefixes=anchored(slot["prefixes"], "prefix"),
            phrases=anchored(slot["phrases"], "search"),
            words=frozenset(slot["words"]),
            filler_words=frozenset(slot["filler_words"]),
            kind=kinds[name],
            max_words=limits.get(name),
            tail_only=name in tail_only,
            closing=name in closing,
            widget=name in widget,
            confident=name in confident,
            max_per_doc=per_doc.get(name),
        )
        for name, slot in families.items()
    )

    def combined(
        key: str, how: str, keep: Callable[[str], bool] = lambda regex: True
    ) -> re.Pattern[str] | None:
        parts = [
            f"(?P<{name}>{'|'.join(f'(?:{r})' for r in kept)})"
            for name, slot in families.items()
            if (kept := [r for r in slot[key] if keep(r)])
        ]
        if not parts:
            return None
        body = "|".join(parts)
        if how == "full":
            return re.compile(rf"(?:{body})$")
        # Phrases start at a word: the leading \b lets the scan skip mid-word positions.
        return re.compile(rf"\b(?:{body})" if how == "search" else body)

    def gather(section: str, key: str) -> list[str]:
        return [r for data in sources for r in data.get(section, {}).get(key, [])]

    def costly_line(regex: str) -> bool:
        """A whole-line pattern that may start anywhere, and needs literals to match."""
        return not starts_with_literal(regex) and required_literals(regex) is not None

    # (A dict as an ordered set: the screen is built in the same order on every run.)
    costly_lines = dict.fromkeys(
        r for slot in families.values() for r in slot["lines"] if costly_line(r)
    )
    truncated = common["truncated"]
    rights = _alternation(gather("copyright", "rights"))
    reuse = _alternation(gather("copyright", "reuse"))
    assert rights is not None and reuse is not None
    return Patterns(
        families=compiled,
        all_lines=combined("lines", "full"),
        lines_screen=LiteralScreen(costly_lines),
        cheap_lines=combined("lines", "full", keep=lambda regex: regex not in costly_lines),
        all_prefixes=combined("prefixes", "prefix"),
        all_phrases=combined("phrases", "search"),
        by_name={family.name: family for family in compiled},
        copyright_leads=re.compile(
            "|".join(f"(?:{r})" for r in common["copyright"]["leads"]), re.IGNORECASE
        ),
        copyright_rights=rights,
        copyright_reuse=reuse,
        copyright_screen=LiteralScreen(
            gather("copyright", "rights") + gather("copyright", "reuse")
        ),
        phrase_screen=LiteralScreen(r for slot in families.values() for r in slot["phrases"]),
        ellipsis_end=re.compile(r"(?:" + "|".join(truncated["ellipsis_ends"]) + r")\s*$"),
        read_more_end=re.compile(
            r"(?:"
            + "|".join(truncated["ellipsis_ends"])
            + r")\s*[\[(]?(?:"
            + "|".join(re.escape(s) for s in truncated["read_more_suffixes"])
            + r")\s*(?:[\])»›→>]|\.\.\.|…)*\s*$",
            re.IGNORECASE,
        ),
        read_more_link=re.compile(
            r"\s+[\[(]?(?:"
            + "|".join(
                re.escape(s[0].upper() + s[1:])
                for s in truncated["read_more_suffixes"]
                if len(s) > 5
            )
            + r")\s*(?:[\])»›→>]|\.\.\.|…)*\s*$"
        ),
        never_final=frozenset(truncated["never_final"]),
        credit_after_caption=re.compile(
            "|".join(f"(?:{r})" for r in common["captions"]["credits_after_caption"]),
            re.IGNORECASE,
        ),
        adjective_abbreviations=frozenset(truncated["adjective_abbreviations"]),
        press_contact_heading=_whole_line(gather("contacts", "press")),
        contact_heading=_whole_line(gather("contacts", "press") + gather("contacts", "headings")),
        comment_stamp=_whole_line(common["comments"]["relative_stamps"]),
        comment_reaction=_whole_line(common["comments"]["reactions"]),
        stamp_labels=frozenset(common["comments"]["stamp_labels"]),
        stamp_words=frozenset(
            common["comments"]["stamp_labels"] + common["comments"]["stamp_words"]
        ),
        stamp_ends=frozenset(common["comments"]["stamp_ends"]),
        byline_labels=frozenset(common["dated_byline"]["labels"]),
        byline_date=_whole_line(common["dated_byline"]["dates"]),
        name_particles=frozenset(common["dated_byline"]["name_particles"]),
        function_words={
            code: frozenset(data.get("function_words", [])) for code, data in per_language.items()
        },
        abbreviation_leads={
            code: frozenset(data.get("abbreviation_leads", []))
            for code, data in per_language.items()
        },
        weekdays=frozenset(day for data in per_language.values() for day in data["weekdays"]),
        months=frozenset(month for data in per_language.values() for month in data["months"]),
        credit_words={
            code: CreditWords(
                roles=frozenset(data["credit"]["roles"]),
                desks=frozenset(data["credit"]["desks"]),
                sure_desks=frozenset(data["credit"]["sure_desks"]),
                heading_words=frozenset(data["credit"]["heading_words"]),
            )
            for code, data in per_language.items()
            if "credit" in data
        },
        share_bar_words=frozenset().union(*(family.words for family in compiled)),
        own_limit_families=tuple(family for family in compiled if family.max_words is not None),
        code=_code_signs(common["code"]),
    )
