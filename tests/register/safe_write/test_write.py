"""Guarded write-back to the officers' register: real .xlsx files, real openpyxl read-back."""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from copy import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import filelock
import openpyxl
import pytest
import xlsxwriter
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList
from PIL import Image as PILImage

from automation.core.errors import (
    CannotRun,
    RegisterLayoutError,
    RegisterUnreadable,
    WorkbookInUse,
    WriteRefused,
)
from automation.register.safe_write import files, write
from automation.register.safe_write.append import append_rows
from automation.register.safe_write.write import WriteResult, guarded_update
from tests.register.workbooks import (
    LAST_ROW,
    edit_zip,
    excel_owner_file,
    inject_sensitivity_label,
    inject_threaded_comment,
    inject_x14_validation,
    rich_register,
)

NOW = datetime(2024, 5, 6, 7, 8, 9)
NEW_ROWS: list[dict[str, Any]] = [
    {
        "Ref": "R5",
        " recommendation ": "Publish the action plan",
        "STATUS": "Open",
        "Raised": date(2024, 5, 1),
        "Deadline": date(2024, 9, 30),
    },
    {"ref": "R6", "Owner": "Insp Patel", "Notes": "=not a formula"},
]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def styles(cell: Any) -> tuple[Any, ...]:
    # copy(): two StyleProxy objects never compare equal, even for identical styles
    return tuple(copy(getattr(cell, name)) for name in ("font", "fill", "border", "alignment"))


def add_two_rows(wb: Workbook) -> None:
    append_rows(wb["Register"], NEW_ROWS)


def leftovers(folder: Path) -> list[str]:
    """Files other than the workbook, its lock file and the backups folder."""
    return sorted(
        p.name for p in folder.iterdir() if p.name not in {"tracker.xlsx", "tracker.xlsx.lock", "backups"}
    )


def assert_untouched(path: Path, digest: str) -> None:
    assert sha(path) == digest
    assert leftovers(path.parent) == []


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return rich_register(tmp_path / "tracker.xlsx")


# --------------------------------------------------------------------------- the happy path


@pytest.fixture
def appended(register: Path) -> tuple[Path, bytes, WriteResult]:
    original = register.read_bytes()
    result = guarded_update(register, add_two_rows, now=NOW)
    return register, original, result


def test_append_keeps_every_existing_cell_and_format(
    appended: tuple[Path, bytes, WriteResult], tmp_path: Path
) -> None:
    path, original, _ = appended
    before_path = tmp_path / "before.xlsx"
    before_path.write_bytes(original)
    old = openpyxl.load_workbook(before_path)
    new = openpyxl.load_workbook(path)
    for ws in old.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                after = new[ws.title][cell.coordinate]
                assert (after.value, after.number_format) == (cell.value, cell.number_format)
                assert styles(after) == styles(cell), f"{ws.title}!{cell.coordinate}"
                assert (after.comment.text if after.comment else None) == (
                    cell.comment.text if cell.comment else None
                )
    reg = new["Register"]
    assert reg.freeze_panes == "A2"
    assert reg.column_dimensions["B"].width == old["Register"].column_dimensions["B"].width
    assert new["Summary"].merged_cells.ranges == old["Summary"].merged_cells.ranges
    assert set(new.defined_names) == {"StatusList"}
    assert new["Lists"].defined_names["LocalName"].attr_text == "Lists!$B$1"


