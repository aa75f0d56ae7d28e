"""A newsroom credit by its shape (a role after desk words, capitalised words before):
never reported as a guessed title, and never removed for its shape."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.core.credits import is_credit
from cleaner.core.patterns import load_patterns

_HEADLINE = "Tram depot plans go on show"
_PROSE = (
    "The council will show its plans for the new tram depot at the library on Saturday, "
    "with engineers on hand to answer questions.\n"
    "Residents near the site have asked for a noise wall along the depot's eastern edge, "
    "and the plans include one.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Palm Beach Post Staff Writer",
        "Jo Roe, Film and TV Editor",
        "Robert Fife, CTV Ottawa Bureau Chief",
        "Seattle Times staff reporter",
        "Murray McCormick, Canwest News Service; Regina Leader-Post",
        "KEN WARREN, CanWest News Service",
        "MARK SMITH, Deputy Business Editor",
        "Ruth Okafor, Staff Writer.",
    ],
)
def test_credits(line: str) -> None:
    assert is_credit(line, load_patterns(), "en")


@pytest.mark.parametrize(
    "line",
    [
        # Headlines and sentences about a role: a verb, a function word, a figure.
        "Why I quit as sports editor",
        "Robert Peston becomes ITV political editor",
        "Laura Kuenssberg quits as BBC political editor",
        "Harold Evans, crusading editor, dies aged 92",
        "Marie Colvin, war correspondent, killed",
        "Meet the sports editor",
        "Letters to the Editor",
        "From Our Own Correspondent",
        "Interview: BBC political editor",
        "1994: Appointed business editor",
        "Happy birthday, sports editor",
        "Jo Roe, former editor",
        # A role alone (a film's title, a menu's item), a word that only ends in a role.
        "Foreign Correspondent",
        "News staff writer",
        "Acme Bank, largest creditor",
        # Capitalised words before a role, with no desk word and no comma, or too many.
        "Trump Attacks CNN Reporter",
        "Trump Fires Fox Sports Writer",
        "Police Arrest Music Producer",
        "PopMatters Film and TV Editor",
        "Dear Editor",
        "Gunman Kills Capital Gazette Sports Writer",
        # Empty slots, a possessive.
        "",
        ", , Editor",
        "Jane Roe,, Editor",
        "Jane Roe's Staff Writer",
        "Jane Roe, Former Sports Editor",
        "Meet Jane Roe, Sports Editor",
    ],
)
def test_no_credits(line: str) -> None:
    assert not is_credit(line, load_patterns(), "en")


def test_a_language_without_roles_has_no_credits() -> None:
    # German capitalises its nouns: "Hans Müller, Sport Reporter" is no English credit.
    assert is_credit("Ruth Okafor, Staff Writer", load_patterns(), "en")
    assert not is_credit("Ruth Okafor, Staff Writer", load_patterns(), "de")
    assert not is_credit("Mein Vater, Reporter", load_patterns(), "de")


def test_a_credit_is_never_reported_as_a_guessed_title() -> None:
    # An extractor's dump that opens on the credit: the line stays where it is.
    dump = f"Valley Courier Staff Writer\n{_PROSE}"
    result = clean_text(dump)
    assert result.title is None and result.removals == []
    assert result.text == dump.rstrip("\n")


def test_a_headline_shaped_as_a_credit_stays_the_headline_unreported() -> None:
    # "Gazette Hires Staff Writer" is shaped as a credit: not reported as the title,
    # but still the headline the rules spare (not taken as the caption over a credit).
    dump = f"Gazette Hires Staff Writer\nPhoto: Jo Roe/Reuters\n{_PROSE}"
    result = clean_text(dump)
    assert result.title is None
    assert [r.text.strip() for r in result.removals] == ["Photo: Jo Roe/Reuters"]
    assert result.text.startswith("Gazette Hires Staff Writer\n")
    assert clean_text(result.text).text == result.text


def test_a_given_title_or_a_credit_under_a_headline_is_left_alone() -> None:
    # No rule removes a line for its shape: under the caller's headline, in a list.
    for dump in [
        f"{_HEADLINE}\nValley Courier Staff Writer\n{_PROSE}",
        f"{_HEADLINE}\nJane Roe, Harbour Gazette Columnist\nTom Poe, Valley Radio Correspondent\n"
        f"{_PROSE}",
        f"{_HEADLINE}\nGazette Hires Staff Writer\n{_PROSE}",
    ]:
        assert clean_text(dump, title=_HEADLINE).removals == []
    given = clean_text(
        f"Yankees Hire Fox Sports Writer\n{_PROSE}", title="Yankees Hire Fox Sports Writer"
    )
    assert given.title == "Yankees Hire Fox Sports Writer" and given.title_in_source
