"""Appending rows to an officers' sheet so the new rows look and behave like the old ones.

Used inside ``guarded_update``'s ``mutate``: values go under the right headers, formats and
formulas come from the row above, and tables, drop-downs and conditional formats that ended
at the old last row grow to cover the new rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.formatting import ConditionalFormatting, ConditionalFormattingList
from openpyxl.formula.translate import Translator
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet

from automation.core.errors import RegisterLayoutError

from .state import BLANK_VALUE, VALUE, BookState, SheetState

HEADER_SEARCH_ROWS = 50


def append_rows(ws: Worksheet, rows: list[Mapping[str, Any]]) -> list[int]:
    """Write ``rows`` (header name -> value) below the last data row; return the row numbers.

    Headers are matched case- and space-insensitively. Each new cell takes the number format,
    alignment and font of the cell above (unless it already has its own format); formula
    columns left out of a row get the formula above, adjusted to the new row. Strings are
    always written as text. Tables, drop-downs and conditional formats that ended at the old
    last row are extended to cover the new rows.
    """
    if not rows:
        return []
    header_row, columns = find_header(ws, {key for row in rows for key in row})
    last = last_data_row(ws, header_row, columns.values())
    if any(t.totalsRowCount for t in ws.tables.values() if _row_in(t.ref, last)):
        raise RegisterLayoutError(
            "the table has a totals row, so rows cannot be added below it",
            where=f"sheet '{ws.title}'",
            fix="add the rows by hand in Excel",
        )
    numbers = []
    formulas: dict[int, Translator] = {}  # column -> the formula being copied down it
    for offset, row in enumerate(rows, start=1):
        target = last + offset
        values = {columns[_norm(key)]: value for key, value in row.items()}
        _write_row(ws, target, target - 1, header_row, sorted(columns.values()), values, formulas)
        numbers.append(target)
    extend_ranges(ws, last, last + len(rows), min(columns.values()), max(columns.values()))
    return numbers


def _write_row(
    ws: Worksheet,
    target: int,
    above: int,
    header_row: int,
    cols: list[int],
    values: dict[int, Any],
    formulas: dict[int, Translator],
) -> None:
    for col in cols:
        cell = ws.cell(row=target, column=col)
        source = ws.cell(row=above, column=col)
        if above > header_row and not cell.has_style:
            _copy_format(source, cell)
        if col in values:
            cell.value = values[col]
            if cell.data_type == "f" and isinstance(values[col], str):
                cell.data_type = "s"  # text such as "=Recommendation 3" stays text
            formulas.pop(col, None)
        elif above > header_row and source.data_type == "f" and isinstance(source.value, str):
            if col not in formulas:  # parsed once, then moved down row by row
                formulas[col] = Translator(source.value, origin=source.coordinate)
            cell.value = formulas[col].translate_formula(cell.coordinate)


def _copy_format(source: Any, cell: Any) -> None:
    """The number format, alignment and font of ``source``: the same entries of the same
    workbook's style tables, so their indexes are copied (not the styles themselves)."""
    if source._style is None:
        return
    if cell._style is None:
        cell._style = StyleArray()
    for part in ("numFmtId", "alignmentId", "fontId"):
        setattr(cell._style, part, getattr(source._style, part))


def find_header(ws: Worksheet, wanted: Iterable[str]) -> tuple[int, dict[str, int]]:
    """The first row (within the top 50) holding every wanted header; normalised name -> column."""
    need = {_norm(w) for w in wanted}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SEARCH_ROWS)):
        found: dict[str, int] = {}
        for c in row:  # the first of two columns with the same header wins, as when reading
            if c.value not in (None, ""):
                found.setdefault(_norm(str(c.value)), c.column)
        if need <= set(found):
            return row[0].row, found
    raise RegisterLayoutError(
        f"no header row has all of: {', '.join(sorted(wanted))}",
        where=f"sheet '{ws.title}'",
        fix="check the column names (case and spaces do not matter) against the sheet's header row",
    )


