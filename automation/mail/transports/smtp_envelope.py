"""What goes to the SMTP server for one message: the sender, the recipients and the bytes
of DATA, made once (retries send the same bytes), from a message or from the bytes a run
before handed over, to send them unchanged to recipients that run missed."""

from __future__ import annotations

import email.policy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesHeaderParser

from automation.core.addresses import domain_allowed
from automation.mail.transports.interface import (
    PermanentSendError,
    addresses,
    check_recipients,
    with_message_id,
    without_bcc,
)


@dataclass(frozen=True)
class Envelope:
    sender: str
    recipients: tuple[str, ...]  # every recipient, Bcc too
    message_id: str
    data: bytes = field(repr=False)

    @classmethod
    def of(cls, message: EmailMessage, allowed: Iterable[str], where: str) -> Envelope:
        """The envelope of ``message``, refused when any recipient is outside ``allowed``."""
        recipients = check_recipients(message, allowed, where)
        stamped = with_message_id(message)
        # Written as the EWS and Graph transports write it; smtplib's send_message would turn
        # a body line starting "From " into ">From " (a habit of mbox files).
        data = without_bcc(stamped).as_bytes(policy=email.policy.SMTP)
        return cls(_sender(stamped), tuple(recipients), str(stamped["Message-ID"]), data)

    @classmethod
    def again(cls, data: bytes, recipients: Sequence[str], allowed: Iterable[str], where: str) -> Envelope:
        """The bytes handed over before, for ``recipients`` only: each must be one the
        message names and mail may go to."""
        headers = BytesHeaderParser(policy=email.policy.default).parsebytes(data)
        named = {a.casefold() for a in addresses(headers)}
        allowed = list(allowed)
        wrong = [r for r in recipients if r.casefold() not in named or not domain_allowed(r, allowed)]
        if not recipients or wrong:
            raise PermanentSendError(
                f"cannot send {headers.get('Subject', '')!r} again to {', '.join(wrong) or 'nobody'}: "
                "only to recipients the message names, in [mail] allowed_domains",
                where=where,
            )
        return cls(_sender(headers), tuple(recipients), str(headers["Message-ID"] or ""), data)


def _sender(message: EmailMessage) -> str:
    found = addresses(message, "Sender") or addresses(message, "From")
    return found[0] if found else ""
