"""The dashboard: a separate workbook (never the master) showing the register at a glance.

Written with XlsxWriter: a Summary sheet with counts by rating and native Excel charts
(ratings by publication and by owner as stacked bars, the trend of each rating over the
weeks in the history as lines), then Overdue, By owner (counts by rating) and All items sheets, each with an
autofilter, a frozen header, RAG colours and a print set-up (landscape, fit to width,
header row repeated). Every text from the register is written as a string, so nothing
can become a formula.

The grouping and the trend tables are plain counting over the lines: pandas did them once,
but importing it cost more CPU than two bare reads of a 10,000-row register, thirty times
the counting itself, and pushed the dashboard past its goal (see bench/README.md).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from automation.core.model import RAG_COLOURS, Rag
from automation.core.rating import Basis, StatusReport
from automation.reports.history import Snapshot
from automation.reports.lines import ItemLine

RAGS = [rag.value for rag in Rag]
COLUMNS = (  # header, width; ``_cells`` gives the values in this order
    ("Publication", 40),
    ("Ref", 18),
    ("Rating", 11),
    ("Why", 26),
    ("Due", 11),
    ("Status", 18),
    ("Owner", 20),
    ("Executive lead", 22),
    ("Last update", 11),
    ("Latest update", 50),
    ("Item", 60),
)
RATING = 2  # the column of COLUMNS coloured by rating
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, from 1 March 1900 on
SERIALS_FROM = date(1900, 3, 1)  # before it Excel counts a 29 February 1900: XlsxWriter's own sum
TOP = 25  # the bar charts show this many publications and owners, the most red first


@dataclass(frozen=True)
class DashboardData:
    as_of: date
    lines: tuple[ItemLine, ...]  # most urgent first
    trend: tuple[tuple[Snapshot, dict[str, int]], ...]
    marking: str = "OFFICIAL"


def dashboard_data(
    report: StatusReport, trend: Sequence[tuple[Snapshot, dict[str, int]]], marking: str
) -> DashboardData:
    return DashboardData(report.as_of, tuple(ItemLine.of(r) for r in report.rated), tuple(trend), marking)


Counts = dict[str, int]  # items by rating, every rating present
Table = list[tuple[str, Counts]]  # (publication or owner, its counts)


@dataclass(frozen=True)
class Tables:
    """What the Summary, its charts and the By owner sheet show, grouped from the lines."""

    counts: Counts
    publications: Table  # the TOP publications with the most red, then amber, items
    owners: Table  # the TOP owners likewise
    every_owner: Table  # every owner: the most red, then amber, then items first
    trend: list[tuple[date, Counts]]


def _group(names: Iterable[str], rags: Sequence[str]) -> Table:
    """Counts by rating for each name, in name order."""
    counted: dict[str, Counter[str]] = {}
    for name, rag in zip(names, rags, strict=True):
        counted.setdefault(name, Counter())[rag] += 1
    return [(name, {rag: counted[name][rag] for rag in RAGS}) for name in sorted(counted)]


def _most_red(table: Table, *, then_total: bool = False) -> Table:
    def key(row: tuple[str, Counts]) -> tuple[int, ...]:
        counts = row[1]
        return (-counts["Red"], -counts["Amber"], -sum(counts.values()) if then_total else 0)

    return sorted(table, key=key)  # stable: names in order within a tie


def _tables(data: DashboardData) -> Tables:
    rags = [line.rag.value for line in data.lines]
    counted = Counter(rags)
    owners = _group((line.owner or "(no owner)" for line in data.lines), rags)
    return Tables(
        counts={rag: counted[rag] for rag in RAGS},
        publications=_most_red(_group((line.publication for line in data.lines), rags))[:TOP],
        owners=_most_red(owners)[:TOP],
        every_owner=_most_red(owners, then_total=True),
        trend=[(snap.as_of, {rag: n.get(rag, 0) for rag in RAGS}) for snap, n in data.trend],
    )


class _Formats:
    def __init__(self, book: Any) -> None:
        self.header = book.add_format(
            {"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "border": 1, "text_wrap": True}
        )
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.marking = book.add_format({"bold": True, "font_color": "#9C0006"})
        self.text = book.add_format({"valign": "top", "text_wrap": True})
        self.date = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.rag = {
            rag.value: book.add_format({"bg_color": "#" + bg, "font_color": "#" + fg, "valign": "top"})
            for rag, (bg, fg) in RAG_COLOURS.items()
        }


def write_dashboard(data: DashboardData) -> bytes:
    """The dashboard workbook's bytes."""
    import xlsxwriter

    tables = _tables(data)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    book.set_properties({"title": f"HMICFRS recommendations dashboard as at {data.as_of:%d/%m/%Y}"})
    fm = _Formats(book)
    summary = book.add_worksheet("Summary")
    data_sheet = book.add_worksheet("Chart data")
    _summary(book, summary, data_sheet, tables, data, fm)
    overdue = [line for line in data.lines if line.basis is Basis.OVERDUE]
    _list_sheet(book.add_worksheet("Overdue"), overdue, fm, data)
    _owner_sheet(book.add_worksheet("By owner"), tables.every_owner, fm, data)
    _list_sheet(book.add_worksheet("All items"), list(data.lines), fm, data)
    data_sheet.hide()
    book.close()
    return out.getvalue()


