"""Where full-page mode finds the article (cleaner/core/fullpage.py): a box of links set
inside it does not cut off the paragraphs above the box (`_extend_start`) or under the
page's title printed again (`_titled_start`); a run of prose above the largest one that
holds half as much or more is kept with it (`_main_run`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from casefile import read_case

from cleaner import clean_text
from cleaner.config import Config
from cleaner.core.block_labels import GOOD, first_label
from cleaner.core.document import Document
from cleaner.core.fullpage import _paragraphs_in_a_row, _steps_below, _titled_start
from cleaner.core.language import stop_words_for
from cleaner.core.page_comments import signed_thread_start, signer
from cleaner.core.patterns import load_patterns
from cleaner.core.pipeline import analyse_rules
from cleaner.rules.chrome import _prose_column

CASES = Path(__file__).parent / "cases" / "chrome"
PAGE = read_case(CASES / "full_page_box_of_links_inside_the_article.txt").input
LETTERS_PAGE = read_case(CASES / "full_page_short_article_above_longer_letters.txt").input
FERRY = "The island ferry will run four times a day"
LETTER = "I have taken the evening boat home"
LAST_LETTER = "The operator says fewer people travel in winter, but"
FIRST_PARAGRAPH = "Inspectors found cracks in the concrete spillway"
AFTER_THE_BOX = "The cracks were found in the lower part of the spillway"


def _article(config: Config) -> tuple[str, str | None]:
    ctx = analyse_rules(PAGE, config=config).ctx
    assert ctx.page is not None
    headline = ctx.headline.text if ctx.headline else None
    return ctx.doc.blocks[ctx.page.start].text, headline


def test_the_article_starts_above_a_box_of_links_inside_it() -> None:
    start, headline = _article(Config())
    assert start.startswith(FIRST_PARAGRAPH)
    assert headline == "Dam inspectors find cracks in the spillway at Fenwick reservoir"


def test_a_box_longer_than_the_limit_ends_what_stands_above_it() -> None:
    # Seven short lines between the runs: with a limit of six, the first paragraphs are
    # another block of the page, as before the box was recognised; seven is enough.
    start, headline = _article(Config(fullpage_box_lines=6))
    assert start.startswith(AFTER_THE_BOX)
    assert headline != "Dam inspectors find cracks in the spillway at Fenwick reservoir"
    start, _ = _article(Config(fullpage_box_lines=7))
    assert start.startswith(FIRST_PARAGRAPH)


def test_one_paragraph_above_a_box_is_no_start_of_the_article() -> None:
    # Another story's teaser under the masthead, short lines down to the headline: the
    # article does not start at the teaser (its headline would be lost).
    box = PAGE[PAGE.index("More on the Fenwick") : PAGE.index(AFTER_THE_BOX)]
    teaser = (
        "Police are asking for witnesses after a lorry overturned on the bypass near "
        "Castlegate on Sunday night and closed the road for six hours while it was cleared. "
        "The driver was taken to hospital with minor injuries, and the police said the lorry "
        "had been carrying gravel from the quarry at Fenwick when it left the road."
    )
    page = PAGE.replace(box, "").replace("Menu\n", f"Menu\nTop story\n{teaser}\n")
    # As many lines as before, so that the page is still taken for a whole page.
    page = page.replace("Sitemap\n", "Sitemap\nJobs\nEvents\nArchive\nRSS\nApps\nHelp\n")
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None and ctx.headline is not None
    assert ctx.doc.blocks[ctx.page.start].text.startswith(FIRST_PARAGRAPH)
    assert ctx.headline.text == "Dam inspectors find cracks in the spillway at Fenwick reservoir"


def test_a_long_line_that_is_no_prose_is_no_box() -> None:
    # A line of fifteen words or more between the runs (here a list of tags) is not a
    # box's short link: the runs stay apart.
    tags = "Tags: " + ", ".join(f"tag{n}" for n in range(20))
    page = PAGE.replace("Anglers ask for access to the north shore", tags)
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None
    assert ctx.doc.blocks[ctx.page.start].text.startswith(AFTER_THE_BOX)


def _start_and_text(page: str, config: Config) -> tuple[str, str]:
    ctx = analyse_rules(page, config=config).ctx
    assert ctx.page is not None
    return ctx.doc.blocks[ctx.page.start].text, clean_text(page, config=config).text


def test_a_run_above_half_as_long_as_the_largest_is_kept_with_it() -> None:
    # Three paragraphs of the article, then a long list, then three longer readers'
    # letters: either could be the article, so both stay.
    start, text = _start_and_text(LETTERS_PAGE, Config())
    assert start.startswith(FERRY)
    assert FERRY in text and LETTER in text
    # Taking the largest run alone, the article goes as furniture above the letters.
    start, text = _start_and_text(LETTERS_PAGE, Config(fullpage_rival_share=1.0))
    assert start.startswith(LETTER)
    assert FERRY not in text


def test_a_run_below_the_largest_is_not_taken_in() -> None:
    # Two letters: now the article is the largest run, and what follows it goes.
    last = LETTERS_PAGE.index(LAST_LETTER)
    page = LETTERS_PAGE[:last] + LETTERS_PAGE[LETTERS_PAGE.index("\n", last) + 1 :]
    start, text = _start_and_text(page, Config())
    assert start.startswith(FERRY)
    assert FERRY in text and LETTER not in text


TEASERS = "\n".join(
    [
        "Top stories",
        "Lifeboat crew called out twice in one night",
        "The lifeboat was launched twice on Saturday night, first to a yacht that had lost its "
        "engine off the point and then to two walkers cut off by the tide below the cliffs.",
        "New bakery opens on the quay",
        "A family from the mainland has opened a bakery in the old chandlery on the quay, and "
        "on its first morning the queue stretched back past the harbour office.",
        "School roof repairs finished early",
        "Builders finished the repairs to the primary school's roof a week early, so the pupils "
        "who had been taught in the village hall since October can go back on Monday.",
        *[
            "Video",
            "Photos",
            "Podcasts",
            "Newsletters",
            "Puzzles",
            "Obituaries",
            "Notices",
            "Events",
            "Jobs",
        ],
        "",
    ]
)


def test_a_list_of_teasers_above_the_article_is_no_rival() -> None:
    # Headlines each over one summary, nearly as long as the article in all: no two
    # paragraphs in a row, so the article alone is the article, under its own headline.
    last = LETTERS_PAGE.index("Most read")
    page = LETTERS_PAGE[:last].replace("Menu\n", "Menu\n" + TEASERS) + "About us\nContact\n"
    page += "Privacy policy\nTerms of use\nSitemap\n© 2025 Harbour Gazette Ltd\n"
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None and ctx.headline is not None
    assert ctx.doc.blocks[ctx.page.start].text.startswith(FERRY)
    assert ctx.headline.text == "Ferry timetable cut for the winter"
    text = clean_text(page).text
    assert FERRY in text and "The lifeboat was launched" not in text
    # By size alone they would be a rival: their summaries hold over half the article.
    summaries = [line for line in TEASERS.splitlines() if len(line.split()) >= 20]
    article = [b.text for b in ctx.doc.blocks[ctx.page.start : ctx.page.end + 1]]
    assert sum(map(len, summaries)) >= 0.5 * sum(map(len, article))


# Other stories under their sections, each line a headline run into its summary, as
# whole pages print them below the article: longer than the article in all.
SECTION_TEASERS = "\n".join(
    line
    for section, teaser in [
        (
            "Weather",
            "Gales close the causeway again The causeway to the north island was closed for "
            "the third time this month on Sunday, after waves threw stones and weed across "
            "the road at high tide and a van was stranded in the middle of it for an hour.",
        ),
        (
            "Schools",
            "Primary pupils back in their classrooms Pupils at the harbour primary school went "
            "back to their own classrooms on Monday after the repairs to the roof were "
            "finished, and the village hall has been handed back to the drama club for the spring.",
        ),
        (
            "Business",
            "Bakery on the quay takes on two more staff The bakery that opened in the old "
            "chandlery in October has taken on two more bakers, and it will open on Sundays "
            "from next month because the queue on Saturday mornings now reaches the harbour "
            "office.",
        ),
        (
            "Sport",
            "Rowing club wins the winter regatta The harbour rowing club won four of the six "
            "races at the winter regatta on Saturday, and its women's crew beat the mainland "
            "champions by two lengths in a race that was started late because of the fog.",
        ),
        (
            "Health",
            "Island surgery to open on Saturdays The doctors' surgery on the north island "
            "will open on Saturday mornings from March, the health board said, so that people "
            "who work on the mainland during the week no longer have to take a day off for it.",
        ),
    ]
    for line in (section, teaser)
)


def test_a_list_of_teasers_below_the_article_is_not_taken_for_it() -> None:
    # The list holds more text than the article, but no two paragraphs in a row: the
    # article is the run of prose, and the list goes as furniture below it.
    last = LETTERS_PAGE.index("Most read")
    between = "Share\nEmail\nPrint\nRelated\nMost read\nMost shared\nLatest\nMore news\n"
    page = LETTERS_PAGE[:last] + between + SECTION_TEASERS + "\nAbout us\nContact\n"
    page += "Advertise\nCareers\nArchive\nNewsletters\nAccessibility\nCookie settings\n"
    page += "Privacy policy\nTerms of use\nSitemap\n© 2025 Harbour Gazette Ltd\n"
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None
    start, text = _start_and_text(page, Config())
    assert start.startswith(FERRY)
    assert FERRY in text and "Gales close the causeway" not in text
    teasers = [line for line in SECTION_TEASERS.splitlines() if len(line) > 100]
    article = [b.text for b in ctx.doc.blocks[ctx.page.start : ctx.page.end + 1]]
    assert sum(map(len, teasers)) > sum(map(len, article))


def test_table_rows_printed_as_columns_are_no_paragraphs_in_a_row() -> None:
    # A page's table as text: a menu, the article and a sidebar side by side on a line.
    rows = [
        "Home         The ferry will run four times a day from Monday instead of seven, the "
        "operator said, because fewer people travel in the winter.",
        "Weather      Tickets that were bought for the old sailing times will be honoured on "
        "any boat of the same day until the end of May.",
    ]
    config = Config()
    blocks = Document.from_text("\n".join(rows)).blocks
    assert not _paragraphs_in_a_row(blocks, config)
    blocks = Document.from_text("\n".join(r.split("  ")[-1].strip() for r in rows)).blocks
    assert _paragraphs_in_a_row(blocks, config)


# Two paragraphs of the article thin in stop words (names, times), an ad label and a
# quoted subheading between them and the rest of the article's prose.
THIN_OPENING = "\n".join(
    [
        "Island Lines, council leader Mara Voss, MP Tomas Brandt and harbour master Ivo Kell "
        "met at Port Ellen on 3 November 2025.",
        "Winter sailings: 07.10, 09.40, 12.15 and 15.30 from Port Ellen; 08.25, 10.55, 13.30 "
        "and 17.00 from Kennacraig, Monday to Saturday.",
        "Advertisement",
        "\u201cWe cannot run empty boats,\u201d she said",
        "",
    ]
)


def test_paragraphs_right_above_the_article_that_the_labels_missed_are_its_start() -> None:
    page = LETTERS_PAGE.replace("Email\n", "Email\n" + THIN_OPENING, 1)
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None and ctx.headline is not None
    assert ctx.doc.blocks[ctx.page.start].text.startswith("Island Lines")
    assert ctx.headline.text == "Ferry timetable cut for the winter"
    text = clean_text(page).text
    assert "Island Lines" in text and "Winter sailings" in text and FERRY in text


def test_one_paragraph_above_the_article_is_not_taken_in() -> None:
    # One paragraph alone over the article is as likely another story's teaser.
    page = LETTERS_PAGE.replace("Email\n", "Email\n" + THIN_OPENING.split("\n", 1)[1], 1)
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None
    assert ctx.doc.blocks[ctx.page.start].text.startswith(FERRY)


FOURTH = (
    "The ministry said it would answer before Christmas, and the operator has agreed to "
    "meet the islanders' council again in January to look at the timetable once more."
)


def test_a_comments_prompt_with_the_article_going_on_below_opens_no_comments() -> None:
    # A sidebar's "Have your say" link printed between two of the article's paragraphs,
    # two paragraphs of prose right under it: the article goes on, whole.
    third = LETTERS_PAGE.index("The council will ask")
    page = LETTERS_PAGE[:third] + "Have your say\n" + LETTERS_PAGE[third:]
    page = page.replace("bus line.\n", "bus line.\n" + FOURTH + "\n", 1)
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None
    text = clean_text(page).text
    assert FERRY in text and "The council will ask" in text and FOURTH in text


def test_a_comments_prompt_over_a_readers_name_opens_the_comments() -> None:
    # The letters under a prompt and a reader's name are comments, not the article's rival.
    page = LETTERS_PAGE.replace("Postbag\n", "Comments\nMara V.\n", 1)
    text = clean_text(page).text
    assert FERRY in text and LETTER not in text
    # Under their own heading they are a rival as long as the article, and both stay.
    assert LETTER in clean_text(LETTERS_PAGE).text


def test_a_comment_count_under_the_headline_opens_no_comments() -> None:
    # "12 Comments" between the headline and the article: the teasers above the
    # headline are no article that readers' comments could follow.
    last = LETTERS_PAGE.index("Most read")
    page = LETTERS_PAGE[:last].replace("Menu\n", "Menu\n" + TEASERS)
    page = page.replace("Email\n", "Email\n12 Comments\n", 1) + "About us\nContact\n"
    page += "Privacy policy\nTerms of use\nSitemap\n© 2025 Harbour Gazette Ltd\n"
    result = clean_text(page)
    assert FERRY in result.text
    assert "comments" not in {r.kind for r in result.removals}


SHORT_RUN_PAGE = read_case(CASES / "full_page_short_run_under_its_lead.txt").input
LEAD = (
    "Harbour Lines ferries from Portmore, Kelby Bay, Westhaven, Ardmore, Castle Quay and "
    "Dunmore Sound gain 14 fresh timetables—including Sundays.\n"
)


def test_an_article_is_sized_from_its_headline_down() -> None:
    # The run of prose alone is too short to be sure of; with the lead paragraph the
    # labels missed above it (thin in stop words: names) it is a whole article.
    ctx = analyse_rules(SHORT_RUN_PAGE).ctx
    assert ctx.page is not None and ctx.page_article is not None
    assert LEAD.strip() not in ctx.doc.blocks[ctx.page.start].text
    run = ctx.doc.blocks[ctx.page.start : ctx.page.end + 1]
    assert sum(len(b.text) for b in run) < Config().fullpage_min_article_chars
    assert ctx.page_article.sure


def test_lines_a_rule_takes_above_the_run_do_not_size_the_article() -> None:
    # Share buttons and a newsletter prompt under the headline are no article text.
    chrome = "* Print this story\n* Email this story\nSign Up for our Email Newsletters\n"
    page = SHORT_RUN_PAGE.replace(LEAD, chrome * 3, 1)
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None and ctx.page_article is not None
    assert not ctx.page_article.sure


STOPS = frozenset({"the", "a", "of", "and", "to", "on", "at", "in", "for", "was", "it", "that"})
PROSE = "The ferry left the quay at six and was back in the harbour before it was dark."


def _column(text: str) -> str | None:
    span = _prose_column(text, STOPS, Config())
    return None if span is None else text[span[0] : span[1]]


def test_a_sidebar_column_beside_the_prose_is_told_apart() -> None:
    assert _column("Weather" + " " * 20 + PROSE) == PROSE
    assert _column(PROSE + " " * 12 + "Most read") == PROSE
    assert _column("Sport" + " " * 8 + PROSE + " " * 8 + "Jobs") == PROSE


def test_lines_that_are_no_sidebar_beside_prose_are_left_alone() -> None:
    assert _column(PROSE) is None  # one column
    assert _column("Weather  " + PROSE) is None  # two spaces: no column gap
    # Five spaces (a dateline set a little apart from its paragraph) are no columns; six are.
    assert _column("HONOLULU" + " " * 5 + PROSE) is None
    assert _column("HONOLULU" + " " * 6 + PROSE) == PROSE
    assert _column(PROSE + " " * 10 + PROSE) is None  # two columns of prose: a table
    # Beside the prose, ten words or more: another column of text, not a menu item.
    other = "Council votes on new bus lanes for the high street and the quay road"
    assert _column(other + " " * 10 + PROSE) is None
    # Short cells only: a table row, for other rules to judge.
    assert _column("Home" + " " * 10 + "News" + " " * 10 + "Sport") is None


ARTICLE = [
    "Ferry fares rise in spring",
    "By Dana Whitlock",
    "The island ferry will cost a pound more from April, the operator said on Monday, and "
    "the price of a car on the early boat will go up by three pounds at the same time.",
    "It says that the price of fuel has gone up by a third since the last rise two years "
    "ago, and that it has kept the old fares for as long as it could afford to do so.",
    "Season tickets for the people who live on the island will stay at the old price until "
    "the end of the year, when the council and the operator are to talk about them again.",
]
COMMENT = (
    "I have taken this boat every day for twenty years and I think it is a shame that the "
    "people who live on the island and have no other way to the mainland are the ones who "
    "pay for it all, while the visitors in the summer hardly notice a pound or two more."
)
# Links between the article and the readers' comments: more than a box set inside an
# article holds (fullpage_box_lines).
BETWEEN = [f"More on ferries: story {n}" for n in range(1, 15)]


def _signed_thread(names: list[str]) -> list[str]:
    """Readers' comments of two paragraphs each, under a line that signs it."""
    lines = []
    for hour, name in enumerate(names, start=1):
        lines += [f"Posted by: {name} | January 14, 2008 0{hour}:15 PM", COMMENT, COMMENT]
    return lines


