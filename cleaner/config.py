"""Thresholds for every rule, in one place, with the defaults the CLI shows.

A rule reads its numbers from here, never from literals in its own code.
`Config.from_file` reads the same fields from a TOML file (a `[cleaner]` table
or top-level keys), so a user can tune a run without touching code.
"""

from __future__ import annotations

import math
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# The rules, in the order they run (an earlier rule wins a contested span): the one list
# of them. Each name is a module of cleaner/rules/ holding its RULE (cleaner.rules loads
# them by these names; this module imports none of them, as they import it).
ALL_RULES = (
    "duplicate_headline",
    "copyright",
    "boilerplate",
    "byline",
    "timestamp",
    "bare_url",
    "site_boilerplate",
    "repeated_block",
    "code",
    "truncated",
    "related_links",
    "promo_headlines",
    "sign_off",
    "chrome",
)

# Rules split out of an older rule: a list that names none of them (written before
# the split) runs them right after it, so a config that lists "boilerplate" cleans as
# it did when that rule also took bylines, timestamps and bare addresses.
SPLIT_RULES = {"boilerplate": ("byline", "timestamp", "bare_url")}


FULLPAGE_MODES = ("auto", "on", "off")
# Settings that are shares of something (a fraction of characters, lines, words or a
# similarity): they must lie in [0, 1]. Other numbers must not be negative.
SHARE_SUFFIXES = ("_share", "_similarity")
SHARE_NAMES = (
    "fullpage_stopwords_low",
    "fullpage_stopwords_high",
    "model_remove_above",
    "model_remove_above_article",
    "model_remove_above_closed",
    "model_sure_above",
    "fullpage_model_threshold",
    "fullpage_gain_threshold",
    "fullpage_gain_min_page",
)


