import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.builders import edit, item, workbook


@pytest.fixture()
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def small_register(name="tracker.xlsx"):
    return workbook(
        Path(name),
        [
            item(deadline_date=date(2021, 9, 20), last_update=date(2021, 9, 1)),
            item(
                ref="Recommendation 2",
                row=3,
                owner="Tom Brennan",
                last_update=date(2021, 9, 25),
                deadline_date=date(2021, 12, 31),
            ),
        ],
    )


def test_validate_clean_register(runner):
    small_register()
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0
    assert result.output == "tracker.xlsx: no problems\n"


def test_validate_lists_problems_and_exits_1(runner):
    edit(small_register(), {"H2": "31/13/2021", "F3": "Nobody"})
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.output == (
        'error    Register!H2  "31/13/2021" is not a date\n'
        "                      fix: type the date as dd/mm/yyyy (for example 31/08/2021) in a cell formatted as a date\n"
        'error    Register!F3  "Nobody" is not on the Owners sheet\n'
        "                      fix: add them to the Owners sheet with their email, or pick a listed owner\n"
        "tracker.xlsx: 2 errors, 0 warnings\n"
    )


def test_validate_json(runner):
    edit(small_register("other.xlsx"), {"H2": "soon"})
    result = runner.invoke(main, ["validate", "--register", "other.xlsx", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["errors"] == 1 and data["warnings"] == 0
    assert data["problems"] == [
        {
            "severity": "error",
            "sheet": "Register",
            "cell": "H2",
            "where": "Register!H2",
            "value": "soon",
            "message": "is not a date",
            "fix": "type the date as dd/mm/yyyy (for example 31/08/2021) in a cell formatted as a date",
        }
    ]


@pytest.mark.parametrize("command", ["validate", "status"])
def test_missing_register_exits_2_with_one_line(runner, command):
    result = runner.invoke(main, [command, "--register", "nope.xlsx"])
    assert result.exit_code == 2
    assert result.output == "tracker: nope.xlsx does not exist (check the path, or pass --register)\n"


def test_not_a_workbook_exits_2_and_verbose_shows_traceback(runner):
    Path("tracker.xlsx").write_text("Publication,Ref\n")
    result = runner.invoke(main, ["validate"])
    assert (result.exit_code, result.output) == (
        2,
        "tracker: tracker.xlsx is not an Excel .xlsx workbook (save the register as .xlsx from Excel)\n",
    )
    verbose = runner.invoke(main, ["validate", "--verbose"])
    assert "Traceback" in verbose.output and verbose.exit_code == 2


def test_missing_register_sheet_is_a_problem_for_validate(runner):
    import openpyxl

    openpyxl.Workbook().save("tracker.xlsx")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 1
    assert "has no Register sheet (found: Sheet)" in result.output
    status = runner.invoke(main, ["status"])
    assert status.exit_code == 2
    assert status.output.startswith("tracker: tracker.xlsx has no Register sheet (found: Sheet)")


def test_status_json(runner):
    small_register()
    result = runner.invoke(main, ["status", "--today", "2021-10-01", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["as_of"] == "2021-10-01"
    assert data["counts"] == {"red": 1, "amber": 0, "green": 1, "blue": 0, "not_rated": 0}
    assert data["items"][0] == {
        "publication": "Inspection of the demo force",
        "ref": "Recommendation 1",
        "owner": "Dana Whitfield",
        "status": "In progress",
        "due": "2021-09-20",
        "rag": "red",
        "reason": "overdue by 11 days",
    }


def test_status_csv_and_text(runner):
    small_register()
    csv_out = runner.invoke(main, ["status", "--today", "2021-10-01", "--format", "csv"]).output
    assert csv_out.splitlines() == [
        "publication,ref,owner,status,due,rag,reason",
        "Inspection of the demo force,Recommendation 1,Dana Whitfield,In progress,2021-09-20,red,overdue by 11 days",
        'Inspection of the demo force,Recommendation 2,Tom Brennan,In progress,2021-12-31,green,"on track, due in 91 days"',
    ]
    text = runner.invoke(main, ["status", "--today", "2021-10-01"]).output
    assert text.splitlines()[0] == "BRAG status of tracker.xlsx as of 01/10/2021"
    assert (
        "  Red       20/09/2021  Dana Whitfield    Recommendation 1    Inspection of the demo force    overdue by 11 days"
        in text
    )


def test_status_rejects_a_bad_date(runner):
    result = runner.invoke(main, ["status", "--today", "01/10/2021"])
    assert result.exit_code == 2
    assert "Invalid value for '--today'" in result.output


def test_config_file_is_used_and_bad_keys_are_clear(runner):
    small_register("reg.xlsx")
    Path("tracker.toml").write_text('register = "reg.xlsx"\n')
    assert runner.invoke(main, ["validate"]).output == "reg.xlsx: no problems\n"
    Path("bad.toml").write_text("[mail]\ntransprot = 'smtp'\n")
    result = runner.invoke(main, ["validate", "--config", "bad.toml"])
    assert result.exit_code == 2
    assert result.output.startswith("tracker: bad.toml: [mail] transprot is not a setting (known keys here:")


def test_init_creates_an_empty_register_and_will_not_overwrite(runner):
    assert runner.invoke(main, ["init", "my.xlsx"]).output == "Created my.xlsx\n"
    assert runner.invoke(main, ["validate", "--register", "my.xlsx"]).exit_code == 0
    again = runner.invoke(main, ["init", "my.xlsx"])
    assert (again.exit_code, again.output) == (
        2,
        "tracker: my.xlsx already exists (choose another name, or pass --force)\n",
    )
    forced = runner.invoke(main, ["init", "my.xlsx", "--force"])
    assert forced.exit_code == 0 and "previous file kept as" in forced.output


def test_every_command_has_help(runner):
    for command in main.commands:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage: main " + command in result.output or f"Usage: tracker {command}" in result.output
