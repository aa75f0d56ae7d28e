"""What reads as code (cleaner/core/code_lines.py) and what the `code` rule leaves."""

from __future__ import annotations

import pytest

from cleaner import clean_text, replay
from cleaner.config import Config
from cleaner.core.code_lines import code_runs, code_signs, code_stop_words, is_code, joins_code
from cleaner.core.language import stop_words_for
from cleaner.core.markup import markup_spans, removable
from cleaner.core.patterns import load_patterns

PROSE = (
    "The harbour board agreed on Tuesday to spend four million pounds on a new wall "
    "along the east quay, after two winters of storms broke the old one."
)
LATER = "Work will start in March and should end before the autumn gales, the board said."


def _code(line: str) -> bool:
    code = load_patterns().code
    return is_code(code_signs(line, code, stop_words_for("en"), Config()), code)


@pytest.mark.parametrize(
    "line",
    [
        "var adsrc = 'gazette/news;' + (typeof(seg)=='undefined'?'':seg);",
        'if ((!document.images && navigator.userAgent.indexOf("Mozilla/2.") >= 0)) {',
        "if (player.isStopped()) { window.location.reload(); }",
        ".storyCaption {font-size:10px;padding: 5px;}",
        '<div class="adBox"><img src="http://ads.example/view.php?n=1" border="0"></div>',
        'ad_client = "pub-1234567890";',
        'document.getElementById("menu").className = "hidden";',
    ],
)
def test_script_style_and_markup_read_as_code(line: str) -> None:
    assert _code(line)


@pytest.mark.parametrize(
    "line",
    [
        # Prose that talks about code: its common words say so.
        'The check read "if (age == 0)" instead of the right test; the contractor fixed it.',
        # A script's string that holds the article's text.
        f'var storyBlurb = "KIRKWALL (Gazette) - {PROSE}";',
        # A page's markup printed whole on one line, the article between its tags.
        f'<div id="story"><p>{PROSE}</p><p>{PROSE}</p></div><script>var a = 1;</script>',
        # Short lines with weak signs only: a ticker list, a key, maths, a French list.
        "- Amazon.com (AMZN);",
        "W = won; D = drawn; L = lost;",
        "GDP = gross domestic product; CPI = consumer price index;",
        "Kosten = 4 Mio. Euro; Dauer = 6 Monate;",
        "Coût = 4 M€ ; durée = 6 mois ;",
        "x = 3 and y = 4;",
        "where 0<p<1 and q>0;",
        "Rock && roll;",
        "Apple releases macOS update (again);",
        "Ferry fares (and season tickets) to rise in April",
    ],
)
def test_prose_does_not_read_as_code(line: str) -> None:
    assert not _code(line)


def test_brackets_comments_and_strong_signs_join_the_code_beside_them() -> None:
    code = load_patterns().code
    assert joins_code("});", [], code) and joins_code("// Reloads the page if it stops", [], code)
    assert not joins_code("Reloads the page", [], code)
    # A closing semicolon alone is prose's too: "- Apple (AAPL);" joins no script.
    semicolon = [s for s in code.signs if "semicolon" in s.label]
    assert not joins_code("- Apple (AAPL);", semicolon, code)


def _twice(dump: str) -> str:
    once = clean_text(dump)
    again = clean_text(once.text)
    assert again.text == once.text and again.title == once.title
    return once.text


def test_a_script_above_the_headline_is_never_the_headline() -> None:
    dump = (
        "// Reloads the page unless a video is playing\n"
        "if (player.isStopped()) { window.location.reload(); }\n"
        f"Harbour wall to be rebuilt by autumn\n\n{PROSE}\n\n{LATER}\n"
    )
    result = clean_text(dump)
    assert result.title == "Harbour wall to be rebuilt by autumn"
    assert {r.kind for r in result.removals} == {"code"}
    _twice(dump)


def test_a_one_sign_line_that_opens_a_script_is_never_the_headline() -> None:
    # Found in review: "if (document.images) {" joins the script under it; read alone,
    # it was guessed as the headline, and only a second pass found the real one.
    dump = (
        "if (document.images) {\n"
        "document.write('<img src=\"http://ads.example/x.gif\">');\n}\n"
        f"Harbour wall to be rebuilt by autumn\n{PROSE}\n"
    )
    assert clean_text(dump).title == "Harbour wall to be rebuilt by autumn"
    _twice(dump)


def test_brackets_left_beside_prose_are_no_separators_on_a_second_pass() -> None:
    dump = (
        "var ad = document.getElementById('ad');\nif (ad != null) { ad.style.display = 'none';\n"
        f"}}\nHarbour wall to be rebuilt by autumn\n\n{PROSE}\n\n{LATER}\n"
        "if (typeof(teaser) == 'undefined') {\n"
        'document.write("Read the rest of the story in the paper on Thursday, when the full '
        'report will be out");\n}\n'
    )
    _twice(dump)


