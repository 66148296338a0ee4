"""Builders for real .xlsx files used by the write-back tests (XlsxWriter + zip surgery)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook as XWorkbook
from xlsxwriter.worksheet import Worksheet as XWorksheet

HEADERS = ["Ref", "Recommendation", "Owner", "Status", "Raised", "Deadline", "Days", "Notes"]
STATUSES = ["Open", "In progress", "Closed", "Red"]
ROWS = [
    (
        "R1",
        "Improve crime data integrity",
        "DCI Smith",
        "Open",
        date(2023, 1, 5),
        date(2024, 3, 31),
        "Board paper due",
    ),
    (
        "R2",
        "Review stop and search scrutiny",
        "Supt Jones",
        "In progress",
        date(2023, 2, 1),
        date(2024, 6, 30),
        None,
    ),
    (
        "R3",
        "Vetting backlog cleared\nwithin 12 months",
        "DCI Smith",
        "Red",
        date(2023, 3, 9),
        date(2024, 1, 31),
        "Escalated",
    ),
    ("R4", "Custody training refresh", "Insp Patel", "Closed", date(2022, 11, 20), date(2023, 12, 1), None),
]
LAST_ROW = 1 + len(ROWS)  # 1-based Excel row of the last data row (5)

Customise = Callable[[XWorkbook, XWorksheet], None]


def rich_register(path: Path, customise: Customise | None = None) -> Path:
    """A register like the officers': table, drop-downs, colours, dates, notes, formulas."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Register")
    lists = wb.add_worksheet("Lists")
    _fill_lists(wb, lists)
    _fill_register(wb, ws)
    summary = wb.add_worksheet("Summary")
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    summary.merge_range("A1:C1", "Recommendations summary", title)
    summary.write("A2", "Open")
    summary.write_formula("B2", '=COUNTIF(Register!D:D,"Open")', None, 1)
    if customise is not None:
        customise(wb, ws)
    wb.close()
    return path


def _fill_lists(wb: XWorkbook, lists: XWorksheet) -> None:
    for i, status in enumerate(STATUSES):
        lists.write(i, 0, status)
    wb.define_name("StatusList", f"=Lists!$A$1:$A${len(STATUSES)}")
    wb.define_name("Lists!LocalName", "=Lists!$B$1")


def _fill_register(wb: XWorkbook, ws: XWorksheet) -> None:
    dmy = wb.add_format({"num_format": "dd/mm/yyyy", "align": "center"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "font_name": "Arial"})
    data = [[r[0], r[1], r[2], r[3], r[4], r[5], None, r[6]] for r in ROWS]
    columns = [{"header": h} for h in HEADERS]
    columns[1]["format"] = wrap
    columns[4]["format"] = dmy
    columns[5]["format"] = dmy
    columns[6] = {"header": "Days", "formula": "=[@Deadline]-[@Raised]"}
    ws.add_table(
        0,
        0,
        LAST_ROW - 1,
        len(HEADERS) - 1,
        {"name": "Recs", "data": data, "columns": columns, "style": "Table Style Medium 2"},
    )
    ws.freeze_panes(1, 0)
    ws.set_column("A:A", 8)
    ws.set_column("B:B", 40)
    ws.set_column("C:D", 16)
    ws.set_column("E:F", 12)
    ws.set_row(2, 30)
    ws.data_validation(f"D2:D{LAST_ROW}", {"validate": "list", "source": "=StatusList"})
    ws.data_validation(
        f"C2:C{LAST_ROW}", {"validate": "list", "source": ["DCI Smith", "Supt Jones", "Insp Patel"]}
    )
    red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    ws.conditional_format(
        f"D2:D{LAST_ROW}", {"type": "cell", "criteria": "==", "value": '"Red"', "format": red}
    )
    ws.conditional_format(f"A2:H{LAST_ROW}", {"type": "formula", "criteria": "=$F2<TODAY()", "format": red})
    ws.write_comment("A2", "Carried over from the 2022 inspection", {"author": "DCI Smith"})
    ws.write_comment("D4", "Chief officer briefed", {"author": "Supt Jones"})