def _thread_start(lines: list[str]) -> str | None:
    ctx = analyse_rules("\n".join(lines), config=Config(fullpage="on")).ctx
    assert ctx.page is not None
    families = [ctx.chrome_family(b) for b in ctx.doc.blocks]
    prose = [labels.final == GOOD for labels in ctx.page.labels]
    start = signed_thread_start(ctx.doc.blocks, families, prose, ctx.patterns, ctx.config)
    return None if start is None else ctx.doc.blocks[start].text


def test_a_signed_thread_starts_at_its_first_signature() -> None:
    start = _thread_start([*ARTICLE, *_signed_thread(["Jo", "Al", "Mara", "Tom"])])
    assert start is not None and start.startswith("Posted by: Jo")
    # The article's own dateline, above its last paragraph, names no one: no start.
    article = [*ARTICLE[:-1], "January 14, 2008", ARTICLE[-1]]
    start = _thread_start([*article, *_signed_thread(["Jo", "Al", "Mara", "Tom"])])
    assert start is not None and start.startswith("Posted by: Jo")


def test_one_comment_one_signer_or_stamped_teasers_are_no_thread() -> None:
    # One comment under the article's byline and dateline; a live blog's stamps.
    for names in (["Jo"], ["Jo", "Jo", "Jo", "Jo"]):
        article = [*ARTICLE[:-1], "January 14, 2008", ARTICLE[-1]]
        assert _thread_start([*article, *_signed_thread(names)]) is None
    # Other stories' headlines stamped "2 hours ago", "1 day ago": no comment between.
    teasers = []
    for n, (stamp, unit) in enumerate([(2, "hours"), (5, "hours"), (1, "day"), (3, "days")]):
        teasers += [f"Ferry story number {n} from the island", f"Posted {stamp} {unit} ago"]
    assert _thread_start([*ARTICLE, *teasers]) is None


