"""The values returns are made of: what was sent to an owner, what came back, what became of it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from automation.core.model import Item, Status
from automation.core.rating import Rating
from automation.core.text import ddmmyyyy

# The return's columns, in order: read-only reference, then what the owner fills in.
READ_ONLY = ("Publication", "Ref", "Item", "Status", "Due", "Rating", "Last update", "Latest update")
FILL_IN = ("Your update", "Proposed status", "Evidence", "Requested target date", "Reason for new date")
HIDDEN = ("Item key", "Fingerprint")
STATUS_CELL = READ_ONLY.index("Status")
RATING_CELL = READ_ONLY.index("Rating")
META_SHEET = "tracker"
FORMAT = "tracker-return/1"


def normal(text: str) -> str:
    """Text as compared: runs of white space (line ends included) as one space, trimmed, so a
    spreadsheet program saving it its own way does not count as a change."""
    return " ".join(str(text).split())


def item_key(publication: str, ref: str) -> str:
    """The item's key in a return: short, stable, the same for the same publication and ref."""
    digest = hashlib.sha256(f"{normal(publication).casefold()}\x1f{normal(ref).casefold()}".encode())
    return "K-" + digest.hexdigest()[:12]


def reference_cells(item: Item, rating: Rating) -> tuple[str, ...]:
    """The read-only cells of an item's row, as text (nothing from the register can become a
    formula or a number)."""
    return (
        item.publication,
        item.ref,
        item.text,
        item.status.label if item.status else "",
        ddmmyyyy(rating.due),
        f"{rating.rag.value}: {rating.reason}",
        ddmmyyyy(item.last_update),
        item.progress,
    )


def return_filename(owner: str, week: str) -> str:
    """The name of the return workbook issued to ``owner`` (their name) for ``week``."""
    slug = re.sub(r"[^a-z0-9]+", "-", owner.casefold()).strip("-") or "owner"
    return f"update-{week}-{slug}.xlsx"


def fingerprint(cells: tuple[str, ...]) -> str:
    """The item as sent: every reference cell except the rating, which changes with the date."""
    kept = [normal(c) for n, c in enumerate(cells) if n != RATING_CELL]
    return "F-" + hashlib.sha256("\x1f".join(kept).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SentRow:
    key: str
    fingerprint: str
    cells: tuple[str, ...]  # the read-only cells as sent

    @property
    def publication(self) -> str:
        return self.cells[0]

    @property
    def ref(self) -> str:
        return self.cells[1]

    @property
    def status(self) -> str:
        return self.cells[STATUS_CELL]


@dataclass(frozen=True)
class IssuedReturn:
    """One owner's return as issued with their digest; the ledger keeps it."""

    return_id: str
    week: str
    issued: date
    register: str  # the register's file name, shown on the return
    owner: str
    email: str
    manager_email: str
    rows: tuple[SentRow, ...]

    @property
    def filename(self) -> str:
        return return_filename(self.owner, self.week)

    def row(self, key: str) -> SentRow | None:
        return next((r for r in self.rows if r.key == key), None)


@dataclass(frozen=True)
class Incoming:
    """A candidate return as found in a folder or a mailbox."""

    name: str  # the file or attachment name
    data: bytes | None  # None when refused unread (too large)
    size: int
    source: str  # where it came from, for people: a file, or a message's sender and subject
    digest: str  # sha256 of the content: the ledger's key, so a rerun skips it
    sender: str = ""  # the From address of the message it came in; "" for a plain file
    received: date | None = None  # the message's date; None for a plain file
    message: str = ""  # the mailbox's id for the message, to move it once processed
    refusal: str = ""  # why it is refused before being read (macro-enabled, too large)


@dataclass(frozen=True)
class ProposedUpdate:
    """One row an owner filled in, checked and ready to log."""

    publication: str
    ref: str
    owner: str
    text: str
    proposed: Status | None
    status_sent: str
    fingerprint: str
    evidence: str
    requested: date | None
    reason: str
    received: date
    source: str
    return_ref: str


@dataclass(frozen=True)
class Verdict:
    """What checking one return decided: accepted with its updates, or refused with reasons."""

    incoming: Incoming
    issued: IssuedReturn | None
    updates: tuple[ProposedUpdate, ...] = ()
    reasons: tuple[str, ...] = ()  # why it was refused; empty when accepted
    notes: tuple[str, ...] = field(default=())  # accepted, but worth saying (an empty return)

    @property
    def accepted(self) -> bool:
        return not self.reasons

    @property
    def owner(self) -> str:
        return self.issued.owner if self.issued else ""
