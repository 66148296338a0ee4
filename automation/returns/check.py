"""Deciding whether to accept a return: issued by this register, rows belonging to its owner,
sent by that owner or their manager, read-only cells as sent, dates that are dates, statuses
an owner may set. Anything else refuses the whole return, with every reason, by cell."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from automation.core.deadlines import parse_date_text
from automation.core.model import Status
from automation.core.register import Register
from automation.core.text import clip
from automation.core.updates import OWNER_STATUSES
from automation.register.cells import CELL_TEXT_LIMIT, without_control_characters
from automation.returns.model import (
    FILL_IN,
    READ_ONLY,
    Incoming,
    IssuedReturn,
    ProposedUpdate,
    Verdict,
    normal,
)
from automation.returns.read import NotAReturn, ParsedReturn, ReturnedRow, read_return

Lookup = Callable[[str], "IssuedReturn | None"]
_TEXTS = ("Your update", "Evidence", "Reason for new date")  # written to the register as text
_ALLOWED = " or ".join(s.label for s in OWNER_STATUSES)


def check_return(incoming: Incoming, lookup: Lookup, register: Register, today: date) -> Verdict:
    """The verdict on one return; never raises for a bad return, so one never stops the others."""
    if incoming.refusal or incoming.data is None:
        return Verdict(incoming, None, reasons=(incoming.refusal or "it could not be read",))
    try:
        parsed = read_return(incoming.data)
    except NotAReturn as exc:
        return Verdict(incoming, None, reasons=(str(exc),))
    issued = lookup(parsed.return_id)
    if issued is None:
        why = f"it was not issued by this register (return {clip(parsed.return_id, 40)} is unknown here)"
        return Verdict(incoming, None, reasons=(why,))
    reasons = list(_owner_problems(incoming, parsed, issued, register))
    updates: list[ProposedUpdate] = []
    for row in parsed.rows:
        row_reasons, update = _row(row, parsed, issued, incoming, today)
        reasons += row_reasons
        if update is not None:
            updates.append(update)
    reasons += _duplicates(parsed)
    if reasons:
        return Verdict(incoming, issued, reasons=tuple(reasons))
    notes = () if updates else ("nothing was filled in",)
    return Verdict(incoming, issued, tuple(updates), notes=notes)


def _owner_problems(
    incoming: Incoming, parsed: ParsedReturn, issued: IssuedReturn, register: Register
) -> Iterator[str]:
    if parsed.meta.get("email", "").casefold() != issued.email.casefold():
        yield f"its owner was changed (it was issued to {issued.email})"
    if not incoming.sender:
        return
    allowed = {issued.email, issued.manager_email}
    current = register.owner(issued.owner)
    if current is not None:
        allowed |= {current.email, current.manager_email}
    if incoming.sender.casefold() not in {a.strip().casefold() for a in allowed if a}:
        yield (
            f"it was sent by {incoming.sender}, who is neither {issued.owner} ({issued.email}), "
            "to whom it was issued, nor their manager"
        )


def _row(
    row: ReturnedRow, parsed: ParsedReturn, issued: IssuedReturn, incoming: Incoming, today: date
) -> tuple[list[str], ProposedUpdate | None]:
    where = f"{parsed.sheet}!row {row.row}"
    sent = issued.row(row.key)
    if not row.key and not any(row.cells):
        return [
            f"{where} is a row added to the table, with no item: write it on the row of the item "
            "it is about, or leave it out"
        ], None
    if sent is None or sent.fingerprint != row.fingerprint:
        what = f"'{clip(row.cells[1], 30)}' of '{clip(row.cells[0], 50)}'"
        return [f"{where} claims {what}, which was not sent to {issued.owner} in this return"], None
    reasons = [
        f"{parsed.sheet}!{row.where(header, parsed.columns)}: {header} was changed from "
        f"'{clip(was, 40)}' to '{clip(now, 40)}'; the grey columns must stay as sent"
        for header, was, now in zip(READ_ONLY, sent.cells, row.cells, strict=True)
        if normal(was) != normal(now)
    ]
    cell = {h: f"{parsed.sheet}!{row.where(h, parsed.columns)}" for h in FILL_IN}
    reasons += _unusable(row, cell)
    if row.blank:
        return reasons, None
    status, why = _status(row.filled["Proposed status"])
    reasons += [f"{cell['Proposed status']}: {why}"] if why else []
    requested, why = _date(row.filled["Requested target date"])
    reasons += [f"{cell['Requested target date']}: {why}"] if why else []
    reason = _text(row.filled["Reason for new date"])
    if requested and not reason:
        reasons.append(f"{cell['Reason for new date']}: a new target date is asked for without a reason")
    update = ProposedUpdate(
        sent.publication,
        sent.ref,
        issued.owner,
        _text(row.filled["Your update"]),
        status,
        sent.status,
        sent.fingerprint,
        _text(row.filled["Evidence"]),
        requested,
        reason,
        incoming.received or today,
        incoming.source,
        f"{issued.return_id}/{incoming.digest[:10]}",
    )
    return reasons, update


def _unusable(row: ReturnedRow, cell: dict[str, str]) -> list[str]:
    """Fill-in cells whose value cannot be taken as it is: a formula that was never calculated
    (read as blank, it would be dropped unseen), or text longer than a cell of the register
    can hold (it would be cut)."""
    never_calculated = [
        f"{cell[h]}: {h} is a formula with no saved value, so what it shows cannot be read: type "
        "what it should say in place of the formula"
        for h in row.unsaved
    ]
    too_long = [
        f"{cell[h]}: {h} is {len(text):,} characters long, over the {CELL_TEXT_LIMIT:,} an Excel "
        "cell can hold: shorten it (put the detail in an evidence document and name it here)"
        for h in _TEXTS
        if len(text := _text(row.filled[h])) > CELL_TEXT_LIMIT
    ]
    return never_calculated + too_long


def _duplicates(parsed: ParsedReturn) -> list[str]:
    seen: dict[str, int] = {}
    found = []
    for row in parsed.rows:
        if row.key in seen and row.key:
            found.append(f"{parsed.sheet}!row {row.row} repeats the item on row {seen[row.key]}")
        seen.setdefault(row.key, row.row)
    return found


def _text(value: Any) -> str:
    """The cell's text as the register can hold it: an owner's text pasted from Word or a web
    page may carry control characters (a vertical tab, an escape) no cell written can hold."""
    if value in ("", None):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return without_control_characters(str(value)).strip()


def _status(value: Any) -> tuple[Status | None, str]:
    text = _text(value)
    if not text:
        return None, ""
    status = Status.parse(text)
    if status in OWNER_STATUSES:
        return status, ""
    if status is Status.CLOSED:
        return None, (
            f"'{clip(text, 30)}': an owner cannot close an item; propose "
            f"'{Status.AWAITING_SIGN_OFF.label}' and the assurance meeting signs it off"
        )
    return None, f"'{clip(text, 30)}' is not a status you can set: pick {_ALLOWED}"


def _date(value: Any) -> tuple[date | None, str]:
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    text = _text(value)
    if not text:
        return None, ""
    if isinstance(value, (int, float)):
        return None, f"{text} is a number, not a date: type the date as dd/mm/yyyy"
    parsed = parse_date_text(text)
    if parsed is None or parsed[1]:
        return None, f"'{clip(text, 30)}' is not a date: type it as dd/mm/yyyy, e.g. 31/03/2027"
    return parsed[0], ""
