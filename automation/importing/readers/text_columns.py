"""A page of saved text laid out in two columns (``pdftotext -layout`` of a two-column
leaflet): each line holds the left column's line and the right column's, apart by a run
of spaces at the same place on every line. Such a page is read left column first, then
right; a line across the gap (a title) ends a run of column lines, and a paragraph that
runs on from the foot of the left column into the right one is kept whole. A table (short
cells, or a narrow column of dates) is not two columns and is left as it is: so are labels
with their values across the page ('Date:     4 May 2025').
"""

from __future__ import annotations

import re
from collections import Counter

from automation.importing.markers import starts_block

_MIN_LINES = 5
_GAP = re.compile(r"(?:^|\S) {3,}(?=\S)")
_TERMINAL = re.compile(r"[.:;?!][\"'\u2019\u201d)\]*]*$")
_WRAPPED = 40  # characters: a line this long that stops mid-sentence was wrapped


def in_reading_order(lines: list[str]) -> list[str]:
    """The page's lines, a two-column page's left column before its right."""
    gutter = _gutter(lines)
    if gutter is None:
        return lines
    ordered: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        if _across(line, gutter):
            ordered += [*_one_after_the_other(left, right), "", line]  # a line across the gap
            left, right = [], []
            continue
        on_left, on_right = line[:gutter].rstrip(), line[gutter:].strip()
        for column, words in ((left, on_left), (right, on_right)):
            if words or not line.strip() or _ends_paragraph(column):
                column.append(words)  # a gap on one side only ends a paragraph that has ended
    return [*ordered, *_one_after_the_other(left, right)]


def _across(line: str, gutter: int) -> bool:
    """Whether the line runs across the gap: a word on it, or only a word space at it."""
    on_left, on_right = line[:gutter].rstrip(), line[gutter:]
    if not on_left or not on_right.strip():
        return False
    return gutter + len(on_right) - len(on_right.lstrip()) - len(on_left) < 3


def _one_after_the_other(left: list[str], right: list[str]) -> list[str]:
    """The left column's lines, then the right's: apart, unless a paragraph runs on."""
    last = next((line for line in reversed(left) if line.strip()), "")
    first = next((line for line in right if line.strip()), "")
    if last and first and runs_on(last, first):
        while left and not left[-1].strip():
            left = left[:-1]
        return [*left, *right[right.index(first) :]]
    return [*left, "", *right]


def runs_on(last: str, following: str) -> bool:
    """Whether ``following`` (the first line of a column or page) goes on with the paragraph
    whose last line is ``last``: it stopped mid-sentence, and the next line starts in lower
    case or the one before was a wrapped line of text, and starts no block of its own."""
    last, following = last.strip(), following.strip()
    if not last or not following or _TERMINAL.search(last) or starts_block(following):
        return False
    return following[:1].islower() or len(last) >= _WRAPPED


def _ends_paragraph(column: list[str]) -> bool:
    """Whether the column's last line ends a sentence (or is blank): a gap beside the other
    column's words is then a paragraph break, not just the columns' lines out of step."""
    return not column or not column[-1] or column[-1].rstrip()[-1:] in ".:;?!"


def _gutter(lines: list[str]) -> int | None:
    """The column just before the right column's text, or None for a page of one column:
    the place where most words after a wide gap start, that hardly any word runs across."""
    width = max((len(line) for line in lines), default=0)
    filled = [line for line in lines if line.strip()]
    if width < 40 or len(filled) < 2 * _MIN_LINES:
        return None
    starts = Counter(start for line in filled for start in _starts_after_gap(line))
    middle = [(count, start) for start, count in starts.items() if width // 4 <= start <= width * 3 // 4]
    if not middle:
        return None
    count, start = max(middle)
    gutter = start - 1
    crossing = sum(
        1
        for line in filled
        if len(line) > gutter and line[gutter - 1 : gutter + 1].strip() == line[gutter - 1 : gutter + 1]
    )
    if count < _MIN_LINES or crossing > len(filled) * 0.1:
        return None
    split = [(line[:gutter].strip(), line[gutter:].strip()) for line in filled]
    lefts = sorted(len(left) for left, _ in split if left)
    rights = sorted(len(right) for _, right in split if right)
    if lefts[len(lefts) // 2] < gutter * 0.6 or rights[len(rights) // 2] < (width - gutter) * 0.4:
        return None  # short cells or a column of dates: a table, not two columns of text
    return gutter


def _starts_after_gap(line: str) -> list[int]:
    """Where words start after three or more spaces (the first word too, when indented so)."""
    return [match.end() for match in _GAP.finditer(line)]
