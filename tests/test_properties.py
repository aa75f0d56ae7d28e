"""Properties over generated dumps (hypothesis, derandomized).

Nothing is added; the removals replay to the output; cleaning twice changes
nothing more; nothing crashes on arbitrary text.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean_text, replay
from cleaner.text import key

NOISE = [
    "Share this article",
    "Advertisement",
    "© 2021 Valley Post. All rights reserved.",
    "Continue reading",
    "Read more: Council approves the new budget",
    "12 comments",
    "The mayor said the plan would be ready by",
    "Sign up for our newsletter",
]
PROSE = [
    "The council approved the plan on Monday after a long debate.",
    "Residents had asked for a new crossing near the school for years.",
    "Work on the bridge will start in March and last until the autumn.",
    "“We are pleased,” said the chair of the parish council.",
    "The court ruled that the copyright had expired in 2019.",
    "What happens next",
    "Prices rose by 4.5 per cent, the highest rise since 2008.",
]
line = st.one_of(st.sampled_from(NOISE), st.sampled_from(PROSE), st.text(max_size=80))
dumps = st.builds(
    lambda title, lines, seps: (
        title + "\n\n" + "".join(a + b for a, b in zip(lines, seps, strict=False))
    ),
    st.sampled_from(["Bridge works to start in March", "Council backs crossing", ""]),
    st.lists(line, max_size=14),
    st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"]), min_size=14, max_size=14),
)
SETTINGS = settings(
    derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _words(text: str) -> list[str]:
    return key(text).split()


@SETTINGS
@given(dumps)
def test_output_holds_only_input_text(dump: str) -> None:
    result = clean_text(dump)
    for out_line in result.text.splitlines():
        assert out_line.strip() in dump


@SETTINGS
@given(dumps)
def test_removals_replay_to_output(dump: str) -> None:
    result = clean_text(dump)
    for removal in result.removals:
        assert dump[removal.start : removal.end] == removal.text
    expected = result.text if result.title_in_source or result.title is None else result.body
    assert replay(dump, result.removals, title_first=result.title_in_source) == expected


@SETTINGS
@given(dumps)
def test_cleaning_twice_changes_nothing(dump: str) -> None:
    once = clean_text(dump)
    twice = clean_text(once.text)
    assert twice.text == once.text, [r.reason for r in twice.removals]


@SETTINGS
@given(st.text(max_size=400))
def test_no_crash_on_arbitrary_unicode(text: str) -> None:
    result = clean_text(text)
    assert isinstance(result.text, str)
    for removal in result.removals:
        assert text[removal.start : removal.end] == removal.text
