"""Writing a register workbook from scratch (``tracker init`` and the demo register).

XlsxWriter, because it is about twice as fast as openpyxl and writes every Excel nicety
officers expect: a table with filters, frozen header, drop-downs, date formats, notes on the
headers, and conditional formatting that colours the RAG column.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook as XlsxBook
from xlsxwriter.worksheet import Worksheet

from automation.core.model import Item, Kind, Owner, Publication, Settings, Status, column_letter
from automation.register import formulas
from automation.register.page_setup import LINE_HEIGHT, print_setup, row_heights
from automation.register.schema import (
    GUIDE_SHEET,
    LISTS_SHEET,
    OWNERS,
    PUBLICATION_TYPES,
    PUBLICATIONS,
    REGISTER,
    SETTINGS,
    SETTINGS_SHEET,
    UPDATES,
    YES_NO,
    ColumnType,
    SheetSpec,
)
from automation.register.template_style import DATE_RULE, GUIDE, Formats

LOOKUP_ROWS = 2000  # the lookup lists (owners, publications) reach this far down their sheets
READY_ROWS = 100  # blank rows below the items, ready with drop-downs, colours and formulas


def _letters(spec: SheetSpec) -> dict[str, str]:
    return {column.key: column_letter(i + 1) for i, column in enumerate(spec.columns)}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _item_values(item: Item) -> dict[str, Any]:
    return {
        "publication": item.publication,
        "ref": item.ref,
        "status": _label(item.status),
        "owner": item.owner,
        "target_date": item.target_date,
        "deadline_date": item.deadline_date,
        "deadline_text": item.deadline_text,
        "text": item.text,
        "kind": _label(item.kind),
        "cause_for_concern": _yes_no(item.cause_for_concern),
        "parent_ref": item.parent_ref,
        "addressees": item.addressees,
        "applies_to_force": _yes_no(item.applies_to_force),
        "executive_lead": item.executive_lead,
        "last_update": item.last_update,
        "progress": item.progress,
        "evidence": item.evidence,
        "date_closed": item.date_closed,
        "signed_off_by": item.signed_off_by,
        "signed_off_on": item.signed_off_on,
        "notes": item.notes,
        "extension_agreed_by": item.extension_agreed_by,
        "extension_agreed_on": item.extension_agreed_on,
    }


def _label(value: Kind | Status | None) -> str:
    return value.label if value is not None else ""


def _write_cell(sheet: Worksheet, row: int, col: int, value: Any, fmt: Any) -> None:
    if isinstance(value, date):
        sheet.write_datetime(row, col, value, fmt)
    elif value in ("", None):
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write(row, col, value, fmt)


def _table(sheet: Worksheet, spec: SheetSpec, rows: Sequence[dict[str, Any]], fm: Formats, name: str) -> None:
    """Header, rows and an Excel table (with filters) over them; blank first row if none."""
    count = max(len(rows), 1)
    last_col = len(spec.columns) - 1
    sheet.add_table(
        0,
        0,
        count,
        last_col,
        {
            "name": name,
            "style": "Table Style Light 9",
            "columns": [{"header": c.header, "header_format": fm.header} for c in spec.columns],
        },
    )
    for col, column in enumerate(spec.columns):
        fmt = fm.for_column(column.type, column.width)
        sheet.set_column(col, col, column.width, fmt)
        if column.help:
            sheet.write_comment(0, col, column.help, {"x_scale": 2, "y_scale": 1.2})
        for r, values in enumerate(rows or [{}], start=1):  # an empty table keeps a formatted row
            _write_cell(sheet, r, col, values.get(column.key, ""), fmt)
    sheet.freeze_panes(1, 2)
    sheet.set_row(0, 32)
    row_heights(sheet, spec, rows)
    print_setup(sheet)


def _register_sheet(book: XlsxBook, items: Sequence[Item], fm: Formats) -> None:
    sheet = book.add_worksheet(REGISTER.name)
    rows = [_item_values(item) for item in items]
    _table(sheet, REGISTER, rows, fm, "RegisterTable")
    letters = _letters(REGISTER)
    index = {c.key: i for i, c in enumerate(REGISTER.columns)}
    last = max(len(rows), 1) + READY_ROWS  # drop-downs, colours and formulas reach the same rows
    for r in range(1, last + 1):
        sheet.write_formula(r, index["due"], formulas.due_formula(r + 1, letters), fm.due, "")
        sheet.write_formula(r, index["rag"], formulas.rag_formula(r + 1, letters), fm.formula, "")
    _register_validation(sheet, index, last)
    rag = index["rag"]
    for name, fmt in fm.rag.items():
        sheet.conditional_format(
            1,
            rag,
            last,
            rag,
            {
                "type": "cell",
                "criteria": "==",
                "value": f'"{name}"',
                "format": fmt,
            },
        )


def _register_validation(sheet: Worksheet, index: dict[str, int], last: int) -> None:
    lists = {
        "kind": "=KindList",
        "status": "=StatusList",
        "owner": "=OwnerNames",
        "cause_for_concern": "=YesNoList",
        "applies_to_force": "=YesNoList",
        "publication": "=PubTitles",
    }
    for key, source in lists.items():
        strict = key not in ("owner", "publication")
        sheet.data_validation(
            1,
            index[key],
            last,
            index[key],
            {
                "validate": "list",
                "source": source,
                "error_type": "stop" if strict else "warning",
                "error_title": "Not on the list",
                "error_message": "Pick a value from the drop-down list.",
            },
        )
    for column in REGISTER.columns:
        if column.type is ColumnType.DATE:
            col = index[column.key]
            sheet.data_validation(1, col, last, col, DATE_RULE)


def _owners_sheet(book: XlsxBook, owners: Sequence[Owner], fm: Formats) -> None:
    sheet = book.add_worksheet(OWNERS.name)
    rows = [
        {"name": o.name, "email": o.email, "role": o.role, "manager_email": o.manager_email} for o in owners
    ]
    _table(sheet, OWNERS, rows, fm, "OwnersTable")
    book.define_name("OwnerNames", f"={OWNERS.name}!$A$2:$A${LOOKUP_ROWS}")


def _publications_sheet(book: XlsxBook, pubs: Sequence[Publication], fm: Formats) -> None:
    sheet = book.add_worksheet(PUBLICATIONS.name)
    rows = [
        {
            "title": p.title,
            "published": p.published,
            "type": p.type,
            "link": p.link,
            "tracked": _yes_no(p.tracked_at_assurance_meeting),
            "s55_required": _yes_no(p.s55_required),
            "s55_published": p.s55_published,
            "summary": p.summary,
        }
        for p in pubs
    ]
    _table(sheet, PUBLICATIONS, rows, fm, "PublicationsTable")
    book.define_name(formulas.PUB_TITLES, f"={PUBLICATIONS.name}!$A$2:$A${LOOKUP_ROWS}")
    book.define_name(formulas.PUB_DATES, f"={PUBLICATIONS.name}!$B$2:$B${LOOKUP_ROWS}")
    letters = _letters(PUBLICATIONS)
    index = {c.key: i for i, c in enumerate(PUBLICATIONS.columns)}
    last = max(len(rows), 1) + READY_ROWS  # drop-downs and formulas reach the same rows
    for r in range(1, last + 1):
        formula = formulas.s55_due_formula(r + 1, letters)
        sheet.write_formula(r, index["s55_due"], formula, fm.due, "")
    lists = {"type": ("=TypeList", "warning"), "tracked": ("=YesNoList", "stop")}
    lists["s55_required"] = ("=YesNoList", "stop")
    for key, (source, kind) in lists.items():
        col = index[key]
        sheet.data_validation(1, col, last, col, {"validate": "list", "source": source, "error_type": kind})
    col = index["s55_published"]
    sheet.data_validation(1, col, last, col, DATE_RULE)


def _updates_sheet(book: XlsxBook, fm: Formats) -> None:
    """Empty until owners' returns are collected (``tracker collect``), which logs each update."""
    _table(book.add_worksheet(UPDATES.name), UPDATES, [], fm, "UpdatesTable")