@pytest.mark.parametrize(
    "days",
    [
        ["Mon Jan 7, 2008 9:15 am", "Tue Jan 8, 2008 9:15 am", "Wed Jan 9, 2008"],
        # Under a stamp's label: no thread of signers "posted: mon", "posted: tue".
        ["Posted: Mon Jan 7, 2008", "Posted Tue Jan 8, 2008 9:15 am", "Updated: Wed Jan 9, 2008"],
    ],
)
def test_a_diarys_datelines_sign_nothing(days: list[str]) -> None:
    # A diary's dated entries in a whole page: the date lines name no one.
    entries = []
    for day, date in enumerate(days):
        entries += [date, f"{COMMENT} Day {day + 1} of the crossing."]
    assert _thread_start([*ARTICLE, *entries]) is None


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("tue jan 8, 2008", ""),
        ("tue, 8 jan 2008 9:15 am", ""),
        ("posted: mon jan 7, 2008", ""),
        ("publicado el 14 de enero de 2008", ""),
        ("posted by: jo on 11:16am wed 9 jan 08", "posted by: jo on wed"),
        ("jo | posted: jan 14 2008", "jo posted:"),
        ("posted: jan 14, 2008 8:53 pm jo", "posted: pm jo"),
        # Names that are a label's words or a weekday written short still sign.
        ("le | posted: jan 14, 2008", "le posted:"),
        ("posted: jan 14, 2008 9:10 pm sun", "posted: pm sun"),
    ],
)
def test_who_signs_a_signature_line(line: str, signed: str) -> None:
    assert signer(line, load_patterns()) == signed


