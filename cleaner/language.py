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


@cache
def _index() -> dict[str, tuple[str, ...]]:
    owners: dict[str, list[str]] = {}
    for name, code in CODES.items():
        for word in justext.get_stoplist(name):
            owners.setdefault(word.casefold(), []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


def guess_language(text: str, default: str = "en") -> str:
    """Return the ISO code of the language whose stop words cover most tokens of `text`."""
    index = _index()
    votes: Counter[str] = Counter()
    # Each distinct token once, weighted by how often it occurs (first-seen order, so
    # ties break as they would token by token).
    for token, count in Counter(_TOKEN.findall(text[:SAMPLE_CHARS].casefold())).items():
        for code in index.get(token, ()):
            votes[code] += count
    if not votes:
        return default
    code, hits = votes.most_common(1)[0]
    return code if hits >= MIN_HITS else default
