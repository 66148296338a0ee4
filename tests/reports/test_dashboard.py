"""The dashboard read back with openpyxl (sheets, values, formats) and its chart parts
checked in the package; never the master register."""

import re
import subprocess
import sys
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from automation.core.model import Rag
from automation.core.rating import RatedItem, Rating, StatusReport, status_report
from automation.register.load import load_register
from automation.reports.build import make_dashboard, record_snapshot
from automation.reports.dashboard import _tables, dashboard_data
from tests.builders import item, workbook

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2021, 10, 1)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash")
    history = folder / "ledger.sqlite"
    register = load_register(ROOT / "tracker.xlsx")
    for week in (3, 2, 1, 0):
        day = TODAY - timedelta(weeks=week)
        record_snapshot(history, status_report(register, day), datetime(2021, 10, 1), "weekly")
    path = folder / "dashboard.xlsx"
    path.write_bytes(make_dashboard(ROOT / "tracker.xlsx", history, TODAY))
    return path


def test_sheets_and_counts(dashboard):
    book = openpyxl.load_workbook(dashboard)
    assert book.sheetnames == ["Summary", "Chart data", "Overdue", "By owner", "All items"]
    summary = book["Summary"]
    assert summary["A1"].value == "OFFICIAL"
    counts = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(5, 11)}
    assert counts == {"Red": 3, "Amber": 4, "Green": 12, "Blue": 4, "Not rated": 70, "Total": 93}
    assert book["Chart data"].sheet_state == "hidden"


def test_list_sheets_have_filter_frozen_header_colours_and_print_setup(dashboard):
    book = openpyxl.load_workbook(dashboard)
    overdue = book["Overdue"]
    assert [c.value for c in overdue[1]][:4] == ["Publication", "Ref", "Rating", "Why"]
    assert [(r[1].value, r[2].value) for r in overdue.iter_rows(min_row=2)] == [
        ("Recommendation 1", "Red"),
        ("Recommendation 4", "Red"),
        ("Recommendation 1", "Red"),
    ]
    assert overdue["C2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert overdue["E2"].number_format == "dd/mm/yyyy" and overdue["E2"].value == datetime(2021, 8, 15)
    for name in ("Overdue", "By owner", "All items"):
        sheet = book[name]
        assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"
        assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToHeight == 0 and sheet.page_setup.fitToWidth in (None, 1)  # 1 page wide
        assert sheet.print_title_rows == "$1:$1"
    assert book["All items"].max_row == 94
    owners = book["By owner"]
    assert [c.value for c in owners[1]] == ["Owner", "Red", "Amber", "Green", "Blue", "Not rated", "Total"]
    assert [c.value for c in owners[2]] == ["Tom Brennan", 2, 2, 3, 1, 0, 8]
    assert owners["B2"].fill.fgColor.rgb.endswith("FFC7CE")


def test_chart_parts_in_the_package(dashboard):
    with zipfile.ZipFile(dashboard) as package:
        charts = sorted(n for n in package.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 3
        xml = [package.read(n).decode() for n in charts]
    assert sum("<c:barChart>" in x and '<c:grouping val="stacked"/>' in x for x in xml) == 2
    trend = next(x for x in xml if "<c:lineChart>" in x)
    assert trend.count("<c:ser>") == 4 and "'Chart data'" in trend


def test_register_text_is_never_a_formula(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(ref='=HYPERLINK("x")', row=2, progress="=1+1")])
    out = tmp_path / "d.xlsx"
    out.write_bytes(make_dashboard(path, tmp_path / "none.sqlite", TODAY))
    sheet = openpyxl.load_workbook(out)["All items"]
    assert sheet["B2"].value == '=HYPERLINK("x")' and sheet["B2"].data_type == "s"
    assert sheet["J2"].data_type == "s"


def test_publications_and_owners_most_red_first_then_amber_then_items_then_by_name():
    def rated(publication, owner, rag):
        return RatedItem(item(publication=publication, ref=f"R{rag.value}", owner=owner), Rating(rag, ""))

    rows = [
        ("P3", "Cy", Rag.GREEN),
        ("P2", "Bo", Rag.RED),
        ("P1", "Al", Rag.RED),
        ("P1", "Al", Rag.GREEN),
        ("P2", "Bo", Rag.GREEN),
        ("P2", "Bo", Rag.BLUE),
        ("P3", "", Rag.AMBER),
    ]
    report = StatusReport(TODAY, tuple(rated(*row) for row in rows))
    tables = _tables(dashboard_data(report, [], "OFFICIAL"))
    assert [name for name, _ in tables.publications] == ["P1", "P2", "P3"]  # ties keep name order
    assert [name for name, _ in tables.owners] == ["Al", "Bo", "(no owner)", "Cy"]
    assert [(name, counts["Red"], sum(counts.values())) for name, counts in tables.every_owner] == [
        ("Bo", 1, 3),  # as red as Al, more items
        ("Al", 1, 2),
        ("(no owner)", 0, 1),
        ("Cy", 0, 1),
    ]
    assert tables.counts == {"Red": 2, "Amber": 1, "Green": 3, "Blue": 1, "Not rated": 0}


def test_the_dashboard_loads_neither_pandas_nor_the_mail_stack(tmp_path):
    code = (
        "import sys\nfrom datetime import date\nfrom pathlib import Path\n"
        "import automation.run.reports\nfrom automation.reports.build import make_dashboard\n"
        f"make_dashboard(Path({str(ROOT / 'tracker.xlsx')!r}), Path({str(tmp_path / 'none.sqlite')!r}), date(2021, 10, 1))\n"
        "loaded = [m for m in ('pandas', 'automation.mail.deliver') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_dates_are_excels_day_numbers_on_both_sides_of_its_29_february_1900(tmp_path):
    from automation.reports.dashboard import write_dashboard

    days = [date(1900, 2, 28), date(1900, 3, 1), date(2021, 10, 1)]
    rated = tuple(
        RatedItem(item(ref=f"R{n}", row=n + 2, last_update=day), Rating(Rag.GREEN, "on track"))
        for n, day in enumerate(days)
    )
    out = tmp_path / "d.xlsx"
    out.write_bytes(write_dashboard(dashboard_data(StatusReport(TODAY, rated), [], "OFFICIAL")))
    with zipfile.ZipFile(out) as package:  # All items, the fifth sheet: Last update is column I
        xml = package.read("xl/worksheets/sheet5.xml").decode()
    assert re.findall(r'<c r="I[234]" s="\d+"><v>(\d+)</v></c>', xml) == ["59", "61", "44470"]
    sheet = openpyxl.load_workbook(out)["All items"]
    assert {sheet.cell(row, 9).number_format for row in (2, 3, 4)} == {"dd/mm/yyyy"}