def last_data_row(ws: Worksheet, header_row: int, cols: Iterable[int]) -> int:
    """The last row below the header with a value in any of ``cols`` (the header if none).
    A row holding only formulas (a fresh register's first row) is not data."""
    wanted = sorted(set(cols))
    cells = ws._cells
    for row in range(max(ws._cells)[0] if cells else header_row, header_row, -1):  # from the bottom
        for col in wanted:
            cell = cells.get((row, col))
            if cell is not None and cell.value not in (None, "") and cell.data_type != "f":
                return row
    return header_row


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _row_in(ref: str, row: int) -> bool:
    rng = CellRange(ref)
    return rng.min_row <= row <= rng.max_row


# --------------------------------------------------------------------------- growing ranges


def grow_tables_below(wb: Workbook, before: BookState) -> None:
    """Extend each table (and its drop-downs / colours) over rows newly written just below it."""
    for ws in wb.worksheets:
        old = before.sheets.get(ws.title)
        if old is None:
            continue
        for table in list(ws.tables.values()):
            rng = CellRange(table.ref)
            bottom = rng.max_row
            while not table.totalsRowCount and _new_row(ws, old, bottom + 1, rng):
                bottom += 1
            if bottom > rng.max_row:
                extend_ranges(ws, rng.max_row, bottom, rng.min_col, rng.max_col)


def _new_row(ws: Worksheet, old: SheetState, row: int, rng: CellRange) -> bool:
    """True if ``row`` was blank across the table's columns before, and has a value now."""
    cols = range(rng.min_col, rng.max_col + 1)
    was_blank = all(old.cell((row, c))[VALUE] == BLANK_VALUE for c in cols)
    cells = (ws._cells.get((row, c)) for c in cols)
    return was_blank and any(c is not None and c.value is not None for c in cells)


def extend_ranges(ws: Worksheet, old_last: int, new_last: int, min_col: int, max_col: int) -> None:
    """Grow tables, drop-downs and conditional formats ending at ``old_last`` (or in the ready
    rows below it, short of ``new_last``) to ``new_last``."""
    if new_last <= old_last:
        return
    for table in ws.tables.values():
        grown = _grown(CellRange(table.ref), old_last, new_last, min_col, max_col)
        if grown is not None:
            table.ref = grown.coord
            if table.autoFilter is not None and table.autoFilter.ref:
                table.autoFilter.ref = grown.coord
    for dv in ws.data_validations.dataValidation:
        dv.sqref = _grown_multi(dv.sqref, old_last, new_last, min_col, max_col)
    old_rules = ws.conditional_formatting
    ws.conditional_formatting = ConditionalFormattingList()
    for cf in old_rules:
        sqref = _grown_multi(cf.sqref, old_last, new_last, min_col, max_col)
        for rule in cf.rules:
            ws.conditional_formatting.add(ConditionalFormatting(sqref=sqref, pivot=cf.pivot), rule)


def _grown_multi(
    sqref: MultiCellRange, old_last: int, new_last: int, min_col: int, max_col: int
) -> MultiCellRange:
    ranges = []
    for rng in sorted(sqref.ranges, key=lambda r: (r.min_row, r.min_col)):
        grown = _grown(rng, old_last, new_last, min_col, max_col)
        ranges.append((grown or rng).coord)
    return MultiCellRange(ranges)


def _grown(rng: CellRange, old_last: int, new_last: int, min_col: int, max_col: int) -> CellRange | None:
    """A range ending at the old last row, or in the blank rows made ready below it (a fresh
    register's drop-downs reach past its items), grows to cover every new row."""
    if not old_last <= rng.max_row < new_last or rng.min_row > old_last + 1:
        return None
    if rng.max_col < min_col or rng.min_col > max_col:
        return None
    return CellRange(min_col=rng.min_col, min_row=rng.min_row, max_col=rng.max_col, max_row=new_last)