def test_append_writes_new_rows_and_grows_table_dropdowns_and_colours(
    appended: tuple[Path, bytes, WriteResult],
) -> None:
    path, _, result = appended
    wb = openpyxl.load_workbook(path)
    ws = wb["Register"]
    r5, r6 = LAST_ROW + 1, LAST_ROW + 2
    assert [ws.cell(r5, c).value for c in range(1, 5)] == ["R5", "Publish the action plan", None, "Open"]
    assert ws.cell(r5, 5).value == datetime(2024, 5, 1)
    assert ws.cell(r5, 5).number_format == "dd/mm/yyyy"  # copied from the row above
    assert ws.cell(r5, 2).alignment.wrap_text  # wrapped like the row above
    assert ws.cell(r5, 7).value == ws.cell(LAST_ROW, 7).value  # table formula carried down
    assert ws.cell(r6, 8).value == "=not a formula" and ws.cell(r6, 8).data_type == "s"
    assert ws.tables["Recs"].ref == f"A1:H{r6}"
    assert ws.tables["Recs"].autoFilter.ref == f"A1:H{r6}"
    assert sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation) == [f"C2:C{r6}", f"D2:D{r6}"]
    assert sorted(str(cf.sqref) for cf in ws.conditional_formatting) == [f"A2:H{r6}", f"D2:D{r6}"]
    assert wb.calculation.fullCalcOnLoad is True
    assert result.changed_cells == (
        f"Register!A{r5}",
        f"Register!B{r5}",
        f"Register!D{r5}",
        f"Register!E{r5}",
        f"Register!F{r5}",
        f"Register!G{r5}",
        f"Register!A{r6}",
        f"Register!C{r6}",
        f"Register!G{r6}",
        f"Register!H{r6}",
    )


def test_backup_is_byte_identical_and_no_temp_files_left(appended: tuple[Path, bytes, WriteResult]) -> None:
    path, original, result = appended
    assert result.backup == path.parent / "backups" / "tracker.backup-20240506-070809.xlsx"
    assert result.backup.read_bytes() == original
    assert leftovers(path.parent) == []
    assert sorted(p.name for p in result.backup.parent.iterdir()) == [result.backup.name]
    assert any("cached formula results" in note for note in result.notes)


def test_rows_written_directly_below_a_table_grow_it_without_append_rows(register: Path) -> None:
    def raw(wb: Workbook) -> None:
        wb["Register"].cell(LAST_ROW + 1, 1, "R9")

    guarded_update(register, raw, now=NOW)
    assert openpyxl.load_workbook(register)["Register"].tables["Recs"].ref == f"A1:H{LAST_ROW + 1}"


def test_second_backup_in_the_same_second_gets_its_own_name(register: Path) -> None:
    first = guarded_update(register, lambda wb: None, now=NOW)
    second = guarded_update(register, lambda wb: None, now=NOW)
    assert first.backup != second.backup and second.backup.exists()
    assert first.changed_cells == second.changed_cells == ()


def test_workbook_with_a_picture_is_kept_when_pillow_is_installed(tmp_path: Path) -> None:
    png = tmp_path / "crest.png"
    PILImage.new("RGB", (4, 4), "navy").save(png)
    path = rich_register(tmp_path / "tracker.xlsx", lambda wb, ws: ws.insert_image("J2", str(png)))
    guarded_update(path, add_two_rows, now=NOW)
    assert len(openpyxl.load_workbook(path)["Register"]._images) == 1


# --------------------------------------------------------------------------- someone else has it


def test_owner_file_refuses_and_names_the_user(register: Path) -> None:
    owner = register.with_name("~$tracker.xlsx")
    owner.write_bytes(excel_owner_file("PC 1234 Jane Doe"))
    digest = sha(register)
    with pytest.raises(WorkbookInUse) as err:
        guarded_update(register, add_two_rows, now=NOW)
    message = str(err.value)
    assert "~$tracker.xlsx" in message and "PC 1234 Jane Doe" in message
    assert "close the workbook in Excel" in message and "stale" in message
    assert sha(register) == digest and owner.exists()
    assert not (register.parent / "backups").exists()


def test_unreadable_owner_file_still_refuses(register: Path) -> None:
    register.with_name("~$tracker.xlsx").write_bytes(b"")
    with pytest.raises(WorkbookInUse, match="someone has the workbook open"):
        guarded_update(register, add_two_rows, now=NOW)


