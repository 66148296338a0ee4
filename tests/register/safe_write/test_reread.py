"""The verifying re-read sees exactly what a full openpyxl load of the saved copy sees."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.formula import ArrayFormula

from automation.register.safe_write.package import Package
from automation.register.safe_write.reread import Unverifiable, reread
from automation.register.safe_write.state import snapshot
from automation.register.safe_write.verify import save_problems
from tests.register.workbooks import rich_register

SHIPPED = Path(__file__).parents[3] / "tracker.xlsx"


def saved(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def assert_same_as_full_load(data: bytes) -> None:
    interned: dict[object, object] = {}
    full = snapshot(openpyxl.load_workbook(io.BytesIO(data), rich_text=True), interned)
    with Package(data) as package:
        fast = reread(package, interned)
    assert save_problems(full, fast) == []
    assert save_problems(fast, full) == []
    assert fast == full


def awkward_workbook() -> openpyxl.Workbook:
    """Every kind of value and decoration openpyxl writes, in two sheets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Ref", "Text", "When", "Number", "Flag", "Formula"])
    ws.append(["R1", "  spaced  ", datetime(2024, 5, 6, 7, 8, 9, 123000), 1.5, True, "=B2&C2"])
    ws.append(["R2", "a & b < c > d \"q\" 'a'", date(2024, 1, 31), 12345678901, False, "=SUM(D2:D3)"])
    ws.append(["R3", "line one\nline two\ttab\r\ncarriage", time(13, 45), -0.25, None, '=IF(D2<1,"<",">")'])
    ws.append(["R4", "Café – naïve 😀 \u2028", timedelta(days=1, hours=3), 0, "#N/A", "text"])
    ws["F5"].data_type = "s"
    ws["E5"].data_type = "e"
    ws["F6"] = "=not a formula"
    ws["F6"].data_type = "s"
    ws["B6"] = CellRichText(["plain ", TextBlock(InlineFont(b=True, color="FF0000"), "bold red"), " tail"])
    ws["B7"] = CellRichText(["only plain"])
    ws["C6"] = ArrayFormula("C6:C7", "=D2:D3*2")
    ws["A8"] = ""
    ws["A9"].font = Font(name="Arial", italic=True)
    ws["B9"].fill = PatternFill("solid", fgColor="FFC7CE")
    ws["C9"].number_format = "dd/mm/yyyy"
    ws["C9"] = datetime(2021, 10, 1)
    ws["D9"].alignment = Alignment(wrap_text=True, vertical="top")
    ws["E9"].quotePrefix = True
    ws["E9"] = "=looks like a formula"
    ws["E9"].data_type = "s"
    ws["A2"].comment = Comment("Carried over", "DCI Smith")
    ws["A3"].hyperlink = "https://www.justiceinspectorates.gov.uk/hmicfrs/"
    ws["A3"].comment = Comment("Linked & noted", "Supt <Jones>")
    ws["G12"].hyperlink = "#Lists!A1"  # a link on an otherwise empty cell
    thick = Side(style="thick", color="000000")
    ws["A11"] = "Merged heading"
    ws["A11"].border = Border(top=thick, left=thick)
    ws["C12"].border = Border(bottom=thick, right=thick)
    ws.merge_cells("A11:C12")
    ws["E11"] = "Second merge"
    ws.merge_cells("E11:F11")
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[4].hidden = True
    ws.row_dimensions[5].outlineLevel = 1
    ws.row_dimensions[20].height = 12  # a row with a height and no cells
    ws.column_dimensions["B"].width = 40
    ws.freeze_panes = "B2"
    lists = wb.create_sheet("Lists")
    lists["A1"], lists["A2"] = "Open", "Closed"
    lists["B1"] = 3
    return wb


def test_every_kind_of_cell_reads_back_as_a_full_load_reads_it() -> None:
    assert_same_as_full_load(saved(awkward_workbook()))


def test_a_1904_workbook_reads_back_as_a_full_load_reads_it() -> None:
    wb = awkward_workbook()
    wb.epoch = openpyxl.utils.datetime.MAC_EPOCH
    assert_same_as_full_load(saved(wb))


def test_the_officers_register_reads_back_as_a_full_load_reads_it(tmp_path: Path) -> None:
    source = rich_register(tmp_path / "tracker.xlsx")
    assert_same_as_full_load(saved(openpyxl.load_workbook(source, rich_text=True)))


def test_the_shipped_register_reads_back_as_a_full_load_reads_it() -> None:
    assert_same_as_full_load(saved(openpyxl.load_workbook(SHIPPED, rich_text=True)))


def test_cells_in_other_forms_are_parsed_as_xml() -> None:
    """Excel's own forms (shared strings, extra attributes) are not openpyxl's, but a cell
    the scanner does not know is parsed as XML, not skipped."""
    data = saved(awkward_workbook())
    with Package(data) as package:
        part = package.sheets["Register"]
        xml = package.read(part)
    changed = xml.replace(b'<c r="D2" ', b'<c vm="1" r="D2" ', 1)
    assert changed != xml
    data_changed = _replace_part(data, part, changed)
    interned: dict[object, object] = {}
    with Package(data) as a, Package(data_changed) as b:
        assert reread(a, interned) == reread(b, interned)


def test_xml_it_cannot_follow_is_unverifiable() -> None:
    data = saved(awkward_workbook())
    with Package(data) as package:
        part = package.sheets["Register"]
        xml = package.read(part)
    broken = _replace_part(data, part, xml.replace(b"</row>", b"<mystery/></row>", 1))
    with Package(broken) as package, pytest.raises(Unverifiable, match="unexpected XML"):
        reread(package, {})


def _replace_part(data: bytes, part: str, xml: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, xml if info.filename == part else source.read(info.filename))
    return out.getvalue()
