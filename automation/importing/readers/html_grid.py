"""A web page table's cells on its grid: a cell spanning rows or columns fills each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


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
