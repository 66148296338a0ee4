"""Issue 10, item 12: a formula with no saved value (a file written by a program that does not
calculate) is reported and leaves its item unrated; it is never read as a blank cell."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
from click.testing import CliRunner

from automation.cli import main
from automation.core.model import Rag
from automation.core.rating import status_report
from automation.register.load import load_register
from tests.builders import COLUMNS, item, workbook

TODAY = date(2021, 10, 1)


def generated(tmp_path, rows=3):
    """A register whose Target date cells are formulas openpyxl saves without values."""
    items = [item(ref=f"R{n}", row=n + 1, last_update=TODAY) for n in range(1, rows + 1)]
    path = workbook(tmp_path / "generated.xlsx", items)
    book = openpyxl.load_workbook(path)
    letter = openpyxl.utils.get_column_letter(COLUMNS["target_date"])
    book["Register"][f"{letter}2"] = "=DATE(2021,8,31)"  # overdue, once Excel calculates it
    book.save(path)
    return path, f"Register!{letter}2"


def test_an_unsaved_formula_is_an_error_and_its_item_is_not_rated(tmp_path):
    path, cell = generated(tmp_path)

    register = load_register(path)
    [problem] = [p for p in register.problems if "no saved value" in p.message]
    rated = {r.item.ref: r.rating for r in status_report(register, TODAY).rated}

    assert problem.where == cell and problem.severity.value == "error"
    assert "open the workbook in Excel and save it" in problem.fix
    assert rated["R1"].rag is Rag.NOT_RATED  # not Amber, as a blank target date would make it
    assert "target date unreadable" in rated["R1"].reason
    assert rated["R2"].rag is not Rag.NOT_RATED


def test_status_does_not_rate_it_either(tmp_path):
    path, _ = generated(tmp_path)

    result = CliRunner().invoke(main, ["status", "--register", str(path), "--today", "2021-10-01"])

    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if " R1 " in line)
    assert line.lstrip().startswith("Not rated") and "target date unreadable" in line


def test_validate_names_the_cell(tmp_path):
    path, cell = generated(tmp_path)

    result = CliRunner().invoke(main, ["validate", "--register", str(path)])

    assert result.exit_code == 1
    assert cell in result.output and "holds a formula with no saved value" in result.output


def test_formulas_excel_saved_with_their_values_are_read(tmp_path):
    path = workbook(tmp_path / "saved.xlsx", [item(ref="R1", target_date=TODAY - timedelta(days=1))])

    register = load_register(path)

    assert not [p for p in register.problems if "no saved value" in p.message]
    assert status_report(register, TODAY).rated[0].rating.rag is Rag.RED
