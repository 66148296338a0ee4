"""The register tracker writes (``tracker init``, the shipped demo) reads well outside Excel and
prints sensibly: Guide first and Lists hidden, rows tall enough for their wrapped text, every
sheet A4 landscape one page wide with its header row on every page, a filter on the header,
and drop-downs, colours and formulas over the same rows. LibreOffice prints it to check."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.cell_range import CellRange

from automation.register.schema import REGISTER
from automation.run.demo import build_demo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    build_demo(path)
    return path


def test_guide_first_lists_hidden_and_it_opens_on_the_register(demo):
    book = openpyxl.load_workbook(demo)
    assert book.sheetnames[0] == "Guide"
    assert book["Lists"].sheet_state == "hidden"
    assert book.active.title == "Register"


def test_every_printed_sheet_is_landscape_one_page_wide_with_its_header_repeated(demo):
    book = openpyxl.load_workbook(demo)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0), (
            sheet.title
        )  # 1 is the default
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    for title in ("Register", "Owners", "Publications", "Updates"):
        assert book[title].print_title_rows in ("1:1", "$1:$1"), title
        assert book[title].tables, title  # the header carries a filter


def test_rows_are_tall_enough_for_their_wrapped_text(demo):
    sheet = openpyxl.load_workbook(demo)["Register"]
    text = next(n for n, c in enumerate(REGISTER.columns, start=1) if c.key == "text")
    long_rows = [r for r in range(2, 95) if len(str(sheet.cell(r, text).value or "")) > 300]
    assert long_rows
    assert all((sheet.row_dimensions[r].height or 0) >= 60 for r in long_rows)


def test_drop_downs_colours_and_formulas_reach_the_same_rows(demo):
    sheet = openpyxl.load_workbook(demo)["Register"]
    reach = {
        CellRange(str(r)).max_row for dv in sheet.data_validations.dataValidation for r in dv.sqref.ranges
    }
    reach |= {CellRange(str(r)).max_row for cf in sheet.conditional_formatting for r in cf.sqref.ranges}
    [last] = reach
    assert last > 94  # blank rows below the items, ready to type in
    rag = next(n for n, c in enumerate(REGISTER.columns, start=1) if c.key == "rag")
    due = next(n for n, c in enumerate(REGISTER.columns, start=1) if c.key == "due")
    for row in range(2, last + 1):
        assert str(sheet.cell(row, rag).value).startswith("=IF("), row
        assert str(sheet.cell(row, due).value).startswith("=IF("), row
    assert sheet.cell(last + 1, rag).value is None


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_it_prints_on_a_handful_of_pages(demo, tmp_path):
    profile = (tmp_path / "profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    done = subprocess.run([*command, "--outdir", str(tmp_path), str(demo)], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pages = len(re.findall(rb"/Type\s*/Page[^s]", (tmp_path / "demo.pdf").read_bytes()))
    assert 5 <= pages <= 14  # Guide, Register, Owners, Publications, Updates, Settings; was 27
