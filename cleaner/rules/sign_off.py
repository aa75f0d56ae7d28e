"""sign_off: what stands under the author's note that closes the article.

    "... the board said.\\nJo Roe can be reached at jo@example.com.\\nGreat story!\\n"
    "I agree with the last reader, and I hope the board listens this time."
    -> "... the board said."

A news article signs off with its author's note ("Staff writer Jo Roe can be reached
at jo@example.com", "Jo Roe is a reporter for the Gazette": the `author_bio` phrase
family). Standing under most of the article's prose, that line ends the article
(`Context.sign_off`): what follows is readers' comments (prose no other shape tells
from the article's), other stories' headlines or the site's footer, and it all goes
(the note itself is `byline`'s, as an author's note after the last paragraph). A note
above most of the prose (an author's box under the headline) ends nothing. In the
validation dumps by nine extractors (l3s-dev, held out), it takes 5,388 words of noise
from 23 dumps, and 36 that l3s's gold holds (a reader's comment it also kept, a gallery's
title).
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.core.document import Removal
from cleaner.rules.base import Context, Rule, quote, whole_block

KIND = "sign_off"


def find(ctx: Context) -> Iterator[Removal]:
    note = ctx.sign_off
    if note is None:
        return
    reason = f"under the author's note {quote(note.text)} that closes the article"
    for block in ctx.doc.blocks[note.index + 1 :]:
        yield whole_block(ctx, block, KIND, reason, confident=False)


RULE = Rule(
    name=KIND,
    kind=KIND,
    summary="what stands under the author's note closing the article (readers' comments, "
    "other stories, the footer)",
    find=find,
)