def test_a_run_inside_a_signed_thread_is_not_the_article() -> None:
    # Readers' comments hold more prose than a short article: the article stays.
    thread = _signed_thread(["Jo", "Al", "Mara", "Tom", "Nick", "Sam", "Lee", "Kim"])
    menu = ["Home", "News", "Sport", "Weather", "Travel", "Contact us"]
    page = "\n".join([*menu, *ARTICLE, *BETWEEN, *thread, "About us", "Privacy policy"])
    text = clean_text(page, config=Config(fullpage="on")).text
    assert all(line in text for line in ARTICLE[2:])


def test_a_hard_wrapped_paragraph_is_no_line_of_columns() -> None:
    # A paragraph wrapped over indented lines: the break and the next line's indent are
    # no column gap, and its short last line is no sidebar.
    lines = [
        "Dock workers at the east harbour kept their cranes idle for a third day on",
        "Monday, and two container ships waited at anchor off the point while the",
        "workers kept their cranes idle.",
    ]
    menu = ["Home", "News", "Sport", "Weather", "Travel", "Contact us"] * 8
    page = "\n".join([*menu, "Harbour strike", *("        " + line for line in lines), *menu])
    result = clean_text(page, config=Config(fullpage="on"))
    assert not [r for r in result.removals if "sidebar" in r.reason]