# --------------------------------------------------------------------------- zip surgery

X14_VALIDATION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
    "<x14:formula1><xm:f>Lists!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>H2:H5</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations></ext></extLst>"
)

THREADED = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
    '<threadedComment ref="B3" dT="2024-01-02T10:00:00.00" '
    'personId="{11111111-2222-3333-4444-555555555555}" '
    'id="{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}"><text>Is this still on track?</text>'
    "</threadedComment></ThreadedComments>"
)
PERSONS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
    '<person displayName="DCI Smith" id="{11111111-2222-3333-4444-555555555555}" '
    'userId="dci.smith@force.example" providerId="AD"/></personList>'
)
THREADED_REL = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
PERSON_REL = "http://schemas.microsoft.com/office/2017/10/relationships/person"


def edit_zip(path: Path, edits: dict[str, Callable[[bytes | None], bytes]]) -> None:
    """Rewrite ``path`` with each named part replaced by ``edit(old bytes or None)``."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    for name, edit in edits.items():
        parts[name] = edit(parts.get(name))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def inject_x14_validation(path: Path) -> None:
    edit_zip(path, {"xl/worksheets/sheet1.xml": lambda old: _before_end(old, X14_VALIDATION)})


def inject_threaded_comment(path: Path) -> None:
    def types(old: bytes | None) -> bytes:
        extra = (
            '<Override PartName="/xl/threadedComments/threadedComment1.xml" '
            'ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
            '<Override PartName="/xl/persons/person.xml" '
            'ContentType="application/vnd.ms-excel.person+xml"/>'
        )
        return _before_end(old, extra)

    edit_zip(
        path,
        {
            "[Content_Types].xml": types,
            "xl/threadedComments/threadedComment1.xml": lambda _: THREADED.encode(),
            "xl/persons/person.xml": lambda _: PERSONS.encode(),
            "xl/worksheets/_rels/sheet1.xml.rels": lambda old: _add_rel(
                old, "rIdTc1", THREADED_REL, "../threadedComments/threadedComment1.xml"
            ),
            "xl/_rels/workbook.xml.rels": lambda old: _add_rel(
                old, "rIdP1", PERSON_REL, "persons/person.xml"
            ),
        },
    )


def _add_rel(old: bytes | None, rid: str, kind: str, target: str) -> bytes:
    return _before_end(old, f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>')


def _before_end(old: bytes | None, extra: str) -> bytes:
    """Insert ``extra`` just before the closing tag of the root element."""
    assert old is not None
    text = old.decode()
    match = list(re.finditer(r"</[A-Za-z:]+>\s*$", text))[-1]
    return (text[: match.start()] + extra + text[match.start() :]).encode()


def excel_owner_file(user: str) -> bytes:
    """Bytes shaped like Excel's ``~$`` owner file: ANSI name padded to 54, then UTF-16 name."""
    ansi = bytes([len(user)]) + user.encode("cp1252")
    ansi = ansi.ljust(54, b" ")
    wide = bytes([len(user), 0]) + user.encode("utf-16-le")
    return (ansi + wide).ljust(165, b" ")


LABEL_INFO = (
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
    '<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">'
    '<clbl:label id="{00000000-0000-0000-0000-000000000001}" enabled="1" method="Standard" '
    'siteId="{00000000-0000-0000-0000-000000000002}" removed="0"/></clbl:labelList>'
)


def inject_sensitivity_label(path: Path) -> None:
    """Add the Microsoft Purview label part Excel writes for labelled workbooks."""
    override = (
        '<Override PartName="/docMetadata/LabelInfo.xml" '
        'ContentType="application/vnd.ms-office.classificationlabels+xml"/>'
    )
    rel = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
    edit_zip(
        path,
        {
            "[Content_Types].xml": lambda old: _before_end(old, override),
            "docMetadata/LabelInfo.xml": lambda _: LABEL_INFO.encode(),
            "_rels/.rels": lambda old: _add_rel(old, "rIdL1", rel, "docMetadata/LabelInfo.xml"),
        },
    )
