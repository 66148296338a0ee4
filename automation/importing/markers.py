"""Paragraph numbers and list bullets written into the text itself (``- 1.4. Recommendation``).

Plain text, PDF text layers and some web pages show numbering as characters; Word and
HTML lists keep it apart. Taking it off here gives every reader the same block shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET_CHARS = "-*\u2022\u25cf\u25e6\u25aa\u25a0\u00b7\u2013\u2043\uf0b7\uf0a7o"
_BULLET = re.compile(r"^(?:[-*\u2022\u25cf\u25e6\u25aa\u25a0\u00b7\u2013\u2043\uf0b7\uf0a7]|o(?=\s))\s+")
# "1.", "1.4.", "1.4", "12.3.1." but not "1)" (an inline enumeration) nor "2021 saw ...".
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+|\d{1,3}(?=\.))\.?\s+(?=\S)")
_HEADING = re.compile(r"^(#{1,6})\s+")
_FIELD = re.compile(r"^(?:to|from|date|dated|subject|title|published|author)\s*:", re.I)


@dataclass(frozen=True)
class Markers:
    text: str
    number: str = ""
    bullet: bool = False
    heading_level: int = 0


def split_markers(line: str) -> Markers:
    """The line without its leading heading hashes, bullet and paragraph number."""
    text, bullet, level = line.lstrip(), False, 0
    if match := _HEADING.match(text):
        level, text = len(match.group(1)), text[match.end() :]
    if match := _BULLET.match(text):
        bullet, text = True, text[match.end() :]
    number = ""
    if match := _NUMBER.match(text):
        number, text = match.group(1), text[match.end() :]
    return Markers(text, number, bullet, level)


def starts_block(line: str) -> bool:
    """Whether a line opens a new paragraph by its look: a bullet, number, heading or a
    memo field ('Date: ...')."""
    stripped = line.lstrip()
    return any(pattern.match(stripped) for pattern in (_HEADING, _BULLET, _NUMBER, _FIELD))
