from datetime import date, datetime

import openpyxl
import pytest

from automation.core.errors import RegisterLayoutError, RegisterUnreadable
from automation.core.model import Kind, Status
from automation.register.load import load_register
from tests.builders import PUB, item, workbook


def free_layout(path, *, epoch_1904=False):
    """A register an officer built by hand: title rows, odd header case, own column."""
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "  register "
    sheet["B1"] = "HMICFRS recommendations - master copy"
    sheet.append([])
    sheet.append(
        [
            None,
            "STATUS",
            "  ref ",
            "publication",
            "Kind",
            "Deadline (date)",
            "Officer's notes",
            "Last Update Date",
            "Owner",
        ]
    )
    sheet.append(
        [
            None,
            "In progress",
            "Rec 1",
            PUB,
            "recommendation",
            datetime(2021, 8, 31),
            "chased 1/9",
            "01/09/2021",
            "Dana Whitfield",
        ]
    )
    sheet.append([])
    sheet.append([None, "Closed", "AFI 2", PUB, "Area for improvement", "March 2022", None, None, ""])
    book.save(path)
    return path


def test_finds_sheet_and_columns_by_name_wherever_they_are(tmp_path):
    register = load_register(free_layout(tmp_path / "r.xlsx"))
    first, second = register.items
    assert (first.ref, first.publication, first.status, first.kind) == (
        "Rec 1",
        PUB,
        Status.IN_PROGRESS,
        Kind.RECOMMENDATION,
    )
    assert first.deadline_date == date(2021, 8, 31)
    assert first.last_update == date(2021, 9, 1)
    assert first.row == 4
    assert str(first.cell("deadline_date")) == "'  register '!F4"
    assert second.row == 6  # the blank row between them is skipped
    assert second.kind is Kind.AREA_FOR_IMPROVEMENT
    assert first.extra == {"Officer's notes": "chased 1/9"}
    assert register.extra_columns == ("Officer's notes",)


def test_month_only_and_text_dates_are_read_and_reported(tmp_path):
    register = load_register(free_layout(tmp_path / "r.xlsx"))
    assert register.items[1].deadline_date == date(2022, 3, 31)
    by_cell = {p.cell: p for p in register.problems}
    assert "read as 31/03/2022" in by_cell["F6"].message
    assert by_cell["F6"].severity.value == "warning"
    assert "typed as text" in by_cell["H4"].message


def test_1904_date_system(tmp_path):
    register = load_register(free_layout(tmp_path / "r.xlsx", epoch_1904=True))
    assert register.items[0].deadline_date == date(2021, 8, 31)


def test_missing_register_sheet_lists_what_was_found(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.create_sheet("Notes")
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(RegisterLayoutError) as caught:
        load_register(tmp_path / "r.xlsx")
    assert "has no Register sheet (found: Sheet1, Notes)" in caught.value.message


def test_missing_required_column_lists_the_headers_found(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Register"
    book.active.append(["Publication", "Ref", "Owner"])
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(RegisterLayoutError) as caught:
        load_register(tmp_path / "r.xlsx")
    message = caught.value.message
    assert "row 1 has no Status or Kind column (found: Publication, Ref, Owner)" in message
    assert "add the columns Status, Kind" in message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "does not exist"),
        (b"", "is empty"),
        (b"Publication,Ref\n", "is not a workbook tracker can read (.xlsx, .xlsm, .xls or .ods)"),
        (b"PK\x03\x04 truncated zip", "is not a workbook tracker can read"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "protected with a password",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "is damaged and cannot be read"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, reason):
    path = tmp_path / "r.xlsx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RegisterUnreadable) as caught:
        load_register(path)
    assert reason in caught.value.message
    assert caught.value.exit_code == 2


def test_damaged_workbook(tmp_path):
    import zipfile

    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(RegisterUnreadable) as caught:
        load_register(path)
    assert "is damaged" in caught.value.message


def test_excel_error_values_are_found_by_cell(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [item(), item(ref="Recommendation 2", row=3)])
    book = openpyxl.load_workbook(path)
    book["Register"]["F2"] = "#REF!"  # a typed error string
    cell = book["Register"]["I3"]
    cell.value, cell.data_type = "#N/A", "e"  # a real error value
    book.save(path)
    problems = {p.cell: p for p in load_register(path).problems}
    assert problems["F2"].message == "holds an Excel error value"
    assert problems["I3"].message == "holds an Excel error value"
    assert (problems["F2"].value, problems["I3"].value) == ("#REF!", "#N/A")  # as Excel shows it


def test_template_round_trip(tmp_path):
    original = item(
        target_date=date(2021, 12, 1),
        deadline_text="By 31 August 2021",
        deadline_date=date(2021, 8, 31),
        cause_for_concern=True,
        applies_to_force=True,
        last_update=date(2021, 9, 20),
        addressees="Chief constables",
    )
    register = load_register(workbook(tmp_path / "r.xlsx", [original]))
    (read,) = register.items
    for field in (
        "publication",
        "ref",
        "kind",
        "status",
        "owner",
        "target_date",
        "deadline_date",
        "deadline_text",
        "cause_for_concern",
        "applies_to_force",
        "last_update",
        "addressees",
        "text",
    ):
        assert getattr(read, field) == getattr(original, field), field
    assert register.settings.amber_days == 30
    assert [o.name for o in register.owners] == ["Dana Whitfield", "Tom Brennan"]
    assert register.publication(PUB.upper()).published == date(2021, 7, 13)


def test_rows_without_publication_or_ref_are_reported_and_blank_rows_skipped(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["Publication", "Ref", "Kind", "Owner", "Status"])
    sheet.append([PUB, "Rec 1", "Recommendation", "Dana Whitfield", "In progress"])
    sheet.append([None, None, None, "Sam Okafor", None])  # data, but not an item
    sheet.append([])
    sheet.append([None, "Rec 2"])  # an item with no publication: its first cell is blank
    sheet.append([PUB, "Rec 3", None, None, None, None, "a note beyond the table"])
    book.save(tmp_path / "r.xlsx")
    for for_rating in (False, True):
        register = load_register(tmp_path / "r.xlsx", for_rating=for_rating)
        assert [(i.row, i.publication, i.ref) for i in register.items] == [
            (2, PUB, "Rec 1"),
            (5, "", "Rec 2"),
            (6, PUB, "Rec 3"),
        ]
        (not_item,) = [p for p in register.problems if "no Publication or Ref" in p.message]
        assert (not_item.cell, not_item.severity.value) == ("A3", "warning")
