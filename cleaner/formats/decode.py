"""Bytes to text: BOM, UTF-16 without one, the declared charset, UTF-8, then detection.

Anything but plain UTF-8 is recorded as a repair, so no change is silent.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import charset_normalizer

from cleaner.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


Repair = dict[str, Any]


@dataclass
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    # How the raw bytes became `text` when that was more than plain UTF-8 (see repair.py).
    repairs: list[Repair] = field(default_factory=list)


# A few stray NUL bytes in text are scraping debris; more than this share means binary.
MAX_NUL_SHARE = 0.01
# Offsets listed in a repair record; past this only the count is given.
MAX_LISTED_OFFSETS = 100


# Every byte that is not a control character: deleting them leaves the controls to count.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.count(0) > len(sample) * MAX_NUL_SHARE:
        return True
    control = len(sample.translate(None, _NOT_CONTROL))
    return control > len(sample) * 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even == 0:
        return "utf-16-le"
    if even > half * 0.3 and odd == 0:
        return "utf-16-be"
    return None


def encoding_repair(encoding: str, how: str, **extra: Any) -> Repair:
    return {"kind": "encoding", "detected": encoding, "how": how, **extra}


def listed_offsets(haystack: str | bytes, needle: str | int) -> list[int]:
    """Where `needle` stands in `haystack`: the first MAX_LISTED_OFFSETS places."""
    offsets: list[int] = []
    start = 0
    while len(offsets) < MAX_LISTED_OFFSETS:
        found = haystack.find(needle, start)  # type: ignore[arg-type]
        if found < 0:
            break
        offsets.append(found)
        start = found + 1
    return offsets


def _drop_nul_bytes(data: bytes) -> tuple[bytes, Repair | None]:
    """Stray NUL bytes in text (C strings pasted into a dump) are dropped, and recorded."""
    count = data.count(0)
    if not count:
        return data, None
    offsets = listed_offsets(data, 0)
    repair = {
        "kind": "nul_bytes",
        "count": count,
        "how": "removed NUL bytes; byte_offsets are where they stood in the file",
        "byte_offsets": offsets,
    }
    return data.replace(b"\x00", b""), repair


def _mostly_utf8(data: bytes) -> tuple[str, Repair] | None:
    """UTF-8 with a few broken sequences (a cut multi-byte character): keep UTF-8.

    Charset detection would read the whole file as some legacy code page and garble
    every correct character; replacing only the broken bytes loses the least.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    if not bad or good < bad:
        return None
    offsets = listed_offsets(text, "\ufffd")
    how = f"{bad} invalid UTF-8 sequence(s) replaced by U+FFFD at the offsets given"
    return text, encoding_repair("utf-8", how, offsets=offsets)


def decode(data: bytes, *, html: bool = False) -> Decoded:
    """Decode bytes: BOM first, then UTF-16 without one, the page's declared charset,
    UTF-8 (a few broken sequences replaced), then detection.

    Anything but plain UTF-8 is recorded in `repairs`, so no change is silent.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return Decoded(text, encoding, [], [encoding_repair(encoding, "byte-order mark")])
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            how = "no byte-order mark; every other byte was NUL"
            return Decoded(text, utf16, [], [encoding_repair(utf16, how)])
    if _looks_binary(data):
        raise InputError(
            "this looks like a binary file (NUL or control bytes), not text or HTML; "
            "exclude it from the run or convert it to text first",
            kind="binary",
        )
    data, nul_repair = _drop_nul_bytes(data)
    decoded = _decode_text(data, html)
    if nul_repair is not None:
        decoded.repairs.insert(0, nul_repair)
    return decoded


def _decode_text(data: bytes, html: bool) -> Decoded:
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return Decoded(data.decode(name), name)
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, repair = mostly
        return Decoded(text, "utf-8", [], [repair])
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(
            "could not find a text encoding for this file; convert it to UTF-8 and run again",
            kind="encoding",
        )
    how = "not valid UTF-8; the encoding was detected from the bytes"
    return Decoded(
        str(best),
        best.encoding,
        [f"decoded as {best.encoding} (not valid UTF-8)"],
        [encoding_repair(best.encoding, how)],
    )
