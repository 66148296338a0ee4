"""The return workbook an owner fills in (XlsxWriter): ``update-<week>-<owner>.xlsx``.

One row per open item: grey reference columns, locked (the sheet is protected as a guide,
with no password), then white columns to fill in, with a drop-down of the statuses an owner
may set and a date check on the requested target date. The marking heads the sheet and an
instructions block sits above the table. Each row carries the item's key and fingerprint in
hidden columns; a hidden sheet names the return. Everything from the register is written as
text, so nothing can become a formula.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, Any

from automation.core.updates import OWNER_STATUSES
from automation.returns.model import FILL_IN, FORMAT, HIDDEN, META_SHEET, READ_ONLY, IssuedReturn

if TYPE_CHECKING:  # xlsxwriter loads only when a return is made: not for a dry run
    from xlsxwriter.worksheet import Worksheet

SHEET = "Update"
HEADER_ROW = 10  # 0-based: the table's header is on row 11
WIDTHS = (28, 16, 60, 16, 11, 22, 11, 40, 50, 24, 30, 14, 30, 14, 20)
INSTRUCTIONS = (
    "How to fill this in",
    "1. For each item, write your progress in 'Your update' (white columns only; the grey ones "
    "are the register's and must stay as they are).",
    "2. If the work is finished, pick 'Complete \u2013 awaiting sign-off' under 'Proposed status' and "
    "give the evidence (a link or a document reference). Only the assurance meeting can close an item.",
    "3. If you need more time, type the date you ask for under 'Requested target date' (dd/mm/yyyy) "
    "and say why; the governance officer will agree it or not.",
    "4. Save the file (keep it as .xlsx) and reply to the email with it attached. Leave a row blank "
    "if you have nothing new on it.",
)


def _formats(book: Any) -> dict[str, Any]:
    grey = {"bg_color": "#EDEDED", "valign": "top", "text_wrap": True, "locked": True, "border": 1}
    white = {"valign": "top", "text_wrap": True, "locked": False, "border": 1}
    return {
        "marking": book.add_format({"bold": True, "font_size": 14, "align": "center", "border": 2}),
        "title": book.add_format({"bold": True, "font_size": 13}),
        "text": book.add_format({"text_wrap": False}),
        "header": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#1F3864", "font_color": "#FFFFFF"}
        ),
        "fill_header": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#375623", "font_color": "#FFFFFF"}
        ),
        "grey": book.add_format(grey),
        "white": book.add_format(white),
        "date": book.add_format({**white, "num_format": "dd/mm/yyyy"}),
        "hidden": book.add_format({"locked": True}),
    }


def return_workbook(issued: IssuedReturn, marking: str) -> bytes:
    """The return as .xlsx bytes."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"title": f"{marking}: HMICFRS recommendations update, week {issued.week}"})
    fm = _formats(book)
    sheet = book.add_worksheet(SHEET)
    _heading(sheet, issued, marking, fm)
    _table(sheet, issued, fm)
    _meta(book.add_worksheet(META_SHEET), issued)
    book.close()
    return buffer.getvalue()


def _heading(sheet: Worksheet, issued: IssuedReturn, marking: str, fm: dict[str, Any]) -> None:
    last = len(READ_ONLY) + len(FILL_IN) - 1
    sheet.merge_range(0, 0, 0, last, marking, fm["marking"])
    sheet.write_string(1, 0, f"HMICFRS recommendations: your update for week {issued.week}", fm["title"])
    sheet.write_string(
        2,
        0,
        f"For {issued.owner} ({issued.email}), issued {issued.issued:%d/%m/%Y} from {issued.register}; "
        f"return {issued.return_id}",
        fm["text"],
    )
    for row, line in enumerate(INSTRUCTIONS, start=4):
        sheet.write_string(row, 0, line, fm["title"] if row == 4 else fm["text"])


def _table(sheet: Worksheet, issued: IssuedReturn, fm: dict[str, Any]) -> None:
    headers = (*READ_ONLY, *FILL_IN, *HIDDEN)
    for col, (header, width) in enumerate(zip(headers, WIDTHS, strict=True)):
        kind = "header" if header in READ_ONLY or header in HIDDEN else "fill_header"
        sheet.write_string(HEADER_ROW, col, header, fm[kind])
        hidden = {"hidden": True} if header in HIDDEN else {}
        sheet.set_column(col, col, width, None, hidden)
    first = HEADER_ROW + 1
    for row, sent in enumerate(issued.rows, start=first):
        for col, value in enumerate(sent.cells):
            sheet.write_string(row, col, value, fm["grey"])
        for col, _ in enumerate(FILL_IN, start=len(READ_ONLY)):
            kind = "date" if FILL_IN[col - len(READ_ONLY)] == "Requested target date" else "white"
            sheet.write_blank(row, col, None, fm[kind])
        sheet.write_string(row, len(READ_ONLY) + len(FILL_IN), sent.key, fm["hidden"])
        sheet.write_string(row, len(READ_ONLY) + len(FILL_IN) + 1, sent.fingerprint, fm["hidden"])
    _validation(sheet, first, max(first, first + len(issued.rows) - 1))
    sheet.freeze_panes(first, 2)
    sheet.autofilter(HEADER_ROW, 0, max(HEADER_ROW, first + len(issued.rows) - 1), len(headers) - 3)
    sheet.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})


def _validation(sheet: Worksheet, first: int, last: int) -> None:
    status_col = len(READ_ONLY) + FILL_IN.index("Proposed status")
    date_col = len(READ_ONLY) + FILL_IN.index("Requested target date")
    sheet.data_validation(
        first,
        status_col,
        last,
        status_col,
        {
            "validate": "list",
            "source": [s.label for s in OWNER_STATUSES],
            "error_title": "Not a status you can set",
            "error_message": "Pick In progress or Complete \u2013 awaiting sign-off; only the assurance "
            "meeting closes an item.",
        },
    )
    sheet.data_validation(
        first,
        date_col,
        last,
        date_col,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": date(2000, 1, 1),
            "maximum": date(2100, 12, 31),
            "error_title": "Not a date",
            "error_message": "Type the date as dd/mm/yyyy.",
        },
    )


def _meta(sheet: Worksheet, issued: IssuedReturn) -> None:
    """What the return is, for tracker to read back; hidden from the owner."""
    values = (
        ("format", FORMAT),
        ("return", issued.return_id),
        ("owner", issued.owner),
        ("email", issued.email),
        ("week", issued.week),
        ("register", issued.register),
    )
    for row, (name, value) in enumerate(values):
        sheet.write_string(row, 0, name)
        sheet.write_string(row, 1, value)
    sheet.hide()
