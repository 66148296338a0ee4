"""Small wording helpers shared by terminal output, emails and notices."""

from __future__ import annotations

from datetime import date


def plural(n: int, word: str) -> str:
    """'1 item', '2 items'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def ddmmyyyy(value: date | None, blank: str = "") -> str:
    """A date as UK officers write it; ``blank`` when there is none."""
    return value.strftime("%d/%m/%Y") if value else blank


def printable(text: str) -> str:
    """Text from the workbook made safe for one terminal or log line: line breaks and other
    control characters are shown escaped, so a cell cannot forge a line of output."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def clip(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"