TITLED_PAGE = read_case(CASES / "full_page_title_above_a_box_of_videos.txt").input
TITLED_HEADLINE = "Council votes to close the old swimming baths"
TITLED_FIRST = "The town council voted on Wednesday night"
TITLED_AFTER_THE_BOX = "The engineers' report, published last month"


def _titled(page: str) -> tuple[str, str | None]:
    ctx = analyse_rules(page, config=Config()).ctx
    assert ctx.page is not None
    headline = ctx.headline.text if ctx.headline else None
    return ctx.doc.blocks[ctx.page.start].text, headline


def test_the_article_starts_under_the_page_title_printed_again() -> None:
    # The page opens with its <title>; the headline repeats it, over two paragraphs
    # that a long box of videos and links cuts off from the larger run below.
    start, headline = _titled(TITLED_PAGE)
    assert start.startswith(TITLED_FIRST)
    assert headline == TITLED_HEADLINE


def test_the_title_printed_again_over_one_paragraph_starts_no_article() -> None:
    # One paragraph under the title's copy, as under a teaser: the larger run below
    # stays the article's start.
    one = TITLED_PAGE.replace(
        TITLED_PAGE[TITLED_PAGE.index("The vote was eleven") : TITLED_PAGE.index("Videos")], ""
    )
    start, _ = _titled(one)
    assert start.startswith(TITLED_AFTER_THE_BOX)