def test_a_workbook_open_in_libreoffice_is_refused_and_names_the_user(register: Path) -> None:
    """LibreOffice takes no lock Excel or tracker would see; its next save would overwrite ours."""
    lock = register.with_name(".~lock.tracker.xlsx#")
    lock.write_text(",jdoe,pc-0142,01.12.2026 08:00,file:///home/jdoe/.config/libreoffice/4;")
    digest = sha(register)
    with pytest.raises(WorkbookInUse) as err:
        guarded_update(register, add_two_rows, now=NOW)
    message = str(err.value)
    assert "jdoe has the workbook open in LibreOffice (lock file .~lock.tracker.xlsx# exists)" in message
    assert "close the workbook in LibreOffice" in message and "stale" in message
    assert err.value.exit_code == 2
    assert sha(register) == digest and lock.exists()
    assert not (register.parent / "backups").exists()


def test_a_workbook_saved_as_strict_open_xml_is_refused_with_how_to_save_it(register: Path) -> None:
    """Excel's 'Strict Open XML Spreadsheet' is read by the reader but not by openpyxl, which
    opened it as a workbook with no sheets."""

    def strict(old: bytes | None) -> bytes:
        assert old is not None
        transitional = b"http://schemas.openxmlformats.org/"
        return old.replace(
            transitional + b"spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"
        ).replace(
            transitional + b"officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        )

    with zipfile.ZipFile(register) as zf:
        parts = [n for n in zf.namelist() if n.endswith((".xml", ".rels"))]
    edit_zip(register, dict.fromkeys(parts, strict))
    digest = sha(register)
    with pytest.raises(RegisterUnreadable) as err:
        guarded_update(register, add_two_rows, now=NOW)
    assert err.value.exit_code == 2
    assert err.value.what == (
        "the workbook is saved as Strict Open XML, which tracker can read but cannot update"
    )
    assert "Excel Workbook (.xlsx)" in err.value.fix
    assert sha(register) == digest and not (register.parent / "backups").exists()


def test_lock_held_by_another_job_times_out(register: Path) -> None:
    digest = sha(register)
    with (
        filelock.FileLock(str(register) + ".lock"),
        pytest.raises(WorkbookInUse, match=r"tracker\.xlsx\.lock"),
    ):
        guarded_update(register, add_two_rows, now=NOW, lock_timeout=0.1)
    assert sha(register) == digest


def test_owner_file_appearing_during_the_update_refuses(register: Path) -> None:
    digest = sha(register)

    def opened_meanwhile(wb: Workbook) -> None:
        add_two_rows(wb)
        register.with_name("~$tracker.xlsx").write_bytes(excel_owner_file("Jane"))

    with pytest.raises(WorkbookInUse, match="Jane"):
        guarded_update(register, opened_meanwhile, now=NOW)
    assert sha(register) == digest
    assert leftovers(register.parent) == ["~$tracker.xlsx"]


def test_a_read_only_workbook_is_refused_and_stays_read_only(register: Path) -> None:
    register.chmod(0o444)  # what Windows' Read-only box sets; the mode bits hold even for root
    digest = sha(register)
    with pytest.raises(CannotRun) as err:
        guarded_update(register, add_two_rows, now=NOW)
    assert err.value.exit_code == 2
    assert err.value.message == (
        f"{register}: the workbook is read-only, so tracker will not change it (nothing was changed; "
        "if it should be updated, make it writable and run again: in Windows, right-click it > "
        "Properties > untick Read-only; elsewhere, chmod u+w tracker.xlsx)"
    )
    assert_untouched(register, digest)
    assert stat.S_IMODE(register.stat().st_mode) == 0o444
    assert not (register.parent / "backups").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file: the refusal cannot be shown")
def test_a_workbook_this_account_may_not_write_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    register = rich_register(folder / "tracker.xlsx")
    register.chmod(0o466)  # writable by others, not by its owner: this account may not write it
    with pytest.raises(CannotRun, match="this account may not write to the workbook"):
        guarded_update(register, add_two_rows, now=NOW)


def test_workbook_saved_by_someone_else_during_the_update_refuses(register: Path) -> None:
    def saved_meanwhile(wb: Workbook) -> None:
        add_two_rows(wb)
        register.write_bytes(register.read_bytes() + b"\0")

    with pytest.raises(WriteRefused, match="changed by someone else"):
        guarded_update(register, saved_meanwhile, now=NOW)
    assert leftovers(register.parent) == []


# --------------------------------------------------------------------------- would lose something


def test_x14_dropdown_refuses_naming_sheet_and_fix(register: Path) -> None:
    inject_x14_validation(register)
    digest = sha(register)
    with pytest.raises(WriteRefused) as err:
        guarded_update(register, add_two_rows, now=NOW)
    message = str(err.value)
    assert "sheet 'Register'" in message and "Excel 2010 extension (x14)" in message
    assert "named range" in message
    assert_untouched(register, digest)
    assert not (register.parent / "backups").exists()


def test_threaded_comments_and_people_refuse(register: Path) -> None:
    inject_threaded_comment(register)
    digest = sha(register)
    with pytest.raises(WriteRefused) as err:
        guarded_update(register, add_two_rows, now=NOW)
    assert "sheet 'Register': threaded comments" in str(err.value)
    assert "people list" in str(err.value)
    assert_untouched(register, digest)


def test_sensitivity_label_part_refuses(register: Path) -> None:
    inject_sensitivity_label(register)
    digest = sha(register)
    with pytest.raises(WriteRefused, match="sensitivity label"):
        guarded_update(register, add_two_rows, now=NOW)
    assert_untouched(register, digest)


@pytest.mark.parametrize(
    ("customise", "expected"),
    [
        (lambda wb, ws: ws.add_sparkline("J2", {"range": "Register!E2:F2"}), "sparklines"),
        (lambda wb, ws: ws.insert_textbox("J4", "Draft - do not circulate"), "text boxes"),
        (lambda wb, ws: ws.conditional_format("E2:E5", {"type": "data_bar", "data_bar_2010": True}), "(x14"),
        (lambda wb, ws: _chart(wb, ws), "charts"),
    ],
    ids=["sparkline", "textbox", "databar-x14", "chart"],
)
def test_features_openpyxl_cannot_keep_refuse(tmp_path: Path, customise: Any, expected: str) -> None:
    path = rich_register(tmp_path / "tracker.xlsx", customise)
    digest = sha(path)
    with pytest.raises(WriteRefused, match=r"(?s)sheet 'Register'.*" + expected.replace("(", r"\(")):
        guarded_update(path, add_two_rows, now=NOW)
    assert_untouched(path, digest)


def _chart(wb: Any, ws: Any) -> None:
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Register!$E$2:$E$5"})
    ws.insert_chart("J8", chart)


# --------------------------------------------------------------------------- failures


def test_mutate_that_raises_leaves_the_original(register: Path) -> None:
    digest = sha(register)

    def broken(wb: Workbook) -> None:
        add_two_rows(wb)
        raise RuntimeError("bug in the caller")

    with pytest.raises(RuntimeError, match="bug in the caller"):
        guarded_update(register, broken, now=NOW)
    assert_untouched(register, digest)


def test_mutate_that_removes_a_dropdown_is_refused(register: Path) -> None:
    digest = sha(register)

    def too_much(wb: Workbook) -> None:
        wb["Register"].data_validations = DataValidationList()

    with pytest.raises(WriteRefused, match="changed more than cell values"):
        guarded_update(register, too_much, now=NOW)
    assert_untouched(register, digest)


def test_unknown_header_names_the_columns(register: Path) -> None:
    with pytest.raises(RegisterLayoutError, match="Rank"):
        guarded_update(register, lambda wb: append_rows(wb["Register"], [{"Rank": "PC"}]))


def _drop_validations(wb: Workbook) -> None:
    wb["Register"].data_validations = DataValidationList()


def _restyle_a_cell(wb: Workbook) -> None:
    wb["Register"]["B3"].font = Font(name="Comic Sans MS")


def _lose_a_comment(wb: Workbook) -> None:
    wb["Register"]["A2"].comment = None


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_drop_validations, "data validation"),
        (_restyle_a_cell, "Register!B3: font"),
        (_lose_a_comment, "Register!A2: comment"),
    ],
    ids=["drops-dropdown", "restyles-cell", "loses-note"],
)
def test_verify_catches_a_damaging_save(
    register: Path, monkeypatch: pytest.MonkeyPatch, damage: Any, expected: str
) -> None:
    real_save = write._save

    def damaging_save(wb: Workbook, target: Path) -> None:
        damage(wb)
        real_save(wb, target)

    monkeypatch.setattr(write, "_save", damaging_save)
    digest = sha(register)
    with pytest.raises(WriteRefused, match="did not match") as err:
        guarded_update(register, add_two_rows, now=NOW)
    assert expected in str(err.value)
    assert_untouched(register, digest)


