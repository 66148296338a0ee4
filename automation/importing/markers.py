"""Paragraph numbers, list letters and bullets written into the text itself
(``- 1.4. Recommendation``, ``(b) share what ...``, ``iii. review ...``).

Plain text, PDF text layers and some web pages show numbering as characters; Word and
HTML lists keep it apart. Taking it off here gives every reader the same block shape. A
number a PDF glued to the next word when it did not fit its indent ("4.10.Recommendation")
is split off too. A letter or roman numeral is a marker in brackets ('(a)', '(iv)'), or
lower case before ')' or '.' ('a)', 'ii.'); 'A.' is left alone (an initial).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET_GLYPHS = "\u2022\u25cf\u25e6\u25aa\u25a0\u00b7\u2043\u27a2\u25ba\u2013\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
_BULLET = re.compile(rf"^(?:[-*{BULLET_GLYPHS}]|o(?=\s))\s+")
# "1.", "1.4.", "1.4", "12.3.1." but not "1)" (an inline enumeration) nor "2021 saw ...".
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+|\d{1,3}(?=\.))\.?\s+(?=\S)")
# A number touching the next word: "4.10.Recommendation", "4.10Recommendation", "3.The".
_GLUED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)(?=[A-Z\u201c\"'(\u2018])")
# "(a)", "(iv)", "(B)", "a)", "ii.", but not "i.e." nor "a lot".
_LETTER = re.compile(
    r"^(?:\((?P<bracketed>[a-z]|[ivx]{1,4}|[A-Z])\)|(?P<bare>[a-z]|[ivx]{1,4})[.)])\s+(?=\S)"
)
_HEADING = re.compile(r"^(#{1,6})\s+")
_FIELD = re.compile(
    r"^(?:to|cc|bcc|from|date|dated|subject|title|published|author|our\s+ref(?:erence)?|your\s+ref(?:erence)?)\s*:",
    re.I,
)
_LABEL_START = re.compile(
    r"^(?:Recommendation|Area\s+for\s+improvement|AFI|Action|Cause\s+(?:of|for)\s+concern)"
    r"(?:\s+\d{1,3}(?:\.\d{1,2})?)?\s*(?::|$|\s[-\u2013\u2014]\s|\()"
)
_MID_LINE_BULLET = re.compile(
    rf"\s+[{BULLET_GLYPHS.replace(chr(0x2013), '').replace(chr(0xB7), '')}]\s+(?=\S)"
)


@dataclass(frozen=True)
class Markers:
    text: str
    number: str = ""
    bullet: bool = False
    heading_level: int = 0
    marker: str = ""


def split_markers(line: str) -> Markers:
    """The line without its leading heading hashes, bullet and paragraph number."""
    text, bullet, level, marker = line.lstrip(), False, 0, ""
    if match := _HEADING.match(text):
        level, text = len(match.group(1)), text[match.end() :]
    if match := _BULLET.match(text):
        bullet, marker, text = True, match.group(0).strip(), text[match.end() :]
    number = ""
    if match := _NUMBER.match(text) or _GLUED.match(text):
        number, text = match.group(1).rstrip("."), text[match.end() :].lstrip()
        marker = marker or f"{number}."
    elif match := _LETTER.match(text):
        number = match.group("bracketed") or match.group("bare")
        marker, text = match.group(0).strip(), text[match.end() :].lstrip()
    return Markers(text, number, bullet, level, marker)


def letter_label(label: str) -> str:
    """The letter a list label shows ('(a)' -> 'a', 'iv.' -> 'iv'), or '' for another label."""
    match = _LETTER.match(f"{label.strip()} x")
    return (match.group("bracketed") or match.group("bare")) if match else ""


def starts_block(line: str) -> bool:
    """Whether a line opens a new paragraph by its look: a bullet, number, list letter,
    heading, a memo field ('Date: ...') or an item's label ('Recommendation 4:')."""
    stripped = line.lstrip()
    return any(
        pattern.match(stripped)
        for pattern in (_HEADING, _BULLET, _NUMBER, _LETTER, _FIELD, _GLUED, _LABEL_START)
    )


def split_mid_line_bullets(text: str) -> list[str]:
    """'• one thing. • another' as the two bullets a copied list flattened into one line.
    A bullet glyph with spaces either side splits; hyphens, dashes and the middle dot of
    'HMICFRS · Summary' never do."""
    parts = _MID_LINE_BULLET.split(text)
    return [part.strip() for part in parts if part.strip()]
