"""Tables set out with white space only, no rules: found from the words' positions. Pure.

- The header: a line whose words fall into two or more cells apart by wide gaps, short
  names set in one font that name a column of items and another ('Ref', 'Recommendation',
  'Deadline', 'Lead'); a page in two columns does not line up so.
- Columns start where the header's cells start; every word below goes to the column it
  starts in. A cell's words wrap onto the lines below it.
- Rows: a line starts a new row when more white space than a line's stands above it (the
  cells' padding), or when the first column, if it holds refs, already has words in this
  row.
- The table ends at a line of running text (a word across a column's start, or only a
  word space between two columns' words), at a line set in another size than its first
  row, or at a gap of a few lines.
"""

from __future__ import annotations

from typing import Any

from automation.importing.normalise import clean_text
from automation.importing.readers.pdf_model import PageTable

Word = dict[str, Any]
_CELL_GAP = 12.0  # points: wider white space between words on a header line parts its cells
_LEFT = 4.0  # points: a cell's words may start this far left of its header
_PADDING = 4.0  # points: less white space than this between two columns' words is a word space


def unruled_tables(groups: list[list[Word]]) -> list[PageTable]:
    """The page's tables without rules, from its lines of words (top to bottom)."""
    tables: list[PageTable] = []
    index = 0
    while index < len(groups):
        found = _table_from(groups, index)
        if found is None:
            index += 1
            continue
        table, index = found
        tables.append(table)
    return tables


def _table_from(groups: list[list[Word]], start: int) -> tuple[PageTable, int] | None:
    """The table whose header is line ``start``, and the index of the line after it."""
    header = _cells(groups[start])
    names = [_text(cell) for cell in header]
    fonts = {(round(float(w.get("size", 0)) * 2), w.get("fontname")) for w in groups[start]}
    if len(header) < 2 or len(fonts) > 1 or not _header(names):
        return None  # a header is set in one font: not a heading beside another column's text
    from automation.importing.tables import text_column

    starts = [float(cell[0]["x0"]) - _LEFT for cell in header]
    rows, end = _rows(groups, start, starts, text_column(names) != 0)
    if not rows:
        return None
    used = [word for group in groups[start:end] for word in group]
    box = (
        min(float(w["x0"]) for w in used),
        _top(groups[start]),
        max(float(w["x1"]) for w in used),
        _bottom(groups[end - 1]),
    )
    body = [tuple("\n".join(lines) for lines in row) for row in rows]
    return PageTable(box, (tuple(names), *body)), end


def _header(names: list[str]) -> bool:
    """Short names, at least two of them naming columns, one a column of items: not a
    label with its words ('Recommendation 2: Licensing') beside another column's line."""
    from automation.importing.labels import parse_label
    from automation.importing.tables import named_columns, names_items

    for name in names:
        label = parse_label(name)
        if len(name.split()) > 5 or (label is not None and (label.number or label.rest or label.name)):
            return False
    return names_items(names) and named_columns(names) >= 2


def _rows(
    groups: list[list[Word]], start: int, starts: list[float], keyed: bool
) -> tuple[list[list[list[str]]], int]:
    """The rows under the header at line ``start`` (each cell's lines), and where they end;
    ``keyed``: the first column holds refs, a line only at a row's start."""
    rows: list[list[list[str]]] = []
    size = _size(groups[start + 1]) if start + 1 < len(groups) else 0.0
    bottom = _bottom(groups[start])
    index = start + 1
    while index < len(groups):
        group = groups[index]
        gap = _top(group) - bottom
        placed = _placed(group, starts)
        if placed is None or gap > 2.5 * size or abs(_size(group) - size) > 0.75:
            break
        if not rows or gap > 0.6 * size or (keyed and placed[0] and rows[-1][0]):
            rows.append([[] for _ in starts])
        for column, words in enumerate(placed):
            if words:
                rows[-1][column].append(_text(words))
        bottom = _bottom(group)
        index += 1
    return rows, index


def _cells(group: list[Word]) -> list[list[Word]]:
    """The line's words in runs apart by wide gaps."""
    cells: list[list[Word]] = []
    for word in group:
        if cells and float(word["x0"]) - float(cells[-1][-1]["x1"]) <= _CELL_GAP:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _placed(group: list[Word], starts: list[float]) -> list[list[Word]] | None:
    """The line's words by column, or None when the line is running text: a word across a
    column's start, or a word space (not a cell's padding) between two columns' words."""
    placed: list[list[Word]] = [[] for _ in starts]
    previous: tuple[int, float] | None = None
    for word in group:
        x0, x1 = float(word["x0"]), float(word["x1"])
        if x0 < starts[0] - _CELL_GAP or any(x0 < edge - 1 < x1 - 2 for edge in starts[1:]):
            return None
        column = max(i for i, edge in enumerate(starts) if edge <= x0 or i == 0)
        if previous is not None and column != previous[0] and x0 - previous[1] < _PADDING:
            return None
        placed[column].append(word)
        previous = (column, x1)
    return placed


def _text(words: list[Word]) -> str:
    return clean_text(" ".join(str(word["text"]) for word in words)).strip()


def _size(group: list[Word]) -> float:
    return max(float(word.get("size", 10.0)) for word in group)


def _top(group: list[Word]) -> float:
    return min(float(word["top"]) for word in group)


def _bottom(group: list[Word]) -> float:
    return max(float(word["bottom"]) for word in group)