def test_a_title_like_line_the_top_does_not_repeat_starts_no_article() -> None:
    # Without the <title> line, the headline's copy is no sign: as before.
    untitled = TITLED_PAGE[TITLED_PAGE.index("\n") + 1 :]
    start, _ = _titled(untitled)
    assert start.startswith(TITLED_AFTER_THE_BOX)


DEALS = [
    (
        "Wool coats at Barrow's, now 40 pounds",
        "Barrow's has cut the price of its heavy wool coats by half for the first cold week, "
        "and the shop on Quay Street still has most sizes in navy and grey.",
    ),
    (
        "Bicycles at Quay Cycles for 180 pounds",
        "Quay Cycles is selling last year's town bikes with lights and a rack at the price of "
        "a basic frame, the cheapest way yet to stop paying bus fares.",
    ),
    (
        "Boots at the market stall, two pairs for 60",
        "The boot stall at the Saturday market is selling two pairs of lined walking boots for "
        "sixty pounds, and the owner will swap sizes until Christmas.",
    ),
    (
        "Half-price tickets at the Lyric",
        "The Lyric is selling tickets for its winter matinees at half price to anyone who books "
        "before Friday, and children under twelve go free with an adult.",
    ),
]
DEALS_INTRO = (
    "Welcome to our winter deals, where we look for the offers worth your time in town "
    "this week and tell you which ones to skip."
)


