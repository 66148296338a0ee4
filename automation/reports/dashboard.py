"""The dashboard: a separate workbook (never the master) showing the register at a glance.

Written with XlsxWriter: a Summary sheet with counts by rating and native Excel charts
(ratings by publication and by owner as stacked bars, the trend of each rating over the
weeks in the history as lines), then Overdue, By owner (counts by rating) and All items sheets, each with an
autofilter, a frozen header, RAG colours and a print set-up (landscape, fit to width,
header row repeated). Every text from the register is written as a string, so nothing
can become a formula. pandas does the grouping and the trend tables; it is imported here
only, so ``tracker status`` never pays for it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from automation.core.errors import MissingExtra
from automation.core.model import Rag
from automation.core.rating import Basis, StatusReport
from automation.reports.history import Snapshot
from automation.reports.lines import RAG_COLOURS, ItemLine

RAGS = [rag.value for rag in Rag]
COLUMNS = (  # header, width, value
    ("Publication", 40, lambda line: line.publication),
    ("Ref", 18, lambda line: line.ref),
    ("Rating", 11, lambda line: line.rag.value),
    ("Why", 26, lambda line: line.reason),
    ("Due", 11, lambda line: line.due),
    ("Status", 18, lambda line: line.status),
    ("Owner", 20, lambda line: line.owner),
    ("Executive lead", 22, lambda line: line.executive_lead),
    ("Last update", 11, lambda line: line.last_update),
    ("Latest update", 50, lambda line: line.progress),
    ("Item", 60, lambda line: line.short_text),
)
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


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise MissingExtra("pandas", "reports", "The dashboard") from exc
    return pandas


def _frames(data: DashboardData) -> dict[str, Any]:
    pd = _pandas()
    items = pd.DataFrame(
        {
            "publication": [line.publication for line in data.lines],
            "owner": [line.owner or "(no owner)" for line in data.lines],
            "rag": pd.Categorical([line.rag.value for line in data.lines], categories=RAGS),
        }
    )

    def by(field: str) -> Any:
        table = pd.crosstab(items[field], items["rag"]).reindex(columns=RAGS, fill_value=0)
        return table.sort_values(["Red", "Amber"], ascending=False, kind="stable").head(TOP)

    counts = items["rag"].value_counts().reindex(RAGS, fill_value=0)
    trend = pd.DataFrame(
        [{"as_of": snap.as_of, **{rag: n.get(rag, 0) for rag in RAGS}} for snap, n in data.trend],
        columns=["as_of", *RAGS],
    )
    owners = pd.crosstab(items["owner"], items["rag"]).reindex(columns=RAGS, fill_value=0)
    owners["Total"] = owners.sum(axis=1)
    owners = owners.sort_values(["Red", "Amber", "Total"], ascending=False, kind="stable")
    return {
        "counts": counts,
        "publication": by("publication"),
        "owner": by("owner"),
        "trend": trend,
        "owners": owners,
    }


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

    frames = _frames(data)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    book.set_properties({"title": f"HMICFRS recommendations dashboard as at {data.as_of:%d/%m/%Y}"})
    fm = _Formats(book)
    summary = book.add_worksheet("Summary")
    data_sheet = book.add_worksheet("Chart data")
    _summary(book, summary, data_sheet, frames, data, fm)
    overdue = [line for line in data.lines if line.basis is Basis.OVERDUE]
    _list_sheet(book.add_worksheet("Overdue"), overdue, fm, data)
    _owner_sheet(book.add_worksheet("By owner"), frames["owners"], fm, data)
    _list_sheet(book.add_worksheet("All items"), list(data.lines), fm, data)
    data_sheet.hide()
    book.close()
    return out.getvalue()


def _summary(
    book: Any, sheet: Any, data_sheet: Any, frames: dict[str, Any], data: DashboardData, fm: _Formats
) -> None:
    sheet.write_string(0, 0, data.marking, fm.marking)
    sheet.write_string(1, 0, f"HMICFRS recommendations: the register as at {data.as_of:%d/%m/%Y}", fm.title)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 9)
    sheet.write_string(3, 0, "Rating", fm.header)
    sheet.write_string(3, 1, "Items", fm.header)
    for n, rag in enumerate(RAGS, start=4):
        sheet.write_string(n, 0, rag, fm.rag[rag])
        sheet.write_number(n, 1, int(frames["counts"][rag]))
    sheet.write_string(9, 0, "Total", fm.header)
    sheet.write_number(9, 1, len(data.lines), fm.header)
    row = 0
    charts = (
        ("Ratings by publication", "publication", "bar"),
        ("Ratings by owner", "owner", "bar"),
    )
    place = 3
    for title, key, _ in charts:
        first, last = row, _write_table(data_sheet, row, frames[key], fm)
        sheet.insert_chart(place, 3, _stacked(book, title, first, last), {"x_scale": 1.6, "y_scale": 1.6})
        place += 25
        row = last + 2
    first, last = row, _write_trend(data_sheet, row, frames["trend"], fm)
    sheet.insert_chart(place, 3, _trend(book, first, last), {"x_scale": 1.6, "y_scale": 1.3})
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _write_table(sheet: Any, row: int, table: Any, fm: _Formats) -> int:
    sheet.write_string(row, 0, "Name", fm.header)
    for col, rag in enumerate(RAGS, start=1):
        sheet.write_string(row, col, rag, fm.header)
    for r, (name, values) in enumerate(table.iterrows(), start=row + 1):
        sheet.write_string(r, 0, str(name))
        for col, rag in enumerate(RAGS, start=1):
            sheet.write_number(r, col, int(values[rag]))
    return row + max(len(table), 1)


def _write_trend(sheet: Any, row: int, trend: Any, fm: _Formats) -> int:
    sheet.write_string(row, 0, "As at", fm.header)
    for col, rag in enumerate(RAGS, start=1):
        sheet.write_string(row, col, rag, fm.header)
    for r, values in enumerate(trend.itertuples(index=False), start=row + 1):
        sheet.write_datetime(r, 0, values[0], fm.date)
        for col, count in enumerate(values[1:], start=1):
            sheet.write_number(r, col, int(count))
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


def _owner_sheet(sheet: Any, owners: Any, fm: _Formats, data: DashboardData) -> None:
    """Each owner's items by rating, the most red first."""
    headers = ["Owner", *RAGS, "Total"]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, fm.rag.get(header, fm.header) if header in RAGS else fm.header)
        sheet.set_column(col, col, 28 if col == 0 else 11)
    for row, (name, values) in enumerate(owners.iterrows(), start=1):
        sheet.write_string(row, 0, str(name), fm.text)
        for col, header in enumerate(headers[1:], start=1):
            count = int(values[header])
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


def _list_sheet(
    sheet: Any, lines: list[ItemLine], fm: _Formats, data: DashboardData, first: str = ""
) -> None:
    columns = sorted(COLUMNS, key=lambda c: c[0] != first) if first else list(COLUMNS)
    for col, (header, width, _) in enumerate(columns):
        sheet.write_string(0, col, header, fm.header)
        sheet.set_column(col, col, width)
    write_string, write_datetime = sheet.write_string, sheet.write_datetime
    for row, line in enumerate(lines, start=1):
        for col, (header, _, value) in enumerate(columns):
            cell = value(line)
            if not cell:
                continue
            if isinstance(cell, date):
                write_datetime(row, col, cell, fm.date)
            else:
                write_string(row, col, cell, fm.rag[cell] if header == "Rating" else fm.text)
    _finish_list(sheet, len(lines), len(columns), data)
