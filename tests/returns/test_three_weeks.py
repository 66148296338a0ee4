"""Three simulated weeks on the shipped register with a fake clock: returns collected, a
conflict, a repeat collection, a refused return; the register, the Updates sheet and the next
summaries and digests checked cell by cell and line by line."""

from __future__ import annotations

import email
import email.policy
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import openpyxl

from automation.returns.read import read_return
from automation.run.collect import collect
from automation.run.config import Config
from automation.run.weekly import weekly_run
from tests.builders import edit
from tests.returns.helpers import fill, message, shipped_register

DANA, TOM = "dana.whitfield@example.police.uk", "tom.brennan@example.police.uk"
MARK = "mark.ellison@example.police.uk"  # Dana's and Tom's manager: his summary covers their items


class Clock:
    """The fake clock: every run and write says it happened on the simulated day."""

    def __init__(self) -> None:
        self.day = date(2021, 10, 4)

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 8, 0)


def mail(outbox: Path, week: str, name: str) -> email.message.EmailMessage:
    return email.message_from_bytes((outbox / week / name).read_bytes(), policy=email.policy.default)


def text(message: email.message.EmailMessage) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def form(outbox: Path, week: str, owner: str) -> tuple[str, bytes]:
    (part,) = mail(outbox, week, f"owner~{owner}.eml").iter_attachments()
    return part.get_filename(), part.get_payload(decode=True)


def section(body: str, title: str) -> list[str]:
    """The lines of one section of a plain-text email, after its title line."""
    found = []
    for line in body.split(title, 1)[1].splitlines()[1:]:
        if not line.strip():
            break
        found.append(line)
    return found