def _deals_page(box: list[str]) -> Document:
    """A shopping guide under the page's title printed again: items, each a heading
    over one paragraph and a link, with `box` between the second item and the third."""
    items = [[heading, text, "See the offer"] for heading, text in DEALS]
    lines = [
        "Harbour Gazette: Four winter deals worth queuing for",
        *["Home", "News", "Sport", "Weather"],
        "Four winter deals worth queuing for",
        "By Ann Lee",
        DEALS_INTRO,
        *items[0],
        *items[1],
        *box,
        *items[2],
        *items[3],
    ]
    return Document.from_text("\n".join(lines) + "\n")


def _first(doc: Document) -> list[str]:
    """The blocks' context-free labels (`analyse` also labels known chrome bad)."""
    stops = stop_words_for(doc.language)
    return [first_label(block, stops, Config()) for block in doc.blocks]


def _index(doc: Document, text: str) -> int:
    return next(b.index for b in doc.blocks if b.text.startswith(text))


def test_a_guide_of_items_under_the_page_title_printed_again_starts_at_its_intro() -> None:
    # No two paragraphs in a row under the copy, but one every three lines down to
    # where the labels' run began (the third item): the article starts at the intro.
    doc = _deals_page([])
    start = _index(doc, DEALS[2][1])
    assert _titled_start(start, doc, _first(doc), Config()) == _index(doc, DEALS_INTRO)


def test_a_box_between_the_items_keeps_the_start() -> None:
    # Seven lines between two paragraphs (the offer's link, a box of five links, the
    # next heading; fullpage_max_gap is six): what stands above the box is not carried in.
    doc = _deals_page(["More deals", "Gifts", "Toys", "Books", "Garden"])
    start = _index(doc, DEALS[2][1])
    assert _titled_start(start, doc, _first(doc), Config()) == start
    wider = Config(fullpage_max_gap=8)
    assert _titled_start(start, doc, _first(doc), wider) == _index(doc, DEALS_INTRO)


TABLE_PAGE = read_case(CASES / "full_page_table_under_two_short_sentences.txt").input
TABLE_INTRO = "This page always holds the latest county cricket league table"


def test_two_short_sentences_under_the_title_printed_again_start_the_article() -> None:
    # A league table's page: two sentences of fourteen and sixteen words under the
    # title's copy, then the table; the sidebar's two teasers below are the page's only
    # long prose. The article starts at the first sentence, the table with it.
    start, headline = _titled(TABLE_PAGE)
    assert start.startswith(TABLE_INTRO)
    assert headline == "League table"


def test_two_short_lines_that_finish_no_sentence_start_no_article() -> None:
    # The same lines without their end marks read as two more headlines under the
    # title's copy (a list of stories): the start stays at the sidebar's teasers.
    page = TABLE_PAGE.replace("every round!", "every round").replace("matches!", "matches")
    start, _ = _titled(page)
    assert start.startswith("Read when the rowing regatta starts")


def test_two_short_finished_lines_under_no_title_copy_start_no_article() -> None:
    # Without the page's <title> line there is no copy to read under: as before.
    start, _ = _titled(TABLE_PAGE[TABLE_PAGE.index("\n") + 1 :])
    assert not start.startswith(TABLE_INTRO)


MASTHEAD = "Harbour Gazette - Island news, sport and weather"


