"""Issue 10, item 15: nothing from a cell or a paper can drive the terminal. Every line a
command prints has the characters a terminal acts on (escape sequences, bell, carriage
return, bidirectional overrides) shown escaped instead."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.builders import item, workbook

HOSTILE = "R1\x1b[2J\x1b]0;owned\x07\r\u202eevil\x9b31m"
ACTED_ON = ("\x1b", "\x07", "\r", "\u202e", "\x9b")


def clean(output: str) -> bool:
    return not any(ch in output for ch in ACTED_ON)


@pytest.fixture
def register(tmp_path):
    return workbook(tmp_path / "tracker.xlsx", [item(ref=HOSTILE, owner="Nobody Listed")])


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_status_prints_cells_escaped(register, fmt):
    result = CliRunner().invoke(
        main, ["status", "--register", str(register), "--today", "2021-10-01", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert clean(result.output)
    if fmt != "json":
        assert "R1\\x1b" in result.output


def test_validate_prints_cells_escaped(register):
    result = CliRunner().invoke(main, ["validate", "--register", str(register)])
    assert "Nobody Listed" in result.output and clean(result.output)


def test_import_prints_the_paper_escaped(tmp_path):
    from automation.register.template import write_register

    register = tmp_path / "tracker.xlsx"
    write_register(register)
    paper = tmp_path / "paper.txt"
    paper.write_text(
        "Recommendations\n\nInspection of \x1b]0;owned\x07widgets\u202e\nPublished 1 March 2022\n\n"
        "Recommendation 1\nBy 31 August 2022, chief constables should fix the widgets.\n",
        encoding="utf-8",
    )
    for args in (["--dry-run"], ["--format", "json"], []):
        result = CliRunner().invoke(main, ["import", "--register", str(register), str(paper), *args])
        assert clean(result.output), args


def test_an_error_message_carrying_a_cell_is_escaped(tmp_path):
    import openpyxl

    path = tmp_path / "odd.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Register"
    book.active.append(["Publication", "Reference \u202eevil", "Owner"])
    book.save(path)
    result = CliRunner().invoke(main, ["status", "--register", str(path)])
    assert result.exit_code == 2 and "\\u202e" in result.output and clean(result.output)
