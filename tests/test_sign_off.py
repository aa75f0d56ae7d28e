"""sign_off: the author's note under most of the article's prose ends the article
(`Context.sign_off`), so readers' comments under it go, and the rules that look after
the article's last paragraph look above the note."""

from __future__ import annotations

from cleaner import clean_text
from cleaner.core.pipeline import analyse_rules

PROSE = [
    "The harbour board voted on Tuesday to raise ferry fares by a fifth from April, the "
    "first rise in six years, after fuel costs doubled over the winter.",
    "Commuters who cross twice a day will pay about forty pounds more a month, and the "
    "board said a cheaper season ticket would follow before the summer.",
    "Islanders who travel to the mainland for hospital visits will keep their free "
    "crossings, the board added, as they have since the winter of 2019.",
]
NOTE = "Staff writer Tom Hale can be reached at thale@harbourtimes.example."
COMMENT = (
    "I agree with the last reader. The fares have been far too low for years and you can "
    "see it in the state of the boats."
)


def test_the_note_ends_the_article_for_the_rules_that_look_after_it() -> None:
    ctx = analyse_rules("\n".join([*PROSE, NOTE, COMMENT, COMMENT])).ctx
    assert ctx.sign_off is not None and ctx.sign_off.text == NOTE
    assert ctx.article_end == len(PROSE) - 1  # the comments are paragraphs, not article


def test_readers_comments_under_the_note_go_and_a_second_run_changes_nothing() -> None:
    result = clean_text("\n".join([*PROSE, NOTE, COMMENT, "Amen."]))
    assert result.text == "\n".join(PROSE)
    assert [r.kind for r in result.removals] == ["byline", "sign_off", "sign_off"]
    assert "under the author's note" in result.removals[1].reason
    assert clean_text(result.text).removals == []


def test_a_note_above_most_of_the_prose_ends_nothing() -> None:
    # A contact line halfway down (a box inside the article) leaves all below it.
    text = "\n".join([PROSE[0], NOTE, PROSE[1], PROSE[2], PROSE[0] + " " + PROSE[1]])
    ctx = analyse_rules(text).ctx
    assert ctx.sign_off is None
    assert clean_text(text).removals == []


def test_a_note_closing_the_dump_is_the_bylines_alone() -> None:
    result = clean_text("\n".join([*PROSE, NOTE]))
    assert [r.kind for r in result.removals] == ["byline"]
