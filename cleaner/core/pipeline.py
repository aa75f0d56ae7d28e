"""Run the rules over a document, settle overlapping spans, apply the safety valve.

Data flows one way: source -> a page's markup printed in a line (removed first) ->
blocks -> headline -> spans from each rule -> non-overlapping removals -> clean text.
Nothing here edits text except `replay`, which deletes recorded spans; so the report
always rebuilds the output.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from cleaner.config import DEFAULT_CONFIG, Config
from cleaner.core.code_lines import code_signs, code_stop_words, holds_prose, is_code, without_tags
from cleaner.core.coverage import Coverage
from cleaner.core.credits import is_credit
from cleaner.core.document import (
    SAFETY_VALVE_NOTE,
    Block,
    Cleaned,
    Document,
    Removal,
    delete_spans,
    replay,
)
from cleaner.core.fullpage import Page, analyse
from cleaner.core.guesses import names_the_lede
from cleaner.core.headline import find_headline, find_page_headline
from cleaner.core.language import SAMPLE_CHARS, guess_language
from cleaner.core.limits import DocumentTimeout
from cleaner.core.markup import page_markup, with_markup
from cleaner.core.page_kind import looks_full_page
from cleaner.core.patterns import Patterns, load_patterns
from cleaner.core.site import SiteLines
from cleaner.rules import Context, get_rule

# Lines at least this long carry the language; menus and labels do not.
PROSE_SAMPLE_WORDS = 12
# A page's markup printed as text: its words are sampled from this many times the
# language guess's sample of its characters (most of them are markup).
MARKUP_SAMPLE_SCALE = 4


class RuleError(Exception):
    """A rule crashed on a document: the batch reports it for that document and goes on."""

    def __init__(self, rule: str, error: Exception) -> None:
        super().__init__(
            f"rule {rule!r} crashed on this document ({type(error).__name__}: {error}); "
            "the other documents are cleaned. Please report it with this input; "
            f"leaving {rule!r} out of `rules` in the config avoids it meanwhile"
        )
        self.rule = rule


def _settle(candidates: list[Removal]) -> list[Removal]:
    """Keep spans in arrival (rule priority) order, dropping any that overlap a kept one."""
    starts: list[int] = []
    kept: list[Removal] = []
    for removal in candidates:
        if removal.end <= removal.start:
            continue
        i = bisect.bisect_left(starts, removal.start)
        if i > 0 and kept[i - 1].end > removal.start:
            continue
        if i < len(kept) and kept[i].start < removal.end:
            continue
        starts.insert(i, removal.start)
        kept.insert(i, removal)
    return kept


def _visible(text: str) -> int:
    """Characters that are not white space."""
    return len("".join(text.split()))


def _share(removals: list[Removal], total: int) -> float:
    """The share of `total` visible characters that `removals` take."""
    return sum(_visible(r.text) for r in removals) / total if total else 0.0


def prose_sample(doc: Document) -> str:
    """The longer lines of the dump: a full page's first lines are menus in no language.
    Each once (a repeated line is no more of the dump's language), and only as many as
    the language guess reads."""
    lines: list[str] = []
    size = 0
    for block in doc.blocks:
        if len(block.words) >= PROSE_SAMPLE_WORDS and block.text not in lines:
            lines.append(block.text)
            size += len(block.text) + 1
            if size >= SAMPLE_CHARS:
                break
    return "\n".join(lines)


def _full_page(ctx: Context) -> Page | None:
    """The page's article span when the dump is (or is declared) a whole page."""
    config = ctx.config
    if config.fullpage == "off" or "chrome" not in config.rules:
        return None
    if config.fullpage == "auto" and not looks_full_page(ctx.doc, config, ctx.chrome_family):
        return None
    return analyse(ctx.doc, config, ctx.chrome_family, ctx.patterns)


def _article_span(ctx: Context) -> tuple[int, int] | None:
    """Offsets of a whole page's article, from its top to its last block, when the page
    analysis is sure of it (as `chrome` is)."""
    article = ctx.page_article
    if article is None or not article.sure:
        return None
    return ctx.doc.blocks[article.top].start, ctx.doc.blocks[article.end].end


def _safety_valve(
    source: str, removals: list[Removal], config: Config, article: tuple[int, int] | None = None
) -> tuple[list[Removal], bool, list[str]]:
    """Keep a document the rules would mostly remove: apply only the confident removals.

    Confident removals always apply; the guesses may not take more than the allowed
    share of what is left after them (so a second run decides the same). Page
    furniture confidently removed from a full page is not counted: it is most of
    any page, and the share is taken of the article region that remains. So is what
    any rule takes outside the article (`article`, offsets) of a page its analysis
    is sure of: a list of other stories below it, taken as `related_links`, is
    furniture too, and counted it tipped pages into keeping all their menus.
    """
    furniture: list[Removal] = []
    counted: list[Removal] = []
    for r in removals:
        outside = article is not None and (r.end <= article[0] or r.start >= article[1])
        (furniture if outside or (r.kind == "chrome" and r.confident) else counted).append(r)
    confident = [r for r in counted if r.confident]
    guesses = [r for r in counted if not r.confident]
    # What is visible once spans are gone is what the source shows less what they show
    # (they do not overlap): counted so, the source is not rebuilt and scanned again.
    visible = _visible(source)
    furniture_visible = _visible_in(source, furniture)
    share = _share(counted, visible - furniture_visible)
    guess_share = _share(guesses, visible - furniture_visible - _visible_in(source, confident))
    limit = config.max_removed_share
    if guess_share > limit:
        kept = sorted([*furniture, *confident], key=lambda r: r.start)
        note = (
            f"{SAFETY_VALVE_NOTE}the rules would remove {share:.0%} of the text "
            f"(limit {limit:.0%}); kept the document and applied only the {len(kept)} "
            f"confident removal(s) of {len(removals)}"
        )
        return kept, True, [note]
    if share > limit:
        note = (
            f"{SAFETY_VALVE_NOTE}{share:.0%} of the text was removed (limit {limit:.0%}), "
            "all by confident rules; please check"
        )
        return removals, True, [note]
    return removals, False, []


def _visible_in(source: str, removals: list[Removal]) -> int:
    """Visible characters of `source` inside the spans of `removals`."""
    return sum(_visible(source[r.start : r.end]) for r in removals)


@dataclass
class Analysis:
    """A document read by the rules: its context (blocks, headline, page) and the
    rules' settled removals, before the safety valve."""

    ctx: Context
    removals: list[Removal]


def analyse_rules(
    source: str,
    *,
    title: str | None = None,
    page_title: str | None = None,
    config: Config | None = None,
    site: SiteLines | None = None,
) -> Analysis:
    """Run the rules over `source`: the removals they settle on, with their context.
    The arguments are `clean_source`'s."""
    config = config or DEFAULT_CONFIG
    patterns = load_patterns()
    doc = Document.from_text(source, run_on=patterns.never_final)
    doc.language = config.language or guess_language(prose_sample(doc) or source)
    # The page and the headline are found first, with the rules' own memo of each line.
    ctx = Context(doc=doc, config=config, patterns=patterns, headline=None, site=site)
    page = _full_page(ctx)
    if page is not None:
        headline = find_page_headline(
            doc, page.start, title, config, ctx.never_headline, page_title=page_title
        )
    else:
        headline = find_headline(doc, title, config, ctx.never_headline, page_title=page_title)
    ctx = replace(ctx, headline=headline, page=page)

    candidates: list[Removal] = []
    for name in config.rules:
        try:
            candidates.extend(get_rule(name).find(ctx))
        except DocumentTimeout:
            raise
        except Exception as error:
            raise RuleError(name, error) from error
    return Analysis(ctx, _settle(candidates))


def _with_model(analysis: Analysis, config: Config) -> list[Removal]:
    if not config.line_model:
        return analysis.removals
    # Imported here: numpy and the model file load only when the model is on.
    from cleaner.model.apply import apply_model

    return apply_model(analysis.ctx, analysis.removals, config)


def clean_source(
    source: str,
    *,
    title: str | None = None,
    page_title: str | None = None,
    config: Config | None = None,
    site: SiteLines | None = None,
) -> Cleaned:
    """Clean `source` (plain text). `title` is the headline when the caller knows it (it
    always wins); `page_title` is the page's own (og:title, <title>), which names the
    line at the top that is the headline; `site` holds its site's template lines when
    it is cleaned as part of a corpus. A page's HTML printed in a line loses its markup
    first (`cleaner.core.markup`): the rules judge what is left, as a second cleaning
    would."""
    config = config or DEFAULT_CONFIG
    markup = _page_markup(source, config)
    if not markup:
        return _clean(source, title=title, page_title=page_title, config=config, site=site)
    stripped = delete_spans(source, ((start, end) for start, end, _ in markup))
    inner = _clean(stripped, title=title, page_title=page_title, config=config, site=site)
    return with_markup(inner, source, markup)


def _page_markup(source: str, config: Config) -> list[tuple[int, int, int]]:
    if "code" not in config.rules or "<" not in source:
        return []
    patterns = load_patterns()

    @cache
    def stops() -> frozenset[str]:
        # Read only for a line with markup. The page's language is guessed from its
        # words, not its markup (which reads as any language).
        sample = without_tags(source[: MARKUP_SAMPLE_SCALE * SAMPLE_CHARS])
        language = config.language or guess_language(sample[:SAMPLE_CHARS])
        return code_stop_words(language, patterns.code.keywords)

    code = patterns.code
    return page_markup(
        source,
        code,
        lambda text: holds_prose(text, code, stops(), config),
        lambda text: is_code(code_signs(text, code, stops(), config), code),
    )


def _clean(
    source: str,
    *,
    title: str | None,
    page_title: str | None,
    config: Config,
    site: SiteLines | None,
) -> Cleaned:
    analysis = analyse_rules(source, title=title, page_title=page_title, config=config, site=site)
    ctx, removals = analysis.ctx, _with_model(analysis, config)
    doc, headline = ctx.doc, ctx.headline

    removals, flagged, notes = _safety_valve(source, removals, config, _article_span(ctx))
    coverage = Coverage(removals)

    title_text = headline.text if headline else None
    kept = headline.block if headline else None
    title_in_source = (
        headline is not None
        and kept is not None
        and kept.text == title_text
        and coverage.first_kept(doc.blocks) is kept
        and (not headline.guessed or _reported(kept, doc, coverage, ctx.patterns))
    )
    title_in_body = False
    if title_in_source and kept is not None:
        body = replay(source, [*removals, Removal("title", kept.start, kept.line_end, "", "")])
    else:
        body = replay(source, removals)
        if headline is not None and kept is not None:
            if headline.given:
                # The given title wins. Its copy stays in the body where it is (below a
                # kept line, or printed otherwise: "BRIDGE REOPENS"), unless a rule took
                # it; `text` does not print the title again above it.
                title_in_body = not coverage.covers(kept)
            else:
                # The line taken for the headline does not open the clean text
                # (something kept stands above it, or a rule took it), or is a guess
                # naming nothing its lede says or shaped as a newsroom credit, so it
                # stays in the body where it is, or is gone, and we report no title.
                title_text = None
    removals.sort(key=lambda r: r.start)
    return Cleaned(
        title=title_text,
        body=body,
        source=source,
        removals=removals,
        title_in_source=title_in_source,
        title_in_body=title_in_body,
        notes=notes,
        flagged=flagged,
        language=doc.language,
    )


def _reported(guess: Block, doc: Document, coverage: Coverage, patterns: Patterns) -> bool:
    """Is the guessed headline reported as the title? When it names something in the
    lede the cleaning keeps under it (`guesses.names_the_lede`; read after the removals,
    as a second cleaning reads it), and is no newsroom credit ("Palm Beach Post Staff
    Writer": in the validation dumps such guesses were all wrong; a headline so shaped,
    "Gazette Hires Staff Writer", goes without a title)."""
    if is_credit(guess.text, patterns, doc.language):
        return False
    return names_the_lede(guess, _kept_lines(doc, coverage, guess.index + 1))


def _kept_lines(doc: Document, coverage: Coverage, start: int) -> Iterator[Block]:
    """The blocks from index `start` on as the clean text prints them: a block no removal
    touches as it is, a block a removal takes part of as the lines of what is left (a
    cell beside the article taken from a two-column line), a block taken whole not at
    all."""
    source = doc.source
    for block in doc.blocks[start:]:
        touching = coverage.touching(block)
        if not touching:
            yield block
            continue
        # The removals clipped to the block, in its own offsets.
        spans = (
            (max(r.start, block.start) - block.start, min(r.end, block.end) - block.start)
            for r in touching
        )
        for line in delete_spans(source[block.start : block.end], spans).splitlines():
            if line.strip():
                yield replace(block, text=line.strip())
