"""What a guessed headline must be: a line that names what the article under it is
about, not a list's item nor two cells side by side. A headline the caller or the
page's title names is no guess and skips these."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from ftfy.badness import is_bad

from cleaner.core.document import Block, Document
from cleaner.core.text import ends_with_mark, has_column_gap, is_list_item


def is_item_or_cells(block: Block) -> bool:
    """A list's item ("* Mourners fill arena", "3. Pitt adds recruits": a sidebar's
    headlines) or two cells side by side ("Weather      Floods close roads"). Never
    guessed as the headline: in the validation dumps such a guess was wrong 70 times
    in 71."""
    return is_list_item(block.text) or has_column_gap(block.text)


# Letters spaced out: this many one-character words in a row at least ("e C e n t r a l").
_SPACED_LETTERS = 4


def is_junk(block: Block) -> bool:
    """Mojibake with no word of three characters ("Ã\x82Â", a no-break space's; told by
    ftfy's badness test, as `cleaner.formats.repair` tells it) or letters spaced out ("| e
    C e n t r a l |"). Never guessed as the headline: in the validation dumps such a guess
    was wrong 11 times in 11. Short words alone are no junk: "AI vs me", "한국 축구 승리"."""
    words = block.words
    if all(len(word) < 3 for word in words) and is_bad(block.text):
        return True
    return len(words) >= _SPACED_LETTERS and all(len(word) == 1 for word in words)


# A guessed headline names what the article is about: one of its words of four letters
# or more (compared on their first five: "murdered" and "murder") stands in the first
# sentences under it. A label above an article names nothing there ("Text Only",
# "Please support local business!", "Forgot password?"). Words, not stop words: the
# stop-word lists hold "play", "council", "government".
_STEM_LETTERS = 5
_SENTENCE_MIN_WORDS = 8
_LONG_LINE_WORDS = 15
_WORD_MIN_LETTERS = 4
_SENTENCES_READ = 20
# A headline names what its lede is about: a guess is reported as the title only when
# one of its words stands in the first few sentences the cleaning keeps under it (a
# label's word found far down is chance).
_LEDE_SENTENCES = 3


def _is_sentence(block: Block) -> bool:
    """A line of the article's prose: a finished sentence, or a long line (a wrapped
    paragraph's), not a byline or a dateline of as many words."""
    n = len(block.words)
    return n >= _SENTENCE_MIN_WORDS and (ends_with_mark(block.text) or n >= _LONG_LINE_WORDS)


def names_the_article(block: Block, doc: Document, is_chrome: Callable[[Block], bool]) -> bool:
    """Does a word of the line stand in the first sentences under it (true when the
    line has no word to compare, or nothing under it is a sentence)? A line a rule
    takes whatever stands around it (a rights notice), or a copy of the line itself, is
    no sentence of the article: once it is gone, a second cleaning must find the same
    headline."""
    # Sentences first: the chrome test costs more.
    below = (b for b in doc.blocks[block.index + 1 :] if _is_sentence(b) and not is_chrome(b))
    return _named(block, below, _SENTENCES_READ)


def names_the_lede(block: Block, kept_below: Iterable[Block]) -> bool:
    """Does a word of the line stand in the first sentences of its lede, read in
    `kept_below`, the lines under it as the cleaning keeps them (true when the line has
    no word to compare, or nothing under it is a sentence)? What the cleaning takes is
    no lede: a second cleaning reads the same sentences and reports the same title."""
    return _named(block, (b for b in kept_below if _is_sentence(b)), _LEDE_SENTENCES)


def _named(block: Block, sentences_below: Iterable[Block], sentences: int) -> bool:
    """Does a word of `block` stand in the first `sentences` of `sentences_below` (a copy
    of the line itself is none)?"""
    n = _STEM_LETTERS
    own = {w[:n].casefold() for w in block.words if len(w) >= _WORD_MIN_LETTERS}
    if not own:
        return True
    read = list(islice((b for b in sentences_below if b.key != block.key), sentences))
    if not read:
        return True
    # A word's first letters, casefolded, on both sides ("Straße" and "STRASSE" meet).
    return any(w[:n].casefold() in own for b in read for w in b.words)