def _summary(
    book: Any, sheet: Any, data_sheet: Any, tables: Tables, data: DashboardData, fm: _Formats
) -> None:
    sheet.write_string(0, 0, data.marking, fm.marking)
    sheet.write_string(1, 0, f"HMICFRS recommendations: the register as at {data.as_of:%d/%m/%Y}", fm.title)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 9)
    sheet.write_string(3, 0, "Rating", fm.header)
    sheet.write_string(3, 1, "Items", fm.header)
    for n, rag in enumerate(RAGS, start=4):
        sheet.write_string(n, 0, rag, fm.rag[rag])
        sheet.write_number(n, 1, tables.counts[rag])
    sheet.write_string(9, 0, "Total", fm.header)
    sheet.write_number(9, 1, len(data.lines), fm.header)
    row = 0
    charts = (("Ratings by publication", tables.publications), ("Ratings by owner", tables.owners))
    place = 3
    for title, table in charts:
        first, last = row, _write_table(data_sheet, row, table, fm)
        sheet.insert_chart(place, 3, _stacked(book, title, first, last), {"x_scale": 1.6, "y_scale": 1.6})
        place += 25
        row = last + 2
    first, last = row, _write_trend(data_sheet, row, tables.trend, fm)
    sheet.insert_chart(place, 3, _trend(book, first, last), {"x_scale": 1.6, "y_scale": 1.3})
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _write_table(sheet: Any, row: int, table: Table, fm: _Formats) -> int:
    sheet.write_string(row, 0, "Name", fm.header)
    for col, rag in enumerate(RAGS, start=1):
        sheet.write_string(row, col, rag, fm.header)
    for r, (name, counts) in enumerate(table, start=row + 1):
        sheet.write_string(r, 0, name)
        for col, rag in enumerate(RAGS, start=1):
            sheet.write_number(r, col, counts[rag])
    return row + max(len(table), 1)


def _write_trend(sheet: Any, row: int, trend: list[tuple[date, Counts]], fm: _Formats) -> int:
    sheet.write_string(row, 0, "As at", fm.header)
    for col, rag in enumerate(RAGS, start=1):
        sheet.write_string(row, col, rag, fm.header)
    for r, (as_of, counts) in enumerate(trend, start=row + 1):
        sheet.write_datetime(r, 0, as_of, fm.date)
        for col, rag in enumerate(RAGS, start=1):
            sheet.write_number(r, col, counts[rag])
    return row + max(len(trend), 1)


def _stacked(book: Any, title: str, first: int, last: int) -> Any:
    chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    for col, rag in enumerate(RAGS, start=1):
        chart.add_series(
            {
                "name": ["Chart data", first, col],
                "categories": ["Chart data", first + 1, 0, last, 0],
                "values": ["Chart data", first + 1, col, last, col],
                "fill": {"color": "#" + RAG_COLOURS[Rag(rag)][1] if rag != "Not rated" else "#A6A6A6"},
            }
        )
    chart.set_title({"name": title})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    return chart


def _trend(book: Any, first: int, last: int) -> Any:
    chart = book.add_chart({"type": "line"})
    for col, rag in enumerate(RAGS[:4], start=1):
        colour = "#" + RAG_COLOURS[Rag(rag)][1]
        chart.add_series(
            {
                "name": ["Chart data", first, col],
                "categories": ["Chart data", first + 1, 0, last, 0],
                "values": ["Chart data", first + 1, col, last, col],
                "line": {"color": colour, "width": 2.25},
            }
        )
    chart.set_title({"name": "Ratings week by week (from the history)"})
    chart.set_x_axis({"date_axis": True, "num_format": "dd/mm/yy"})
    chart.set_legend({"position": "bottom"})
    return chart


def _owner_sheet(sheet: Any, owners: Table, fm: _Formats, data: DashboardData) -> None:
    """Each owner's items by rating, the most red first."""
    headers = ["Owner", *RAGS, "Total"]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, fm.rag.get(header, fm.header) if header in RAGS else fm.header)
        sheet.set_column(col, col, 28 if col == 0 else 11)
    for row, (name, counts) in enumerate(owners, start=1):
        sheet.write_string(row, 0, name, fm.text)
        for col, header in enumerate(headers[1:], start=1):
            count = counts[header] if header in counts else sum(counts.values())
            sheet.write_number(
                row, col, count, fm.rag[header] if count and header in ("Red", "Amber") else None
            )
    _finish_list(sheet, len(owners), len(headers), data)


def _finish_list(sheet: Any, rows: int, columns: int, data: DashboardData) -> None:
    sheet.autofilter(0, 0, max(rows, 1), columns - 1)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_header(f"&C&B{data.marking}")
    sheet.set_footer(f"&L{data.marking}&RPage &P of &N")


def _cells(line: ItemLine) -> tuple[str | date | None, ...]:
    return (
        line.publication,
        line.ref,
        line.rag.value,
        line.reason,
        line.due,
        line.status,
        line.owner,
        line.executive_lead,
        line.last_update,
        line.progress,
        line.short_text,
    )


def _list_sheet(sheet: Any, lines: list[ItemLine], fm: _Formats, data: DashboardData) -> None:
    for col, (header, width) in enumerate(COLUMNS):
        sheet.write_string(0, col, header, fm.header)
        sheet.set_column(col, col, width)
    write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
    text, day, rag = fm.text, fm.date, fm.rag
    for row, line in enumerate(lines, start=1):
        for col, cell in enumerate(_cells(line)):
            if not cell:
                continue
            if not isinstance(cell, date):
                write_string(row, col, cell, rag[cell] if col == RATING else text)
            elif cell >= SERIALS_FROM:  # as Excel holds a date: its day number, shown as a date
                write_number(row, col, _serial(cell), day)
            else:
                write_datetime(row, col, cell, day)
    _finish_list(sheet, len(lines), len(COLUMNS), data)


@cache
def _serial(day: date) -> int:
    return (day - EXCEL_EPOCH).days