def test_three_weeks_of_returns(tmp_path: Path) -> None:
    register = shipped_register(tmp_path)
    config = Config(base_dir=tmp_path)
    outbox, replies, clock = tmp_path / "outbox", tmp_path / "replies", Clock()
    replies.mkdir()

    # --- week 1: digests go out with returns; two come back, one overtaken by the officer
    weekly_run(config, register, clock.day, now=clock.now)
    dana_name, dana_form = form(outbox, "2021-W40", DANA)
    tom_name, tom_form = form(outbox, "2021-W40", TOM)
    d1, t1 = read_return(dana_form).rows[0], read_return(tom_form).rows[0]
    dana_filled = fill(
        dana_form,
        {f"I{d1.row}": "Tool live.", f"J{d1.row}": "Complete – awaiting sign-off", f"K{d1.row}": "AUD-17"},
    )
    tom_filled = fill(tom_form, {f"I{t1.row}": "Reviews done.", f"J{t1.row}": "Complete – awaiting sign-off"})
    (replies / "w1-dana.eml").write_bytes(
        message(dana_filled, dana_name, DANA, datetime(2021, 10, 5, 9, tzinfo=timezone.utc))
    )
    (replies / "w1-tom.eml").write_bytes(
        message(tom_filled, tom_name, TOM, datetime(2021, 10, 6, 9, tzinfo=timezone.utc))
    )
    book = openpyxl.load_workbook(register)["Register"]
    row_of = {(r[0].value, r[1].value): r[0].row for r in book.iter_rows(min_row=2)}
    dana_row, tom_row = row_of[(d1.cells[0], d1.cells[1])], row_of[(t1.cells[0], t1.cells[1])]
    edit(register, {f"E{tom_row}": "Not started"})
    clock.day = date(2021, 10, 7)
    first = collect(config, register, str(replies), clock.day, now=clock.now)
    assert [v.accepted for v in first.verdicts] == [True, True]
    assert [c.outcome.name for c in first.plan.changes] == ["APPLIED", "HELD"]

    sheet = openpyxl.load_workbook(register)["Register"]
    assert [sheet[f"{c}{dana_row}"].value for c in "ERS"] == [
        "Complete – awaiting sign-off",
        "Tool live.",
        sheet[f"S{dana_row}"].value,
    ]
    assert sheet[f"Q{dana_row}"].value.date() == date(2021, 10, 5)
    assert [sheet[f"{c}{tom_row}"].value for c in "ER"] == ["Not started", "Reviews done."]
    assert sheet[f"Q{tom_row}"].value.date() == date(2021, 10, 6)
    log = openpyxl.load_workbook(register)["Updates"]
    logged = [[c.value for c in row] for row in log.iter_rows(min_row=2, max_col=11)]
    held = f"held: the register's status is Not started, not {t1.cells[3]} as when the return was sent"
    assert [r[:8] + r[9:] for r in logged] == [
        [
            datetime(2021, 10, 5),
            d1.cells[0],
            d1.cells[1],
            "Dana Whitfield",
            "Tool live.",
            "Complete – awaiting sign-off",
            "applied",
            "AUD-17",
            None,
            "w1-dana.eml, from " + DANA,
        ],
        [
            datetime(2021, 10, 6),
            t1.cells[0],
            t1.cells[1],
            "Tom Brennan",
            "Reviews done.",
            "Complete – awaiting sign-off",
            held,
            None,
            None,
            "w1-tom.eml, from " + TOM,
        ],
    ]

    # --- week 2: the summary lists what came back; a refused return and a repeat collection
    clock.day = date(2021, 10, 11)
    weekly_run(config, register, clock.day, now=clock.now)
    summary = text(mail(outbox, "2021-W41", f"summary~{MARK}.eml"))
    assert section(summary, "UPDATES RECEIVED THIS WEEK (2)") == [
        f"  - {d1.cells[1]} - {d1.cells[0]} - Dana Whitfield - received 05/10/2021: Tool live.",
        "      proposed status Complete – awaiting sign-off: applied",
        f"  - {t1.cells[1]} - {t1.cells[0]} - Tom Brennan - received 06/10/2021: Reviews done.",
        f"      proposed status Complete – awaiting sign-off: {held}",
    ]
    assert section(summary, "STATUS CHANGES HELD: THE REGISTER CHANGED AFTER THE RETURN WAS SENT (1)") == [
        f"  - {t1.cells[1]} - {t1.cells[0]} - Tom Brennan proposed Complete – awaiting sign-off; {held}"
    ]
    assert "RETURNS REFUSED" not in summary
    name2, form2 = form(outbox, "2021-W41", DANA)
    r2 = read_return(form2).rows[0]
    closing = fill(form2, {f"I{r2.row}": "Finished.", f"J{r2.row}": "Closed"})
    (replies / "w2-dana.eml").write_bytes(
        message(closing, name2, DANA, datetime(2021, 10, 12, 9, tzinfo=timezone.utc))
    )
    shutil.copy(replies / "w1-dana.eml", replies / "w2-dana-again.eml")  # sent twice: the same file
    saved = register.read_bytes()
    clock.day = date(2021, 10, 14)
    second = collect(config, register, str(replies), clock.day, now=clock.now)
    assert [(v.incoming.name, v.accepted) for v in second.verdicts] == [(name2, False)]
    assert sorted(i.source.split(",")[0] for i in second.already) == [
        "w1-dana.eml",
        "w1-tom.eml",
        "w2-dana-again.eml",
    ]
    assert second.written is None and register.read_bytes() == saved
    refusal = (
        f"Update!J{r2.row}: 'Closed': an owner cannot close an item; propose "
        "'Complete – awaiting sign-off' and the assurance meeting signs it off"
    )
    assert second.verdicts[0].reasons == (refusal,)

    # --- week 3: Dana is told why; the summary reports the refused return; nothing new came back
    clock.day = date(2021, 10, 18)
    weekly_run(config, register, clock.day, now=clock.now)
    digest = text(mail(outbox, "2021-W42", f"owner~{DANA}.eml"))
    assert (
        f"YOUR RETURN w2-dana.eml, from {DANA}, RECEIVED 12/10/2021, WAS NOT ACCEPTED:\n  - {refusal}\n"
        in digest
    )
    summary = text(mail(outbox, "2021-W42", f"summary~{MARK}.eml"))
    assert section(summary, "UPDATES RECEIVED THIS WEEK (0)") == ["  None."]
    assert section(summary, "RETURNS REFUSED (1)") == [
        f"  - w2-dana.eml, from {DANA} (Dana Whitfield), received 12/10/2021:",
        f"      {refusal}",
    ]
    tom_digest = text(mail(outbox, "2021-W42", f"owner~{TOM}.eml"))
    assert "WAS NOT ACCEPTED" not in tom_digest and "update-2021-W42-tom-brennan.xlsx" in tom_digest
