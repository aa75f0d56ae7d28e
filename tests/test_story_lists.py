"""A list of the site's other stories after the article (cleaner/core/story_lists.py)."""

from __future__ import annotations

from cleaner import clean_text

ARTICLE = [
    "Ferry returns to the island run",
    "The island ferry returned to service on Monday after five weeks in dry dock at the "
    "mainland yard, where both engines were overhauled.",
    "Islanders had relied on a fishing boat for post and medicine, and the island school "
    "closed for three days during the worst of the storms.",
    "The operator said sailings would run every two hours until the spring timetable starts "
    "in April, and that the old timetable's early sailing on Sundays would come back.",
    "The yard replaced both propeller shafts and repainted the hull, work the operator had "
    "put off for two winters because no second ship could cover the crossing while she was "
    "away, and it fitted new seats in the passenger lounge on the upper deck.",
]
STORIES = [
    "- Orchard growers brace for a late frost",
    "- Growers across the valley spent the night lighting burners between the rows after "
    "forecasters warned of freezing temperatures before dawn.",
    "- Bus drivers vote on new contract",
    "- Drivers at the two depots will vote next week on a contract that adds a rest break "
    "to the longest routes.",
    "- Library reopens after roof repairs",
    "- The central library reopened on Monday after eight months of repairs to a roof that "
    "had leaked over the reading room.",
]


def _taken(lines: list[str]) -> list[str]:
    """The lines taken as a list of other stories (not by related_links' other shapes)."""
    result = clean_text("\n".join(lines) + "\n")
    return [r.text.strip() for r in result.removals if "other stories under" in r.reason]


def test_other_stories_under_a_headlines_heading_go() -> None:
    taken = _taken([*ARTICLE, "Valley Headlines", *STORIES])
    assert taken == ["Valley Headlines", *STORIES]


def test_an_article_of_its_own_must_stand_above_the_heading() -> None:
    # Two or three short paragraphs: a briefing's intro over its stories.
    assert _taken([*ARTICLE[:3], "Valley Headlines", *STORIES]) == []
    assert _taken([*ARTICLE[:4], "Valley Headlines", *STORIES]) == []


def test_the_list_must_close_the_dump() -> None:
    # A box the article goes on under: its last title would take the next paragraph
    # as a teaser.
    titles = [
        "Ferry Operator Posts Record Loss",
        "Cruise Season Opens With Six Ships",
        "Fishermen Protest New Quotas",
    ]
    after = [ARTICLE[1].replace("ferry", "dredger"), ARTICLE[2]]
    assert _taken([*ARTICLE, "Related stories", *titles, *after]) == []


def test_unbulleted_headlines_over_one_paragraph_each_stay() -> None:
    # How an article's last sections print; a list's teasers are its items.
    sections = [line.removeprefix("- ") for line in STORIES]
    assert _taken([*ARTICLE, "Valley Headlines", *sections]) == []


def test_a_bare_heading_over_stories_with_no_prose_above_takes_nothing() -> None:
    # The review of 6684c76: the teasers counted out of the prose left none, and all went.
    assert _taken(["Headlines", *STORIES]) == []


def test_stories_on_the_articles_subject_stay() -> None:
    own = [
        "- New timetable for the ferry",
        "- The ferry will sail every two hours from the mainland yard until the spring "
        "timetable starts.",
        "- Post and medicine by ferry again",
        "- Post and medicine for the islanders will go by ferry again, not by fishing boat.",
        "- Island school to stay open",
        "- The island school will stay open whatever the storms, now that the ferry is back.",
    ]
    assert _taken([*ARTICLE, "Top stories", *own]) == []


def test_headlines_alone_must_be_written_in_title_case_with_no_figures() -> None:
    dates = ["- The Daily Post, March 4", "- The Daily Post website, March 4", "- Post, May 9"]
    assert _taken([*ARTICLE, "Inaccurate headlines", *dates]) == []
    titles = [
        "» State Fair Scholarships Applications Available",
        "» Day Report Center Opens in Beckley",
        "» Transit Panel Urges Gas Tax Increase",
    ]
    assert _taken([*ARTICLE, "More Headlines", *titles]) == ["More Headlines", *titles]


def test_teasers_printed_twice_are_no_template_for_repeated_block() -> None:
    # The list goes whole on the first cleaning; its copies must not make repeated_block
    # read the page as a template then, and take the article's own copy only on a second.
    lines = [*ARTICLE, ARTICLE[1], "Valley Headlines", *STORIES, "Region", *STORIES[:4]]
    first = clean_text("\n".join(lines) + "\n")
    assert ARTICLE[1] in first.text
    assert clean_text(first.text).removals == []