def _settings_sheet(book: XlsxBook, settings: Settings, fm: Formats) -> None:
    sheet = book.add_worksheet(SETTINGS_SHEET)
    sheet.write(0, 0, "Settings officers decide", fm.title)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 70)
    for r, spec in enumerate(SETTINGS, start=2):
        sheet.write(r, 0, spec.label)
        sheet.write_number(r, 1, getattr(settings, spec.key))
        sheet.write(r, 2, spec.help)
        book.define_name(spec.name, f"={SETTINGS_SHEET}!$B${r + 1}")
        sheet.data_validation(
            r, 1, r, 1, {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 3650}
        )
    print_setup(sheet, header_row=False)


def _lists_sheet(book: XlsxBook, fm: Formats) -> None:
    sheet = book.add_worksheet(LISTS_SHEET)
    lists = (
        ("Kind", "KindList", Kind.labels()),
        ("Status", "StatusList", Status.labels()),
        ("Yes/No", "YesNoList", list(YES_NO)),
        ("Publication type", "TypeList", list(PUBLICATION_TYPES)),
    )
    for col, (header, name, values) in enumerate(lists):
        sheet.write(0, col, header, fm.header)
        sheet.set_column(col, col, 28)
        for r, value in enumerate(values, start=1):
            sheet.write(r, col, value)
        letter = column_letter(col + 1)
        book.define_name(name, f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}")
    print_setup(sheet)
    sheet.hide()  # it only feeds the drop-downs


def _guide_sheet(book: XlsxBook, fm: Formats) -> None:
    sheet = book.add_worksheet(GUIDE_SHEET)
    sheet.set_column(0, 0, 110, fm.wrap)
    sheet.write(0, 0, GUIDE[0], fm.title)
    for r, line in enumerate(GUIDE[1:], start=1):
        sheet.write(r, 0, line)
        sheet.set_row(r, LINE_HEIGHT * max(1, -(-len(line) // 120)))
    print_setup(sheet, header_row=False)


def write_register(
    path: Path,
    *,
    items: Sequence[Item] = (),
    owners: Sequence[Owner] = (),
    publications: Sequence[Publication] = (),
    settings: Settings = Settings(),  # noqa: B008
    created: datetime | None = None,
) -> None:
    """Write a complete register to ``path`` atomically (temp file, then replace).

    ``created`` fixes the document's creation time, so the same input gives the same bytes."""
    # XlsxWriter creates the temporary file itself, so it gets the usual permissions (the
    # umask); a mkstemp file would be readable by its owner only, and so would the register.
    temp = str((path.parent or Path(".")) / f".~tracker-{secrets.token_hex(6)}.xlsx")
    try:
        book = xlsxwriter.Workbook(temp, {"strings_to_numbers": False, "strings_to_formulas": False})
        properties: dict[str, Any] = {"title": "HMICFRS recommendations register"}
        if created is not None:
            properties["created"] = created
        book.set_properties(properties)
        fm = Formats(book)
        _guide_sheet(book, fm)  # first, for whoever opens the register for the first time
        _register_sheet(book, items, fm)
        _owners_sheet(book, owners, fm)
        _publications_sheet(book, publications, fm)
        _updates_sheet(book, fm)
        _settings_sheet(book, settings, fm)
        _lists_sheet(book, fm)
        book.get_worksheet_by_name(REGISTER.name).activate()  # opens on the items
        book.close()
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
