"""Importing into real registers: append what is new, never overwrite, refuse when open."""

import hashlib
import json
import shutil
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from automation.cli import main
from automation.core.model import Status, column_letter
from automation.core.validation import validate
from automation.importing import extract_file
from automation.importing.merge import plan_merge
from automation.register.load import load_register
from automation.register.schema import REGISTER
from automation.register.template import write_register
from automation.run.paper import import_paper
from tests.builders import EXAMPLE_PAPER as PAPER
from tests.builders import EXPECTED_EXTRACTION as EXPECTED
from tests.builders import ROOT

TODAY = date(2021, 10, 1)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def fresh(tmp_path):
    path = tmp_path / "tracker.xlsx"
    write_register(path)
    return path


def test_import_into_a_fresh_register_then_again_adds_nothing(fresh):
    first = import_paper(fresh, PAPER, TODAY)
    assert (len(first.plan.publications), len(first.plan.items)) == (8, 93)
    assert first.written is not None and first.written.backup.exists()
    register = load_register(fresh)
    assert len(register.items) == 93 and len(register.publications) == 8
    assert not [p for p in validate(register) if p.is_error]
    binding = [i for i in register.items if i.applies_to_force]
    assert binding and all(i.status is Status.NOT_STARTED and i.owner == "" for i in binding)
    assert all(i.status is Status.FOR_INFORMATION for i in register.items if not i.applies_to_force)
    nca = next(i for i in register.items if i.ref == "Recommendation 4" and "National Crime" in i.publication)
    assert nca.deadline_date == date(2021, 5, 31)  # already past at publication: kept as written
    assert nca.notes == "Imported from jac-overview-hmicfrs-2021-q3.txt on 01/10/2021"
    before = digest(fresh)
    second = import_paper(fresh, PAPER, TODAY)
    assert second.plan.empty and second.plan.already == 93 and second.written is None
    assert second.plan.differences == ()
    assert digest(fresh) == before


def test_imported_rows_keep_the_workbooks_formulas_formats_and_drop_downs(fresh):
    import_paper(fresh, PAPER, TODAY)
    sheet = openpyxl.load_workbook(fresh)["Register"]
    last = column_letter(len(REGISTER.columns))
    assert sheet.tables["RegisterTable"].ref == f"A1:{last}94"
    assert sheet["C94"].value.startswith('=IF(AND($A94="",$B94=""),"",')
    assert sheet["H94"].number_format == "dd/mm/yyyy"
    ranges = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert ranges["E2:E102"] == "StatusList"  # the ready rows of a fresh register, not yet used up


def test_the_shipped_register_already_holds_the_example_paper(tmp_path):
    path = tmp_path / "tracker.xlsx"
    shutil.copy(ROOT / "tracker.xlsx", path)
    before = digest(path)
    imported = import_paper(path, PAPER, TODAY)
    assert imported.plan.empty and imported.plan.already == 93
    assert imported.plan.differences == ()
    assert digest(path) == before


def test_an_item_already_there_is_never_overwritten_only_compared(fresh):
    import_paper(fresh, PAPER, TODAY)
    book = openpyxl.load_workbook(fresh)
    book["Register"]["J2"] = "Our own wording."
    book.save(fresh)
    plan = plan_merge(extract_file(PAPER), load_register(fresh))
    assert plan.empty
    (difference,) = plan.differences
    assert (difference.where, difference.field, difference.in_register) == (
        "Register!J2",
        "text",
        "Our own wording.",
    )
    import_paper(fresh, PAPER, TODAY)
    assert openpyxl.load_workbook(fresh)["Register"]["J2"].value == "Our own wording."