@dataclass(frozen=True)
class Config:
    # Rules to run, in priority order: an earlier rule wins a contested span. A list
    # naming boilerplate but none of the rules split out of it gets them (SPLIT_RULES).
    rules: tuple[str, ...] = ALL_RULES
    # Language of the documents ("en", "de", ...); None guesses it per document.
    language: str | None = None

    # Input limits: a larger file, or a .gz that expands past the second, fails alone
    # with a clear error instead of exhausting memory.
    max_file_mb: float = 200
    max_decompressed_mb: float = 500
    # A JSONL record (one line) over this size fails alone, read in pieces, never whole.
    max_record_mb: float = 20
    # A line of text longer than this is no prose a rule can judge: the document fails.
    max_line_chars: int = 100_000
    # HTML nested deeper than this (elements) is refused before any parser sees it.
    max_html_depth: int = 10_000
    # Seconds one document may take (reading, extraction, rules); 0 turns the budget off.
    doc_time_budget_s: float = 30

    # Safety valve: above this share of removed characters only confident removals apply.
    max_removed_share: float = 0.5

    # Headline: the first line counts as the headline when it is this short.
    headline_max_words: int = 25
    headline_max_chars: int = 250
    headline_min_words: int = 2
    # How many blocks from the top the kept headline may stand (kickers, chrome above it).
    headline_search_blocks: int = 3
    # Two lines are the same headline when their normalised similarity reaches this.
    headline_similarity: float = 0.92
    # A kicker above a repeated headline is at most this many words.
    kicker_max_words: int = 4
    # A deck printed between the headline and its copy is at most this many words.
    deck_max_words: int = 60
    # The headline repeated as the opening of the first paragraph: headline length needed.
    headline_prefix_min_words: int = 4

    # Copyright: a notice standing as a line has at most this many words.
    copyright_max_words: int = 45
    # ... or this many when it opens with a rights mark ("© 2015", "Copyright 2013").
    copyright_lead_max_words: int = 90
    # A notice trailing the last sentence of a paragraph has at most this many words.
    copyright_suffix_max_words: int = 30
    # "Copyright Some Name" without a year counts when the line is this short.
    copyright_name_max_words: int = 6
    # A notice closes the article when at least this share of its prose is above it and
    # at most this many lines follow it: those lines are the site's footer.
    footer_min_article_share: float = 0.6
    footer_max_lines: int = 12

    # Boilerplate: a prefix match ("Read more: ...") counts on lines this short.
    boilerplate_prefix_max_words: int = 25
    # A phrase match (cookie notice, comment policy) counts on lines this short.
    boilerplate_phrase_max_words: int = 60
    # A share bar ("Facebook Twitter Email") has at most this many labels.
    share_bar_max_tokens: int = 12
    # Lines this short may sit among the closing lines of a dump ("Quick links").
    closing_short_words: int = 5
    # A line this short between two lines of one sign-up box belongs to the box.
    widget_inner_max_words: int = 25
    # A label alone on its line ("By", "Reading time:") takes the short line under it.
    label_value_max_words: int = 4
    # A caption right above its photo credit (its paragraph) is at most this many words.
    caption_max_words: int = 50
    # A press contact block closing the dump ("Contact:", a name, a phone, an address):
    # at most this many lines under the heading, each at most this many words.
    contact_block_max_lines: int = 15
    contact_line_max_words: int = 8
    # A plain "Contact:" heading needs the release's company section within this many lines.
    contact_section_lines: int = 3

    # Site boilerplate: a template line is on at least this many, and this share, of its pages.
    site_min_docs: int = 3
    site_min_share: float = 0.1
    # Below those thresholds, a line on at least this many of the site's pages still
    # counts when it stands in a run of such lines at the page's edge (an author's
    # signature block on a site of many authors).
    site_run_min_docs: int = 2
    # ... unless more than this share of the site's distinct lines are on a few pages:
    # then its pages copy each other, and sharing a line says nothing.
    site_shared_max_share: float = 0.1

    # Repeated blocks: shorter repeats (a "Yes." in an interview) are left alone.
    repeated_min_words: int = 6
    repeated_min_chars: int = 25
    # A line repeated more often than this is page structure (a template), not a scraping slip.
    repeated_max_copies: int = 2
    # Lines this long count as repeats however they end and however often they come.
    repeated_long_words: int = 12
    # A page with more different repeated lines than this is a template; leave it alone.
    repeated_max_distinct: int = 4

    # A paragraph of the article's prose has at least this many words (and a full stop).
    paragraph_min_words: int = 15
    # The heading must come after this share of the article's prose words.
    related_min_article_share: float = 0.6
    # A block this long after the heading means the article goes on.
    related_max_item_words_after: int = 40
    # ... and so do this many paragraphs of this many words closing the dump.
    related_closing_paragraphs: int = 2
    related_closing_paragraph_words: int = 20
    # ... above at most this many short lines (a share bar, "Back to top").
    related_closing_tail_lines: int = 2
    # A closing run of headline-like lines: how many lines, and how long each.
    related_min_run: int = 3
    related_item_min_words: int = 3
    related_item_max_words: int = 20
    # A related box inside the article holds this many headlines (more: a list of its own).
    related_box_min_items: int = 2
    related_box_max_items: int = 6
    # A closing list of teasers set apart by lone bullet lines ("-", "•"): at least
    # this many bullets, and at most this many lines (each this long) between two.
    related_min_bullets: int = 3
    related_teaser_max_lines: int = 3
    related_teaser_max_words: int = 30
    # Headlines are in title case: at least this share of their longer words capitalised.
    related_title_case_share: float = 0.6
    # A closing run whose lines end on figures this often is a table of results, not links.
    related_figure_rows_share: float = 0.6
    # A line in capitals this long between the article's paragraphs is a link to another
    # story (a heading in capitals is shorter: "HOW TO USE A WATER BATH CANNER"), when
    # at least this share of its letters are capitals.
    shouted_min_words: int = 10
    shouted_capitals_share: float = 0.9
    # A comments section is only taken after this many words of the article's prose.
    comments_min_article_words: int = 60
    # A thread of readers' comments closing the dump: at least this many "2 days ago"
    # stamps and readers' votes ("Rating: 36 Votes"), or comments signed by this many
    # names ("Posted by: Jo | Jan 14, 2008"), at most this many lines apart.
    comment_thread_min_stamps: int = 3
    comment_thread_min_reactions: int = 3
    comment_thread_max_gap: int = 12

    # Full-page dumps (a whole page as text): "auto" switches on when the dump looks
    # like one (at least fullpage_min_blocks blocks, at least fullpage_short_share of
    # them under fullpage_short_words words); "on" and "off" force it.
    fullpage: str = "auto"
    fullpage_min_blocks: int = 40
    fullpage_short_words: int = 6
    fullpage_short_share: float = 0.45
    # ... and at least this share of short lines among the first and the last
    # fullpage_edge_blocks blocks (menus at the top, footer at the bottom).
    fullpage_edge_blocks: int = 15
    fullpage_edge_short_share: float = 0.5
    # ... and at least this many lines that match the boilerplate phrase lists.
    fullpage_min_chrome_lines: int = 3
    # Or, a second route (cleaner/page_kind.py): a dump of at least
    # fullpage_model_min_blocks blocks that the learned whole-page test gives at least
    # this probability (0.0 would take every dump of that size; 1.0 turns the route off).
    fullpage_model_threshold: float = 0.7
    fullpage_model_min_blocks: int = 20
    # ... or that it gives at least fullpage_gain_min_page, with at least
    # fullpage_gain_min_chrome_lines known chrome lines, and that the learned payoff
    # test gives at least fullpage_gain_threshold (1.0 turns this off): a dump an
    # extractor left half a page, or a page that reads partly like an article.
    # A weights file without the payoff test (written before it) leaves this off.
    fullpage_gain_threshold: float = 0.7
    fullpage_gain_min_page: float = 0.5
    fullpage_gain_min_chrome_lines: int = 2
    # Other weights for those tests than the shipped ones (the eval uses the site folds').
    fullpage_model_file: str | None = None
    # jusText's block classes, on text lines: lengths in characters, stop-word densities.
    fullpage_length_low: int = 70
    fullpage_length_high: int = 200
    fullpage_stopwords_low: float = 0.30
    fullpage_stopwords_high: float = 0.32
    # Non-prose blocks bridged between two runs of prose in the article.
    fullpage_max_gap: int = 6
    # A run of prose above the largest that holds this share of its text, and two
    # paragraphs in a row, is as likely the article: the article's span starts at its top.
    fullpage_rival_share: float = 0.5
    # A box of at most this many short lines in the article (links, a fact box) keeps it whole.
    fullpage_box_lines: int = 12
    # A page laid out as a table, printed with its columns side by side: inside the
    # article, a line's columns (this many spaces or more apart) that stand beside one
    # column of prose (fullpage_column_prose_words words or more) and are shorter than
    # fullpage_side_max_words words are a sidebar's.
    fullpage_column_gap: int = 6
    fullpage_column_prose_words: int = 12
    fullpage_side_max_words: int = 10
    # A menu printed as one row: at least this many items between bars, each this short.
    menu_min_items: int = 3
    menu_item_max_words: int = 4
    # A short block takes its neighbours' side only when they are this few short blocks away.
    fullpage_context_reach: int = 2
    # After the last paragraph the article goes on until known chrome or this many
    # menu-like lines (at most fullpage_menu_words words) in a row.
    fullpage_menu_words: int = 3
    fullpage_menu_run: int = 3
    # How far above the article its headline is looked for, in blocks.
    fullpage_headline_search: int = 12
    # Above the article, a line this long is preferred as its headline.
    fullpage_headline_min_words: int = 5
    # Below this much article text, chrome removals are guesses (the safety valve applies).
    fullpage_min_article_chars: int = 400

    # The line model (cleaner/model): a P(noise) per line learned from many sites; off: no model.
    line_model: bool = True
    # Another model file than the one shipped (`cleaner train` writes them).
    model_file: str | None = None
    # A line no rule names is removed from this score (a guess), sure from model_sure_above.
    model_remove_above: float = 0.8
    # ... in a dump that is not a whole page (an extracted article).
    model_remove_above_article: float = 0.98
    # ... below the chrome that closes an extracted article (a share bar, a rights notice),
    # and a layout row two or more lines under its last block of prose of this many words.
    model_remove_above_closed: float = 0.5
    model_row_article_words: int = 40
    model_sure_above: float = 0.995

    # Truncation: a paragraph must have this many words to be judged cut off mid-clause.
    truncated_min_words: int = 6
    # Hard-wrapped prose: a line stopping mid-clause runs on when one of this many lines
    # below it, in its paragraph, finishes a sentence.
    wrapped_lookahead: int = 3
    # ... and a wrapped line is at most this long (a paragraph on one line is longer).
    wrapped_line_max_chars: int = 100
    # A writer who ends this many sentences with "..." inside paragraphs uses it as style.
    ellipsis_style_min: int = 2
    # ... or who ends this many paragraphs with one.
    ellipsis_style_min_ends: int = 3
    # A sentence ending in "...", a comma or a dash is a cut teaser only with this many
    # words (a shorter one leads in to what follows: "As Reuters reports,").
    teaser_min_words: int = 8

    def __post_init__(self) -> None:
        # A wrong value fails here, once, naming the setting, rather than in every
        # document as a rule's TypeError.
        if isinstance(self.rules, list):  # as TOML (and a caller) writes it
            object.__setattr__(self, "rules", tuple(self.rules))
        for name, check in _CHECKS.items():
            value = getattr(self, name)
            problem = check(value)
            if problem is not None:
                raise ValueError(
                    f"{name}: expected {problem}, got {value!r} ({type(value).__name__})"
                )
        object.__setattr__(self, "rules", with_split_rules(self.rules))

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """The settings of a TOML file; ValueError (naming the file and the setting) when
        a setting is unknown or its value is of the wrong type or out of range."""
        with open(path, "rb") as handle:
            try:
                data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as error:
                raise ValueError(f"{path}: not valid TOML: {error}") from None
        data = data.get("cleaner", data)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            names = ", ".join(sorted(known))
            raise ValueError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {names}")
        try:
            return replace(cls(), **data)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None


