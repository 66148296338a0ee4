"""Issue 10, item 10: which sheet was read as the register is said whenever another sheet
could have been (a header-only Register beside the real one, a hidden stale Register)."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from automation.cli import main
from automation.register.load import load_register
from tests.builders import item, workbook


def copy_register(path, title, *, keep_rows=True, hidden=False, source="Register"):
    """Add a copy of the ``source`` sheet named ``title`` (its data kept or not)."""
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book[source])
    copy.title = title
    if not keep_rows:
        copy.delete_rows(2, copy.max_row)
    if hidden:
        copy.sheet_state = "hidden"
    book.save(path)


def choice_problems(path):
    return [(p.severity.value, p.message) for p in load_register(path).problems if "register" in p.message]


def test_a_header_only_register_beside_the_real_one_is_an_error_naming_both(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(ref="R1"), item(ref="R2", row=3)])
    book = openpyxl.load_workbook(path)
    book["Register"].title = "Recommendations"  # the officers' real sheet
    book.save(path)
    copy_register(path, "Register", keep_rows=False, source="Recommendations")  # an empty 'Register'

    problems = choice_problems(path)
    status = CliRunner().invoke(main, ["status", "--register", str(path), "--today", "2021-10-01"])

    assert (
        "error",
        "sheet 'Recommendations' also looks like a register (2 rows); tracker read 'Register', which has no items",
    ) in problems
    assert "note: sheet 'Recommendations' also looks like a register" in status.output


def test_a_hidden_stale_register_beside_a_visible_one_is_a_warning(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(ref="R1")])
    copy_register(path, "Register (2)")
    book = openpyxl.load_workbook(path)
    book["Register"].sheet_state = "hidden"
    book.active = book.sheetnames.index("Register (2)")
    book.save(path)

    problems = choice_problems(path)

    assert (
        "warning",
        "sheet 'Register' is hidden in Excel, and tracker read it as the register; "
        "the visible sheet 'Register (2)' looks like a register too",
    ) in problems


def test_an_ordinary_register_has_nothing_to_say(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", [item(ref="R1")])
    assert choice_problems(path) == []
    assert load_register(path).notes == ()
