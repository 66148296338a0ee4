"""A PDF page's words into lines, in reading order. Pure: words are pdfplumber's dicts.

- Superscript markers (a footnote's '3' raised after a word, set small) are not words of
  the sentence and are dropped.
- Two columns: a gutter is a band in the middle of the page that hardly any line crosses,
  with many lines of words on either side of it. Lines that do not cross it are split at it; a run of
  such lines is read left column first, then right; a line across the gutter (a title
  band) ends the run, and the lines above where the right column starts are a band across
  the page too. Each line says its column (0 across the page, 1 left, 2 right).
"""

from __future__ import annotations

import re
from typing import Any

Word = dict[str, Any]
_LINE_TOLERANCE = 2.5  # points: words whose tops differ by less are on one line
_MARKER = re.compile(r"^(?:\d{1,3}|[*\u2020\u2021\u00a7]+)$")
_MIN_COLUMN_LINES = 5


def reading_lines(words: list[Word], width: float) -> list[tuple[int, list[Word]]]:
    """(column, words) for each line of the page, in reading order."""
    words = [word for word in words if not _superscript(word, words)]
    groups = line_groups(words)
    gutter = _gutter(groups, width)
    if gutter is None:
        return [(0, group) for group in groups]
    band = _band(groups, gutter)
    ordered: list[tuple[int, list[Word]]] = [(0, group) for group in groups[:band]]
    left: list[list[Word]] = []
    right: list[list[Word]] = []
    for group in groups[band:]:
        if _across(group, gutter):
            ordered += [(1, part) for part in left] + [(2, part) for part in right] + [(0, group)]
            left, right = [], []
            continue
        if on_left := [word for word in group if float(word["x1"]) <= gutter]:
            left.append(on_left)
        if on_right := [word for word in group if float(word["x0"]) >= gutter]:
            right.append(on_right)
    return ordered + [(1, part) for part in left] + [(2, part) for part in right]


def _band(groups: list[list[Word]], gutter: float) -> int:
    """How many lines at the top of the page run across it, above the columns: a title
    band's lines, even one that only fills its left half ('drones' under a long title),
    end above where the right column starts."""
    first_right = next(
        (
            group
            for group in groups
            if not _across(group, gutter) and any(float(w["x0"]) >= gutter for w in group)
        ),
        None,
    )
    if first_right is None:
        return 0
    start = min(float(word["top"]) for word in first_right) - 1.5 * max(float(w["size"]) for w in first_right)
    return next(
        (index for index, group in enumerate(groups) if max(float(w["bottom"]) for w in group) > start),
        len(groups),
    )


def _across(group: list[Word], gutter: float) -> bool:
    """Whether a line runs across the gutter: a word on it, or only a word space at it (a
    title set across both columns), not a column's width of white."""
    if any(float(word["x0"]) < gutter < float(word["x1"]) for word in group):
        return True
    before = [float(word["x1"]) for word in group if float(word["x1"]) <= gutter]
    after = [float(word["x0"]) for word in group if float(word["x0"]) >= gutter]
    size = max(float(word["size"]) for word in group)
    return bool(before and after) and min(after) - max(before) < size


def line_groups(words: list[Word]) -> list[list[Word]]:
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        if groups and abs(float(word["top"]) - float(groups[-1][0]["top"])) <= _LINE_TOLERANCE:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [sorted(group, key=lambda w: float(w["x0"])) for group in groups]


def _superscript(word: Word, words: list[Word]) -> bool:
    """A small raised marker at the end of a larger word (touching it, or after a space)."""
    if not _MARKER.match(str(word["text"])):
        return False
    size, x0 = float(word["size"]), float(word["x0"])
    return any(
        float(other["size"]) >= size * 1.15
        and -1.0 <= x0 - float(other["x1"]) <= 3.5
        and float(word["bottom"]) < float(other["bottom"]) - 1
        and float(word["top"]) >= float(other["top"]) - size
        for other in words
    )


def _gutter(groups: list[list[Word]], width: float) -> float | None:
    """The x of the gap between two columns, or None for a page of one column."""
    if len(groups) < 2 * _MIN_COLUMN_LINES:
        return None
    crossing = _crossing_counts(groups, int(width * 0.3), int(width * 0.7))
    fewest = min(crossing.values(), default=len(groups))
    if fewest > len(groups) * 0.1:
        return None
    gutter = _widest_gap(crossing, fewest + max(1.0, len(groups) * 0.03))
    left = [[w for w in group if float(w["x1"]) <= gutter] for group in groups]
    left = [part for part in left if part]
    right = sum(1 for group in groups if any(float(w["x0"]) >= gutter for w in group))
    needed = max(_MIN_COLUMN_LINES, len(groups) * 0.25)
    if max(len(left), right) < needed or min(len(left), right) < 2:
        return None
    return gutter if _filled(left, gutter) else None


def _filled(left: list[list[Word]], gutter: float) -> bool:
    """Whether the left parts are a column of text, most lines running most of the way to
    the gutter, not short labels with their values across the page ('Date:   4 May 2025')."""
    margin = min(float(part[0]["x0"]) for part in left)
    reach = sorted(float(part[-1]["x1"]) - margin for part in left)
    return reach[len(reach) // 2] >= 0.6 * (gutter - margin)


def _crossing_counts(groups: list[list[Word]], low: int, high: int) -> dict[int, int]:
    """For each x from ``low`` to ``high``, how many lines have a word across it."""
    changes = [0] * (high - low + 2)
    for group in groups:
        covered: set[int] = set()
        for word in group:
            start, end = max(low, int(float(word["x0"])) + 1), min(high, int(-(-float(word["x1"]) // 1)) - 1)
            covered.update(range(start, end + 1))
        for x in covered:
            changes[x - low] += 1
    return {x: changes[x - low] for x in range(low, high)}


def _widest_gap(crossing: dict[int, int], allowed: float) -> float:
    """The middle of the widest run of x that at most ``allowed`` lines cross: a title set
    across the gutter with a word break near it does not pull the gutter off centre."""
    runs: list[list[int]] = []
    for x, count in sorted(crossing.items()):
        if count > allowed:
            continue
        if runs and runs[-1][-1] == x - 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    widest = max(runs, key=len)
    return float(widest[len(widest) // 2])
