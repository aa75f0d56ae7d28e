"""What reads as code (cleaner/core/code_lines.py) and what the `code` rule leaves."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.core.code_lines import code_signs, part_of_code
from cleaner.core.language import stop_words_for
from cleaner.core.patterns import load_patterns

PROSE = (
    "The harbour board agreed on Tuesday to spend four million pounds on a new wall "
    "along the east quay, after two winters of storms broke the old one."
)


def _signs(line: str) -> list[str]:
    return code_signs(line, load_patterns(), stop_words_for("en"), Config())


@pytest.mark.parametrize(
    "line",
    [
        "var adsrc = 'gazette/news;' + (typeof(seg)=='undefined'?'':seg);",
        'if ((!document.images && navigator.userAgent.indexOf("Mozilla/2.") >= 0)) {',
        ".storyCaption {font-size:10px;padding: 5px;}",
        '<div class="adBox"><img src="http://ads.example/view.php?n=1" border="0"></div>',
        'ad_client = "pub-1234567890";',
    ],
)
def test_script_style_and_markup_show_two_signs(line: str) -> None:
    assert len(_signs(line)) >= 2


@pytest.mark.parametrize(
    "line",
    [
        # Prose that talks about code: its common words say so.
        'The check read "if (age == 0)" instead of the right test; the contractor fixed it.',
        # A script's string that holds the article's text.
        f'var storyBlurb = "KIRKWALL (Gazette) - {PROSE}";',
        # A page's markup printed whole on one line, the article between its tags.
        f'<div id="story"><p>{PROSE}</p><p>{PROSE}</p></div><script>var a = 1;</script>',
        "Ferry fares (and season tickets) to rise in April",
    ],
)
def test_prose_shows_no_sign(line: str) -> None:
    assert _signs(line) == []


def test_brackets_and_comments_belong_to_the_code_beside_them() -> None:
    assert part_of_code("});") and part_of_code("// Reloads the page unless a video plays")
    assert not part_of_code("Reloads the page")


def test_a_script_above_the_headline_is_never_the_headline() -> None:
    dump = (
        "// Reloads the page unless a video is playing\n"
        "if (player.isStopped()) { window.location.reload(); }\n"
        "Harbour wall to be rebuilt by autumn\n\n"
        + PROSE
        + "\n\nWork starts in March, the board said.\n"
    )
    result = clean_text(dump)
    assert result.title == "Harbour wall to be rebuilt by autumn"
    assert {r.kind for r in result.removals} == {"code"}
    assert clean_text(result.text).text == result.text
