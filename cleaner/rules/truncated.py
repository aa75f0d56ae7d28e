"""truncated: text cut off mid-way.

    "Troops withdrew on Monday. Of course, if the soldiers were killed as U.S."
    -> "Troops withdrew on Monday."

Four shapes, each removed from the start of the cut sentence to the end of its
paragraph (earlier, complete sentences stay):
- a teaser ending in an ellipsis ("...", "…", "[…]") or a read-more link;
- a paragraph that stops mid-clause: no end mark, and it ends on a function
  word of its language, a comma or a dash;
- a sentence ending at an abbreviation that cannot end one ("Mr.", "Gen."),
  or at a country abbreviation used as an adjective ("killed U.S.");
- a dump that starts mid-sentence (its first paragraph opens in lowercase).
Not truncation: headings, list items, captions and quotes without a full stop
(they end on content words or a closing quote), someone's words trailing off in
a quote that goes on in the next paragraph, a line continued by the next
one in lowercase (or by a sentence opening on a number: "… listed at 6-foot-2 and" /
"202 pounds, is …") or by hard-wrapped lines of which one, within three, finishes
the sentence, and a writer who ends sentences with "..." throughout.
Sources: NeMo Curator's ellipsis marks, C4's terminal punctuation (made safe).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.headline import block_repeats_headline, is_title_like
from cleaner.core.text import ends_with_mark, first_sentence_end, is_separator, last_sentence_start
from cleaner.rules.base import Context, Rule, part_of_block, quote

KIND = "truncated"
# Read-more links and ellipses sit in a paragraph's last characters.
TAIL_CHARS = 80
_INNER_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s+\w")
# Every match of _INNER_ELLIPSIS and of the patterns' `ellipsis_ends` holds one of these
# (tests/test_shortcuts.py checks the data): a line without them needs no search.
ELLIPSIS_MARKS = ("...", "…")
_DASH_OR_COMMA = re.compile(r"[,\-–—]$")
# "- ", "1.", "2)", and the lettered and numbered items of legal text: "(a)", "(ii)", "b)"
# (not a rights mark: "(c) 2021 Acme").
_LIST_MARK = re.compile(
    r"^(?!\(c\)\s+\d{4})(?:[-*•·▪►]|\d+[.)]|\(?(?:[a-zA-Z]|[ivxlc]{1,6}|\d{1,3})\))\s"
)
_MARK_ENDS = "])»›→>"
# A line opening on a number and a lowercase word, "202 pounds, is no stranger to
# fighting.": as a finished sentence, the one cut above it going on ("listed at 6-foot-2
# and"); a list's headline ("5 things to know") has no end mark.
# What may stand before a sentence's first letter.
_OPENERS = "\"'“‘«([¿¡"
_NUMBER_RUNS_ON = re.compile(r"^\d[\d,.]*\s+[a-z]")
_BRAND = re.compile(r"^[a-z]+[A-Z0-9]")  # iPhone, eBay, x86
# A date whose weekday is written in lowercase: "sexta-feira, 22 de outubro de 2010".
_DATE_OPENING = re.compile(r"^([^\W\d_][\w-]*), \d{1,2}\b")
# A sentence ending inside a line and the next one starting: "…ORACLE Arena. Allen Iverson",
# "…Missouri's. The". The word before the mark is checked: "Mr. Smith" ends none.
_INNER_END = re.compile(r"(\S*[\w'’]\w[.!?])[\"'”’)]?\s+[\"“‘(]?[A-Z]")


def _below(block: Block, ctx: Context, count: int) -> list[Block]:
    """Up to `count` blocks under `block`, as the clean text will have them: a copy of an
    earlier paragraph, which `repeated_block` takes, carries no sentence on (and with it
    gone, a second pass would find the line above cut)."""
    blocks = ctx.doc.blocks
    copies = ctx.copies
    found: list[Block] = []
    index = block.index + 1
    while index < len(blocks) and len(found) < count:
        if index not in copies:
            found.append(blocks[index])
        index += 1
    return found


def _continues(block: Block, ctx: Context) -> bool:
    """True when the next block carries on the sentence (lowercase start, or a long line
    that stops mid-sentence too and runs on: wrapped text, "…won the / Africa Movie
    Academy Award for Best Actress, has taken / to her Instagram page"), or lists items."""
    below = _below(block, ctx, 2)
    if not below:
        return False
    after = below[0]
    following = after.text
    if is_separator(following):
        return False  # "* * *" sets the next part apart; it carries nothing on
    # Wrapped: that line too runs on into a lowercase one ("…has taken / to her
    # Instagram page"). A line some rule removes, "Read more: …", carries nothing on.
    wrapped = (
        block.paragraph == after.paragraph
        and len(after.words) >= ctx.config.truncated_min_words
        and not ends_with_mark(following)
        and not ctx.is_chrome(after)
        and len(below) > 1
        and below[1].text[0].islower()
    )
    return (
        wrapped
        or _finished_below(block, ctx)
        or following[0].islower()
        or (bool(_NUMBER_RUNS_ON.match(following)) and ends_with_mark(following))
        or (bool(_LIST_MARK.match(following)) and _item_goes_on(after, ctx))
        or following[0] in "-•*"
    )


def _finished_below(block: Block, ctx: Context) -> bool:
    """The sentence goes on below and finishes there. A paragraph on one line goes on
    into the next line of its paragraph when that one ends finished ("…listed at
    6-foot-2 and / 202 pounds, is no stranger to fighting.", "…declared after Bhutto's
    death on / Thursday."). Hard-wrapped prose, whose lines are
    short, goes on until, within a few lines below in the same paragraph, one finishes
    the sentence ("…124-120 victory over the / Warriors at ORACLE Arena. Allen Iverson
    had…", "…entire Luzon and / Mindoro, Marinduque, … as the / Philippines has shifted
    its focus… threat of / Mitag."). A cut teaser stands alone, or above other cut lines."""
    config = ctx.config
    # A paragraph on one line looks at the next line only, for its end.
    wrapped = len(block.text) <= config.wrapped_line_max_chars
    lookahead = config.wrapped_lookahead if wrapped else 1
    for after in _below(block, ctx, lookahead):
        if after.paragraph != block.paragraph or not after.words or ctx.is_chrome(after):
            return False
        if _finishes(after, ctx) or (wrapped and _ends_a_sentence_inside(after.text, ctx)):
            return True  # "…due to the threat of / Mitag."
        if len(after.words) < config.truncated_min_words:
            return False  # a short line that does not finish: a label, not the sentence
    return False


def _finishes(block: Block, ctx: Context) -> bool:
    """The line ends a sentence: an end mark, but not the "..." of a teaser this rule
    cuts (the line above would be cut on a second run, once the teaser is gone)."""
    if not ends_with_mark(block.text):
        return False
    if not ctx.patterns.ellipsis_end.search(block.text[-TAIL_CHARS:]):
        return True
    # (No deep recursion: a dump with three lines ending in "..." writes in that style,
    # and then no "..." line is cut.)
    style = ctx.once(_ellipsis_is_style)
    return style or _ellipsis_cut(block, ctx, style) is None


def _ends_a_sentence_inside(text: str, ctx: Context) -> bool:
    """A sentence ends inside the line and another starts ("…Arena. Allen Iverson"), at a
    word that can end one (not "Mr." before a name)."""
    never_final = ctx.patterns.never_final
    return any(m.group(1) not in never_final for m in _INNER_END.finditer(text))


def _item_goes_on(item: Block, ctx: Context) -> bool:
    """A list item that finishes, or has another item under it. A last item cut off
    ("(b) the income for the year before the") is not one the line above runs on into:
    the list was cut, and a second pass, without that item, would cut the line above."""
    if ends_with_mark(item.text):
        return True
    below = _below(item, ctx, 1)
    return bool(below) and bool(_LIST_MARK.match(below[0].text))


def _has_ellipsis(text: str) -> bool:
    return any(mark in text for mark in ELLIPSIS_MARKS)


def _ellipsis_is_style(ctx: Context) -> bool:
    """A writer who ends sentences with '...' inside paragraphs, or writes verse with them."""
    # Both counts need an ellipsis in the line: most dumps have none, and then no line
    # is searched.
    with_marks = [b for b in ctx.doc.blocks if _has_ellipsis(b.text)]
    inner = sum(len(_INNER_ELLIPSIS.findall(b.text)) for b in with_marks)
    if inner >= ctx.config.ellipsis_style_min:
        return True
    # Teasers come one or two to a dump; many lines ending in "..." are the writer's voice.
    ends = sum(1 for b in with_marks if ctx.patterns.ellipsis_end.search(b.text))
    return ends >= ctx.config.ellipsis_style_min_ends


def _cut_at_end(block: Block, ctx: Context, ellipsis_style: bool) -> tuple[int, str] | None:
    """(offset where the cut sentence starts, reason) when the block's end is cut off."""
    # The end marks are anchored at the end: search the tail only, not the whole line.
    offset = max(0, len(block.text) - TAIL_CHARS)
    tail = block.text[offset:]
    if _may_end_in_a_mark(tail):
        link = _read_more_cut(block, ctx, ellipsis_style, offset, tail)
        if link is not None:
            return link
        if ctx.patterns.ellipsis_end.search(tail) and len(block.words) >= 1:
            return _ellipsis_cut(block, ctx, ellipsis_style)
    return _cut_mid_clause(block, ctx)


def _may_end_in_a_mark(tail: str) -> bool:
    """Read-more links and ellipses end in a letter, "...", "…", a bracket or an arrow:
    a quick test that spares three searches on the usual paragraph ending in "."."""
    end = tail.rstrip()
    return end.endswith(("...", "…")) or end[-1:].isalpha() or end[-1:] in _MARK_ENDS


def _read_more_cut(
    block: Block, ctx: Context, ellipsis_style: bool, offset: int, tail: str
) -> tuple[int, str] | None:
    text = block.text
    patterns = ctx.patterns
    read_more = patterns.read_more_end.search(tail)
    if read_more and offset + read_more.start() > 0 and not ellipsis_style:
        cut = offset + read_more.start()
        start = last_sentence_start(text[:cut] + ".")
        return start, f"teaser ending in a read-more link {quote(text[cut:])}"
    link = patterns.read_more_link.search(tail)
    if link and offset + link.start() > 0:
        before = text[: offset + link.start()]
        label = quote(link.group().strip())
        if ends_with_mark(before):
            return len(before), f"read-more link {label} after the paragraph"
        return last_sentence_start(before), f"teaser cut off before the link {label}"
    return None


def _ellipsis_cut(block: Block, ctx: Context, ellipsis_style: bool) -> tuple[int, str] | None:
    text = block.text
    if ellipsis_style or _continues(block, ctx) or _quote_goes_on(block, ctx):
        return None
    start = last_sentence_start(text)
    # A teaser is cut at a length limit, so its last sentence is long; a short one
    # ("Here's what he had to say…") leads in to a quote or a video. "[…]" is explicit.
    bracketed = text.rstrip().endswith(("]", ")"))
    if not bracketed and len(text[start:].split()) < ctx.config.teaser_min_words:
        return None
    return start, f"teaser cut off with an ellipsis {quote(text[-40:])}"


def _quote_goes_on(block: Block, ctx: Context) -> bool:
    """Someone's words trailing off inside a quote that runs on into the next paragraph:
    the paragraph leaves its quotation open and the next one opens with a quotation mark,
    as a quote over several paragraphs is printed ('"We didn't know how we'd come
    together. …' / '"One of the things was ...'). A teaser is cut mid-sentence."""
    below = _below(block, ctx, 1)
    text = block.text
    unclosed = text.count('"') % 2 == 1 or text.count("“") > text.count("”")
    return unclosed and bool(below) and below[0].text.startswith(('"', "“"))


def _cut_mid_clause(block: Block, ctx: Context) -> tuple[int, str] | None:
    """A paragraph that stops at an abbreviation, a comma or a function word."""
    text = block.text
    patterns = ctx.patterns
    last_token = text.rsplit(maxsplit=1)[-1]  # (the line is not split whole)
    if last_token in patterns.never_final and not _wrapped_at_abbreviation(block, ctx):
        return (
            last_sentence_start(text),
            f"ends at {quote(last_token)}, an abbreviation that cannot end a sentence",
        )
    if last_token in patterns.adjective_abbreviations and not _wrapped_at_abbreviation(block, ctx):
        words = text.split()
        before = words[-2].casefold() if len(words) > 1 else ""
        if before not in patterns.abbreviation_leads_for(ctx.doc.language):
            return (
                last_sentence_start(text),
                f"ends at {quote(words[-2] + ' ' + last_token if len(words) > 1 else last_token)}:"
                " the abbreviation needs a noun after it",
            )
    if ends_with_mark(text) or len(block.words) < ctx.config.truncated_min_words:
        return None
    if _continues(block, ctx):
        return None
    if _DASH_OR_COMMA.search(text):
        start = last_sentence_start(text)
        if len(text[start:].split()) < ctx.config.teaser_min_words:
            return None  # a short lead-in to what follows: "As Reuters reports,"
        return start, f"stops mid-clause on {quote(text[-1])}"
    last_word = block.words[-1]
    # Running prose has its function words in lowercase; "Eating Plan A" is a label.
    if last_word.islower() and last_word in ctx.patterns.function_words_for(ctx.doc.language):
        return (
            last_sentence_start(text),
            f"stops mid-clause on the function word {quote(block.words[-1])}",
        )
    return None


def _wrapped_at_abbreviation(block: Block, ctx: Context) -> bool:
    """A line of hard-wrapped prose that breaks after "Dr." or "U.S." ("…fabric of it
    all," Dr. / Michael Gumert, a primatologist…"): short as wrapped lines are, the next
    line carries on with the name or noun (not a function word opening a sentence: "The
    room holds…"), and a line below finishes the sentence."""
    below = _below(block, ctx, 1)
    if len(block.text) > ctx.config.wrapped_line_max_chars or not below:
        return False
    after = below[0]
    if after.paragraph != block.paragraph or not after.words:
        return False
    first = after.words[0]
    if first.casefold() in ctx.patterns.function_words_for(ctx.doc.language):
        return False
    return _finished_below(block, ctx)


def _removed_elsewhere(block: Block, ctx: Context) -> bool:
    """Chrome, a copy of another block, code, or the headline printed again: lines other
    rules take, which a second cleaning would not see."""
    if ctx.is_chrome(block) or block.index in ctx.copies or block.index in ctx.code_runs:
        return True
    headline = ctx.headline
    return headline is not None and (
        block_repeats_headline(block, headline.text, ctx.config.headline_similarity) is not None
    )


def _starts_mid_sentence(ctx: Context) -> Iterator[Removal]:
    """The dump's first body paragraph opens in the middle of a sentence."""
    blocks = ctx.doc.blocks
    start = ctx.headline.block.index + 1 if ctx.headline and ctx.headline.block else 0
    # The first paragraph, past lines other rules remove ("Share this article", the
    # headline printed again).
    block = next((b for b in blocks[start:] if not _removed_elsewhere(b, ctx)), None)
    if block is None:
        return
    text = block.text
    if [b.text for b in blocks].count(text) > 1:
        return  # a line the dump repeats is not where a scrape cut into a sentence
    if sum(any(c.isalpha() for c in word) for word in block.words) < 2:
        return  # a list's label ("a)", "a:0)"), not a sentence cut short
    below = blocks[block.index + 1 :]
    after = next((b for b in below if not _removed_elsewhere(b, ctx)), None)
    if ctx.headline is None and after is not None and is_title_like(after, ctx.config):
        # Above a line that reads as the headline, the article has not begun: this is
        # no cut first sentence (and without it, a second pass would find that headline).
        return
    opens_cut = text.startswith(("...", "…")) and len(text) > 3 and text.lstrip(".… ")[:1].islower()
    if not opens_cut and not (text[0].islower() and text[0].isalpha() and not _BRAND.match(text)):
        return
    date = _DATE_OPENING.match(text)
    if date and date.group(1) in ctx.patterns.weekdays:
        return  # a date line, not a sentence cut short
    # Only in text whose other paragraphs normally open with a capital (those the other
    # rules leave: a second cleaning reads no others).
    prose = [
        b for b in blocks if len(b.words) >= 5 and b is not block and not _removed_elsewhere(b, ctx)
    ]
    capitalised = sum(1 for b in prose if not b.text.lstrip('.…"“ ')[:1].islower())
    if not prose or capitalised * 10 < len(prose) * 7:
        return
    end = first_sentence_end(text)
    # A break before a lowercase letter outside ASCII ("… vote. élan was …") opens no
    # sentence: what follows it would be cut again on a second cleaning.
    while end is not None and text[end:].lstrip(_OPENERS)[:1].islower():
        following = first_sentence_end(text[end:])
        end = end + following if following is not None else None
    if end is None and not ends_with_mark(text):
        return  # a lowercase label or title, not a sentence fragment
    reason = f"the dump starts mid-sentence: {quote(text[:40])}"
    yield part_of_block(ctx, block, 0, end if end else len(text), KIND, reason, confident=False)


def find(ctx: Context) -> Iterator[Removal]:
    ellipsis_style = ctx.once(_ellipsis_is_style)
    for block in ctx.doc.blocks:
        if ctx.is_headline_block(block):
            continue
        cut = _cut_at_end(block, ctx, ellipsis_style)
        if cut is None:
            continue
        start, reason = cut
        yield part_of_block(ctx, block, start, len(block.text), KIND, reason)
    yield from _starts_mid_sentence(ctx)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="cut-off text: teasers ending in '...' or 'Read more', paragraphs stopping "
    "mid-clause or at 'Mr.'/'killed U.S.', a dump starting mid-sentence",
    find=find,
)
