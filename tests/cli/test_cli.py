import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.builders import EXAMPLE_PAPER, edit, item, workbook


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
    assert result.output == (
        "tracker: nope.xlsx does not exist (check the path or pass --register; to start one, "
        "run tracker init (empty) or tracker demo (an example))\n"
    )


def test_not_a_workbook_exits_2_and_verbose_shows_traceback(runner):
    Path("tracker.xlsx").write_text("Publication,Ref\n")
    result = runner.invoke(main, ["validate"])
    assert (result.exit_code, result.output) == (
        2,
        "tracker: tracker.xlsx is not a workbook tracker can read (.xlsx, .xlsm, .xls or .ods) (open it "
        "in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then use that file)\n",
    )
    verbose = runner.invoke(main, ["validate", "--verbose"])
    assert "Traceback" in verbose.output and verbose.exit_code == 2


def test_missing_register_sheet_is_a_layout_problem_for_every_command(runner):
    import openpyxl

    openpyxl.Workbook().save("tracker.xlsx")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert result.output.startswith("tracker: tracker.xlsx has no Register sheet (found: Sheet)")
    remind = runner.invoke(main, ["remind", "--dry-run"])
    assert remind.exit_code == 2 and "has no Register sheet" in remind.output
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
    assert csv_out.lstrip("\ufeff").splitlines() == [
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


@pytest.mark.parametrize("command", ["status", "remind"])
@pytest.mark.parametrize("day", ["01/10/2021", "1/10/2021", "2021-10-01"])
def test_today_takes_day_first_and_iso_dates(runner, command, day):
    small_register()
    result = runner.invoke(main, [command, "--today", day, "--dry-run" if command == "remind" else "-v"])
    assert result.exit_code == 0, result.output
    assert "01/10/2021" in result.output.splitlines()[0]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("31/02/2021", "31/02/2021 is not a real date (no such day in that month)"),
        ("2021-02-30", "2021-02-30 is not a real date (no such day in that month)"),
        ("soon", "'soon' is not a date: write it as dd/mm/yyyy, e.g. 31/08/2021"),
    ],
)
def test_status_names_a_bad_date(runner, day, message):
    result = runner.invoke(main, ["status", "--today", day])
    assert result.exit_code == 2
    assert f"Invalid value for '--today': {message}" in result.output
    assert "%Y" not in result.output


@pytest.mark.parametrize("day", ["0001-01-01", "31/12/9999"])
def test_a_date_no_rating_can_use_is_a_usage_error(runner, day):
    small_register()
    result = runner.invoke(main, ["remind", "--dry-run", "--today", day])
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--today': {day} is outside the dates tracker works with "
        "(01/01/1900 to 31/12/9989)"
    ) in result.output


@pytest.mark.parametrize(
    ("args", "option"), [(["remind", "--only"], "--only"), (["doctor", "--send-test"], "--send-test")]
)
def test_an_empty_address_is_a_usage_error_not_everyone(runner, args, option):
    small_register()
    result = runner.invoke(main, [*args, " "])
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': is empty: give an email address" in result.output
    assert not Path("outbox").exists() and not Path("tracker.ledger.sqlite").exists()


def test_status_csv_opens_cleanly_in_excel(runner):
    path = small_register()
    book = openpyxl.load_workbook(path)
    book["Register"]["B2"] = "=HYPERLINK(1)"
    book["Register"]["B2"].data_type = "s"  # text an officer typed with a leading apostrophe
    book["Register"]["F2"] = "Fraud – a ‘review’"
    book.save(path)
    result = runner.invoke(main, ["status", "--today", "2021-10-01", "--format", "csv"])
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    text = data.decode("utf-8-sig")
    assert ",Fraud – a ‘review’," in text
    assert ",'=HYPERLINK(1)," in text  # shown as text in Excel, never run as a formula


def test_config_file_is_used_and_bad_keys_are_clear(runner):
    small_register("reg.xlsx")
    Path("tracker.toml").write_text('register = "reg.xlsx"\n')
    assert runner.invoke(main, ["validate"]).output == "reg.xlsx: no problems\n"
    Path("bad.toml").write_text("[mail]\ntransprot = 'smtp'\n")
    result = runner.invoke(main, ["validate", "--config", "bad.toml"])
    assert result.exit_code == 2
    assert result.output.startswith("tracker: bad.toml: [mail] transprot is not a setting (known keys here:")