def with_split_rules(rules: tuple[str, ...]) -> tuple[str, ...]:
    """`rules`, each rule followed by the rules split out of it when `rules` names none
    of those (`SPLIT_RULES`)."""
    named = set(rules)
    expanded: list[str] = []
    for name in rules:
        expanded.append(name)
        split = SPLIT_RULES.get(name, ())
        if not named.intersection(split):
            expanded.extend(split)
    return tuple(expanded)


# What each setting must hold. Each check returns what the value should have been, or None.


def _rule_names(value: object) -> str | None:
    known = ", ".join(ALL_RULES)
    if not (isinstance(value, tuple) and all(isinstance(r, str) for r in value)):
        return f"a list of rule names ({known})"
    unknown = [r for r in value if r not in ALL_RULES]
    return f"rule names out of {known} ({', '.join(unknown)} unknown)" if unknown else None


def _fullpage_mode(value: object) -> str | None:
    return None if value in FULLPAGE_MODES else f"one of {', '.join(FULLPAGE_MODES)}"


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else "a string"


def _text_or_none(value: object) -> str | None:
    return None if value is None or isinstance(value, str) else "a string (or no setting)"


def _flag(value: object) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _number(value: object, *, whole: bool = False, share: bool = False) -> str | None:
    wanted = "a whole number" if whole else "a number"
    # bool is an int to Python, but `true` for a count or a share is a slip, not a number.
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
        return wanted
    if not math.isfinite(value):
        return "a finite number"
    if share:
        return None if 0 <= value <= 1 else "a share between 0 and 1"
    return None if value >= 0 else f"{wanted} of at least 0"


def _check_for(name: str, expected: Any) -> Callable[[object], str | None]:
    if name == "rules":
        return _rule_names
    if name == "fullpage":
        return _fullpage_mode
    if expected == str | None:
        return _text_or_none
    if expected is str:
        return _text
    if expected is bool:
        return _flag
    share = name.endswith(SHARE_SUFFIXES) or name in SHARE_NAMES
    return partial(_number, whole=expected is int, share=share)


# The types come from the field annotations: a new setting is checked with no edit here.
_CHECKS = {name: _check_for(name, t) for name, t in typing.get_type_hints(Config).items()}


DEFAULT_CONFIG = Config()
