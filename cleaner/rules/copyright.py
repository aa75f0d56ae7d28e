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
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.document import Block, Removal
from cleaner.matching import notice_evidence
from cleaner.rules.base import Context, Rule, part_of_block, whole_block

KIND = "copyright"

# "Copyright Leader Call" / "Copyright: Jane Roe" with no year: a name follows.
_COPYRIGHT_NAME = re.compile(r"^copyright\b[:\s]+(?:by\s+)?[A-Z0-9]", re.IGNORECASE)
_SUFFIX_START = re.compile(
    r"(?<=[.!?\"”’)])\s+(?=©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE
)


def _name_notice(block: Block, ctx: Context) -> bool:
    """ "Copyright Canada Free Press": a short line naming only the holder."""
    if len(block.words) > ctx.config.copyright_name_max_words or not _COPYRIGHT_NAME.match(
        block.text
    ):
        return False
    rest = block.words[1:]
    return all(w[0].isupper() or w[0].isdigit() or w in {"by", "of", "the", "and"} for w in rest)


def find(ctx: Context) -> Iterator[Removal]:
    config = ctx.config
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
                evidence = "names a rights holder after “Copyright”"
            if evidence is not None:
                yield whole_block(ctx, block, KIND, f"rights notice: {evidence}")
                continue
        # A notice glued to the end of a paragraph: "... he said. © 2015 Leader Call."
        for match in _SUFFIX_START.finditer(block.text):
            tail = block.text[match.end() :]
            if len(tail.split()) > ctx.config.copyright_suffix_max_words:
                continue
            evidence = notice_evidence(tail, ctx.patterns)
            if evidence is not None:
                yield part_of_block(
                    ctx,
                    block,
                    match.end(),
                    len(block.text),
                    KIND,
                    f"rights notice at the end of a paragraph: {evidence}",
                )
                break


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="rights notices and footers (©, Copyright 2021, All rights reserved, reuse notices; "
    "en de fr es it pt nl)",
    find=find,
)