def test_init_follows_the_umask(runner):
    import os

    old = os.umask(0o022)
    try:
        assert runner.invoke(main, ["init", "my.xlsx"]).exit_code == 0
        assert runner.invoke(main, ["init", "my.xlsx", "--force"]).exit_code == 0
    finally:
        os.umask(old)
    assert Path("my.xlsx").stat().st_mode & 0o777 == 0o644
    backups = list(Path().glob("my.backup-*.xlsx"))
    assert backups and all(b.stat().st_mode & 0o777 == 0o644 for b in backups)


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


def test_a_run_leaves_no_lock_files_beside_the_register(runner):
    import shutil

    small_register()
    shutil.copy(EXAMPLE_PAPER, "paper.txt")
    before = set(Path().iterdir())
    assert runner.invoke(main, ["remind", "--today", "2021-10-01"]).exit_code == 0
    assert runner.invoke(main, ["import", "paper.txt"]).exit_code == 0
    left = sorted(p.name for p in set(Path().iterdir()) - before)
    assert left == ["backups", "outbox", "tracker.ledger.sqlite"]


def test_import_differences_and_doctor_counts_speak_the_officers_words(runner):
    import shutil

    shutil.copy(EXAMPLE_PAPER, "paper.txt")
    assert runner.invoke(main, ["init", "fresh.xlsx"]).exit_code == 0
    assert runner.invoke(main, ["import", "--register", "fresh.xlsx", "paper.txt"]).exit_code == 0
    edit(Path("fresh.xlsx"), {"I2": "By the end of next year"})
    again = runner.invoke(main, ["import", "--register", "fresh.xlsx", "paper.txt", "--dry-run"])
    assert "  differs  Register!I2  Deadline as written: register 'By the end of next year'" in again.output
    assert "deadline_text" not in again.output


def test_doctor_counts_in_words(runner):
    from automation.cli.views.runs import doctor_text
    from automation.run.doctor import Check, CheckStatus, check_register

    path = small_register()
    edit(path, {"H3": "31/08/2021"})  # a date typed as text: one warning
    assert check_register(path).detail == "tracker.xlsx read: 0 errors, 1 warning"
    checks = [Check(CheckStatus.PASS, "a", "fine"), Check(CheckStatus.WARN, "b", "hm")]
    assert doctor_text(checks).splitlines()[-1] == "doctor: 1 passed, 1 warning, 0 failed"


def _date_options(command, path=()):
    import click

    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _date_options(sub, (*path, name))
        return
    for param in command.params:
        if isinstance(param, click.Option) and param.name in ("today", "since", "start", "end"):
            yield " ".join(path), param


def test_every_date_option_speaks_dd_mm_yyyy_and_iso():
    from automation.cli.options import DayParam

    found = list(_date_options(main))
    assert len(found) >= 9
    assert [(cmd, p.opts[0]) for cmd, p in found if not isinstance(p.type, DayParam)] == []
    assert [
        (cmd, p.opts[0]) for cmd, p in found if "YYYY-MM-DD" in (p.help or "") and "dd/mm" not in p.help
    ] == []


@pytest.mark.parametrize(
    "args",
    [
        ["snapshot", "--today", "01/10/2021"],
        ["history", "--since", "01/09/2021"],
        ["report", "dashboard", "--today", "01/10/2021", "--out", "dash.xlsx"],
        ["report", "paper", "--from", "01/07/2021", "--to", "30/09/2021", "--today", "01/10/2021"],
        ["collect", "returns", "--today", "01/10/2021", "--dry-run"],
    ],
)
def test_reports_and_collect_take_day_first_dates(runner, args):
    small_register()
    Path("returns").mkdir()
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output


def test_a_report_names_an_impossible_date(runner):
    small_register()
    result = runner.invoke(main, ["report", "paper", "--from", "31/02/2021", "--to", "30/09/2021"])
    assert result.exit_code == 2
    assert (
        "Invalid value for '--from': 31/02/2021 is not a real date (no such day in that month)"
        in result.output
    )


@pytest.mark.parametrize("args", [[], ["--from", "01/07/2021"]])
def test_a_report_without_its_period_says_which_option_is_missing(runner, args):
    small_register()
    result = runner.invoke(main, ["report", "paper", *args])
    assert result.exit_code == 2
    assert "Missing option '--" in result.output and "unexpected" not in result.output


def test_every_command_is_in_the_readme():
    import click

    from tests.builders import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = []
    for name, command in main.commands.items():
        subs = command.commands if isinstance(command, click.Group) else {}
        names += [f"tracker {name} {sub}" for sub in subs] or [f"tracker {name}"]
    assert [name for name in names if f"`{name}" not in readme] == []
