"""The return workbook, read back with openpyxl as Excel would show it."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from automation.core.model import Owner
from automation.core.rating import Rating
from automation.core.updates import OWNER_STATUSES
from automation.returns.issue import issue_return
from automation.returns.model import FILL_IN, READ_ONLY, fingerprint, item_key
from automation.returns.read import read_return
from automation.returns.workbook import return_workbook
from tests.builders import item

OWNER = Owner("Dana Whitfield", "dana.whitfield@demo.police.uk", "Head", "mark.ellison@demo.police.uk")
TODAY = date(2021, 10, 4)


@pytest.fixture
def book() -> tuple[openpyxl.Workbook, bytes]:
    from automation.core.model import Rag
    from automation.core.rating import RatedItem

    hostile = item(ref="Recommendation 2", text='=HYPERLINK("http://x","click")', progress="+44 7700 900123")
    rated = [
        RatedItem(item(), Rating(Rag.RED, "overdue by 3 days", date(2021, 10, 1))),
        RatedItem(hostile, Rating(Rag.GREEN, "on track", None)),
    ]
    issued = issue_return(
        OWNER, rated, week="2021-W40", issued=TODAY, register="tracker.xlsx", make_id=lambda w: "R-x"
    )
    data = return_workbook(issued, "OFFICIAL-SENSITIVE")
    return openpyxl.load_workbook(io.BytesIO(data)), data


def test_marking_heads_the_sheet_and_instructions_sit_above_the_table(book):
    wb, _ = book
    sheet = wb["Update"]
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE"
    assert sheet["A2"].value == "HMICFRS recommendations: your update for week 2021-W40"
    assert "Dana Whitfield" in sheet["A3"].value and "R-x" in sheet["A3"].value
    assert sheet["A5"].value == "How to fill this in"
    assert [c.value for c in sheet[11]] == [*READ_ONLY, *FILL_IN, "Item key", "Fingerprint"]


def test_reference_columns_are_locked_text_and_fill_in_columns_are_open(book):
    wb, _ = book
    sheet = wb["Update"]
    assert sheet.protection.sheet and not sheet.protection.password
    for col in range(1, 9):
        assert sheet.cell(12, col).protection.locked and sheet.cell(12, col).data_type == "s"
    for col in range(9, 14):
        assert not sheet.cell(12, col).protection.locked
    assert sheet["C13"].value == '=HYPERLINK("http://x","click")' and sheet["C13"].data_type == "s"
    assert sheet["H13"].value == "+44 7700 900123" and sheet["H13"].data_type == "s"
    assert sheet["E12"].value == "01/10/2021" and sheet["F12"].value == "Red: overdue by 3 days"


def test_status_drop_down_offers_only_what_an_owner_may_set(book):
    wb, _ = book
    rules = {str(dv.sqref): dv for dv in wb["Update"].data_validations.dataValidation}
    status = rules["J12:J13"]
    assert status.type == "list"
    assert status.formula1 == '"' + ",".join(s.label for s in OWNER_STATUSES) + '"'
    assert rules["L12:L13"].type == "date"


def test_rows_carry_key_and_fingerprint_in_hidden_columns_and_a_hidden_reference_sheet(book):
    wb, data = book
    sheet = wb["Update"]
    assert sheet.column_dimensions["N"].hidden and sheet.column_dimensions["O"].hidden
    assert sheet["N12"].value == item_key(item().publication, "Recommendation 1")
    cells = tuple(sheet.cell(12, c).value for c in range(1, 9))
    assert sheet["O12"].value == fingerprint(cells)
    assert wb["tracker"].sheet_state == "hidden"
    parsed = read_return(data)
    assert parsed.return_id == "R-x" and parsed.meta["email"] == OWNER.email
    assert [r.key for r in parsed.rows] == [sheet["N12"].value, sheet["N13"].value]
    assert all(r.blank for r in parsed.rows)


def test_the_fingerprint_ignores_the_rating_and_white_space_but_not_the_status():
    cells = ("Pub", "Rec 1", "Do the  thing.\n", "In progress", "01/10/2021", "Red: overdue", "", "")
    assert fingerprint(cells) == fingerprint(
        (*cells[:2], "Do the thing.", *cells[3:5], "Green: on track", "", "")
    )
    assert fingerprint(cells) != fingerprint((*cells[:3], "Not started", *cells[4:]))
