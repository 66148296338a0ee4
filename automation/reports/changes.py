"""What changed between two dates, in the words a committee uses. Pure.

From the history's field changes: new items, items closed, turned red, back from red,
slipped (due date moved later), owner changed, and items that left the register. A
change in the store's first snapshot (its baseline) is a first state, not news.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from automation.core.model import Rag, Status
from automation.reports.history import Change
from automation.reports.recording import ABSENT, PRESENT


class EventKind(enum.Enum):
    """Declared in the order a paper lists them."""

    NEW = "New items"
    CLOSED = "Closed"
    TURNED_RED = "Turned red"
    BACK_FROM_RED = "Back from red"
    SLIPPED = "Slipped (due date moved later)"
    OWNER_CHANGED = "Owner changed"
    REMOVED = "Left the register"


@dataclass(frozen=True)
class Event:
    kind: EventKind
    as_of: date  # the snapshot that saw it
    publication: str
    ref: str
    old: str = ""
    new: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.publication, self.ref)


@dataclass(frozen=True)
class PeriodChanges:
    """Events seen after ``since`` up to ``until``; ``recorded_from`` is the first snapshot
    the history holds (None: no history at all), so a reader knows what it covers."""

    since: date
    until: date
    recorded_from: date | None
    events: tuple[Event, ...]

    def of(self, kind: EventKind) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind is kind)

    @property
    def by_kind(self) -> list[tuple[EventKind, tuple[Event, ...]]]:
        return [(kind, self.of(kind)) for kind in EventKind]

    @property
    def complete(self) -> bool:
        """True when the history reaches back to ``since``."""
        return self.recorded_from is not None and self.recorded_from <= self.since


_RED = Rag.RED.value
FIELDS = ("item", "status", "rag", "due", "owner")  # the fields an event can come from


def events(changes: Iterable[Change]) -> Iterator[Event]:
    """Each change that means something to a committee, as an event, in order."""
    new_items: set[tuple[int, tuple[str, str]]] = set()
    for c in changes:
        fresh = (c.snapshot, c.key) in new_items
        kind = _kind(c, fresh)
        if c.field == "item" and c.new == PRESENT:
            new_items.add((c.snapshot, c.key))
        if kind is not None:
            yield Event(kind, c.as_of, c.publication, c.ref, c.old, c.new)


def _kind(c: Change, fresh: bool) -> EventKind | None:
    """The event a change is, if any; ``fresh`` when the item first appeared in this snapshot."""
    if c.baseline or fresh:
        return None
    if c.field == "item":
        return EventKind.NEW if (c.old, c.new) == (ABSENT, PRESENT) else EventKind.REMOVED
    if c.field == "status" and c.new == Status.CLOSED.label and c.old != c.new:
        return EventKind.CLOSED
    if c.field == "rag" and c.new == _RED and c.old != _RED:
        return EventKind.TURNED_RED
    if c.field == "rag" and c.old == _RED and c.new != _RED:
        return EventKind.BACK_FROM_RED
    if c.field == "due" and c.old and c.new and c.new > c.old:
        return EventKind.SLIPPED
    if c.field == "owner":
        return EventKind.OWNER_CHANGED
    return None


def period_changes(
    changes: Iterable[Change], since: date, until: date, recorded_from: date | None
) -> PeriodChanges:
    return PeriodChanges(since, until, recorded_from, tuple(events(changes)))
