"""Owners' updates as logged on the register's Updates sheet: one row per update received."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from automation.core.model import Located, Status

# What an owner may propose in a return: never Closed, which takes a sign-off.
OWNER_STATUSES = (Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF)


class StatusOutcome(enum.Enum):
    """What became of a proposed status; the Updates sheet shows the label."""

    NONE = ""
    APPLIED = "applied"
    UNCHANGED = "already so"
    HELD = "held: the register's status changed since the return was sent"


@dataclass(frozen=True)
class Update(Located):
    """One logged update: who sent what about which item, and what was done with it."""

    received: date | None
    publication: str
    ref: str
    owner: str = ""
    text: str = ""
    proposed_status: str = ""
    status_outcome: str = ""
    evidence: str = ""
    requested_date: date | None = None
    requested_reason: str = ""
    source: str = ""
    return_ref: str = ""
    row: int = 0
    sheet: str = field(default="", compare=False, repr=False)
    columns: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.publication, self.ref)

    @property
    def held(self) -> bool:
        return self.status_outcome.startswith("held")


def received_between(updates: tuple[Update, ...], after: date, until: date) -> tuple[Update, ...]:
    """Updates received after ``after`` up to and including ``until``, oldest first."""
    found = [u for u in updates if u.received is not None and after < u.received <= until]
    return tuple(sorted(found, key=lambda u: (u.received or until, u.row)))
