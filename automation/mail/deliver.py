"""Sending through the ledger: never twice, never lost, one failure never stops the rest."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from automation.mail.ledger import Ledger, MessageState
from automation.mail.outgoing import Outgoing
from automation.mail.transports.interface import OutcomeUnknown, PartlySent, SendError, Transport


class Result(enum.Enum):
    SENT = "sent"
    PARTLY_SENT = "partly sent"  # recorded as sent; some recipients did not get it
    FAILED = "failed"
    ALREADY_SENT = "already sent"
    UNKNOWN = "unknown"  # a crash left it at 'attempting': it may or may not have gone
    WOULD_SEND = "would send"


@dataclass(frozen=True)
class Delivery:
    outgoing: Outgoing
    result: Result
    detail: str = ""


def would_deliver(ledger: Ledger, item: Outgoing, force: bool) -> Delivery | None:
    """What the ledger says about ``item`` before sending: already sent, or in doubt; None
    when it is to be sent."""
    record = ledger.message(item.key)
    if record is None or force or record.state is MessageState.FAILED:
        return None
    if record.state is MessageState.SENT:
        return Delivery(item, Result.ALREADY_SENT, record.transport_id or "")
    return Delivery(
        item,
        Result.UNKNOWN,
        "a run stopped while sending this; check whether it arrived, and only if not, "
        f"send it again with: tracker remind --force --only {item.recipient}",
    )


def deliver(
    outgoing: Sequence[Outgoing],
    ledger: Ledger,
    transport: Transport,
    *,
    week: str,
    run_id: int,
    now: Callable[[], datetime],
    force: bool = False,
) -> list[Delivery]:
    results = []
    for item in outgoing:
        skipped = would_deliver(ledger, item, force)
        if skipped:
            results.append(skipped)
            continue
        ledger.attempting(
            item.key,
            week=week,
            kind=item.kind,
            recipient=item.recipient,
            subject=item.subject,
            transport=transport.name,
            run_id=run_id,
            now=now(),
        )
        try:
            transport_id = transport.send(item.message, item.key)
        except PartlySent as exc:
            ledger.sent(item.key, exc.transport_id, now())
            results.append(Delivery(item, Result.PARTLY_SENT, exc.message))
            continue
        except OutcomeUnknown as exc:  # left at 'attempting': a person must check
            results.append(Delivery(item, Result.UNKNOWN, exc.message))
            continue
        except SendError as exc:
            ledger.failed(item.key, exc.message, now())
            results.append(Delivery(item, Result.FAILED, exc.message))
            continue
        except Exception as exc:  # a transport bug must not stop the other messages
            detail = f"unexpected {type(exc).__name__}: {exc}"
            ledger.failed(item.key, detail, now())
            results.append(Delivery(item, Result.FAILED, detail))
            continue
        ledger.sent(item.key, transport_id, now())
        results.append(Delivery(item, Result.SENT, transport_id))
    return results
