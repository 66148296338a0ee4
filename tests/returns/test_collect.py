"""Collecting returns from a folder into a copy of the shipped register: real workbooks filled
in with openpyxl (and one saved by LibreOffice), real .eml replies, one guarded write."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from automation.core.model import Status
from automation.register.load import load_register
from automation.returns.collect import collect_returns
from automation.returns.sources import FolderSource
from tests.builders import edit
from tests.register.workbooks import edit_zip
from tests.returns.helpers import (
    SOFFICE,
    at,
    blank,
    fill,
    issue,
    message,
    row_of,
    save_in_libreoffice,
    shipped_register,
)

TODAY = date(2021, 10, 4)
LIMIT = 10_000_000
DANA, TOM = "dana.whitfield@example.police.uk", "tom.brennan@example.police.uk"
SENT = datetime(2021, 10, 4, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def setup(tmp_path: Path):
    register = shipped_register(tmp_path / "reg")
    ledger = tmp_path / "reg" / "tracker.ledger.sqlite"
    inbox = tmp_path / "in"
    inbox.mkdir()
    return register, ledger, inbox


def collect(setup, **options):
    register, ledger, inbox = setup
    return collect_returns(FolderSource(inbox, max_bytes=LIMIT), register, ledger, TODAY, **options)


def item_of(register: Path, ref: str, owner: str):
    return next(i for i in load_register(register).items if i.ref == ref and i.owner == owner)


def test_a_filled_in_return_updates_exactly_its_items_and_logs_them(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    first, second = issued.rows[0].ref, issued.rows[1].ref
    filled = fill(
        blank(issued),
        at(
            issued,
            first,
            update="Training delivered to 80% of supervisors.",
            status="Complete – awaiting sign-off",
            evidence="https://intranet/ev/1",
        )
        | at(
            issued,
            second,
            update="Waiting for the IT release.",
            date=date(2022, 3, 31),
            reason="Supplier delay",
        ),
    )
    (inbox / "dana.xlsx").write_bytes(filled)
    before = load_register(register)

    result = collect(setup)

    assert [v.accepted for v in result.verdicts] == [True]
    assert result.written is not None and result.exit_code == 0
    after = load_register(register)
    changed = {(i.publication, i.ref) for i, j in zip(before.items, after.items, strict=True) if i != j}
    assert changed == {(r.publication, r.ref) for r in issued.rows[:2]}
    one = item_of(register, first, "Dana Whitfield")
    assert one.status is Status.AWAITING_SIGN_OFF and one.last_update == TODAY
    assert one.progress == "Training delivered to 80% of supervisors."
    two = item_of(register, second, "Dana Whitfield")
    assert two.progress == "Waiting for the IT release." and two.target_date == before_target(before, second)
    log = [
        (u.ref, u.text, u.proposed_status, u.status_outcome, u.requested_date, u.requested_reason)
        for u in after.updates
    ]
    assert log == [
        (
            first,
            "Training delivered to 80% of supervisors.",
            "Complete – awaiting sign-off",
            "applied",
            None,
            "",
        ),
        (second, "Waiting for the IT release.", "", "", date(2022, 3, 31), "Supplier delay"),
    ]
    assert all(
        u.source == "dana.xlsx" and u.owner == "Dana Whitfield" and u.received == TODAY for u in after.updates
    )


def before_target(register, ref):
    return next(i.target_date for i in register.items if i.ref == ref and i.owner == "Dana Whitfield")


def test_collecting_again_changes_nothing(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    (inbox / "dana.xlsx").write_bytes(fill(blank(issued), at(issued, issued.rows[0].ref, update="Done half")))
    collect(setup)
    saved = register.read_bytes()

    again = collect(setup)

    assert again.verdicts == () and [i.name for i in again.already] == ["dana.xlsx"]
    assert again.written is None and register.read_bytes() == saved


def test_the_same_return_sent_twice_before_a_collect_is_applied_and_logged_once(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    filled = fill(blank(issued), at(issued, issued.rows[0].ref, update="Done half"))
    (inbox / "dana.xlsx").write_bytes(filled)
    (inbox / "dana-again.xlsx").write_bytes(filled)

    result = collect(setup)

    assert [(v.incoming.name, v.accepted) for v in result.verdicts] == [("dana-again.xlsx", True)]
    assert [r.name for r in result.repeats] == ["dana.xlsx"]
    assert result.first_of(result.repeats[0]) is result.verdicts[0] and result.exit_code == 0
    assert [(u.ref, u.text) for u in load_register(register).updates] == [(issued.rows[0].ref, "Done half")]
    assert [i.name for i in collect(setup).already] == ["dana-again.xlsx", "dana.xlsx"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_return_saved_by_libreoffice_is_accepted(setup, tmp_path):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Tom Brennan", TODAY)
    typed = tmp_path / "typed" / "tom.xlsx"
    typed.parent.mkdir()
    typed.write_bytes(
        fill(
            blank(issued),
            at(
                issued,
                issued.rows[0].ref,
                update="Plan agreed",
                status="In progress",
                date=date(2022, 1, 31),
                reason="Consultation",
            ),
        )
    )
    saved = save_in_libreoffice(typed, tmp_path / "lo")
    assert saved.read_bytes() != typed.read_bytes()
    (inbox / "tom.eml").write_bytes(message(saved.read_bytes(), "tom.xlsx", TOM, SENT))

    result = collect(setup)

    assert [(v.accepted, v.reasons) for v in result.verdicts] == [(True, ())]
    (update,) = result.verdicts[0].updates
    assert (update.text, update.requested, update.reason) == (
        "Plan agreed",
        date(2022, 1, 31),
        "Consultation",
    )
    assert item_of(register, issued.rows[0].ref, "Tom Brennan").progress == "Plan agreed"


def test_a_return_that_would_exhaust_memory_is_refused_before_it_is_read(setup):
    """Its packed size is small; unpacked (a zip bomb) or as a grid reaching a value far outside
    the table (XFD1048576 would be 17 billion cells), it would end the run with no message."""
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    typed = at(issued, issued.rows[0].ref, update="Done")
    (inbox / "far.xlsx").write_bytes(fill(blank(issued), typed | {"IW1": "stray"}))
    bomb = io.BytesIO(fill(blank(issued), typed))
    padding = b"<!--" + b" " * (12 << 20) + b"-->"
    edit = {"xl/worksheets/sheet1.xml": lambda old: old.replace(b"<sheetData>", padding + b"<sheetData>")}
    with open(inbox / "bomb.xlsx", "wb") as out:
        out.write(bomb.getvalue())
    edit_zip(inbox / "bomb.xlsx", edit)

    result = collect(setup)

    (bomb_why,), (far_why,) = (v.reasons for v in result.verdicts)
    assert [(v.incoming.name, v.accepted) for v in result.verdicts] == [
        ("bomb.xlsx", False),
        ("far.xlsx", False),
    ]
    assert bomb_why.startswith("the workbook: its part xl/worksheets/sheet1.xml would unpack to 12 MB (from ")
    assert bomb_why.endswith(
        "more than tracker reads (512 MB, at most 200 times its packed size): it may be damaged; ask for "
        "this week's form again"
    )
    assert far_why == (
        "Update!IW1 holds a value far outside the table: clear that cell (or delete the rows and columns "
        "past the table) and send it again"
    )
    assert result.written is None


def test_a_macro_workbook_and_an_oversized_file_are_refused_unread(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    (inbox / "dana.xlsm").write_bytes(blank(issued))
    with open(inbox / "huge.xlsx", "wb") as handle:
        handle.truncate(30_000_000)
    saved = register.read_bytes()

    result = collect(setup)

    reasons = {v.incoming.name: v.reasons for v in result.refused}
    assert "macro-enabled workbook (.xlsm)" in reasons["dana.xlsm"][0]
    assert reasons["huge.xlsx"] == (
        "it is 30.0 MB, over the 10 MB limit ([returns] max_attachment_mb): it was not opened",
    )
    assert result.exit_code == 1 and register.read_bytes() == saved


def test_a_return_edited_to_claim_another_owners_item_is_refused(setup):
    register, ledger, inbox = setup
    dana = issue(register, ledger, "Dana Whitfield", TODAY)
    tom = issue(register, ledger, "Tom Brennan", TODAY)
    row = row_of(dana, dana.rows[0].ref)
    theirs = tom.rows[0]
    forged = {f"{col}{row}": value for col, value in zip("ABCDEFGH", theirs.cells, strict=True)}
    forged |= {f"N{row}": theirs.key, f"O{row}": theirs.fingerprint, f"I{row}": "Done, close it"}
    (inbox / "dana.xlsx").write_bytes(fill(blank(dana), forged))
    saved = register.read_bytes()

    result = collect(setup)

    (verdict,) = result.refused
    assert verdict.reasons == (
        f"Update!row {row} claims '{theirs.ref}' of '{theirs.publication[:49]}…', which was not sent to "
        "Dana Whitfield in this return",
    )
    assert register.read_bytes() == saved


def test_a_note_typed_below_the_items_is_named_as_a_row_with_no_item(setup):
    register, ledger, inbox = setup
    dana = issue(register, ledger, "Dana Whitfield", TODAY)
    below = row_of(dana, dana.rows[-1].ref) + 1
    (inbox / "dana.xlsx").write_bytes(fill(blank(dana), {f"I{below}": "General note: all on track"}))

    (verdict,) = collect(setup).refused

    assert verdict.reasons == (
        f"Update!row {below} is a row added to the table, with no item: write it on the row of the item "
        "it is about, or leave it out",
    )


def test_one_bad_return_never_stops_the_others_and_each_refusal_says_why(setup):
    register, ledger, inbox = setup
    dana = issue(register, ledger, "Dana Whitfield", TODAY)
    tom = issue(register, ledger, "Tom Brennan", TODAY)
    first = row_of(dana, dana.rows[0].ref)
    bad = fill(
        blank(dana),
        {f"D{first}": "Closed", f"J{first}": "Closed", f"L{first}": "next month", f"I{first}": "All done"},
    )
    (inbox / "a-dana.eml").write_bytes(message(bad, "dana.xlsx", DANA, SENT))
    stranger = fill(blank(tom), at(tom, tom.rows[0].ref, update="From someone else"))
    (inbox / "b-stranger.eml").write_bytes(message(stranger, "tom.xlsx", "eve@example.police.uk", SENT))
    good = fill(blank(tom), at(tom, tom.rows[0].ref, update="Recruitment under way"))
    (inbox / "c-manager.eml").write_bytes(message(good, "tom.xlsx", "mark.ellison@example.police.uk", SENT))
    (inbox / "d-chat.eml").write_bytes(message(b"hello", "notes.txt", DANA, SENT))

    result = collect(setup)

    dana_reasons, stranger_reasons = (v.reasons for v in result.refused)
    assert dana_reasons == (
        f"Update!D{first}: Status was changed from '{dana.rows[0].status}' to 'Closed'; the grey columns must stay as sent",
        f"Update!J{first}: 'Closed': an owner cannot close an item; propose 'Complete – awaiting sign-off' and the assurance meeting signs it off",
        f"Update!L{first}: 'next month' is not a date: type it as dd/mm/yyyy, e.g. 31/03/2027",
    )
    assert stranger_reasons == (
        "it was sent by eve@example.police.uk, who is neither Tom Brennan (tom.brennan@example.police.uk), "
        "to whom it was issued, nor their manager",
    )
    assert [v.incoming.name for v in result.accepted] == ["tom.xlsx"]
    assert result.ignored == ("d-chat.eml, from dana.whitfield@example.police.uk: no .xlsx return attached",)
    assert item_of(register, tom.rows[0].ref, "Tom Brennan").progress == "Recruitment under way"


def test_a_return_not_issued_here_is_refused(setup, tmp_path):
    register, _, inbox = setup
    issued = issue(register, tmp_path / "other.sqlite", "Dana Whitfield", TODAY)
    (inbox / "dana.xlsx").write_bytes(fill(blank(issued), at(issued, issued.rows[0].ref, update="x")))
    (inbox / "notes.xlsx").write_bytes(blank(issued)[:100])

    result = collect(setup)

    reasons = {v.incoming.name: v.reasons for v in result.refused}
    assert reasons["dana.xlsx"] == (
        f"it was not issued by this register (return {issued.return_id} is unknown here)",
    )
    assert reasons["notes.xlsx"] == (
        "it is not an Excel .xlsx workbook (saved in another format, or damaged)",
    )


def test_a_status_changed_in_the_register_since_sending_is_held_as_a_conflict(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    ref = issued.rows[0].ref
    row = item_of(register, ref, "Dana Whitfield").row
    edit(register, {f"E{row}": "Not started"})  # the officer changes it after the return went out
    (inbox / "dana.xlsx").write_bytes(
        fill(blank(issued), at(issued, ref, update="Finished", status="Complete – awaiting sign-off"))
    )

    result = collect(setup)

    assert [c.outcome.name for c in result.plan.changes] == ["HELD"]
    after = item_of(register, ref, "Dana Whitfield")
    assert after.status is Status.NOT_STARTED and after.progress == "Finished"
    (logged,) = load_register(register).updates
    assert logged.status_outcome == (
        f"held: the register's status is Not started, not {issued.rows[0].status} as when the return was sent"
    )


def test_a_status_proposed_for_an_item_given_to_another_owner_since_sending_is_held(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    ref = issued.rows[0].ref
    item = item_of(register, ref, "Dana Whitfield")
    owner_cell = f"{get_column_letter(item.columns['owner'])}{item.row}"
    edit(register, {owner_cell: "Tom Brennan"})  # reassigned after the return went out
    (inbox / "dana.xlsx").write_bytes(
        fill(blank(issued), at(issued, ref, update="Finished", status="Complete – awaiting sign-off"))
    )

    result = collect(setup)

    assert [c.outcome.name for c in result.plan.changes] == ["HELD"]
    (after,) = [
        i for i in load_register(register).items if (i.publication, i.row) == (item.publication, item.row)
    ]
    assert (after.owner, after.status, after.progress) == ("Tom Brennan", item.status, "Finished")
    (logged,) = load_register(register).updates
    assert logged.status_outcome == (
        "held: the item is now Tom Brennan's, not Dana Whitfield's as when the return was sent"
    )


def test_a_dry_run_writes_and_records_nothing(setup):
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    (inbox / "dana.xlsx").write_bytes(fill(blank(issued), at(issued, issued.rows[0].ref, update="x")))
    saved = register.read_bytes()

    dry = collect(setup, dry_run=True)

    assert len(dry.plan.changes) == 1 and dry.written is None and register.read_bytes() == saved
    assert len(collect(setup).plan.changes) == 1  # still there to collect for real


def test_a_dry_run_without_a_ledger_creates_none(setup):
    register, ledger, inbox = setup
    (inbox / "stray.xlsx").write_bytes(register.read_bytes())

    dry = collect(setup, dry_run=True)

    assert [v.accepted for v in dry.verdicts] == [False] and not ledger.exists()
    assert not list(ledger.parent.glob(ledger.name + "*"))  # no -wal or -shm either


def test_an_older_register_without_an_updates_sheet_gains_one(setup):
    register, ledger, inbox = setup
    book = openpyxl.load_workbook(register)
    del book["Updates"]
    book.save(register)
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    (inbox / "dana.xlsx").write_bytes(
        fill(blank(issued), at(issued, issued.rows[0].ref, update="=not a formula"))
    )

    collect(setup)

    book = openpyxl.load_workbook(register)
    assert book.sheetnames[-1] == "Updates"
    assert book["Updates"]["E2"].value == "=not a formula" and book["Updates"]["E2"].data_type == "s"
    assert item_of(register, issued.rows[0].ref, "Dana Whitfield").progress == "=not a formula"


def test_the_workbook_open_in_excel_stops_the_write_and_nothing_is_recorded(setup):
    from automation.core.errors import WorkbookInUse

    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    (inbox / "dana.xlsx").write_bytes(fill(blank(issued), at(issued, issued.rows[0].ref, update="x")))
    owner_file = register.with_name("~$" + register.name)
    owner_file.write_bytes(b"\x05Sam O" + b" " * 60)
    with pytest.raises(WorkbookInUse):
        collect(setup)
    owner_file.unlink()
    assert len(collect(setup).accepted) == 1  # not recorded, so collected next time
    shutil.rmtree(register.parent / "backups")


def test_control_characters_pasted_into_a_return_are_dropped_not_a_crash(setup):
    """Text pasted from Word or a web page can carry a vertical tab or an escape character,
    which Excel saves (as _x000B_) but a cell written by openpyxl cannot hold."""
    register, ledger, inbox = setup
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    first = issued.rows[0].ref
    pasted = fill(
        blank(issued), at(issued, first, update="Policy_x000B_agreed_x001B_.", evidence="Doc_x0007_ 12")
    )
    (inbox / "dana.xlsx").write_bytes(pasted)

    result = collect(setup)

    assert [v.accepted for v in result.verdicts] == [True]
    item = item_of(register, first, "Dana Whitfield")
    assert item.progress == "Policyagreed." and item.evidence == "Doc 12"
