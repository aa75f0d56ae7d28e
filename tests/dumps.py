"""Hypothesis strategies for realistic generated dumps: headlines, prose, copyright
footers, menus, share prompts, blank lines and random unicode; and raw files made
from them (encodings, NUL bytes, gzip, binary) for fuzzing the batch."""

from __future__ import annotations

import gzip

from hypothesis import strategies as st

HEADLINES = [
    "Bridge works to start in March",
    "Council backs crossing",
    "Harbour board approves slipway repairs",
    "Ferry returns to Gull Island after repairs",
]
NOISE = [
    "Share this article",
    "Advertisement",
    "Continue reading",
    "Read more: Council approves the new budget",
    "12 comments",
    "The mayor said the plan would be ready by",
    "Sign up for our newsletter",
]
COPYRIGHT = [
    "© 2021 Valley Post. All rights reserved.",
    "Copyright 2015 Leader Call. All Rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
]
MENUS = ["Home", "News", "Sport", "Business | Politics | Weather", "Menu", "Search", "Log in"]
PROSE = [
    "The council approved the plan on Monday after a long debate.",
    "Residents had asked for a new crossing near the school for years.",
    "Work on the bridge will start in March and last until the autumn.",
    "“We are pleased,” said the chair of the parish council.",
    "The court ruled that the copyright had expired in 2019.",
    "What happens next",
    "Prices rose by 4.5 per cent, the highest rise since 2008.",
    "Le café du port a rouvert lundi, après deux ans de travaux.",
]
line = st.one_of(
    st.sampled_from(PROSE),
    st.sampled_from(NOISE),
    st.sampled_from(COPYRIGHT),
    st.sampled_from(MENUS),
    st.sampled_from(HEADLINES),
    st.just(""),
    st.text(max_size=80),
)
dumps = st.builds(
    lambda title, lines, seps: (
        title + "\n\n" + "".join(a + b for a, b in zip(lines, seps, strict=False))
    ),
    st.sampled_from([*HEADLINES, ""]),
    st.lists(line, max_size=14),
    st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"]), min_size=14, max_size=14),
)


def _with_nuls(data: bytes, every: int) -> bytes:
    return b"".join(data[i : i + every] + b"\x00" for i in range(0, len(data), every))


# (file suffix, bytes) pairs: the shapes a scraped dump arrives in, good and bad.
raw_files = st.one_of(
    st.tuples(st.just(".txt"), dumps.map(lambda d: d.encode("utf-8"))),
    st.tuples(st.just(".txt"), dumps.map(lambda d: d.encode("cp1252", "replace"))),
    st.tuples(st.just(".txt"), dumps.map(lambda d: d.encode("utf-16"))),
    st.tuples(
        st.just(".txt"),
        dumps.map(lambda d: d.encode("utf-8").decode("cp1252", "replace").encode("utf-8")),
    ),
    st.tuples(st.just(".txt"), dumps.map(lambda d: _with_nuls(d.encode("utf-8"), 200))),
    st.tuples(st.just(".txt"), st.binary(max_size=600)),
    st.tuples(st.just(".txt.gz"), dumps.map(lambda d: gzip.compress(d.encode("utf-8"), mtime=0))),
    st.tuples(
        st.just(".txt.gz"), dumps.map(lambda d: gzip.compress(d.encode("utf-8"), mtime=0)[:-9])
    ),
    st.tuples(
        st.just(".html"),
        dumps.map(
            lambda d: (
                "<html><body><article>"
                + "".join(f"<p>{p}</p>" for p in d.split("\n") if p.strip())
                + "</article></body></html>"
            ).encode("utf-8", "surrogatepass")
        ),
    ),
)
