"""BRAG rules. Pure: ``today`` is always passed in, never read from the clock.

Due date = the target date when set, else the deadline (the Deadline column, else the
deadline as written, resolved; an immediate deadline is due on publication). In order:
Closed and signed off is Blue (Closed without its sign-off is rated as awaiting sign-off);
Superseded and For information are not rated; Complete - awaiting sign-off
is Green; past due is Red; due within the amber window is Amber; no update for longer than
the stale window (counting from publication when never updated) is Amber; else Green.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from automation.core.deadlines import resolve_deadline
from automation.core.model import DeadlineKind, FastEnum, Item, Rag, Settings, Status
from automation.core.pauses import no_gc_pauses
from automation.core.register import Register


class Basis(FastEnum):
    """Which rule decided the rating: owners' digests group items by it."""

    CLOSED = "closed"
    NOT_RATED = "not rated"
    AWAITING_SIGN_OFF = "awaiting sign-off"
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    STALE = "needs an update"
    ON_TRACK = "on track"


@dataclass(frozen=True)
class Rating:
    rag: Rag
    reason: str
    due: date | None = None
    basis: Basis = Basis.ON_TRACK


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


# What a Closed item needs before it counts as Blue, each required when the sheet has its column.
SIGN_OFF_FIELDS = {"evidence": "evidence", "signed_off_by": "signed off by", "signed_off_on": "signed off on"}


def sign_off_missing(item: Item) -> list[str]:
    """The sign-off fields a Closed item still lacks (only those the sheet has a column for)."""
    if item.evidence and item.signed_off_by and item.signed_off_on:
        return []  # the usual case, settled without looking at the columns
    columns = item.columns
    return [label for key, label in SIGN_OFF_FIELDS.items() if key in columns and not getattr(item, key)]


def due_date(item: Item, published: date | None) -> date | None:
    if item.target_date is not None:
        return item.target_date
    if item.deadline_date is not None:
        return item.deadline_date
    deadline = resolve_deadline(item.deadline_text, published)
    if deadline.kind is DeadlineKind.NONE:
        return None
    return deadline.date


# Fields whose value the rules use: one that could not be read leaves the item unrated.
RATED_FROM = frozenset(
    ("status", "target_date", "deadline_date", "deadline_text", "last_update", *SIGN_OFF_FIELDS)
)


def rate(item: Item, today: date, settings: Settings, published: date | None) -> Rating:
    """The item's BRAG rating on ``today``, with its reason in words."""
    unread = [key.replace("_", " ") for key in item.unread if key in RATED_FROM] if item.unread else ()
    if unread:  # a formula with no saved value: not blank, unknown
        return Rating(
            Rag.NOT_RATED,
            f"{', '.join(unread)} unreadable (a formula with no saved value)",
            None,
            Basis.NOT_RATED,
        )
    status = item.status
    due = due_date(item, published)
    if status is Status.CLOSED:
        missing = sign_off_missing(item)
        if missing:
            reason = f"closed, awaiting sign-off (no {', '.join(missing)})"
            return Rating(Rag.GREEN, reason, due, Basis.AWAITING_SIGN_OFF)
        return Rating(Rag.BLUE, "closed", due, Basis.CLOSED)
    if status is Status.SUPERSEDED:
        return Rating(Rag.NOT_RATED, "superseded", due, Basis.NOT_RATED)
    if status is Status.FOR_INFORMATION:
        return Rating(Rag.NOT_RATED, "for information", due, Basis.NOT_RATED)
    if status is Status.AWAITING_SIGN_OFF:
        return Rating(Rag.GREEN, "awaiting sign-off", due, Basis.AWAITING_SIGN_OFF)
    if due is not None and due < today:
        return Rating(Rag.RED, f"overdue by {_days((today - due).days)}", due, Basis.OVERDUE)
    if due is not None and (due - today).days <= settings.amber_days:
        left = (due - today).days
        reason = "due today" if left == 0 else f"due in {_days(left)}"
        return Rating(Rag.AMBER, reason, due, Basis.DUE_SOON)
    last = item.last_update or published
    if last is None:
        return Rating(Rag.AMBER, "no update recorded", due, Basis.STALE)
    if (today - last).days > settings.stale_days:
        return Rating(Rag.AMBER, f"no update for {_days((today - last).days)}", due, Basis.STALE)
    if due is None:
        return Rating(Rag.GREEN, "on track, no deadline", due)
    return Rating(Rag.GREEN, f"on track, due in {_days((due - today).days)}", due)


# ----------------------------------------------------------------- a whole register

_FAR = date.max
_URGENCY = {rag: rag.urgency for rag in Rag}  # a lookup, not a property call, for each item sorted
_RAG_OF = attrgetter("rating.rag")


@dataclass(frozen=True)
class RatedItem:
    item: Item
    rating: Rating

    @property
    def sort_key(self) -> tuple[int, date, str, str]:
        rating, item = self.rating, self.item
        return (_URGENCY[rating.rag], rating.due or _FAR, item.publication, item.ref)


@dataclass(frozen=True)
class StatusReport:
    as_of: date
    rated: tuple[RatedItem, ...]  # most urgent first
    notes: tuple[str, ...] = ()  # about the workbook read, e.g. which sheet was the register

    @property
    def counts(self) -> dict[Rag, int]:
        return count_ratings(self.rated)

    def by(self, field: str) -> dict[str, dict[Rag, int]]:
        """Counts per publication or per owner ('' for items with no owner)."""
        groups: dict[str, list[RatedItem]] = {}
        for rated in self.rated:
            groups.setdefault(getattr(rated.item, field), []).append(rated)
        return {name: count_ratings(group) for name, group in sorted(groups.items())}


def count_ratings(rated: tuple[RatedItem, ...] | list[RatedItem]) -> dict[Rag, int]:
    counter = Counter(map(_RAG_OF, rated))
    return {rag: counter.get(rag, 0) for rag in Rag}


def rate_all(register: Register, today: date) -> list[RatedItem]:
    settings = register.settings
    published: dict[str, date | None] = {}
    rated = []
    for item in register.items:
        title = item.publication
        if title not in published:
            published[title] = register.published(item)
        rated.append(RatedItem(item, rate(item, today, settings, published[title])))
    return rated


def status_report(register: Register, today: date) -> StatusReport:
    with no_gc_pauses():
        rated = sorted(rate_all(register, today), key=lambda r: r.sort_key)
        return StatusReport(today, tuple(rated), register.notes)
