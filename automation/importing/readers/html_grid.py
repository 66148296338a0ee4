"""A web page table's cells on its grid: a cell spanning rows or columns fills each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from automation.importing.document import Block, table_block
from automation.importing.readers.html_text import BLOCK_LEVEL, BLOCKS, NESTED, run_text, text_of


def grid_row(
    cells: list[Any], spanning: dict[int, tuple[str, int]], text_of: Callable[[Any], str]
) -> list[str]:
    """One row's cells; ``spanning`` carries cells spanning rows down (column -> (text, rows
    still to fill)) from one row to the next."""
    found: list[str] = []
    queue = list(cells)
    while queue or any(column >= len(found) for column in spanning):
        column = len(found)
        if column in spanning:
            text, left = spanning.pop(column)
            if left > 1:
                spanning[column] = (text, left - 1)
            found.append(text)
            continue
        if not queue:
            found.append("")
            continue
        cell = queue.pop(0)
        text = text_of(cell)
        for offset in range(_span(cell, "colspan")):
            if (rows := _span(cell, "rowspan")) > 1:
                spanning[column + offset] = (text, rows - 1)
            found.append(text)
    return found


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, 1))), 50))
    except ValueError:
        return 1


def table_of(element: Any) -> Block | None:
    spanning: dict[int, tuple[str, int]] = {}
    rows = []
    for row in element.find_all("tr"):
        if row.find_parent("table") is element:  # not a table inside a cell
            rows.append(grid_row(row.find_all(["td", "th"], recursive=False), spanning, _cell_text))
    rows = [row for row in rows if any(row)]
    return table_block(rows) if rows else None


def _cell_text(cell: Any) -> str:
    return "\n".join(_cell_lines(cell))


def _cell_lines(element: Any) -> list[str]:
    """A cell's words a line per paragraph, list item or run of loose text, and a line per
    row of a table inside it."""
    lines, run = [], []
    for child in element.children:
        name = getattr(child, "name", None)
        if name is None or name not in BLOCK_LEVEL:
            run.append(child)
            continue
        lines.append(run_text(run))
        run = []
        if name == "table":
            rows = [row for row in child.find_all("tr") if row.find_parent("table") is child]
            lines += [
                " ".join(text_of(c) for c in row.find_all(["td", "th"], recursive=False)) for row in rows
            ]
        elif name in BLOCKS and not child.find(list(NESTED)):
            lines.append(text_of(child))
        else:
            lines += _cell_lines(child)
    lines.append(run_text(run))
    return [line for line in lines if line]
