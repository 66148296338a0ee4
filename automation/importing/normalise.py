"""Text clean-up shared by the readers: decoding, odd spaces, invisible characters.

Words, quotes and dashes are kept exactly as written: the register shows item text
verbatim. Only characters that carry no meaning of their own are changed.
"""

from __future__ import annotations

import re

_ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000\t\f\v"
_SPACES = dict.fromkeys(map(ord, _ODD_SPACES), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl"}
_TABLE = {**_SPACES, **_INVISIBLE, **_LIGATURES}
_RUNS = re.compile(r"[ ]{2,}")


def clean_text(text: str) -> str:
    """Odd spaces to spaces, invisible characters dropped, runs of spaces collapsed.

    Line breaks survive (``\\r\\n`` and ``\\r`` become ``\\n``); quotes and dashes do not change.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.translate(_TABLE)
    return "\n".join(_RUNS.sub(" ", line).strip() for line in text.split("\n"))


def decode_bytes(data: bytes) -> str:
    """Bytes as text: a BOM if there is one, else UTF-8, else Windows-1252 (Word's habit)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def fold(text: str) -> str:
    """A matching key: curly quotes straight, dashes to '-', case folded. Never shown."""
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2013", "-")
        .replace("\u2014", "-")
        .replace("\u2212", "-")
        .casefold()
    )


def top_level_commas(text: str) -> list[str]:
    """The text's comma-separated parts, not splitting inside brackets; blank parts dropped."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]
