"""Small wording helpers shared by terminal output, emails and notices."""

from __future__ import annotations

import re
from datetime import date


def plural(n: int, word: str) -> str:
    """'1 item', '2 items', '10,003 items'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def ddmmyyyy(value: date | None, blank: str = "") -> str:
    """A date as UK officers write it; ``blank`` when there is none."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else blank


def printable(text: str) -> str:
    """Text from the workbook made safe for one terminal or log line: line breaks and other
    control characters are shown escaped, so a cell cannot forge a line of output."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


# Characters a terminal acts on rather than shows: C0 and C1 controls (escape sequences start
# with ESC or CSI), DEL, and the bidirectional overrides that reorder what is shown.
_ACTED_ON = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200E,
        0x200F,
    )
    if chr(code) not in "\n\t"
}


_ANY_ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Output for a terminal with every character it would act on shown escaped instead
    (line breaks and tabs kept), so nothing from a workbook or paper can move the cursor,
    clear the screen, retitle the window or reorder a line."""
    if _ANY_ACTED_ON.search(text) is None:  # the usual case, found fast (output can be MBs)
        return text
    return text.translate(_ACTED_ON)


def clip(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


_ODD_SPACES = (
    ("\u00a0", "a non-breaking space"),
    ("\t", "a tab"),
    ("\u2002", "an en space"),
    ("\u2003", "an em space"),
    ("\u2009", "a thin space"),
    ("\u200b", "a zero-width space"),
    ("  ", "two spaces together"),
)


def odd_spacing(text: str) -> str:
    """What in ``text``'s spacing a reader cannot see ('a non-breaking space'), or ''."""
    found = next((what for char, what in _ODD_SPACES if char in text), "")
    if found:
        return found
    if text != text.strip():
        return "a space at the start" if text[:1].isspace() else "a space at the end"
    return ""