def _runs(lines: list[str]) -> list[int]:
    code = load_patterns().code
    stops = stop_words_for("en")
    return sorted(code_runs(lines, [code_signs(x, code, stops, Config()) for x in lines], code))


def test_lines_with_a_weak_sign_between_code_and_a_joining_line_are_code() -> None:
    script = ["var found = 0;", "found = 1;", "break;", "else", "{", "x = 2;", "}"]
    assert _runs(script) == list(range(len(script)))
    # With no line of code to close them, the weak lines are prose's: a ticker list, a
    # list's items even under a comment ("// end"), a label.
    tickers = ["var found = 0;", "- Apple (AAPL);", "- Amazon.com (AMZN);", "The end."]
    assert _runs(tickers) == [0]
    assert _runs(["var found = 0;", "- Apple (AAPL);", "// end"]) == [0]


def test_a_bridge_of_weak_lines_is_at_most_bridge_max_lines_long() -> None:
    most = load_patterns().code.bridge_max_lines
    weak = ["total;"] * (most + 1)
    assert _runs(["var found = 0;", *weak, "}"]) == [0]
    assert _runs(["var found = 0;", *weak[:most], "}"]) == list(range(most + 2))


def test_scripts_keywords_are_no_common_words_of_another_language() -> None:
    keywords = load_patterns().code.keywords
    # Latvian's list holds "var" ("can"), as Swedish prose does ("was").
    assert "var" in stop_words_for("lv")
    stops = code_stop_words("lv", keywords)
    assert not {"var", "d", "i"} & stops
    # English's words count: "a new law for a new town, if this is true" is prose.
    assert {"the", "a", "for", "if", "this"} <= stops
    code = load_patterns().code
    line = "for (var d=0; d < document.images.length; ++d) {"
    assert is_code(code_signs(line, code, stops, Config()), code)
    # A social handle is no name written as code.
    assert not _code("A new law for a new town, if this is true (@harbour_news);")


def test_a_dump_of_script_only_leaves_nothing() -> None:
    dump = "var banner = 0;\nvar found = 0;\nif (found) {\nbreak;\n}\nelse\n{\nfound = 1;\n}\n-->\n"
    cleaned = clean_text(dump)
    assert cleaned.text == "" and {r.kind for r in cleaned.removals} == {"code"}
    assert "".join(r.text for r in cleaned.removals) == dump


def test_a_tutorials_closing_listing_under_a_colon_stays() -> None:
    listing = "function countLines(text) {\nreturn text.split('\\n').length;\n}\n"
    dump = f"How to count lines\n\n{PROSE}\n\n{LATER} Paste this into the page:\n{listing}"
    assert clean_text(dump).text.endswith(listing.rstrip("\n"))


def test_a_list_with_closing_semicolons_under_the_article_stays() -> None:
    items = "- Apple (AAPL);\n- Amazon.com (AMZN);\n- Netflix (NFLX);\n- Alphabet (GOOG).\n"
    dump = f"Stocks slip\n\n{PROSE}\n\n{LATER}\nStocks to watch this week\n{items}"
    assert "code" not in {r.kind for r in clean_text(dump).removals}


def test_a_minimum_of_no_sign_fails_when_the_patterns_load() -> None:
    # With min_signs 0, every line outside the article would read as code.
    from cleaner.core.patterns import _code_signs

    with pytest.raises(ValueError, match="min_signs"):
        _code_signs({"signs": [], "min_signs": 0, "prose_min_words": 8})


# A page's HTML printed as one line, the article's words between its tags.
PAGE_LINE = (
    '<html><head><title>Harbour wall - Gazette</title><link rel="stylesheet" '
    'href="/css/main.css" /><script type="text/javascript">var adSlot = "top"; '
    "document.write('<img src=\"/ads/' + adSlot + '.gif\">');</script></head> "
    '<body class="story"> <div id="nav"><ul class="menu"><li><a href="/">Home</a></li>'
    '<li><a href="/news/" class="on">News</a></li></ul></div> <!-- story --> '
    f'<div id="content" class="story-body"><p class="lead">{PROSE}</p><p>{LATER}</p></div> '
    '<div id="footer"><a href="/about/" title="About the Gazette">About us</a></div>'
    "</body></html>"
)
ELEMENTS = load_patterns().code.markup_elements


def _never(content: str) -> bool:
    return False


def test_a_pages_markup_printed_in_one_line_goes_and_its_words_stay() -> None:
    result = clean_text(PAGE_LINE + "\n")
    body = result.body
    assert PROSE in body and LATER in body
    assert "Home News" in body  # a space kept where the words would touch
    assert "<" not in body and "adSlot" not in body and "story" not in body
    assert any("<script" in r.text for r in result.removals if r.kind == "code")
    assert replay(result.source, result.removals) == body
    assert not result.flagged  # markup is no text the safety valve weighs
    assert clean_text(result.text).text == result.text