def test_two_short_lines_under_a_masthead_start_no_article_over_a_real_one() -> None:
    # The <title> is the site's name, printed again as a masthead over two blurbs of the
    # site (short, finished, near in stop words); the page's largest run is an article
    # (paragraphs in a row): the blurbs start nothing, the headline stays the story's.
    menu = ["Home", "News", "Sport", "Weather", "Business", "Opinion", "Travel", "Jobs"]
    page = "\n".join(
        [
            MASTHEAD,
            "Skip to content",
            MASTHEAD,
            "Your island newspaper since 1887, delivered to every household on the island.",
            "Send us your stories: write to the newsdesk at the old harbour office today.",
            *menu,
            "Most read",
            "Lifeboat crew called out twice",
            "Bakery opens twelve shops",
            "Advertisement",
            "Council votes to close the old swimming baths",
            *TITLED_PAGE[TITLED_PAGE.index(TITLED_FIRST) : TITLED_PAGE.index("Videos")].split("\n"),
            *menu,
            "About us",
            "Privacy policy",
        ]
    )
    result = clean_text(page)
    assert result.title == "Council votes to close the old swimming baths"
    assert "newsdesk" not in result.text


HEADLINES = [
    "Harbour Board Approves Second Ferry Pier",
    "Bakery Chain Opens Twelve New Shops",
    "Council Votes to Close Old Swimming Baths",
    "Lifeboat Crew Called Out Twice in One Night",
]
LAST_PARAGRAPH = "Residents' groups in the lower valley welcomed the decision"


def _end_with(lines: list[str]) -> str:
    """The text of the last block of the article, in PAGE with `lines` set under it."""
    at = PAGE.index("About us\n")
    page = PAGE[:at] + "\n".join(lines) + "\n" + PAGE[at:]
    ctx = analyse_rules(page).ctx
    assert ctx.page is not None
    return ctx.doc.blocks[ctx.page.end].text


def test_a_list_of_other_stories_headlines_ends_the_article() -> None:
    # Four headlines under the last paragraph, footer links under them: the article
    # ends at its last paragraph, and the list goes as furniture below it.
    assert _end_with(HEADLINES).startswith(LAST_PARAGRAPH)


def test_a_list_the_article_goes_on_under_is_its_own() -> None:
    # Two paragraphs in a row under the list: the list is the article's (a guide's
    # headings), and the article's end is carried over it as before.
    more = [
        "The board will publish the engineers' full report on its website next week, "
        "together with a timetable for lowering the lake.",
        "Anglers who use the north shore have been told that the jetty there will stay "
        "open while the water level falls.",
    ]
    assert _end_with([*HEADLINES, *more]).startswith("Anglers who use the north shore")


def test_two_headlines_are_no_list() -> None:
    assert _end_with(HEADLINES[:2]) == HEADLINES[1]


def test_a_list_the_article_introduces_is_carried_over() -> None:
    # A line ending on a colon over the list: the article's own (its last lines).
    assert (
        _end_with(["The board named the four schemes it will fund:", *HEADLINES]) == HEADLINES[-1]
    )


def _steps(lines: list[str], families: list[str | None] | None = None) -> int | None:
    doc = Document.from_text("\n".join(["Print", *lines]) + "\n")
    return _steps_below(0, doc, families or ["share"] + [None] * len(lines), Config())


def test_numbered_steps_under_a_print_button_carry_the_article_on() -> None:
    steps = [
        "Ingredients",
        "2 kg quinces",
        "1.5 litres water",
        "1. Wash the quinces and cut them into chunks.",
        "2. Simmer them in the water for an hour, until soft",
        "3. Let the juice drip through the jelly bag overnight.",
        "4. Boil the juice with the sugar until it sets.",
    ]
    assert _steps(steps) == 7


def test_numbered_headlines_or_two_steps_carry_nothing_on() -> None:
    # A list of other stories numbers headlines, which finish no sentence.
    most_read = ["Most read", "1. Ten ways with apples", "2. Storing potatoes", "3. Soups"]
    assert _steps(most_read) is None
    assert _steps(["1. Wash the quinces.", "2. Simmer them for an hour."]) is None


def test_steps_with_no_ingredients_or_past_other_chrome_carry_nothing_on() -> None:
    # Readers' comments numbered under a share bar: no ingredient above them.
    comments = ["1. Great recipe, thanks!", "2. I made it and it set.", "3. Lovely jelly."]
    assert _steps(comments) is None
    # Other chrome that ends articles between: a newsletter box, not the card.
    card = ["2 kg quinces", "1 lemon", "Sign up", *comments]
    assert _steps(card) == 6
    assert _steps(card, ["share", None, None, "newsletter", None, None, None]) is None
