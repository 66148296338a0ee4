"""The assurance meeting's pack: what the meeting must decide. Pure, apart from reading
extension requests from the register file (``extension_requests``).

Items awaiting sign-off (for decision, each with its evidence and latest update), red items
with their owners, target-date extensions requested (from the Updates sheet, when the
register has one) and what changed since the last meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.core.rating import Basis, StatusReport
from automation.core.register import Register
from automation.core.s55 import S55Response, s55_responses
from automation.register.read import Workbook
from automation.register.schema import UPDATES
from automation.reports.changes import PeriodChanges
from automation.reports.lines import ItemLine
from automation.reports.paper import PaperOptions


@dataclass(frozen=True)
class ExtensionRequest:
    publication: str
    ref: str
    owner: str
    received: date | None
    requested: date
    reason: str
    current_due: date | None = None


@dataclass(frozen=True)
class MeetingPack:
    options: PaperOptions
    as_of: date
    awaiting_sign_off: tuple[ItemLine, ...]
    red: tuple[ItemLine, ...]
    extensions: tuple[ExtensionRequest, ...]
    s55_due: tuple[S55Response, ...]
    changes: PeriodChanges

    @property
    def since(self) -> date:
        return self.changes.since


def extension_requests(path: Path) -> list[ExtensionRequest]:
    """Requested target dates on the register's Updates sheet (written by ``tracker
    collect``), if it has one; none otherwise."""
    from automation.core.errors import RegisterLayoutError
    from automation.register.typed import typed_rows

    book = Workbook(path)
    try:
        table = book.table(UPDATES, search=False)
    except RegisterLayoutError:
        return []
    found = []
    for _, row in typed_rows(table, UPDATES, []):
        requested = row.get("requested_date")
        if isinstance(requested, date) and row.get("publication") and row.get("ref"):
            found.append(
                ExtensionRequest(
                    row["publication"],
                    row["ref"],
                    row.get("owner", ""),
                    row.get("received"),
                    requested,
                    row.get("requested_reason", ""),
                )
            )
    return found


def build_meeting(
    register: Register,
    report: StatusReport,
    requests: list[ExtensionRequest],
    changes: PeriodChanges,
    options: PaperOptions = PaperOptions(),  # noqa: B008
) -> MeetingPack:
    lines = [ItemLine.of(r) for r in report.rated]
    by_key = {(line.publication.casefold(), line.ref.casefold()): line for line in lines}
    pending = []
    for request in requests:
        line = by_key.get((request.publication.casefold(), request.ref.casefold()))
        if line is None or (line.due == request.requested):  # unknown item, or already granted
            continue
        pending.append(
            ExtensionRequest(
                line.publication,
                line.ref,
                request.owner or line.owner,
                request.received,
                request.requested,
                request.reason,
                line.due,
            )
        )
    return MeetingPack(
        options=options,
        as_of=report.as_of,
        awaiting_sign_off=tuple(line for line in lines if line.basis is Basis.AWAITING_SIGN_OFF),
        red=tuple(line for line in lines if line.basis is Basis.OVERDUE),
        extensions=tuple(pending),
        s55_due=tuple(
            r
            for r in s55_responses(register.publications, report.as_of, register.settings)
            if r.needs_attention
        ),
        changes=changes,
    )
