"""The whole of a manager summary's lists, as the workbook attached to it (XlsxWriter).

The summary's body shows each list's most urgent rows; this workbook has all of them, one
sheet per list, with filters and frozen headers. Everything from the register is written as
text (or as a real date), so a cell such as ``=HYPERLINK(...)`` can never become a formula.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from io import BytesIO
from typing import Any

from automation.core.model import Rag
from automation.core.rating import RatedItem
from automation.mail.digests import ManagerSummary, Noted, SummaryLists

ITEM_SHEETS = (
    ("turned_red", "Turned red"),
    ("overdue", "Overdue"),
    ("unowned", "No owner"),
    ("due_soon", "Due soon"),
    ("needs_update", "Needs an update"),
    ("left_out", "Left out"),
)
ITEM_COLUMNS = (
    ("Publication", 50),
    ("Ref", 18),
    ("Owner", 22),
    ("Status", 18),
    ("Due", 11),
    ("Rating", 10),
    ("Reason", 30),
    ("Last update", 11),
    ("Red since", 11),
    ("Register row", 8),
)
ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.NOT_RATED)


def attachment_name(week: str) -> str:
    return f"summary-{week}.xlsx"


def summary_workbook(summary: ManagerSummary, marking: str) -> bytes:
    """The workbook of ``summary.everything`` (every list in full)."""
    import xlsxwriter

    lists = summary.everything or SummaryLists({}, {}, (), {})
    out = BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(out, options)
    formats = _Formats(book)
    _front(book, formats, summary, marking)
    for key, title in ITEM_SHEETS:
        if key != "unowned" or not summary.scope:
            _items(book, formats, title, lists.items.get(key, ()), lists.red_since, marking)
    for field, title in (("publication", "By publication"), ("owner", "By owner")):
        _groups(book, formats, title, lists.groups.get(field, {}), marking)
    _problems(book, formats, lists.problems, marking)
    book.close()
    return out.getvalue()


class _Formats:
    def __init__(self, book: Any) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.bold = book.add_format({"bold": True})


def _sheet(book: Any, formats: _Formats, title: str, columns: Sequence[tuple[str, int]], marking: str) -> Any:
    sheet = book.add_worksheet(title)
    sheet.set_header(f"&C{marking}")
    sheet.set_footer(f"&C{marking}")
    for n, (name, width) in enumerate(columns):
        sheet.write_string(0, n, name, formats.header)
        sheet.set_column(n, n, width)
    sheet.freeze_panes(1, 0)
    return sheet


def _front(book: Any, formats: _Formats, summary: ManagerSummary, marking: str) -> None:
    sheet = _sheet(book, formats, "Summary", (("", 40), ("", 12)), marking)
    sheet.write_string(0, 0, marking, formats.header)
    sheet.write_string(1, 0, f"HMICFRS recommendations: status as at {summary.as_of:%d/%m/%Y}", formats.bold)
    sheet.write_string(2, 0, f"Covers {summary.scope}" if summary.scope else "Covers the whole register")
    for n, rag in enumerate(ORDER, start=4):
        sheet.write_string(n, 0, rag.value)
        sheet.write_number(n, 1, summary.counts.get(rag, 0))


def _items(
    book: Any,
    formats: _Formats,
    title: str,
    rated: Sequence[RatedItem],
    red_since: Mapping[tuple[str, str], date],
    marking: str,
) -> None:
    sheet = _sheet(book, formats, title, ITEM_COLUMNS, marking)
    text, day, number = sheet.write_string, sheet.write_datetime, sheet.write_number
    for row, r in enumerate(rated, start=1):
        item, rating = r.item, r.rating
        text(row, 0, item.publication)
        text(row, 1, item.ref)
        text(row, 2, item.owner)
        text(row, 3, item.status.label if item.status else "")
        _date(day, row, 4, rating.due, formats)
        text(row, 5, rating.rag.value)
        text(row, 6, rating.reason)
        _date(day, row, 7, item.last_update, formats)
        _date(day, row, 8, red_since.get(item.key), formats)
        number(row, 9, item.row)
    sheet.autofilter(0, 0, max(len(rated), 1), len(ITEM_COLUMNS) - 1)


def _date(write: Any, row: int, col: int, value: date | None, formats: _Formats) -> None:
    if value is not None:
        write(row, col, value, formats.date)


def _groups(
    book: Any, formats: _Formats, title: str, groups: Mapping[str, Mapping[Rag, int]], marking: str
) -> None:
    columns = (
        (title.removeprefix("By ").capitalize(), 50),
        *((rag.value, 10) for rag in ORDER),
        ("Total", 8),
    )
    sheet = _sheet(book, formats, title, columns, marking)
    for row, (name, counts) in enumerate(groups.items(), start=1):
        sheet.write_string(row, 0, name)
        for col, rag in enumerate(ORDER, start=1):
            sheet.write_number(row, col, counts.get(rag, 0))
        sheet.write_number(row, len(ORDER) + 1, sum(counts.values()))
    sheet.autofilter(0, 0, max(len(groups), 1), len(columns) - 1)


def _problems(book: Any, formats: _Formats, problems: Sequence[Noted], marking: str) -> None:
    columns = (("Where", 30), ("Item", 40), ("Column", 18), ("Severity", 9), ("Value", 20), ("Problem", 60))
    sheet = _sheet(book, formats, "Problems", (*columns, ("How to fix it", 60)), marking)
    text = sheet.write_string
    for row, noted in enumerate(problems, start=1):
        p = noted.problem
        for col, value in enumerate(
            (p.where, noted.item, noted.column, p.severity.value, p.value, p.message, p.fix)
        ):
            text(row, col, value)
    sheet.autofilter(0, 0, max(len(problems), 1), len(columns))
