"""Reading a filled-in return back (python-calamine): as the owner's spreadsheet program
saved it, found by its headers and its hidden sheet rather than by fixed positions."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import python_calamine

from automation.core.errors import RegisterUnreadable
from automation.core.model import column_letter
from automation.register.bounds import check_parts, strays
from automation.register.safe_write.package import Package
from automation.register.scan import scan_blocks
from automation.returns.model import FILL_IN, FORMAT, HIDDEN, META_SHEET, READ_ONLY, normal

HEADER_SCAN_ROWS = 40


class NotAReturn(Exception):
    """The file is not a return tracker issued (or cannot be read at all); the message says why."""


@dataclass(frozen=True)
class ReturnedRow:
    row: int  # the sheet's row number
    key: str
    fingerprint: str
    cells: tuple[str, ...]  # the read-only cells as found
    filled: dict[str, Any]  # fill-in header -> raw value (str, date, datetime, float or '')
    unsaved: tuple[str, ...] = ()  # fill-in headers whose cell holds a formula with no saved value

    def where(self, header: str, columns: dict[str, int]) -> str:
        return f"{column_letter(columns[header] + 1)}{self.row}"

    @property
    def blank(self) -> bool:
        return all(v in ("", None) or (isinstance(v, str) and not v.strip()) for v in self.filled.values())


@dataclass(frozen=True)
class ParsedReturn:
    meta: dict[str, str]
    sheet: str
    columns: dict[str, int]  # header -> 0-based column
    rows: tuple[ReturnedRow, ...]

    @property
    def return_id(self) -> str:
        return self.meta.get("return", "")


def read_return(data: bytes) -> ParsedReturn:
    """The return in ``data``; raises NotAReturn saying why it cannot be one."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NotAReturn("it is not an Excel .xlsx workbook (saved in another format, or damaged)")
    try:
        _refuse_what_would_exhaust_memory(data)
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = list(book.sheet_names)
        if META_SHEET not in sheets:
            raise NotAReturn("it is not a tracker return (it has no return reference)")
        meta = _meta(book.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False))
        if meta.get("format") != FORMAT or not meta.get("return"):
            raise NotAReturn("its return reference is missing or damaged")
        for sheet in sheets:
            if sheet == META_SHEET:
                continue
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            found = _table(sheet, rows, _unsaved_formulas(data, sheet))
            if found is not None:
                return ParsedReturn(meta, sheet, *found)
    except NotAReturn:
        raise
    except Exception as exc:  # calamine raises several unrelated types for a damaged file
        raise NotAReturn(f"it cannot be read ({type(exc).__name__}: {exc})") from exc
    raise NotAReturn("its table of items is missing (the header row with 'Item key' was removed)")


def _refuse_what_would_exhaust_memory(data: bytes) -> None:
    """The reader unpacks every part whole and makes a grid reaching the farthest value: a
    small file that unpacks to gigabytes, or a value typed far outside the table, would take
    all the memory and end the run (a scheduled one too). Checked as the register is."""
    try:
        check_parts(data, "the workbook")
        with Package(data) as package:
            for sheet, part in package.sheets.items():
                far = strays(package.read(part), sheet, "the workbook") if package.has(part) else []
                if far:
                    raise NotAReturn(
                        f"{far[0].sheet}!{far[0].cell} holds a value far outside the table: clear "
                        "that cell (or delete the rows and columns past the table) and send it again"
                    )
    except RegisterUnreadable as exc:
        raise NotAReturn(f"{exc.what}: it may be damaged; ask for this week's form again") from exc


def _meta(rows: list[list[Any]]) -> dict[str, str]:
    return {str(r[0]).strip(): str(r[1]).strip() for r in rows if len(r) >= 2 and r[0] != ""}


def _unsaved_formulas(data: bytes, sheet: str) -> dict[int, set[str]]:
    """Row -> column letters of the sheet's cells holding a formula with no saved value (a
    return filled in by a program that does not calculate): calamine reads them as blank."""
    with Package(data) as package:
        part = package.sheets.get(sheet, "")
        return scan_blocks([package.read(part)]).unsaved if package.has(part) else {}


def _table(
    sheet: str, rows: list[list[Any]], unsaved: dict[int, set[str]]
) -> tuple[dict[str, int], tuple[ReturnedRow, ...]] | None:
    wanted = {normal(h).casefold(): h for h in (*READ_ONLY, *FILL_IN, *HIDDEN)}
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(cells):
            header = wanted.get(normal(cell).casefold()) if isinstance(cell, str) else None
            if header and header not in columns:
                columns[header] = col
        if len(columns) == len(wanted):
            return columns, tuple(_rows(rows[index + 1 :], index + 2, columns, unsaved))
    return None


def _rows(
    rows: list[list[Any]], first: int, columns: dict[str, int], unsaved: dict[int, set[str]]
) -> list[ReturnedRow]:
    found = []
    for number, cells in enumerate(rows, start=first):

        def cell(header: str, cells: list[Any] = cells) -> Any:
            col = columns[header]
            return cells[col] if col < len(cells) else ""

        key, print_ = normal(_text(cell("Item key"))), normal(_text(cell("Fingerprint")))
        reference = tuple(_text(cell(h)) for h in READ_ONLY)
        filled = {h: cell(h) for h in FILL_IN}
        if (
            not key
            and not print_
            and not any(reference)
            and not any(v not in ("", None) for v in filled.values())
        ):
            continue  # a blank row
        formulas = unsaved.get(number, set())
        blank = tuple(h for h in FILL_IN if column_letter(columns[h] + 1) in formulas)
        found.append(ReturnedRow(number, key, print_, reference, filled, blank))
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
