"""What every mail transport offers, the errors it raises, and helpers they share.

A transport takes one ``email.message.EmailMessage`` and a key such as
``"2026-W48:owner:alice@force.police.uk"`` and hands the message over, returning its own id
for it (a file path, a Message-ID, a Graph request-id). Retrying is the caller's decision:
``TransientSendError`` says a later run may succeed, ``PermanentSendError`` says someone has
to change something first.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid
from typing import Protocol, TypeVar, runtime_checkable

from automation.core.addresses import domain_allowed
from automation.core.errors import TrackerError


class SendError(TrackerError):
    """A message was not handed over."""


class TransientSendError(SendError):
    """The server was busy, unreachable or slow: a later attempt may succeed."""


class OutcomeUnknown(SendError):
    """The connection failed after the message was handed over: it may or may not have gone.
    Never retried; the ledger keeps it at 'attempting' so that a person checks."""


class PartlySent(SendError):
    """Some recipients got the message and some did not (e.g. a Cc refused): recorded as
    sent, so the others never get it twice, and reported."""

    def __init__(self, what: str, *, transport_id: str, where: str = "", fix: str = "") -> None:
        super().__init__(what, where=where, fix=fix)
        self.transport_id = transport_id


class PermanentSendError(SendError):
    """Refused for a reason retrying will not fix (login, recipient, permission, TLS)."""


@runtime_checkable
class Transport(Protocol):
    """Hands messages to a mail system. ``close()`` is optional; see ``close_transport``."""

    name: str

    def send(self, message: EmailMessage, key: str) -> str:
        """Send ``message``; return the transport's id for it. Raises ``SendError``."""
        ...


def location(transport: Transport, week: str) -> str:
    """Where a person finds the week's messages when the transport only stores them (the
    outbox folder); "" for transports that send."""
    where = getattr(transport, "location", None)
    return str(where(week)) if callable(where) else ""


def close_transport(transport: Transport) -> None:
    """Call ``transport.close()`` when the transport has one."""
    close = getattr(transport, "close", None)
    if callable(close):
        close()


@dataclass(frozen=True)
class Backoff:
    """Bounded exponential back-off: at most ``tries`` attempts, waits summing to ``max_total``."""

    tries: int = 3
    first: float = 2.0
    factor: float = 4.0
    max_total: float = 30.0

    def delays(self) -> list[float]:
        """The waits between attempts, capped so their sum stays within ``max_total``."""
        waits: list[float] = []
        delay, total = self.first, 0.0
        for _ in range(max(self.tries - 1, 0)):
            delay = min(delay, self.max_total - total)
            if delay <= 0:
                break
            waits.append(delay)
            total += delay
            delay *= self.factor
        return waits


T = TypeVar("T")


def with_retries(
    attempt: Callable[[], T],
    backoff: Backoff,
    *,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[TransientSendError], None] | None = None,
) -> T:
    """Run ``attempt``; on ``TransientSendError`` wait and try again as ``backoff`` allows."""
    for delay in [*backoff.delays(), None]:
        try:
            return attempt()
        except TransientSendError as exc:
            if delay is None:
                raise
            if on_retry is not None:
                on_retry(exc)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def addresses(message: EmailMessage, *headers: str) -> list[str]:
    """Bare addresses in the given headers (To, Cc, Bcc when none are given), in order."""
    names = headers or ("To", "Cc", "Bcc")
    values = [str(v) for name in names for v in message.get_all(name, [])]
    return [addr for _, addr in getaddresses(values) if addr]


def check_recipients(message: EmailMessage, allowed_domains: Iterable[str], where: str) -> list[str]:
    """Every recipient address; refuses a message with none, or with one outside the domains."""
    found = addresses(message)
    if not found:
        raise PermanentSendError(
            f"message {message.get('Subject', '')!r} has no recipients",
            where=where,
            fix="set To, Cc or Bcc on the message",
        )
    allowed = list(allowed_domains)
    outside = [addr for addr in found if not domain_allowed(addr, allowed)]
    if outside:
        raise PermanentSendError(
            f"recipient {', '.join(outside)} is outside [mail] allowed_domains {allowed}",
            where=where,
            fix="correct the address in the register, or add its domain to [mail] allowed_domains",
        )
    return found


def with_message_id(message: EmailMessage) -> EmailMessage:
    """``message`` itself when it has a Message-ID, else a copy given one."""
    if message["Message-ID"]:
        return message
    sender = addresses(message, "From")
    domain = sender[0].rpartition("@")[2] if sender else None
    stamped = copy.deepcopy(message)
    stamped["Message-ID"] = make_msgid(domain=domain or None)
    return stamped


def without_bcc(message: EmailMessage) -> EmailMessage:
    """A copy without Bcc, so blind recipients are not shown to the others."""
    if "Bcc" not in message:
        return message
    clean = copy.deepcopy(message)
    del clean["Bcc"]
    return clean


def secret_hint(reference: str) -> str:
    """Where a secret reference points, for messages (never the secret itself)."""
    kind, _, name = reference.partition(":")
    if kind == "env" and name:
        return f"environment variable {name}"
    if kind == "keyring" and name:
        return f"keyring entry {name}"
    return "the configured secret"
