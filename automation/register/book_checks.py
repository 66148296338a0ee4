"""Problems about the workbook as a whole, found while reading it: Excel error values,
RAG and Due cells without their formula, another sheet that looks like the register, and
values far outside a table."""

from __future__ import annotations

from automation.core.model import Item, column_letter
from automation.core.problems import Problem, Severity, warning
from automation.core.text import plural
from automation.register.read import Workbook
from automation.register.schema import (
    GUIDE_SHEET,
    LISTS_SHEET,
    OWNERS,
    PUBLICATIONS,
    REGISTER,
    SETTINGS_SHEET,
    UPDATES,
    normalise,
)
from automation.register.tables import SheetTable


def error_cells(book: Workbook, sheets: list[str]) -> list[Problem]:
    found = []
    for sheet in sheets:
        for a1, shown in book.error_cells(sheet):
            found.append(
                Problem(
                    Severity.ERROR,
                    sheet,
                    a1,
                    shown or "#error",
                    "holds an Excel error value",
                    "correct the formula or the cells it refers to, or clear the cell",
                    int("".join(ch for ch in a1 if ch.isdigit())),
                )
            )
    return found


def missing_formulas(book: Workbook, table: SheetTable, items: tuple[Item, ...]) -> list[Problem]:
    """RAG and Due cells that hold a typed value (or nothing) instead of their formula: Excel
    would show a stale rating there while tracker's own differs."""
    found = []
    for key in ("rag", "due"):
        if key not in table.columns:
            continue
        column = column_letter(table.columns[key] + 1)
        with_formula = book.formula_rows(table.sheet, column)
        if with_formula is None:
            return []
        header = table.headers[table.columns[key]]
        for item in items:
            if item.row not in with_formula:
                found.append(
                    warning(
                        table.ref(item.row, key),
                        "",
                        f"has no {header} formula, so Excel's {header} here is typed or missing",
                        f"copy the {header} cell down from a row above",
                    )
                )
    return found


_KNOWN_SHEETS = frozenset(
    normalise(name) for spec in (OWNERS, PUBLICATIONS, UPDATES) for name in (spec.name, *spec.aliases)
) | {normalise(SETTINGS_SHEET), normalise(LISTS_SHEET), normalise(GUIDE_SHEET)}


def sheet_choice(book: Workbook, table: SheetTable) -> list[Problem]:
    """Which sheet was read as the register, when another sheet could have been: a hidden
    register, or another sheet whose header is a register's (a stale copy, an old version)."""
    read = table.sheet
    others = [
        (sheet, rows)
        for sheet in book.sheet_names
        if sheet != read and normalise(sheet) not in _KNOWN_SHEETS
        for rows in [book.looks_like(sheet, REGISTER)]
        if rows is not None
    ]
    found: list[Problem] = []
    if read in book.hidden:
        visible = [s for s, _ in others if s not in book.hidden]
        also = f"; the visible sheet '{visible[0]}' looks like a register too" if visible else ""
        found.append(
            _sheet_problem(
                Severity.WARNING,
                read,
                f"sheet '{read}' is hidden in Excel, and tracker read it as the register{also}",
                "unhide it if it is the register; if it is an old copy, delete it or rename the current one",
            )
        )
    for sheet, rows in others:
        empty = not table.rows and rows > 0
        found.append(
            _sheet_problem(
                Severity.ERROR if empty else Severity.WARNING,
                read,
                f"sheet '{sheet}' also looks like a register ({plural(rows, 'row')}); tracker read '{read}'"
                + (", which has no items" if empty else ""),
                f"keep one register: name it '{REGISTER.name}', and delete or rename the other sheet",
            )
        )
    return found


def _sheet_problem(severity: Severity, sheet: str, message: str, fix: str) -> Problem:
    return Problem(severity, sheet, "", "", message, fix)


def strays(book: Workbook) -> list[Problem]:
    """Values far outside a sheet's table, which were left unread."""
    return [
        Problem(
            Severity.WARNING,
            stray.sheet,
            stray.cell,
            "",
            "holds a value far outside the table, which tracker did not read",
            "clear the cell (select it in Excel and press Delete), or move what it holds into the table",
            int("".join(ch for ch in stray.cell if ch.isdigit())),
        )
        for stray in book.strays
    ]
