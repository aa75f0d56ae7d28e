"""Guess a document's language from stop words (the lists that ship with jusText).

The guess picks which function-word list the truncation rule uses. It counts,
over the first few thousand characters, how many tokens are stop words of each
language; short or unclear text falls back to English.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import justext

# jusText names its lists by language name; the rules speak ISO 639-1 codes.
CODES = {
    "English": "en",
    "German": "de",
    "French": "fr",
    "Spanish": "es",
    "Italian": "it",
    "Portuguese": "pt",
    "Dutch": "nl",
    "Russian": "ru",
    "Polish": "pl",
    "Czech": "cs",
    "Swedish": "sv",
    "Danish": "da",
    "Norwegian_Bokmal": "nb",
    "Finnish": "fi",
    "Turkish": "tr",
    "Greek": "el",
    "Hungarian": "hu",
    "Romanian": "ro",
    "Ukrainian": "uk",
    "Catalan": "ca",
    "Indonesian": "id",
    "Vietnamese": "vi",
    "Arabic": "ar",
    "Persian": "fa",
    "Hebrew": "he",
    "Hindi": "hi",
    "Korean": "ko",
    "Bulgarian": "bg",
    "Croatian": "hr",
    "Serbian": "sr",
    "Slovak": "sk",
    "Slovenian": "sl",
    "Lithuanian": "lt",
    "Latvian": "lv",
    "Estonian": "et",
}
_TOKEN = re.compile(r"\w+")
SAMPLE_CHARS = 4000
MIN_HITS = 5


@cache
def stop_words(code: str) -> frozenset[str]:
    """The jusText stop-word list for a language code (empty when there is none)."""
    for name, known in CODES.items():
        if known == code:
            return frozenset(w.casefold() for w in justext.get_stoplist(name))
    return frozenset()


def stop_words_for(code: str | None) -> frozenset[str]:
    """The stop words of a document's language, or English's when there is no list for
    it: the full-page labels and the line model read prose density with them."""
    return stop_words(code or "") or stop_words("en")


def stop_density(words: list[str], stops: frozenset[str]) -> float:
    """The share of `words` that are stop words (0 for no words)."""
    if not words:
        return 0.0
    return sum(map(stops.__contains__, map(str.casefold, words))) / len(words)


# The languages in a fixed order: votes are counted in a list, by position.
_LANGUAGES = tuple(CODES.values())


@cache
def _index() -> dict[str, tuple[int, ...]]:
    """Each stop word with the positions (in _LANGUAGES) of the languages listing it."""
    owners: dict[str, list[int]] = {}
    for number, name in enumerate(CODES):
        for word in justext.get_stoplist(name):
            owners.setdefault(word.casefold(), []).append(number)
    return {word: tuple(numbers) for word, numbers in owners.items()}


def guess_language(text: str, default: str = "en") -> str:
    """Return the ISO code of the language whose stop words cover most tokens of `text`."""
    index = _index()
    votes = [0] * len(_LANGUAGES)
    # The languages in the order of their first vote: ties go to the earliest.
    voted: list[int] = []
    # Each distinct token once, weighted by how often it occurs (first-seen order, so
    # ties break as they would token by token).
    for token, count in Counter(_TOKEN.findall(text[:SAMPLE_CHARS].casefold())).items():
        for number in index.get(token, ()):
            if not votes[number]:
                voted.append(number)
            votes[number] += count
    if not voted:
        return default
    best = max(voted, key=votes.__getitem__)  # the first of the most voted
    return _LANGUAGES[best] if votes[best] >= MIN_HITS else default