def test_the_rules_judge_the_line_without_its_markup() -> None:
    # The markup goes first: a rule that takes the whole line (readers' comments under
    # their heading) takes it whole, markup and all, as a second cleaning would.
    more = "Fishermen said the storms had made the quay unsafe for two winters running."
    dump = f"{PROSE}\n\n{LATER}\n\n{more}\n\n{PROSE}\n\nTop Rated Comments\n{PAGE_LINE}\n"
    result = clean_text(dump)
    taken = [r for r in result.removals if r.kind == "comments"]
    assert len(taken) == 1 and taken[0].text.startswith("Harbour wall - Gazette</title>")
    assert taken[0].text.endswith("</body></html>\n") and "Harbour" not in result.text
    assert clean_text(result.text).text == result.text


def test_a_script_or_stray_comment_that_holds_prose_stays() -> None:
    # A script's string may hold the article; a stray "<!--" may open it: they stay, but
    # for the tags inside them.
    line = PAGE_LINE.replace(
        "var adSlot = \"top\"; document.write('<img src=\"/ads/' + adSlot + '.gif\">');",
        f"var blurb = '{PROSE}';",
    ).replace("<!-- story -->", "<!-- story")
    body = clean_text(line + "\n").body
    assert f"<script type=\"text/javascript\">var blurb = '{PROSE}';</script>" in body
    assert PROSE in body and LATER in body and "<p" not in body


def test_prose_with_a_few_tags_or_titles_in_angle_brackets_keeps_them() -> None:
    for line in [
        f'{PROSE} The page used <b>bold</b> and <a href="/x">a link</a> for the notice.',
        "The festival will show <Oasis>, <Poetry>, <Burning>, <The Host>, <Mother>, "
        "<Parasite>, <Okja>, <Green Fish>, <Secret Sunshine>, <Memories of Murder> and "
        "<Peppermint Candy>, and tickets have sold out.",
    ]:
        result = clean_text(f"{line}\n\n{LATER}\n")
        assert not [r for r in result.removals if r.kind == "code"] and line in result.text


def test_markup_spans_find_elements_comments_and_tags() -> None:
    text = 'a <!-- x --> b <script>var s = 1;</script> c <p class="k">d</p> <Mother> <!-- open'
    spans = markup_spans(text, ELEMENTS, _never)
    assert [text[s:e] for s, e in spans] == [
        "<!-- x -->",
        "<script>var s = 1;</script>",
        '<p class="k">',
        "</p>",
        "<!--",
    ]
    # An element never closed is only its opening tag; so are later ones.
    text = "<script>var a = 1; <b>x</b> <script>var b;"
    assert [text[s:e] for s, e in markup_spans(text, ELEMENTS, _never)] == [
        "<script>",
        "<b>",
        "</b>",
        "<script>",
    ]


def test_removed_markup_never_runs_two_words_together() -> None:
    def left(text: str) -> str:
        spans = markup_spans(text, ELEMENTS, _never)
        kept, at = [], 0
        for start, end in removable(text, spans):
            kept.append(text[at:start])
            at = end
        return "".join(kept) + text[at:]

    assert left("Home</a></li> <li><a>News") == "Home News"
    assert left('Home</a><a href="/n">News') == "Home News"  # the tag's own space
    assert left("one.</p><p>Two") == "one.Two"
    assert left("Home</a><a>News") == "Home</a><a>News"  # no space to keep: it stays


GERMAN = (
    "Der Stadtrat stimmte am Dienstag für den neuen Haushalt, nach einer langen Debatte "
    "über die Schulen und die Straßen der Stadt, die seit Jahren auf Geld warten."
)


def test_a_german_pages_markup_goes_and_its_article_stays() -> None:
    # Found by a review: the language was guessed from the markup ("hr"), so the line
    # read as code and went whole with the article. It is guessed from the page's words.
    nav = "".join(f'<li class="nav"><a href="/s{n}/">Rubrik {n}</a></li>' for n in range(12))
    article = f'<div class="article"><p>{GERMAN}</p></div>'
    line = f'<div id="nav"><ul class="menu">{nav}</ul></div> {article}'
    result = clean_text(f"Stadtrat beschließt den Haushalt\n\n{line}\n")
    assert GERMAN in result.text and "<" not in result.text


def test_a_line_is_what_the_document_calls_a_line() -> None:
    # A form feed or U+2028 inside the page's line does not split it (as `Document` reads
    # lines): its markup still goes.
    line = PAGE_LINE.replace('<div id="content"', '\u2028<div id="content"')
    assert "<" not in clean_text(line + "\n").body