def test_officers_own_header_names_are_used(tmp_path):
    path = tmp_path / "tracker.xlsx"
    write_register(path)
    book = openpyxl.load_workbook(path)
    book["Register"]["A1"] = "Report"
    book["Register"]["J1"] = "Recommendation text"
    book["Register"].tables["RegisterTable"].tableColumns[0].name = "Report"
    book["Register"].tables["RegisterTable"].tableColumns[9].name = "Recommendation text"
    book.save(path)
    import_paper(path, PAPER, TODAY)
    sheet = openpyxl.load_workbook(path)["Register"]
    assert sheet["A2"].value.startswith("An inspection of the National Crime Agency")
    assert sheet["J2"].value.startswith("By 31 August 2021, the NCA should")


def test_cli_refuses_while_open_in_excel_and_writes_nothing(fresh, monkeypatch):
    monkeypatch.chdir(fresh.parent)
    (fresh.parent / "~$tracker.xlsx").write_bytes(b"\x05Alice" + b"\0" * 100)
    before = digest(fresh)
    result = CliRunner().invoke(main, ["import", str(PAPER)])
    assert result.exit_code == 2
    assert "close the workbook in Excel" in result.output
    assert digest(fresh) == before


def test_cli_dry_run_and_json(fresh, monkeypatch):
    monkeypatch.chdir(fresh.parent)
    runner = CliRunner()
    before = digest(fresh)
    dry = runner.invoke(main, ["import", str(PAPER), "--dry-run"])
    assert dry.exit_code == 0
    assert dry.output.splitlines()[1] == "Would add 8 publications and 93 items to tracker.xlsx:"
    assert dry.output.rstrip().endswith("Dry run: nothing was written.")
    assert digest(fresh) == before
    out = runner.invoke(main, ["import", str(PAPER), "--format", "json"])
    got = json.loads(out.output)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert got["paper"] == expected["paper"]
    reviewed = [
        {
            **{key: pub[key] for key in theirs if key != "items"},
            "items": [
                {key: item[key] for key in wanted}
                for item, wanted in zip(pub["items"], theirs["items"], strict=True)
            ],
        }
        for pub, theirs in zip(got["publications"], expected["publications"], strict=True)
    ]
    assert reviewed == expected["publications"]
    assert all(
        "confidence" in item and item["reason"] for pub in got["publications"] for item in pub["items"]
    )


def test_cli_unknown_file_type(fresh, monkeypatch, tmp_path):
    monkeypatch.chdir(fresh.parent)
    odd = tmp_path / "paper.odt"
    odd.write_text("x")
    result = CliRunner().invoke(main, ["import", str(odd)])
    assert result.exit_code == 2
    assert result.output.startswith("tracker: ")


def test_a_paper_with_no_items_writes_nothing(fresh, monkeypatch, tmp_path):
    monkeypatch.chdir(fresh.parent)
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Minutes of the meeting\n\nProgress on AFI 7 was noted. Nothing to report.\n")
    before = digest(fresh)
    result = CliRunner().invoke(main, ["import", str(minutes)])
    assert result.exit_code == 1
    assert "nothing was written. Is it the right file?" in result.output
    assert digest(fresh) == before


def test_a_backup_folder_that_cannot_be_made_is_a_clear_error(fresh, monkeypatch):
    monkeypatch.chdir(fresh.parent)
    (fresh.parent / "backups").write_text("not a folder")
    before = digest(fresh)
    result = CliRunner().invoke(main, ["import", str(PAPER)])
    assert result.exit_code == 2
    assert result.output.startswith("tracker: cannot write beside the workbook")
    assert digest(fresh) == before


def test_importing_into_an_emptied_register_still_writes_formulas_and_uk_dates(fresh):
    import_paper(fresh, PAPER, TODAY)
    book = openpyxl.load_workbook(fresh)
    book["Register"].delete_rows(2, book["Register"].max_row)
    book.save(fresh)
    import_paper(fresh, PAPER, TODAY)
    sheet = openpyxl.load_workbook(fresh)["Register"]
    assert sheet["C2"].value.startswith('=IF(AND($A2="",$B2=""),"",')
    assert sheet["D3"].value.startswith('=IF(AND($A3="",$B3=""),"",')
    assert sheet["H2"].number_format == "dd/mm/yyyy"
