"""copyright: rights notices and footers.

    "... the mayor said.\\n\\n© 2015 Leader Call. All Rights reserved."
    -> "... the mayor said."

A notice is a short line that opens with a rights mark ("©", "(c) 2019",
"Copyright 2021"), or contains a rights phrase ("All rights reserved", "Alle
Rechte vorbehalten", "Tous droits réservés", ...) or a reuse notice ("may not
be published, broadcast, rewritten or redistributed"). A notice trailing the
last sentence of a paragraph is cut from there. Prose about copyright ("The
court ruled that the copyright had expired") has none of these marks and
stays. jusText flags paragraphs containing "©"; no tool matches the phrases.

A site's notice (a rights phrase or a reuse notice, on its own line) after
most of the article's prose also closes the article: the few lines under it
(the author's bio and workshops, "Designed by", "Older articles by ...") are
the site's footer, kind `footer` (this rule's second kind: only a notice it finds
closes the article). A photo's "© 2023 Getty Images" inside the article closes
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.core.document import Block, Removal
from cleaner.core.matching import notice_evidence
from cleaner.rules.base import Context, Rule, paragraph_words, part_of_block, quote, whole_block

KIND = "copyright"
FOOTER_KIND = "footer"

# "Copyright Leader Call" / "Copyright: Jane Roe" with no year: a name follows.
_COPYRIGHT_NAME = re.compile(r"^copyright\b[:\s]+(?:by\s+)?[A-Z0-9]", re.IGNORECASE)
# "Before It's News ©": the name comes first and the mark closes the line ("(c)" there
# is more often a clause: "Section 230 (c)").
_NAME_THEN_MARK = re.compile(r"^[A-Z0-9][^.!?]*\s©$")
_SUFFIX_START = re.compile(
    r"(?<=[.!?\"”’)])\s+(?=©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE
)


def _name_notice(block: Block, ctx: Context) -> bool:
    """ "Copyright Canada Free Press", "Before It's News ©": a short line naming only
    the holder."""
    if len(block.words) > ctx.config.copyright_name_max_words:
        return False
    text = block.text
    if _COPYRIGHT_NAME.match(text):
        name = text.split()[1:]
    # (The mark must close the line: checked first, it spares most lines the scan.)
    elif text.rstrip().endswith("©") and _NAME_THEN_MARK.match(text.strip()):
        name = text.split()[:-1]
    else:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in {"by", "of", "the", "and"} for w in name)


def find(ctx: Context) -> Iterator[Removal]:
    found = ctx.once(_all_notices)
    yield from (removal for removal, _ in found)
    yield from _footer(ctx, _taken_whole(found))


def whole_notices(ctx: Context) -> set[int]:
    """The blocks this rule takes whole as notices (found once per document): gone on a
    second cleaning, so that they bound nothing another rule measures."""
    if KIND not in ctx.config.rules:
        return set()
    return {block.index for block in _taken_whole(ctx.once(_all_notices))}


def _all_notices(ctx: Context) -> list[tuple[Removal, Block]]:
    return list(_notices(ctx))


def _taken_whole(found: list[tuple[Removal, Block]]) -> list[Block]:
    """The notices' blocks taken from their start (not a notice glued to a paragraph)."""
    return [block for removal, block in found if removal.start == block.start]


def _site_notice(block: Block, ctx: Context) -> bool:
    """A notice that speaks for the site (a rights phrase, a reuse notice), not a bare
    "©" credit under a photo ("© 2023 Getty Images") or a holder's name."""
    patterns = ctx.patterns
    return bool(
        patterns.copyright_rights.search(block.text) or patterns.copyright_reuse.search(block.text)
    )


def _footer(ctx: Context, notices: list[Block]) -> Iterator[Removal]:
    """The lines under the site's notice that closes the article's prose."""
    if not notices:
        return
    blocks = ctx.doc.blocks
    taken = {notice.index for notice in notices}

    def prose(upto: int) -> int:
        kept = [b for b in blocks[:upto] if b.index not in taken]
        return paragraph_words(kept, ctx.config)

    total = prose(len(blocks))
    if not total:
        return
    for notice in notices:
        rest = blocks[notice.index + 1 :]
        if len(rest) > ctx.config.footer_max_lines or not _site_notice(notice, ctx):
            continue
        if prose(notice.index) < total * ctx.config.footer_min_article_share:
            continue
        reason = (
            f"the site's footer: under the rights notice {quote(notice.text)} "
            "that closes the article"
        )
        for block in rest:
            if block.index not in taken:
                yield whole_block(ctx, block, FOOTER_KIND, reason, confident=False)
        return


def _notices(ctx: Context) -> Iterator[tuple[Removal, Block]]:
    config = ctx.config
    # A match in a line is a match in the dump (the pattern looks at nothing past the
    # notice's first word): one search of the dump spares most dumps the search per line.
    may_be_glued = _SUFFIX_START.search(ctx.doc.source) is not None
    for block in ctx.doc.blocks:
        if ctx.is_headline_block(block):
            continue
        # A paragraph that opens with "© 2015" or "Copyright 2013" is a notice even when
        # it goes on with terms of reuse; other notices are short.
        opens_with_mark = ctx.patterns.copyright_leads.match(block.text.lstrip(" *•-–—|["))
        limit = config.copyright_lead_max_words if opens_with_mark else config.copyright_max_words
        if len(block.words) <= limit:
            evidence = ctx.notice(block)
            if evidence is None and _name_notice(block, ctx):
                evidence = "names only a rights holder beside “Copyright” or “©”"
            if evidence is not None:
                yield whole_block(ctx, block, KIND, f"rights notice: {evidence}"), block
                continue
        # A notice glued to the end of a paragraph: "... he said. © 2015 Leader Call."
        for match in _SUFFIX_START.finditer(block.text) if may_be_glued else ():
            tail = block.text[match.end() :]
            if len(tail.split()) > ctx.config.copyright_suffix_max_words:
                continue
            evidence = notice_evidence(tail, ctx.patterns)
            if evidence is not None:
                removal = part_of_block(
                    ctx,
                    block,
                    match.end(),
                    len(block.text),
                    KIND,
                    f"rights notice at the end of a paragraph: {evidence}",
                )
                yield removal, block
                break


RULE = Rule(
    name=KIND,
    kind=KIND,
    other_kinds=(FOOTER_KIND,),
    summary="rights notices and footers (©, Copyright 2021, All rights reserved, reuse notices; "
    "en de fr es it pt nl); the site's footer under a notice closing the article as "
    "footer",
    find=find,
)
