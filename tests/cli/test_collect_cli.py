"""tracker collect: exact output for a folder of returns, a dry run, a refusal and a rerun."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.register.workbooks import edit_zip, inject_x14_validation
from tests.returns.helpers import at, blank, fill, issue, shipped_register

TODAY = date(2021, 10, 4)


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    register = shipped_register(tmp_path)
    dana = issue(register, tmp_path / "tracker.ledger.sqlite", "Dana Whitfield", TODAY)
    first = dana.rows[0]
    replies = tmp_path / "replies"
    replies.mkdir()
    typed = at(
        dana, first.ref, update="Audit booked.", status="Complete – awaiting sign-off", evidence="AUD-17"
    )
    (replies / "a-dana.xlsx").write_bytes(fill(blank(dana), typed))
    (replies / "b-dana.xlsx").write_bytes(fill(blank(dana), at(dana, first.ref, status="Closed")))
    return first


CLOSED = (
    "Update!J12: 'Closed': an owner cannot close an item; propose 'Complete – awaiting sign-off' and "
    "the assurance meeting signs it off"
)


def blank_book() -> bytes:
    """A workbook that is not a return."""
    book = openpyxl.Workbook()
    book.active["A1"] = "My notes"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(*args: str):
    return CliRunner().invoke(main, ["collect", "replies", "--today", "2021-10-04", *args])


def test_collect_dry_run_then_for_real_then_again(folder):
    ref = folder.ref
    pub = folder.publication[:29] + "…"
    status = folder.status
    dry = run("--dry-run")
    lines = [
        "Would collect returns from replies into tracker.xlsx, 04/10/2021",
        "  accepted  a-dana.xlsx: Dana Whitfield, 1 update",
        "  refused   b-dana.xlsx: Dana Whitfield",
        f"              {CLOSED}",
        "Updates that would be written:",
        f"  {ref:<20}{pub:<32}{'Dana Whitfield':<18}update 'Audit booked.'; status {status} -> "
        "Complete – awaiting sign-off (applied)",
        "1 update, 0 status changes held, 0 target dates requested, 1 return refused.",
        "Dry run: nothing was written, recorded or moved.",
    ]
    assert (dry.exit_code, dry.output) == (1, "\n".join(lines) + "\n")

    real = run()
    assert real.exit_code == 1
    assert real.output.splitlines()[0] == "Collected returns from replies into tracker.xlsx, 04/10/2021"
    assert real.output.splitlines()[-1].startswith(
        "Saved tracker.xlsx (logged on its Updates sheet); the previous"
    )

    again = run("--format", "json")
    found = json.loads(again.output)
    assert again.exit_code == 0
    assert (found["returns"], found["updates"]) == ([], [])
    assert found["already_collected"] == ["a-dana.xlsx", "b-dana.xlsx"]
    assert found["refused_earlier"] == [{"source": "b-dana.xlsx", "reasons": [CLOSED]}]

    said = run()
    assert (said.exit_code, said.output) == (
        0,
        "Collected returns from replies into tracker.xlsx, 04/10/2021\n"
        "  seen      a-dana.xlsx: collected on an earlier run\n"
        "  seen      b-dana.xlsx: refused on an earlier run:\n"
        f"              {CLOSED}\n"
        "0 updates, 0 status changes held, 0 target dates requested, 0 returns refused.\n",
    )


def test_files_that_look_like_replies_but_cannot_be_read_are_named(folder, tmp_path):
    replies = tmp_path / "replies"
    for name in ("a-dana.xlsx", "b-dana.xlsx"):
        (replies / name).unlink()
    (replies / "RE_update.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (replies / "update.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (replies / "RE_update.mht").write_text("MIME-Version: 1.0\n", encoding="ascii")
    (replies / "evidence.pdf").write_bytes(b"%PDF-1.4\n")
    (replies / "notes.xlsx").write_bytes(blank_book())

    result = run()

    assert (result.exit_code, result.output) == (
        1,
        "Collected returns from replies into tracker.xlsx, 04/10/2021\n"
        "  refused   notes.xlsx\n"
        "              it is not a tracker return (it has no return reference)\n"
        "  ignored   RE_update.mht: a message saved as .mht, which keeps no attachment: open the reply "
        "and save its attached .xlsx into this folder (right-click the attachment > Save As)\n"
        "  ignored   RE_update.msg: an Outlook message (.msg), which tracker cannot read: open it and "
        "save its attached .xlsx into this folder (right-click the attachment > Save As), or save the "
        "message as .eml (new Outlook or Outlook on the web: Save as or Download, as EML)\n"
        "  ignored   update.xls: a return saved as .xls, which tracker does not read: open it in Excel, "
        "save it as an Excel Workbook (.xlsx) in this folder and collect again\n"
        "0 updates, 0 status changes held, 0 target dates requested, 1 return refused.\n",
    )


def test_collect_needs_an_existing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shipped_register(tmp_path)
    result = CliRunner().invoke(main, ["collect", "nowhere"])
    assert result.exit_code == 2
    assert (
        result.output
        == "tracker: nowhere does not exist (pass a folder of .xlsx or .eml files, or mailbox:)\n"
    )


def test_collect_appears_in_help():
    assert "collect" in CliRunner().invoke(main, ["--help"]).output
    assert "SOURCE is a folder" in CliRunner().invoke(main, ["collect", "--help"]).output


def test_a_write_refused_for_a_workbook_feature_says_what_to_do_with_the_returns(folder, tmp_path):
    inject_x14_validation(tmp_path / "tracker.xlsx")

    result = run()

    assert (result.exit_code, result.output) == (
        1,
        "tracker: tracker.xlsx: nothing was written, because saving with openpyxl would lose:\n"
        "  - sheet 'Guide': a drop-down (data validation) stored as an Excel 2010 extension (x14), usually a "
        "list whose source is on another sheet. To proceed: re-create the drop-down as a list from a named "
        "range (Formulas > Define Name, then Data Validation source '=TheName'), or type the owners' updates "
        "into the register by hand in Excel, then leave those returns out of the next collect (or they are "
        "added twice) (the workbook is unchanged; deal with each item above and run again)\n",
    )


def test_a_formula_never_calculated_or_an_update_too_long_for_a_cell_refuses_the_return(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    register = shipped_register(tmp_path)
    dana = issue(register, tmp_path / "tracker.ledger.sqlite", "Dana Whitfield", TODAY)
    first, second = dana.rows[0].ref, dana.rows[1].ref
    replies = tmp_path / "replies"
    replies.mkdir()
    book = openpyxl.load_workbook(io.BytesIO(fill(blank(dana), at(dana, first, update="Audit booked."))))
    [(cell, _)] = at(dana, second, update="").items()
    book["Update"][cell] = "=1+1"  # a formula, saved by openpyxl with no value: calamine reads it blank
    book.save(replies / "c-dana.xlsx")
    (replies / "d-dana.xlsx").write_bytes(fill(blank(dana), at(dana, first, update="LONG-UPDATE")))
    edit_zip(
        replies / "d-dana.xlsx",
        {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(b"LONG-UPDATE", b"x" * 40_000)},
    )

    result = run()

    assert (result.exit_code, result.output) == (
        1,
        "Collected returns from replies into tracker.xlsx, 04/10/2021\n"
        "  refused   c-dana.xlsx: Dana Whitfield\n"
        f"              Update!{cell}: Your update is a formula with no saved value, so what it shows "
        "cannot be read: type what it should say in place of the formula\n"
        "  refused   d-dana.xlsx: Dana Whitfield\n"
        "              Update!I12: Your update is 40,000 characters long, over the 32,767 an Excel cell can "
        "hold: shorten it (put the detail in an evidence document and name it here)\n"
        "0 updates, 0 status changes held, 0 target dates requested, 2 returns refused.\n",
    )


def test_a_return_sent_twice_is_collected_once_and_the_copy_named(folder, tmp_path):
    replies = tmp_path / "replies"
    (replies / "c-dana-again.xlsx").write_bytes((replies / "a-dana.xlsx").read_bytes())

    dry = run("--dry-run")
    assert dry.output.splitlines()[1:5] == [
        "  accepted  a-dana.xlsx: Dana Whitfield, 1 update",
        "  refused   b-dana.xlsx: Dana Whitfield",
        f"              {CLOSED}",
        "  seen      c-dana-again.xlsx: the same file as a-dana.xlsx, accepted above",
    ]
    assert json.loads(run("--dry-run", "--format", "json").output)["repeats"] == [
        {"source": "c-dana-again.xlsx", "same_as": "a-dana.xlsx"}
    ]
    assert "1 update, 0 status changes held" in run().output


def test_returns_saved_beside_the_register_leave_the_register_itself_alone(folder, tmp_path):
    (tmp_path / "a-dana.xlsx").write_bytes((tmp_path / "replies" / "a-dana.xlsx").read_bytes())

    result = CliRunner().invoke(main, ["collect", ".", "--today", "2021-10-04", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:2] == ["  accepted  a-dana.xlsx: Dana Whitfield, 1 update"]
    assert "tracker.xlsx" not in "".join(result.output.splitlines()[1:])


def test_an_empty_source_is_a_usage_error_not_the_current_folder(folder):
    result = CliRunner().invoke(main, ["collect", "", "--today", "2021-10-04"])
    assert (result.exit_code, result.output) == (
        2,
        "tracker: SOURCE is empty (pass a folder of .xlsx or .eml files, or mailbox:)\n",
    )
