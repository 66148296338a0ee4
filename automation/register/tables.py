"""A sheet's table: its header row found by column names wherever it sits, and its rows
under it, each as wide as the header (so columns are taken with one C call per row)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count
from operator import itemgetter
from pathlib import Path
from typing import Any

from automation.core.errors import RegisterLayoutError
from automation.core.model import CellRef
from automation.core.text import clip
from automation.register.schema import ColumnType, SheetSpec, normalise

HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class SheetTable:
    """One sheet's rows under its header, with columns found by name."""

    sheet: str
    header_row: int
    columns: Mapping[str, int]  # schema key -> 0-based index
    headers: tuple[str, ...]
    rows: tuple[tuple[int, Sequence[Any]], ...]  # (sheet row number, values)
    extra: Mapping[str, int] = field(default_factory=dict)  # officers' own columns

    def ref(self, row: int, key: str) -> CellRef:
        return CellRef(self.sheet, row, self.columns[key] + 1)

    def value(self, values: Sequence[Any], key: str) -> Any:
        index = self.columns.get(key)
        if index is None or index >= len(values):
            return ""
        return values[index]


def _match_columns(cells: Sequence[Any], spec: SheetSpec) -> dict[str, int]:
    names = {normalise(name): column.key for column in spec.columns for name in column.names}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = names.get(normalise(cell)) if isinstance(cell, str) else None
        if key and key not in found:
            found[key] = index
    return found


def find_header(rows: list[list[Any]], spec: SheetSpec) -> tuple[int, dict[str, int]] | None:
    best: tuple[int, dict[str, int]] | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = _match_columns(cells, spec)
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (index, found)
    return best


def _picker(indexes: list[int]) -> Any:
    """A function taking those cells of a row, always as a tuple (fast: one C call)."""
    get = itemgetter(*indexes)
    return get if len(indexes) > 1 else (lambda row: (get(row),))


def build_table(sheet: str, rows: list[list[Any]], spec: SheetSpec, path: Path) -> SheetTable:
    header = find_header(rows, spec)
    if header is None:
        raise RegisterLayoutError(
            f"{path}: sheet {sheet!r} has no header row naming "
            f"{', '.join(c.header for c in spec.required)} in its first {HEADER_SCAN_ROWS} rows",
            fix=f"add a header row with the columns {', '.join(c.header for c in spec.columns)}",
        )
    index, columns = header
    headers = tuple(str(cell).strip() for cell in rows[index])
    missing = [c.header for c in spec.required if c.key not in columns]
    if missing:
        found = ", ".join(clip(h, 40) for h in headers[:40] if h) or "none"
        raise RegisterLayoutError(
            f"{path}: sheet {sheet!r} row {index + 1} has no {' or '.join(missing)} column (found: {found})",
            fix=f"add the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} to the header row",
        )
    used = set(columns.values())
    extra = {h: i for i, h in enumerate(headers) if h and i not in used}
    formulas = {c.key for c in spec.columns if c.type is ColumnType.FORMULA}
    data_columns = [i for key, i in columns.items() if key not in formulas]
    width = len(headers)
    pick = _picker(data_columns)
    blank, first = pick([""] * width), data_columns[0]
    # every row as wide as the header, so that columns can be taken with itemgetter
    data = rows[index + 1 :]
    if min(map(len, data), default=width) < width:
        data = [c if len(c) >= width else [*c, *[""] * (width - len(c))] for c in data]
    # a row's first data cell settles most rows without picking all its cells
    body = tuple([(n, c) for n, c in zip(count(index + 2), data) if c[first] != "" or pick(c) != blank])
    return SheetTable(sheet, index + 1, columns, headers, body, extra)
