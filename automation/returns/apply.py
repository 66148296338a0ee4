"""Writing accepted updates into the register: every one logged on the Updates sheet, the
Register's latest update and last-update date from the newest, a proposed status applied only
where the register's status is still what the return was sent with. One guarded write."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from automation.core.model import Item
from automation.core.register import Register
from automation.core.updates import StatusOutcome
from automation.register.safe_write.write import WriteResult, guarded_update
from automation.register.schema import UPDATES, ColumnType
from automation.returns.model import ProposedUpdate


@dataclass(frozen=True)
class Change:
    """What one update does: its status outcome, and whether it becomes the latest update."""

    update: ProposedUpdate
    outcome: StatusOutcome
    status_now: str  # the register's status when collected
    latest: bool  # its text and date go to the Register's latest update
    owner_now: str = ""  # set when the item was given to another owner since the return was sent


@dataclass(frozen=True)
class UpdatePlan:
    changes: tuple[Change, ...]
    skipped: tuple[tuple[ProposedUpdate, str], ...]  # with why (no longer in the register, logged)
    cells: dict[tuple[str, int, int], Any]  # (sheet, row, column) -> new value on the Register

    @property
    def empty(self) -> bool:
        return not self.changes

    @property
    def held(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.outcome is StatusOutcome.HELD)


def _key(publication: str, ref: str) -> tuple[str, str]:
    return (" ".join(publication.split()).casefold(), " ".join(ref.split()).casefold())


def plan_updates(register: Register, updates: Sequence[ProposedUpdate]) -> UpdatePlan:
    """What writing ``updates`` would change; oldest first, so the newest entry wins."""
    items = {_key(i.publication, i.ref): i for i in register.items}
    logged = {(u.return_ref, *_key(u.publication, u.ref)) for u in register.updates}
    status_now = {key: (i.status.label if i.status else "") for key, i in items.items()}
    latest: dict[tuple[str, str], int] = {}
    changes: list[Change] = []
    skipped: list[tuple[ProposedUpdate, str]] = []
    for update in sorted(updates, key=lambda u: (u.received, u.source)):
        key = _key(update.publication, update.ref)
        item = items.get(key)
        if item is None:
            skipped.append((update, "the item is no longer in the register"))
        elif (update.return_ref, *key) in logged:
            skipped.append((update, "already logged on the Updates sheet"))
        else:
            outcome, moved = _outcome(update, status_now[key]), _given_away(update, item)
            if outcome is StatusOutcome.APPLIED and moved is not None:
                outcome = StatusOutcome.HELD  # the owner it was sent to no longer answers for it
            if outcome is StatusOutcome.APPLIED and update.proposed is not None:
                status_now[key] = update.proposed.label
            if item.last_update is None or update.received >= item.last_update:
                latest[key] = len(changes)
            changes.append(Change(update, outcome, status_now[key], False, moved or ""))
    changes = [
        replace(c, latest=latest.get(_key(c.update.publication, c.update.ref)) == n)
        for n, c in enumerate(changes)
    ]
    return UpdatePlan(tuple(changes), tuple(skipped), _cells(items, changes))


def _outcome(update: ProposedUpdate, now: str) -> StatusOutcome:
    if update.proposed is None:
        return StatusOutcome.NONE
    if now == update.proposed.label:
        return StatusOutcome.UNCHANGED
    return StatusOutcome.APPLIED if now == update.status_sent else StatusOutcome.HELD


def _given_away(update: ProposedUpdate, item: Item) -> str | None:
    """Who owns the item now, when that is no longer the owner the return was sent to."""
    if " ".join(item.owner.split()).casefold() == " ".join(update.owner.split()).casefold():
        return None
    return item.owner or "nobody"


def _cells(items: dict[tuple[str, str], Item], changes: list[Change]) -> dict[tuple[str, int, int], Any]:
    cells: dict[tuple[str, int, int], Any] = {}
    for change in changes:
        update = change.update
        item = items[_key(update.publication, update.ref)]

        def put(field: str, value: Any, item: Item = item) -> None:
            column = item.columns.get(field)
            if column:
                cells[(item.sheet, item.row, column)] = value

        if change.outcome is StatusOutcome.APPLIED and update.proposed is not None:
            put("status", update.proposed.label)
        if update.evidence and not item.evidence:
            put("evidence", update.evidence)
        if change.latest:
            put("last_update", update.received)
            if update.text:
                put("progress", update.text)
    return cells


def log_row(change: Change) -> dict[str, Any]:
    """The change as an Updates sheet row, by header."""
    u = change.update
    values = {
        "received": u.received,
        "publication": u.publication,
        "ref": u.ref,
        "owner": u.owner,
        "text": u.text,
        "proposed_status": u.proposed.label if u.proposed else "",
        "status_outcome": _outcome_text(change),
        "evidence": u.evidence,
        "requested_date": u.requested,
        "requested_reason": u.reason,
        "source": u.source,
        "return_ref": u.return_ref,
    }
    return {c.header: (None if values[c.key] == "" else values[c.key]) for c in UPDATES.columns}


def _outcome_text(change: Change) -> str:
    if change.outcome is StatusOutcome.HELD and change.owner_now:
        who = "without an owner" if change.owner_now == "nobody" else f"{change.owner_now}'s"
        return f"held: the item is now {who}, not {change.update.owner}'s as when the return was sent"
    if change.outcome is StatusOutcome.HELD:
        return (
            f"held: the register's status is {change.status_now or 'blank'}, not "
            f"{change.update.status_sent or 'blank'} as when the return was sent"
        )
    return change.outcome.value


BY_HAND = (
    "type the owners' updates into the register by hand in Excel, then leave those returns out "
    "of the next collect (or they are added twice)"
)


def write_updates(path: Path, plan: UpdatePlan, *, backup_dir: Path | None = None) -> WriteResult:
    """The plan's Register cells and Updates rows, in one guarded write."""
    from automation.register.safe_write.append import append_rows

    rows: list[Mapping[str, Any]] = [log_row(c) for c in plan.changes]

    def mutate(workbook: Any) -> None:
        for (sheet, row, column), value in plan.cells.items():
            cell = workbook[sheet].cell(row=row, column=column)
            cell.value = value
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # an owner's text starting with '=' stays text
        log = _updates_sheet(workbook)
        if log is None:
            _new_updates_sheet(workbook, rows)
        else:
            append_rows(log, rows)

    return guarded_update(path, mutate, backup_dir=backup_dir, by_hand=BY_HAND)


def _updates_sheet(workbook: Any) -> Any:
    wanted = " ".join(UPDATES.name.split()).casefold()
    return next((ws for ws in workbook.worksheets if " ".join(ws.title.split()).casefold() == wanted), None)


def _new_updates_sheet(workbook: Any, rows: list[Mapping[str, Any]]) -> None:
    """An older register has no Updates sheet: add one after the others."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(UPDATES.name)
    for col, column in enumerate(UPDATES.columns, start=1):
        header = sheet.cell(row=1, column=col, value=column.header)
        header.font = Font(bold=True)
        width = sheet.column_dimensions[header.column_letter]
        width.width, width.min, width.max = column.width, col, col  # openpyxl leaves min/max unset
        for row, values in enumerate(rows, start=2):
            cell = sheet.cell(row=row, column=col, value=values[column.header])
            cell.alignment = Alignment(vertical="top", wrap_text=column.width >= 24)
            if column.type is ColumnType.DATE:
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
