"""What every mail transport offers, the errors it raises, and helpers they share.

A transport takes one ``email.message.EmailMessage`` and a key such as
``"2026-W48:owner:alice@force.police.uk"`` and hands the message over, returning its own id
for it (a file path, a Message-ID, a Graph request-id). Retrying is the caller's decision:
``TransientSendError`` says a later run may succeed, ``PermanentSendError`` says someone has
to change something first, ``OutcomeUnknown`` says the message may have gone. An error whose
``stops_run`` is set would happen to every other message too (the server cannot be reached,
the sign-in was refused), so the run stops there.

Only a refusal before the message was handed over is a failure: once a request carrying it
has been sent, a lost or late answer leaves it in doubt, and it is never sent again without
a person's say-so. A transport that keeps a copy in the sender's Sent Items can look there
(``find_sent``) before anyone decides a message in doubt was lost.

A message some recipients got and others did not raises ``PartlySent``, naming the recipients
the server only deferred (a later run may reach them) and the bytes handed over. Sending those
bytes again to those recipients alone takes ``send_to``: a transport that cannot address some
recipients only (EWS and Graph send to every recipient the message names) has none, and
``send_again`` refuses it.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid
from typing import Protocol, TypeVar, runtime_checkable

from automation.core.addresses import domain_allowed
from automation.core.errors import TrackerError


class SendError(TrackerError):
    """A message was not handed over."""

    stops_run = False  # the same would happen to every other message of the run


class TransientSendError(SendError):
    """The server was busy, unreachable or slow: a later attempt may succeed.
    ``retry_after``: seconds the server asked to be left alone, when it said."""

    def __init__(
        self, what: str, *, where: str = "", fix: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(what, where=where, fix=fix)
        self.retry_after = retry_after


class Unreachable(TransientSendError):
    """No connection could be made at all (refused, no such host, no answer to connect): the
    message was not handed over, and no other message would be either."""

    stops_run = True


class SignInFailed(TransientSendError):
    """The sign-in service failed or did not answer (not a refusal): no message can go
    without a token, so the run stops."""

    stops_run = True


class OutcomeUnknown(SendError):
    """The connection failed after the message was handed over: it may or may not have gone.
    Never retried; the ledger keeps it at 'attempting' so that a person checks."""


class PartlySent(SendError):
    """Some recipients got the message and some did not (e.g. a Cc refused): recorded as
    sent, so the others never get it twice, and reported. ``deferred``: the recipients the
    server only deferred (4xx), whom a later run sends it to again (``send_again``) as the
    bytes ``data`` handed over; the others were refused for good (5xx) and need a person."""

    def __init__(
        self,
        what: str,
        *,
        transport_id: str,
        deferred: Sequence[str] = (),
        data: bytes = b"",
        where: str = "",
        fix: str = "",
    ) -> None:
        super().__init__(what, where=where, fix=fix)
        self.transport_id = transport_id
        self.deferred = tuple(deferred) if data else ()  # without the bytes, nothing to send again
        self.data = data


class PermanentSendError(SendError):
    """Refused for a reason retrying will not fix (login, recipient, permission, TLS)."""


class SetupRefused(PermanentSendError):
    """The server refused this client, not this message (an untrusted certificate, no
    permission to send as the mailbox): every other message would be refused too."""

    stops_run = True


class AuthRefused(SetupRefused):
    """The sign-in was refused (wrong password or secret, disabled account). Trying again
    for each message would only risk locking the service account out."""


class LookupUnavailable(TrackerError):
    """The sender's mailbox cannot be searched for a message in doubt (no copy is kept, no
    permission to read it, the server failed): says why, so a person can check instead."""


@runtime_checkable
class Transport(Protocol):
    """Hands messages to a mail system. ``close()`` is optional; see ``close_transport``.
    So is ``send_to(data, key, recipients)``, sending the bytes a ``PartlySent`` carried to
    some of the message's recipients only; a transport without it is refused by
    ``send_again``, never asked to send to everyone."""

    name: str

    def send(self, message: EmailMessage, key: str) -> str:
        """Send ``message``; return the transport's id for it. Raises ``SendError``."""
        ...


def send_again(transport: Transport, data: bytes, key: str, recipients: Sequence[str]) -> str:
    """Send a message, as the bytes ``data`` it was handed over as (``PartlySent.data``),
    unchanged (To and Cc as they were) to ``recipients`` only, those it missed: the
    transport's ``send_to``, which returns its id and raises as ``send`` does
    (``PartlySent`` when some of ``recipients`` are missed again). Raises
    ``PermanentSendError`` when the transport cannot send to some recipients only: sending
    to everyone would give the others the message twice."""
    send_to = getattr(transport, "send_to", None)
    if not callable(send_to):
        raise PermanentSendError(
            f"the {transport.name} transport cannot send a message to some of its recipients only "
            f"({', '.join(recipients)})",
            fix="forward the message sent before to them by hand (the others have it)",
        )
    return str(send_to(data, key, list(recipients)))


def location(transport: Transport, week: str) -> str:
    """Where a person finds the week's messages when the transport only stores them (the
    outbox folder); "" for transports that send."""
    where = getattr(transport, "location", None)
    return str(where(week)) if callable(where) else ""


def find_sent(transport: Transport, key: str) -> str | None:
    """Look for the message ``key`` in the sender's Sent Items: its id there, or None when it
    is not there. Raises ``LookupUnavailable`` when the transport cannot look."""
    finder = getattr(transport, "find_sent", None)
    if not callable(finder):
        raise LookupUnavailable(f"the {transport.name} transport keeps no mailbox to look in")
    found = finder(key)
    return None if found is None else str(found)


def occupied(transport: Transport, key: str) -> str:
    """Why the first send of ``key`` must not go where the transport would put it (the
    outbox's file is already there); "" when nothing is in the way."""
    check = getattr(transport, "occupied", None)
    return str(check(key)) if callable(check) else ""


def probe(transport: Transport) -> str:
    """Connect and sign in as a send would, sending nothing; says what was checked. Raises
    ``SendError`` when that fails; "" when the transport has nothing to connect to."""
    check = getattr(transport, "probe", None)
    return str(check()) if callable(check) else ""


class Budget:
    """The time one message may spend waiting to be retried: ``max_wait`` seconds in all,
    counted from its first try, whatever the server asks."""

    def __init__(self, max_wait: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.ends = clock() + max(max_wait, 0.0)

    def left(self) -> float:
        return max(self.ends - self._clock(), 0.0)

    def allows(self, wait: float) -> bool:
        return wait <= self.left()


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
