"""What SMTP failures mean: each exception from smtplib, ssl or the socket as a send error
saying what happened, where, and how to fix it; deferrals (4xx) are transient."""

from __future__ import annotations

import smtplib
import ssl

from automation.mail.settings import SmtpConfig
from automation.mail.transports.interface import (
    PartlySent,
    PermanentSendError,
    SendError,
    TransientSendError,
    secret_hint,
)
from automation.mail.transports.smtp_envelope import Envelope


def explain(settings: SmtpConfig, exc: BaseException) -> SendError:
    """What an exception from smtplib, ssl or the socket means, as a send error that says
    where and how to fix it."""
    server = f"{settings.host}:{settings.port}"
    if isinstance(exc, smtplib.SMTPException):
        return _explain_smtp(settings, server, exc)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentSendError(
            f"TLS certificate of {server} is not trusted: {exc.verify_message}",
            fix="check [mail.smtp] host matches the certificate, or install the CA",
        )
    if isinstance(exc, ssl.SSLError):
        return PermanentSendError(
            f"TLS with {server} failed: {exc}",
            fix="check [mail.smtp] security and port (465 is ssl, 587 is starttls)",
        )
    if isinstance(exc, TimeoutError):
        return TransientSendError(
            f"no answer from SMTP server {server} within {settings.timeout:g} s",
            fix="check the server is up, or raise [mail.smtp] timeout",
        )
    strerror = exc.strerror if isinstance(exc, OSError) else None
    return TransientSendError(
        f"could not reach SMTP server {server}: {strerror or exc}",
        fix="check [mail.smtp] host and port, and that the server is running",
    )


def _explain_smtp(settings: SmtpConfig, server: str, exc: smtplib.SMTPException) -> SendError:
    where = f"SMTP server {server}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return PermanentSendError(
            f"SMTP server {server} refused the login for {settings.username} ({_reply(exc)})",
            fix=f"check [mail.smtp] username and the password in {secret_hint(settings.password)}",
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return PermanentSendError(
            f"server does not support what was asked: {exc}",
            where=where,
            fix="check [mail.smtp] security (starttls, ssl, none) and port; AUTH is "
            "usually offered only after STARTTLS",
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = refusals(exc.recipients)
        if all(400 <= code < 500 for code, _ in exc.recipients.values()):
            return TransientSendError(f"recipients deferred: {detail}", where=where)
        return PermanentSendError(
            f"recipients refused: {detail}",
            where=where,
            fix="correct the address in the register (or ask IT whether the relay may send to it)",
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        what = f"server replied {_reply(exc)}"
        if 400 <= exc.smtp_code < 500:
            return TransientSendError(what, where=where)
        return PermanentSendError(what, where=where, fix="see the server's reply")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TransientSendError(f"server closed the connection: {exc}", where=where)
    return PermanentSendError(f"SMTP failed: {exc}", where=where)


def _text(code: int, msg: bytes | str) -> str:
    text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else msg
    return f"{code} {text}".strip()


def refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{rcpt}: {_text(code, msg)}" for rcpt, (code, msg) in refused.items())


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return _text(exc.smtp_code, exc.smtp_error)


def deferred(reply: tuple[int, bytes] | None) -> bool:
    """A 4xx answer: the server may take it later."""
    return reply is not None and 400 <= reply[0] < 500


def partly_sent(refused: dict[str, tuple[int, bytes]], envelope: Envelope, where: str) -> PartlySent:
    """Delivered to all but the ``refused``: those only deferred are named for a later run."""
    later = [rcpt for rcpt, reply in refused.items() if deferred(reply)]
    fix = ["check the addresses refused"] if len(later) < len(refused) else []
    fix.append("the others got the message")
    if later:
        fix.append("the next run sends it again to those deferred only")
    return PartlySent(
        f"delivered, except to {refusals(refused)}",
        transport_id=envelope.message_id,
        deferred=later,
        data=envelope.data,
        where=where,
        fix="; ".join(fix),
    )
