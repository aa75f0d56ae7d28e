"""A hostile-input corpus, written by the tests (nothing binary is committed).

Each kind is one small function: it writes its file(s) into `folder` and returns
what must become of each document, as (report path relative to the input root,
Expect) pairs. JSONL records are "file.jsonl#id" (or "#line N" without an id).
The big kinds are written in 1 MB pieces and rejected by cheap checks, so the
whole corpus runs in seconds.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pages import TOPICS

# The text an external entity would leak: it must never reach an output.
SECRET = "TOP-SECRET-7c1e-do-not-leak"
MB = 1 << 20


@dataclass(frozen=True)
class Expect:
    """`failed` (with the error kind), `recovered` (with the repair kind), `cleaned`,
    or `skipped` (not an input: no record, no output)."""

    outcome: str
    kind: str | None = None
    # The error message holds it (what to do), or the clean output holds it.
    phrase: str | None = None


Made = list[tuple[str, Expect]]
KINDS: dict[str, Callable[[Path], Made]] = {}


def kind(make: Callable[[Path], Made]) -> Callable[[Path], Made]:
    KINDS[make.__name__] = make
    return make


def article(n: int = 0) -> str:
    """A small dump with noise to remove (the headline twice, a share prompt); each `n`
    differs in words (site boilerplate ignores digits)."""
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"Harbour board backs plan {n} for the {topic}\n\n"
        f"Harbour board backs plan {n} for the {topic}\n\n"
        f"The harbour board voted on Monday to repair the {topic} before the summer, "
        "after fishermen said the cracked ramp had become dangerous at low tide.\n\n"
        "Share this article\n"
    )


GOOD = "fishermen said the cracked ramp"
FRENCH = (
    "Le café du port a rouvert lundi, après deux ans de travaux sur la jetée.\n\n"
    "« Nous sommes ravis », a déclaré la maire devant les habitants réunis.\n"
)
ENGLISH = (
    "The minister said the “new rules” would apply from March — not January.\n\n"
    "Critics called the plan rushed, and the opposition said it would vote against it.\n"
)
# No closing curly double quote: cp1252 has no character for its third UTF-8 byte.
MOJIBAKE = (
    "The minister’s café plan — a bold one — would apply from March, not January.\n\n"
    "Critics said the council’s figures were wrong and asked for a new count.\n"
)


def _file(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return f"{folder.name}/{name}"


def _repeat(path: Path, piece: bytes, total: int, tail: bytes = b"") -> None:
    with path.open("wb") as handle:
        for _ in range(total // len(piece)):
            handle.write(piece)
        handle.write(tail)


# --- empty and binary ------------------------------------------------------------


@kind
def empty_file(folder: Path) -> Made:
    return [(_file(folder, "empty.txt", b""), Expect("cleaned"))]


@kind
def whitespace_only(folder: Path) -> Made:
    return [(_file(folder, "blank.txt", b"  \n\t\n\r\n   \n"), Expect("cleaned"))]


@kind
def image_named_txt(folder: Path) -> Made:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    return [(_file(folder, "photo.txt", png), Expect("failed", "binary", "exclude it"))]


@kind
def zip_named_txt(folder: Path) -> Made:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(5):
            archive.writestr(f"story{n}.txt", article(n))
    return [(_file(folder, "stories.txt", buffer.getvalue()), Expect("failed", "binary"))]


@kind
def binary_html(folder: Path) -> Made:
    return [(_file(folder, "page.html", os.urandom(4096)), Expect("failed", "binary"))]


@kind
def binaries_with_their_own_names(folder: Path) -> Made:
    # Not dumps by name: the walk passes them by, nothing is written for them.
    _file(folder, "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(512))
    _file(folder, "archive.zip", b"PK\x03\x04" + bytes(512))
    return [
        (f"{folder.name}/photo.png", Expect("skipped")),
        (f"{folder.name}/archive.zip", Expect("skipped")),
    ]


@kind
def nul_bytes_in_text(folder: Path) -> Made:
    data = article(1).encode().replace(b"board voted", b"board\x00 voted\x00", 1)
    return [(_file(folder, "nul.txt", data), Expect("recovered", "nul_bytes", "board voted"))]


# --- encodings --------------------------------------------------------------------


@kind
def invalid_utf8(folder: Path) -> Made:
    data = ENGLISH.encode()
    data = data[:40] + b"\xff\xfe" + data[40:]
    return [(_file(folder, "broken.txt", data), Expect("recovered", "encoding", "“new rules”"))]


@kind
def latin1(folder: Path) -> Made:
    path = _file(folder, "latin1.txt", FRENCH.encode("latin-1"))
    return [(path, Expect("recovered", "encoding", "Le café du port"))]


@kind
def cp1252(folder: Path) -> Made:
    path = _file(folder, "cp1252.txt", ENGLISH.encode("cp1252"))
    return [(path, Expect("recovered", "encoding", "“new rules” would apply from March —"))]


@kind
def utf16_with_bom(folder: Path) -> Made:
    le = codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le")
    be = codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be")
    return [
        (_file(folder, "le.txt", le), Expect("recovered", "encoding", "Le café du port")),
        (_file(folder, "be.txt", be), Expect("recovered", "encoding", "Le café du port")),
    ]


@kind
def utf16_without_bom(folder: Path) -> Made:
    le, be = FRENCH.encode("utf-16-le"), FRENCH.encode("utf-16-be")
    return [
        (_file(folder, "le.txt", le), Expect("recovered", "encoding", "Le café du port")),
        (_file(folder, "be.txt", be), Expect("recovered", "encoding", "Le café du port")),
    ]


@kind
def utf8_with_bom(folder: Path) -> Made:
    data = codecs.BOM_UTF8 + FRENCH.encode()
    return [(_file(folder, "bom.txt", data), Expect("recovered", "encoding", "Le café du port"))]


@kind
def mojibake(folder: Path) -> Made:
    data = MOJIBAKE.encode("utf-8").decode("cp1252").encode("utf-8")
    path = _file(folder, "mojibake.txt", data)
    return [(path, Expect("recovered", "mojibake", "The minister’s café plan — a bold one"))]


# --- size ---------------------------------------------------------------------------


@kind
def one_line_of_200_mb(folder: Path) -> Made:
    folder.mkdir(parents=True, exist_ok=True)
    _repeat(folder / "oneline.txt", b"word " * (MB // 5), 200 * MB, b"\n")
    return [(f"{folder.name}/oneline.txt", Expect("failed", "too_large", "max_file_mb"))]


@kind
def a_1_mb_line_among_normal_ones(folder: Path) -> Made:
    data = article(2) + "\n" + "x" * MB + "\n\n" + article(3)
    return [(_file(folder, "longline.txt", data), Expect("failed", "too_large", "max_line_chars"))]


# --- HTML ---------------------------------------------------------------------------


PAGE = (
    "<html><head><title>Slipway to be repaired</title></head><body><article>"
    "<h1>Slipway to be repaired</h1><p>{body}</p><p>The harbour board voted on Monday to "
    "repair the old slipway before the summer, after fishermen said the cracked ramp had "
    "become dangerous at low tide.</p></article></body></html>"
)


@kind
def html_100000_levels_deep(folder: Path) -> Made:
    html = "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>"
    return [(_file(folder, "deep.html", html), Expect("failed", "too_deep", "max_html_depth"))]


@kind
def malformed_html(folder: Path) -> Made:
    html = (
        "<html><body><div class=article><p>The board met <b>on <i>Monday</b> evening</i>"
        "<table><tr><td>stray cell<p>The harbour board voted on Monday to repair the old "
        "slipway, after fishermen said the cracked ramp had become dangerous.</div></span>"
        "</body></html></html><<<>>>"
    )
    return [(_file(folder, "malformed.html", html), Expect("cleaned", None, "cracked ramp"))]


@kind
def truncated_html(folder: Path) -> Made:
    html = PAGE.format(body="The council met on Monday evening to discuss the budget.")
    cut = html[: html.index("low tide") + 3]
    return [(_file(folder, "truncated.html", cut), Expect("cleaned", None, "cracked ramp"))]


@kind
def billion_laughs(folder: Path) -> Made:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    html = f'<?xml version="1.0"?><!DOCTYPE html [{entities}]>' + PAGE.format(body="&lol9;")
    return [(_file(folder, "laughs.html", html), Expect("cleaned", None, "cracked ramp"))]


@kind
def external_entity(folder: Path) -> Made:
    # The secret lives outside the input folder; the page asks for it by path and by URL.
    secret = folder.parent.parent / "secret.txt"
    secret.write_text(SECRET)
    doctype = (
        f'<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">'
        f'<!ENTITY leak2 SYSTEM "{secret}">]>'
    )
    html = '<?xml version="1.0"?>' + doctype + PAGE.format(body="Leak: &leak; &leak2;")
    return [(_file(folder, "xxe.html", html), Expect("cleaned", None, "cracked ramp"))]


# --- gzip ---------------------------------------------------------------------------


@kind
def corrupt_gz(folder: Path) -> Made:
    data = b"\x1f\x8b\x08\x00" + os.urandom(2000)
    return [(_file(folder, "corrupt.txt.gz", data), Expect("failed", "corrupt_gzip", "download"))]


@kind
def truncated_gz(folder: Path) -> Made:
    data = gzip.compress(article(4).encode() * 50)[:-30]
    return [(_file(folder, "cut.txt.gz", data), Expect("failed", "corrupt_gzip", "download"))]


@kind
def gzip_bomb(folder: Path) -> Made:
    # gzip members concatenate: 51 copies of 10 MB of zeros, about 0.5 MB on disk,
    # expand to 510 MB, past the default max_decompressed_mb (500).
    member = gzip.compress(bytes(10_000_000), compresslevel=9)
    path = _file(folder, "bomb.txt.gz", member * 51)
    return [(path, Expect("failed", "too_large", "gzip bomb"))]


# --- JSONL --------------------------------------------------------------------------


def _record(ident: object, text: object = None, **extra: object) -> str:
    record = {"id": ident, "text": article(0) if text is None else text, **extra}
    return json.dumps(record)


def _lines(folder: Path, name: str, lines: list[str]) -> str:
    return _file(folder, name, "\n".join(lines) + "\n")


@kind
def jsonl_broken_line(folder: Path) -> Made:
    path = _lines(folder, "docs.jsonl", [_record("a"), '{"id": "b", "text": "cut', _record("c")])
    return [
        (f"{path}#a", Expect("cleaned", None, GOOD)),
        (f"{path}#line 2", Expect("failed", "bad_input", "not JSON")),
        (f"{path}#c", Expect("cleaned", None, GOOD)),
    ]


@kind
def jsonl_text_not_a_string(folder: Path) -> Made:
    path = _lines(folder, "docs.jsonl", [_record("n", 42), _record("ok")])
    return [
        (f"{path}#n", Expect("failed", "bad_input", "--text-field")),
        (f"{path}#ok", Expect("cleaned", None, GOOD)),
    ]


@kind
def jsonl_text_missing(folder: Path) -> Made:
    path = _lines(folder, "docs.jsonl", [json.dumps({"id": "m", "body": "x"}), _record("ok")])
    return [
        (f"{path}#m", Expect("failed", "bad_input", "--text-field")),
        (f"{path}#ok", Expect("cleaned", None, GOOD)),
    ]


@kind
def jsonl_100_mb_record(folder: Path) -> Made:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.jsonl"
    with path.open("wb") as handle:
        handle.write((_record("before") + "\n").encode())
        handle.write(b'{"id": "huge", "text": "')
        piece = b"more words " * (MB // 11)
        for _ in range(100 * MB // len(piece)):
            handle.write(piece)
        handle.write(b'"}\n')
        handle.write((_record("after") + "\n").encode())
    name = f"{folder.name}/big.jsonl"
    return [
        (f"{name}#before", Expect("cleaned", None, GOOD)),
        (f"{name}#line 2", Expect("failed", "too_large", "max_record_mb")),
        (f"{name}#after", Expect("cleaned", None, GOOD)),
    ]


@kind
def jsonl_duplicate_ids(folder: Path) -> Made:
    path = _lines(folder, "dups.jsonl", [_record("same", article(5)), _record("same", article(6))])
    return [
        (f"{path}#same", Expect("cleaned", None, "plan 5")),
        (f"{path}#same", Expect("cleaned", None, "plan 6")),
    ]


@kind
def jsonl_ids_that_look_like_paths(folder: Path) -> Made:
    ids = ["../../escape", "/etc/passwd", "a\x00b", "sub/dir/name"]
    path = _lines(folder, "ids.jsonl", [_record(i, article(n)) for n, i in enumerate(ids)])
    return [(f"{path}#{i}", Expect("cleaned", None, GOOD)) for i in ids]


@kind
def jsonl_invalid_utf8_line(folder: Path) -> Made:
    bad = _record("bad", article(11)).encode().replace(b"voted", b"vo\xfft\xc3ed", 1)
    data = _record("ok").encode() + b"\n" + bad + b"\n"
    path = _file(folder, "bytes.jsonl", data)
    return [
        (f"{path}#ok", Expect("cleaned", None, GOOD)),
        (f"{path}#bad", Expect("recovered", "encoding", "vo\ufffdt\ufffded")),
    ]


@kind
def jsonl_gz_cut_short(folder: Path) -> Made:
    lines = [_record(f"r{n}", article(20 + n)) for n in range(300)]
    data = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    cut = data[: len(data) // 2]
    path = _file(folder, "cut.jsonl.gz", cut)
    # The records gzip can read before the cut are cleaned; the rest is one failure.
    readable = 0
    with gzip.GzipFile(fileobj=io.BytesIO(cut)) as handle:
        try:
            while handle.readline().endswith(b"\n"):
                readable += 1
        except EOFError:
            pass
    assert 0 < readable < len(lines)
    made = [(f"{path}#r{n}", Expect("cleaned", None, GOOD)) for n in range(readable)]
    return [*made, (f"{path}#line {readable + 1}", Expect("failed", "corrupt_gzip", "download"))]


# --- the file system ----------------------------------------------------------------


@kind
def symlink_loop(folder: Path) -> Made:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "again").symlink_to(".")  # a folder loop: the walk must not follow it
    hint = "check the path"
    return [
        (f"{folder.name}/a.txt", Expect("failed", "unreadable", hint)),
        (f"{folder.name}/b.txt", Expect("failed", "unreadable", hint)),
    ]


@kind
def dangling_symlink(folder: Path) -> Made:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gone.txt").symlink_to("nowhere.txt")
    return [(f"{folder.name}/gone.txt", Expect("failed", "unreadable", "check the path"))]


@kind
def fifo_named_txt(folder: Path) -> Made:
    # Reading a pipe nobody writes to would block the batch for ever.
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.jsonl")
    return [
        (f"{folder.name}/pipe.txt", Expect("failed", "unreadable", "not a regular file")),
        (f"{folder.name}/pipe.jsonl", Expect("failed", "unreadable", "not a regular file")),
    ]


@kind
def unreadable_file(folder: Path) -> Made:
    path = _file(folder, "locked.txt", article(7))
    os.chmod(folder / "locked.txt", 0)
    if os.geteuid() == 0:
        # root reads it anyway; test_hostile simulates EACCES in-process for this case.
        return [(path, Expect("cleaned", None, GOOD))]
    return [(path, Expect("failed", "unreadable", "permissions"))]


@kind
def folder_named_like_a_dump(folder: Path) -> Made:
    path = _file(folder, "looks.txt/inner.txt", article(8))
    return [(path, Expect("cleaned", None, GOOD))]


@kind
def nul_escaped_in_json_text(folder: Path) -> Made:
    path = _lines(folder, "nul.jsonl", [_record("z", article(9).replace("voted", "vo\x00ted"))])
    return [(f"{path}#z", Expect("cleaned", None, "plan 9"))]


def write_corpus(root: Path) -> list[tuple[str, str, Expect]]:
    """Every kind under `root`, one folder each: (kind, report path, expectation)."""
    made = []
    for name, make in KINDS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        made.extend((name, path, expect) for path, expect in make(folder))
    return made
