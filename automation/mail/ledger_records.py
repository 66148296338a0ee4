"""What the ledger records: runs and messages, their states and outcomes, and the ISO week
that keys a message."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class MessageState(str, enum.Enum):
    """Where a message stands. ATTEMPTING after a crash means nobody knows if it went."""

    ATTEMPTING = "attempting"
    SENT = "sent"
    FAILED = "failed"


class RunKind(str, enum.Enum):
    WEEKLY = "weekly"  # the week's run: the one catch-up and rerun logic look for
    PARTIAL = "partial"  # remind --only: never counts as the week's run
    VALIDATION = "validation"  # the daily validation digest


class RunOutcome(str, enum.Enum):
    DONE = "done"
    NOTHING_TO_SEND = "nothing to send"
    PROBLEMS = "problems"  # a validation run that found errors
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # Ctrl-C or a crash while sending
    NOT_ALL_REACHED = "not all reached"  # sent, but some recipients mail may not go to

    @property
    def completes_week(self) -> bool:
        """True when a weekly run with this outcome means the week needs no catch-up."""
        match self:
            case RunOutcome.DONE | RunOutcome.NOTHING_TO_SEND | RunOutcome.NOT_ALL_REACHED:
                return True  # a catch-up cannot reach an address that is not allowed
            case RunOutcome.PROBLEMS | RunOutcome.FAILED | RunOutcome.INTERRUPTED:
                return False


@dataclass(frozen=True)
class MessageRecord:
    key: str
    recipient: str
    state: MessageState
    transport_id: str | None
    error: str | None
    attempts: int


@dataclass(frozen=True)
class Deferred:
    """Recipients a sent message has yet to reach (the server deferred them), and the
    message as it went, to send them unchanged."""

    recipients: tuple[str, ...]
    message: bytes = field(repr=False)


@dataclass(frozen=True)
class RunRecord:
    id: int
    kind: RunKind
    week: str
    as_of: str
    started: str
    finished: str | None
    outcome: RunOutcome | None
    sent: int
    failed: int
    skipped: int
    errors: int
    warnings: int
    detail: str


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def run_record(row: tuple[Any, ...]) -> RunRecord:
    (run_id, kind, week, as_of, started, finished, outcome, *counts, detail) = row
    sent, failed, skipped, errors, warnings = counts
    outcome = RunOutcome(outcome) if outcome else None
    return RunRecord(
        run_id,
        RunKind(kind),
        week,
        as_of,
        started,
        finished,
        outcome,
        sent,
        failed,
        skipped,
        errors,
        warnings,
        detail,
    )


def message_record(row: tuple[Any, ...]) -> MessageRecord:
    return MessageRecord(row[0], row[1], MessageState(row[2]), *row[3:])
