"""Typing a sheet's cells column by column: the hot path of every command (a list
comprehension over each column does what it can; anything unusual takes the careful path,
which says what is wrong and where)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from automation.core.model import CellRef, Kind, Status
from automation.core.problems import Problem
from automation.register import cells
from automation.register.schema import ColumnType, SheetSpec
from automation.register.tables import SheetTable

Converter = Callable[[Any, CellRef, list[Problem]], Any]
_CONVERTERS: dict[ColumnType, Converter] = {
    ColumnType.DATE: cells.as_date,
    ColumnType.YES_NO: cells.as_yes_no,
    ColumnType.KIND: cells.as_kind,
    ColumnType.STATUS: cells.as_status,
}


_MISS = object()
_KINDS = {"": None, **{kind.label: kind for kind in Kind}}
_STATUSES = {"": None, **{status.label: status for status in Status}}
_YES_NO = {"": None, "Yes": True, "No": False, "yes": True, "no": False}
_LOOKUPS: dict[ColumnType, dict[str, Any]] = {
    ColumnType.KIND: _KINDS,
    ColumnType.STATUS: _STATUSES,
    ColumnType.YES_NO: _YES_NO,
}


def _fast_column(kind: ColumnType, raw: list[Any]) -> list[Any]:
    """The column converted where that is easy (most cells); ``_MISS`` where it is not.
    List comprehensions over a whole column: this is the hot path of every command."""
    if kind is ColumnType.TEXT:
        return [v.strip() if type(v) is str and v[:1] != "#" else _MISS for v in raw]
    if kind is ColumnType.DATE:
        return [
            v if type(v) is date else v.date() if type(v) is datetime else None if v == "" else _MISS
            for v in raw
        ]
    table = _LOOKUPS[kind]
    return [table.get(v, _MISS) if type(v) is str else _MISS for v in raw]


def _careful(value: Any, where: CellRef, column: ColumnType, problems: list[Problem]) -> Any:
    """The slow path, for anything the fast conversion does not recognise."""
    if isinstance(value, str) and cells.is_excel_error(value):
        problems.append(cells.excel_error_problem(where, value))
        value = ""
    convert = _CONVERTERS.get(column)
    if convert is None:
        return value.strip() if isinstance(value, str) else cells.as_text(value)
    return convert(value, where, problems)


def typed_columns(
    table: SheetTable, spec: SheetSpec, problems: list[Problem], fields: frozenset[str] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Field names and, for each, the column's typed values; problems collected. A cell
    reference is only made when there is something to say about the cell."""
    numbers = list(map(itemgetter(0), table.rows))
    row_values = list(map(itemgetter(1), table.rows))  # calamine rows are all the sheet's width
    keys, columns = [], []
    for column in spec.columns:
        index = table.columns.get(column.key)
        if index is None or column.type is ColumnType.FORMULA or (fields and column.key not in fields):
            continue
        raw = list(map(itemgetter(index), row_values))
        typed = _fast_column(column.type, raw)
        if _MISS in typed:  # searched in C: most columns have no cell needing care
            for n, got in enumerate(typed):
                if got is _MISS:
                    where = CellRef(table.sheet, numbers[n], index + 1)
                    typed[n] = _careful(raw[n], where, column.type, problems)
        keys.append(column.key)
        columns.append(typed)
    return keys, columns


def typed_rows(
    table: SheetTable, spec: SheetSpec, problems: list[Problem], fields: frozenset[str] | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """Each row of any sheet read by ``spec``, typed: (row number, values by column key), only
    ``fields`` when given."""
    keys, columns = typed_columns(table, spec, problems, fields)
    numbers = [number for number, _ in table.rows]
    if not columns:
        return [(number, {}) for number in numbers]
    rows = zip(*columns, strict=True)
    return [(n, dict(zip(keys, values, strict=True))) for n, values in zip(numbers, rows, strict=True)]
