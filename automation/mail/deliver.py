"""Sending through the ledger: never twice, never lost, never for ever.

Each message is recorded 'attempting' before it is handed over, then 'sent' or 'failed'.
Only a refusal before handover is a failure (the next run tries again); a message whose
fate is unknown stays 'attempting' ("in doubt") and is never sent again without ``force``.
Before a message in doubt is given up as lost, the sender's Sent Items are searched for it
when the transport keeps a copy there.

A run is bounded: each transport bounds one message's retrying (``max_wait``), the run has a
deadline, a server's request to back off holds for the rest of the run, and an error that
would befall every message (server unreachable, sign-in refused) stops the run at once. What
a stopped run did not try is reported as "not tried" and left for the next run.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from automation.mail.ledger import Ledger
from automation.mail.ledger_files import LedgerError
from automation.mail.ledger_records import Deferred, MessageState
from automation.mail.outgoing import Outgoing
from automation.mail.pacing import Pacing as Pacing  # the run's limits, given with deliver
from automation.mail.transports.interface import (
    LookupUnavailable,
    OutcomeUnknown,
    PartlySent,
    SendError,
    TransientSendError,
    Transport,
    find_sent,
    occupied,
    send_again,
)


class Result(enum.Enum):
    SENT = "sent"
    PARTLY_SENT = "partly sent"  # recorded as sent; some recipients did not get it
    FAILED = "failed"  # refused before handover: the next run tries again
    ALREADY_SENT = "already sent"
    UNKNOWN = "in doubt"  # handed over but unanswered, or a crash: it may or may not have gone
    NOT_TRIED = "not tried"  # the run stopped first: the next run sends it
    WOULD_SEND = "would send"

    @property
    def troubled(self) -> bool:
        """Did not (certainly) reach everyone it should: the job failed."""
        return self in (Result.FAILED, Result.UNKNOWN, Result.PARTLY_SENT, Result.NOT_TRIED)


@dataclass(frozen=True)
class Delivery:
    outgoing: Outgoing
    result: Result
    detail: str = ""
    again: tuple[str, ...] = ()  # sent again to these only: a run before missed them


_RESEND = "send it again with: tracker remind --force --only {recipient}"


def would_deliver(ledger: Ledger, item: Outgoing, force: bool) -> Delivery | None:
    """What the ledger says about ``item`` before sending: already sent, or in doubt; None
    when it is to be sent. Reads only the ledger (a dry run uses it)."""
    record = ledger.message(item.key)
    if record is None or force or record.state is MessageState.FAILED:
        return None
    if record.state is MessageState.SENT:
        if missed := ledger.deferred(item.key):
            return Delivery(item, Result.WOULD_SEND, again=missed.recipients)
        return Delivery(item, Result.ALREADY_SENT, record.transport_id or "")
    return Delivery(
        item,
        Result.UNKNOWN,
        f"{record.error or 'a run stopped while sending this'}; check whether it arrived, "
        f"and only if not, {_RESEND.format(recipient=item.recipient)}",
    )


def _look(transport: Transport, item: Outgoing) -> tuple[str | None, str]:
    """Search the sender's Sent Items for a message in doubt: its id there, or None and what
    the search found, for the report."""
    try:
        found = find_sent(transport, item.key)
    except LookupUnavailable as exc:
        return None, f"tracker could not look for it: {exc.message}"
    except SendError as exc:
        return None, f"looking for it in Sent Items failed: {exc.message}"
    if found is None:
        return None, "it is not in the sender's Sent Items (yet)"
    return found, ""


@dataclass
class _Run:
    ledger: Ledger
    transport: Transport
    week: str
    run_id: int
    now: Callable[[], datetime]
    force: bool
    pacing: Pacing
    stopped: str = ""

    def one(self, item: Outgoing) -> Delivery:
        try:
            return self._one(item)
        except LedgerError as exc:  # before anything was handed over
            self.stopped = self.stopped or f"the ledger cannot record what is sent: {exc.what}"
            return Delivery(item, Result.NOT_TRIED, f"{self.stopped}; {exc.fix}")
        finally:
            item.forget()  # the message is handed over or not: its bytes need not be kept

    def _one(self, item: Outgoing) -> Delivery:
        record = self.ledger.message(item.key)
        sent = record is not None and record.state is MessageState.SENT and not self.force
        if sent and (missed := self.ledger.deferred(item.key)):
            return self._again(item, missed)
        if record is not None and record.state is MessageState.ATTEMPTING and not self.stopped:
            found, looked = _look(self.transport, item)
            if found is not None:
                delivery = Delivery(item, Result.ALREADY_SENT, "found in the sender's Sent Items")
                return self._record(delivery, lambda: self._sent(item, f"found in Sent Items: {found}"))
            if not self.force:
                skipped = would_deliver(self.ledger, item, self.force)
                assert skipped is not None
                return Delivery(item, Result.UNKNOWN, f"{looked}; {skipped.detail}")
        else:
            skipped = would_deliver(self.ledger, item, self.force)
            if skipped:
                return skipped
        if not self.stopped:
            self.stopped = self.pacing.wait_turn()
        if self.stopped:
            return Delivery(item, Result.NOT_TRIED, f"{self.stopped}; the next run sends it")
        if record is None and not self.force and (in_the_way := occupied(self.transport, item.key)):
            return Delivery(item, Result.FAILED, in_the_way)  # nothing recorded: the next run tries
        self.ledger.check_room()
        self.ledger.attempting(
            item.key,
            week=self.week,
            kind=item.kind,
            recipient=item.recipient,
            subject=item.subject,
            transport=self.transport.name,
            run_id=self.run_id,
            now=self.now(),
        )
        return self._hand_over(item)

    def _sent(self, item: Outgoing, transport_id: str) -> None:
        self.ledger.sent(item.key, transport_id, self.now())

    def _record(self, delivery: Delivery, write: Callable[[], None]) -> Delivery:
        """Record an outcome; when the ledger cannot, say so and stop the run."""
        try:
            write()
        except LedgerError as exc:
            self.stopped = f"the ledger cannot record what is sent: {exc.what}"
            detail = f"{delivery.detail}; but the ledger could not record this ({exc.what})"
            return Delivery(delivery.outgoing, delivery.result, detail)
        return delivery

    def _hand_over(self, item: Outgoing) -> Delivery:
        ledger, now = self.ledger, self.now
        try:
            transport_id = self.transport.send(item.message, item.key)
        except PartlySent as exc:
            partly_id, missed = exc.transport_id, _missed(exc)
            delivery = Delivery(item, Result.PARTLY_SENT, exc.message)
            return self._record(delivery, lambda: ledger.sent(item.key, partly_id, now(), deferred=missed))
        except OutcomeUnknown as exc:  # left at 'attempting': looked for, else a person checks
            return self._in_doubt(item, exc)
        except SendError as exc:
            self._after_failure(exc)
            why = exc.message
            return self._record(
                Delivery(item, Result.FAILED, why), lambda: ledger.failed(item.key, why, now())
            )
        except Exception as exc:  # a transport bug must not stop the other messages
            detail = f"unexpected {type(exc).__name__}: {exc}"
            return self._record(
                Delivery(item, Result.FAILED, detail), lambda: ledger.failed(item.key, detail, now())
            )
        return self._record(Delivery(item, Result.SENT, transport_id), lambda: self._sent(item, transport_id))

    def _again(self, item: Outgoing, missed: Deferred) -> Delivery:
        """Send the message as it went to the recipients a run before missed, them only."""
        again, ledger, now = missed.recipients, self.ledger, self.now
        if not self.stopped:
            self.stopped = self.pacing.wait_turn()
        if self.stopped:
            return Delivery(item, Result.NOT_TRIED, f"{self.stopped}; the next run sends it", again)
        ledger.check_room()
        try:
            transport_id = send_again(self.transport, missed.message, item.key, again)
        except PartlySent as exc:
            partly_id, left = exc.transport_id, Deferred(exc.deferred, missed.message)
            delivery = Delivery(item, Result.PARTLY_SENT, exc.message, again)
            return self._record(delivery, lambda: ledger.sent(item.key, partly_id, now(), deferred=left))
        except OutcomeUnknown as exc:  # nobody knows whether they got it: a person checks
            why = exc.message
            detail = f"{why}; check whether {', '.join(again)} got it, and only if not, forward it to them"
            delivery = Delivery(item, Result.UNKNOWN, detail, again)
            return self._record(delivery, lambda: ledger.in_doubt(item.key, why, now()))
        except SendError as exc:  # nobody got it this time: they stay, for the next run
            self._after_failure(exc)
            if isinstance(exc, TransientSendError):
                detail = f"{exc.message}; the next run sends it to them again"
                return Delivery(item, Result.PARTLY_SENT, detail, again)
            return Delivery(item, Result.FAILED, exc.message, again)
        except Exception as exc:  # a transport bug must not stop the other messages
            return Delivery(item, Result.FAILED, f"unexpected {type(exc).__name__}: {exc}", again)
        delivery = Delivery(item, Result.SENT, transport_id, again)
        return self._record(delivery, lambda: ledger.sent(item.key, transport_id, now()))

    def _in_doubt(self, item: Outgoing, exc: OutcomeUnknown) -> Delivery:
        found, looked = _look(self.transport, item)
        if found is not None:
            delivery = Delivery(item, Result.SENT, f"{exc.message}; found in the sender's Sent Items")
            return self._record(delivery, lambda: self._sent(item, f"found in Sent Items: {found}"))
        resend = _RESEND.format(recipient=item.recipient)
        detail = f"{exc.message}; {looked}; check, and only if it did not arrive, {resend}"
        delivery = Delivery(item, Result.UNKNOWN, detail)
        return self._record(delivery, lambda: self.ledger.in_doubt(item.key, exc.message, self.now()))

    def _after_failure(self, exc: SendError) -> None:
        if isinstance(exc, TransientSendError) and exc.retry_after:
            self.pacing.back_off(exc.retry_after)
        if exc.stops_run:
            self.stopped = f"stopped after {self.transport.name} failed: {exc.what}"


def _missed(partly: PartlySent) -> Deferred | None:
    """What the ledger keeps to send the message again to those the server deferred."""
    return Deferred(partly.deferred, partly.data) if partly.deferred else None


def deliver(
    outgoing: Sequence[Outgoing],
    ledger: Ledger,
    transport: Transport,
    *,
    week: str,
    run_id: int,
    now: Callable[[], datetime],
    force: bool = False,
    pacing: Pacing | None = None,
) -> list[Delivery]:
    """Send each message not yet sent this week, in order, within the run's limits."""
    pacing = pacing or Pacing()
    pacing.begin()
    run = _Run(ledger, transport, week, run_id, now, force, pacing)
    return [run.one(item) for item in outgoing]