def test_missing_workbook(tmp_path: Path) -> None:
    with pytest.raises(RegisterUnreadable, match="does not exist"):
        guarded_update(tmp_path / "tracker.xlsx", add_two_rows)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Ref,Recommendation\nR1,x\n", "not a zip"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "password-protected"),
        (b"PK\x03\x04broken", "cannot be opened"),
    ],
    ids=["csv", "encrypted-or-xls", "corrupt-zip"],
)
def test_not_a_workbook(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(content)
    with pytest.raises(RegisterUnreadable, match=expected):
        guarded_update(path, add_two_rows)
    assert path.read_bytes() == content


# --------------------------------------------------------------------------- other layouts


def plain_register(path: Path) -> Path:
    """An openpyxl-built register without an Excel table: title rows, then a header on row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws["A1"] = "Force inspection register"
    ws.append([])
    ws.append(["Ref", "Deadline", "RAG"])
    for n, day in enumerate((date(2024, 1, 31), date(2024, 2, 29)), start=1):
        ws.append([f"R{n}", day, f'=IF(B{n + 3}<TODAY(),"Red","Green")'])
        ws.cell(n + 3, 2).number_format = "dd/mm/yyyy"
        ws.cell(n + 3, 1).font = Font(bold=True)
    dv = DataValidation(type="list", formula1='"Red,Green"')
    dv.add("C4:C5")
    ws.add_data_validation(dv)
    red = PatternFill("solid", fgColor="FFC7CE")
    ws.conditional_formatting.add("C4:C5", CellIsRule(operator="equal", formula=['"Red"'], fill=red))
    ws["A4"].hyperlink = "https://example.org/report#rec1"
    wb.save(path)
    return path


def test_plain_sheet_header_below_title_rows(tmp_path: Path) -> None:
    path = plain_register(tmp_path / "tracker.xlsx")
    result = guarded_update(
        path, lambda wb: append_rows(wb["Register"], [{"ref": "R3", "deadline": date(2024, 3, 31)}]), now=NOW
    )
    ws = openpyxl.load_workbook(path)["Register"]
    assert (ws["A6"].value, ws["A6"].font.b, ws["B6"].number_format) == ("R3", True, "dd/mm/yyyy")
    assert ws["C6"].value == '=IF(B6<TODAY(),"Red","Green")'  # formula carried down, adjusted
    assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == ["C4:C6"]
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["C4:C6"]
    assert ws["A4"].hyperlink.target == "https://example.org/report#rec1"
    assert result.changed_cells == ("Register!A6", "Register!B6", "Register!C6")


def test_table_with_totals_row_is_not_appended_below(tmp_path: Path) -> None:
    path = rich_register(tmp_path / "tracker.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Register"].tables["Recs"].totalsRowCount = 1
    wb.save(path)
    with pytest.raises(RegisterLayoutError, match="totals row"):
        guarded_update(path, add_two_rows, now=NOW)


def test_macro_workbook_keeps_its_vba_project(tmp_path: Path) -> None:
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0 not really a VBA project" * 4)
    path = tmp_path / "tracker.xlsm"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Register")
    sheet.write_row(0, 0, ["Ref", "Notes"])
    sheet.write_row(1, 0, ["R1", "first"])
    book.add_vba_project(str(vba))
    book.close()
    result = guarded_update(path, lambda wb: append_rows(wb["Register"], [{"Ref": "R2"}]), now=NOW)
    assert result.changed_cells == ("Register!A3",)
    with zipfile.ZipFile(path) as zf:
        assert zf.read("xl/vbaProject.bin") == vba.read_bytes()


def test_mutate_that_clears_an_officers_value_is_refused(register: Path) -> None:
    digest = sha(register)

    def clears(wb: Workbook) -> None:
        wb["Register"]["H2"] = None

    with pytest.raises(WriteRefused, match=r"Register!H2: value 'Board paper due' was cleared"):
        guarded_update(register, clears, now=NOW)
    assert_untouched(register, digest)


def test_overwriting_a_value_is_allowed_and_reported(register: Path) -> None:
    result = guarded_update(register, lambda wb: wb["Register"].cell(3, 8, "Chased"), now=NOW)
    assert result.changed_cells == ("Register!H3",)
    assert openpyxl.load_workbook(register)["Register"]["H3"].value == "Chased"


def test_sheet_settings_openpyxl_drops_are_found_by_comparison(tmp_path):
    """Not only the listed extensions: anything a save would drop from a sheet refuses."""
    import io
    import zipfile

    from automation.register.template import write_register

    path = tmp_path / "r.xlsx"
    write_register(path)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":  # the Register, after the Guide
                data = data.replace(
                    b"<legacyDrawing",
                    b'<ignoredErrors><ignoredError sqref="B2:B9" '
                    b'numberStoredAsText="1"/></ignoredErrors><legacyDrawing',
                    1,
                )
            target.writestr(info, data)
    path.write_bytes(out.getvalue())
    before = path.read_bytes()
    with pytest.raises(WriteRefused, match="green error triangles someone chose to ignore"):
        guarded_update(path, lambda wb: None, backup_dir=tmp_path / "b")
    assert path.read_bytes() == before


def test_a_new_sheet_after_the_others_is_written_and_verified(register: Path) -> None:
    def add_log(wb: Workbook) -> None:
        log = wb.create_sheet("Updates")
        log["A1"], log["B1"] = "Received", "Update"
        log["A2"], log["B2"] = date(2026, 11, 30), "=not a formula"
        log["B2"].data_type = "s"

    result = guarded_update(register, add_log)

    book = openpyxl.load_workbook(register)
    assert book.sheetnames[-1] == "Updates" and book.sheetnames[:-1] == ["Register", "Lists", "Summary"]
    assert book["Updates"]["B2"].value == "=not a formula" and book["Updates"]["B2"].data_type == "s"
    assert "Updates!B2" in result.changed_cells


def test_a_new_sheet_before_the_others_is_refused(register: Path) -> None:
    before = register.read_bytes()

    def add_first(wb: Workbook) -> None:
        wb.create_sheet("Updates", 0)["A1"] = "Received"

    with pytest.raises(WriteRefused, match="sheets changed"):
        guarded_update(register, add_first)
    assert register.read_bytes() == before


def test_one_load_one_save_one_verifying_reread(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget: the workbook is loaded once and saved once; the saved copy is read back
    once (openpyxl then loads only its cell-less settings)."""
    from automation.register.safe_write import reread

    calls: dict[str, int] = {"load": 0, "save": 0, "reread": 0}

    def counted(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(files, "load_workbook", counted("load", files.load_workbook))
    monkeypatch.setattr(write, "_save", counted("save", write._save))
    monkeypatch.setattr(write, "reread", counted("reread", write.reread))
    monkeypatch.setattr(reread, "load_workbook", counted("settings", reread.load_workbook))
    calls["settings"] = 0
    guarded_update(register, add_two_rows, now=NOW)
    assert calls == {"load": 1, "save": 1, "reread": 1, "settings": 1}


def test_rich_text_in_the_register_is_kept(tmp_path: Path) -> None:
    def with_rich_text(wb: Any, ws: Any) -> None:
        ws.write_rich_string("H3", "Escalated to ", wb.add_format({"bold": True}), "the DCC")

    path = rich_register(tmp_path / "tracker.xlsx", with_rich_text)
    guarded_update(path, add_two_rows, now=NOW)
    kept = openpyxl.load_workbook(path, rich_text=True)["Register"]["H3"].value
    assert str(kept) == "Escalated to the DCC"
    assert [getattr(block, "text", block) for block in kept] == ["Escalated to ", "the DCC"]
    assert kept[1].font.b
