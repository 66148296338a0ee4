"""Done when: on the shipped register, a week's ``tracker remind`` writes digests with returns;
two owners fill theirs in (one in LibreOffice); ``tracker collect`` with the folder of their
messages updates exactly those items, logs them on the Updates sheet, holds a conflicting
status change, and the next week's manager summary lists what came back."""

from __future__ import annotations

import email
import email.policy
from datetime import date, datetime, timezone
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from automation.cli import main
from automation.core.model import Status
from automation.register.load import load_register
from automation.returns.read import read_return
from tests.builders import edit
from tests.returns.helpers import (
    COLUMN,
    SOFFICE,
    fill,
    message,
    save_in_libreoffice,
    shipped_register,
)

DANA, TOM = "dana.whitfield@example.police.uk", "tom.brennan@example.police.uk"
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def attachment(outbox: Path, owner: str) -> tuple[str, bytes]:
    parsed = email.message_from_bytes(
        (outbox / f"owner~{owner}.eml").read_bytes(), policy=email.policy.default
    )
    (part,) = parsed.iter_attachments()
    return part.get_filename(), part.get_payload(decode=True)


def typed(data: bytes, row: int, **cells: object) -> bytes:
    names = {
        "update": "Your update",
        "status": "Proposed status",
        "evidence": "Evidence",
        "date": "Requested target date",
        "reason": "Reason for new date",
    }
    return fill(data, {f"{COLUMN[names[k]]}{row}": v for k, v in cells.items()})


def test_a_week_of_returns_on_the_shipped_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    register = shipped_register(tmp_path)
    runner = CliRunner()

    week1 = runner.invoke(main, ["remind", "--today", "2021-10-04"])
    assert week1.exit_code == 0, week1.output
    outbox = tmp_path / "outbox" / "2021-W40"
    dana_name, dana_blank = attachment(outbox, DANA)
    tom_name, tom_blank = attachment(outbox, TOM)
    assert (dana_name, tom_name) == (
        "update-2021-W40-dana-whitfield.xlsx",
        "update-2021-W40-tom-brennan.xlsx",
    )
    dana_rows, tom_rows = read_return(dana_blank).rows, read_return(tom_blank).rows
    assert len(dana_rows) == 5 and len(tom_rows) == 7  # their open items, as the digests list them

    # Dana fills hers in with Excel (openpyxl): two items
    d1, d2 = dana_rows[0], dana_rows[1]
    dana_filled = typed(
        dana_blank,
        d1.row,
        update="Risk tool live in all areas.",
        status="Complete – awaiting sign-off",
        evidence="AUD-2021-17",
    )
    dana_filled = typed(
        dana_filled, d2.row, update="Policy drafted.", date=date(2022, 3, 31), reason="Consultation extended"
    )
    # Tom fills his in and saves it in LibreOffice: a status change the officer overtakes
    t1 = tom_rows[0]
    tom_typed = tmp_path / "tom" / tom_name
    tom_typed.parent.mkdir()
    tom_typed.write_bytes(
        typed(tom_blank, t1.row, update="Case reviews finished.", status="Complete – awaiting sign-off")
    )
    tom_saved = save_in_libreoffice(tom_typed, tmp_path / "lo").read_bytes()
    replies = tmp_path / "replies"
    replies.mkdir()
    (replies / "dana.eml").write_bytes(
        message(dana_filled, dana_name, DANA, datetime(2021, 10, 5, 16, 0, tzinfo=timezone.utc))
    )
    (replies / "tom.eml").write_bytes(
        message(tom_saved, tom_name, TOM, datetime(2021, 10, 6, 9, 0, tzinfo=timezone.utc))
    )
    before = load_register(register)
    tom_item = next(i for i in before.items if (i.publication, i.ref) == (t1.cells[0], t1.cells[1]))
    edit(register, {f"E{tom_item.row}": "Not started"})  # the officer changes Tom's item meanwhile
    before = load_register(register)

    collected = runner.invoke(main, ["collect", "replies", "--today", "2021-10-07"])

    assert collected.exit_code == 0, collected.output
    after = load_register(register)
    changed = {i.key for i, j in zip(before.items, after.items, strict=True) if i != j}
    keys = {(r.cells[0], r.cells[1]) for r in (d1, d2, t1)}
    assert changed == keys  # exactly those items
    by_key = {i.key: i for i in after.items}
    one, two, three = (by_key[(r.cells[0], r.cells[1])] for r in (d1, d2, t1))
    assert (one.status, one.progress, one.last_update, one.evidence) == (
        Status.AWAITING_SIGN_OFF,
        "Risk tool live in all areas.",
        date(2021, 10, 5),
        one.evidence,
    )
    assert (two.status.label, two.progress, two.last_update) == (
        d2.cells[3],
        "Policy drafted.",
        date(2021, 10, 5),
    )
    assert two.target_date == next(i for i in before.items if i.key == two.key).target_date  # never applied
    assert (three.status, three.progress, three.last_update) == (
        Status.NOT_STARTED,
        "Case reviews finished.",
        date(2021, 10, 6),
    )
    log = openpyxl.load_workbook(register)["Updates"]
    rows = [[c.value for c in row] for row in log.iter_rows(min_row=2, max_col=10)]
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in rows] == [
        (
            d1.cells[1],
            "Dana Whitfield",
            "Risk tool live in all areas.",
            "Complete – awaiting sign-off",
            "applied",
        ),
        (d2.cells[1], "Dana Whitfield", "Policy drafted.", None, None),
        (
            t1.cells[1],
            "Tom Brennan",
            "Case reviews finished.",
            "Complete – awaiting sign-off",
            f"held: the register's status is Not started, not {t1.cells[3]} as when the return was sent",
        ),
    ]
    assert rows[1][8].date() == date(2022, 3, 31) and rows[1][9] == "Consultation extended"

    week2 = runner.invoke(main, ["remind", "--today", "2021-10-11"])
    assert week2.exit_code == 0, week2.output
    summary = email.message_from_bytes(
        # Dana and Tom report to Mark: his summary covers their items and their updates
        (tmp_path / "outbox" / "2021-W41" / "summary~mark.ellison@example.police.uk.eml").read_bytes(),
        policy=email.policy.default,
    )
    text = summary.get_body(("plain",)).get_content()
    assert "UPDATES RECEIVED THIS WEEK (3)" in text
    assert (
        f"  - {d1.cells[1]} - {d1.cells[0]} - Dana Whitfield - received 05/10/2021: Risk tool live in all areas."
        in text
    )
    assert "STATUS CHANGES HELD: THE REGISTER CHANGED AFTER THE RETURN WAS SENT (1)" in text
    assert (
        f"  - {d2.cells[1]} - {d2.cells[0]} - Dana Whitfield asks for 31/03/2022: Consultation extended"
        in text
    )
