"""Send through an SMTP server or internal relay with ``smtplib``.

One connection is opened on the first send and reused; any transient failure drops it and
the next attempt reconnects. Transient failures are retried with back-off for at most
``max_wait`` seconds per message. A server that cannot be reached at all, a refused login and
an untrusted certificate stop the run (``stops_run``): every other message would fare the same.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
import time
from collections.abc import Callable, Iterable, Sequence
from email.message import EmailMessage
from typing import Any

from automation.core.errors import ConfigError
from automation.mail.settings import Deployment, MailConfig, SmtpConfig
from automation.mail.transports.interface import (
    AuthRefused,
    Backoff,
    OutcomeUnknown,
    SendError,
    SetupRefused,
    TransientSendError,
    Unreachable,
    with_retries,
)
from automation.mail.transports.secrets import resolve_secret
from automation.mail.transports.smtp_envelope import Envelope
from automation.mail.transports.smtp_errors import deferred as _deferred
from automation.mail.transports.smtp_errors import explain, partly_sent, refusals

log = logging.getLogger(__name__)
DEFAULT_BACKOFF = Backoff(tries=3, first=2.0, factor=4.0, max_total=30.0)


def backoff_for(settings: SmtpConfig) -> Backoff:
    """Three tries, waits of 2 and 8 s, all within ``[mail.smtp] max_wait``."""
    return Backoff(tries=3, first=2.0, factor=4.0, max_total=float(settings.max_wait))


class _SMTP(smtplib.SMTP):
    """Notes when DATA began: after that, a lost connection leaves the outcome unknown."""

    data_started = False

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.data_started = True
        return super().data(msg)


class _SMTPSSL(smtplib.SMTP_SSL):
    data_started = False

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.data_started = True
        return super().data(msg)


class SmtpTransport:
    """Hands messages to ``settings.host``; returns each message's Message-ID."""

    name = "smtp"

    @staticmethod
    def missing_settings(settings: SmtpConfig, mail: MailConfig) -> list[str]:
        return [] if settings.host else ["[mail.smtp] host (the SMTP server or relay host name)"]

    @staticmethod
    def secret_keys(settings: SmtpConfig) -> list[str]:
        return ["password"] if settings.username else []

    def __init__(
        self,
        settings: SmtpConfig,
        *,
        password: str = "",
        allowed_domains: Iterable[str] = ("*.police.uk",),
        ssl_context: ssl.SSLContext | None = None,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._password = password
        self._allowed = tuple(allowed_domains)
        self._context = ssl_context or ssl.create_default_context()
        self._backoff = backoff or backoff_for(settings)
        self._sleep = sleep
        self._client: smtplib.SMTP | None = None

    @classmethod
    def from_config(
        cls,
        config: Deployment,
        *,
        ssl_context: ssl.SSLContext | None = None,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> SmtpTransport:
        settings = config.mail.smtp
        source = config.source or "tracker.toml"
        if not settings.host:
            raise ConfigError(
                f"{source}: [mail.smtp] host is empty",
                fix="set host to the SMTP server or relay, or choose another [mail] transport",
            )
        password = ""
        if settings.username:
            password = resolve_secret(settings.password, f"{source}: [mail.smtp] password")
        return cls(
            settings,
            password=password,
            allowed_domains=config.mail.allowed_domains,
            ssl_context=ssl_context,
            backoff=backoff,
            sleep=sleep,
        )

    @property
    def server(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def send(self, message: EmailMessage, key: str) -> str:
        return self._send(Envelope.of(message, self._allowed, f"SMTP server {self.server}"), None)

    def send_to(self, data: bytes, key: str, recipients: Sequence[str]) -> str:
        """Send ``data``, the bytes of a message handed over before (``PartlySent.data``),
        unchanged, with only ``recipients`` in the envelope: those that run missed. Raises
        ``PartlySent`` when some are missed again, or as ``send`` does when none got it."""
        where = f"SMTP server {self.server}"
        return self._send(Envelope.again(data, recipients, self._allowed, where), list(recipients))

    def _send(self, envelope: Envelope, only: list[str] | None) -> str:
        pending = only  # None: every recipient the message names; later only the deferred ones
        refused: dict[str, tuple[int, bytes]] = {}
        deferrals: dict[str, tuple[int, bytes]] = {}  # the server's latest answer to each

        def attempt() -> None:
            nonlocal pending
            try:
                refused.update(self._deliver(envelope, pending, some_only=pending is not None))
            except (TransientSendError, OutcomeUnknown):
                self._drop()
                raise
            deferred = [rcpt for rcpt in (pending or refused) if _deferred(refused.get(rcpt))]
            if deferred:
                pending = deferred
                deferrals.update({rcpt: refused.pop(rcpt) for rcpt in deferred})
                raise TransientSendError(f"deferred for {', '.join(deferred)}", where=self.server)

        try:
            with_retries(attempt, self._backoff, sleep=self._sleep, on_retry=self._log_retry)
        except TransientSendError as exc:
            if pending is None:
                raise
            if pending == only and not refused:  # none of those asked for got it
                if set(deferrals) != set(pending):
                    raise
                deferred = {rcpt: deferrals[rcpt] for rcpt in pending}
                where = f"SMTP server {self.server}"
                raise TransientSendError(f"recipients deferred: {refusals(deferred)}", where=where) from exc
            refused.update({rcpt: deferrals.get(rcpt, (451, exc.message.encode())) for rcpt in pending})
        if refused:
            raise partly_sent(refused, envelope, f"SMTP server {self.server}")
        return envelope.message_id

    def probe(self) -> str:
        """Connect, start TLS and log in as a send would, then hang up: nothing is sent."""
        try:
            client = self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            raise self._not_connected(exc) from exc
        with contextlib.suppress(smtplib.SMTPException, OSError):
            client.quit()
        client.close()
        steps = [f"connected to {self.server}"]
        if self.settings.security != "none":
            steps.append(f"TLS ({self.settings.security})")
        if self.settings.username:
            steps.append(f"logged in as {self.settings.username}")
        return ", ".join(steps)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                client.quit()
            client.close()

    def _log_retry(self, exc: TransientSendError) -> None:
        log.warning("%s; trying again", exc.message)

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def _deliver(
        self, envelope: Envelope, to_addrs: list[str] | None, *, some_only: bool = False
    ) -> dict[str, tuple[int, bytes]]:
        """Send; return the recipients the server refused while accepting others, and, when
        sending to ``some_only`` of them, those it refused when it took nobody."""
        reused = self._client is not None
        try:
            try:
                return self._send_once(envelope, to_addrs)
            except smtplib.SMTPServerDisconnected:
                if not reused or self._data_started():
                    raise
                self._drop()  # the server timed out the idle connection: reconnect once now
                return self._send_once(envelope, to_addrs)
        except smtplib.SMTPRecipientsRefused as exc:
            if some_only:  # each answer counts: deferred ones are retried, refused ones reported
                return dict(exc.recipients)
            raise explain(self.settings, exc) from exc
        except (smtplib.SMTPException, OSError) as exc:
            if self._data_started() and not isinstance(exc, smtplib.SMTPDataError):
                raise OutcomeUnknown(
                    f"the connection failed after the message was handed over ({exc})",
                    where=f"SMTP server {self.server}",
                    fix="check whether it arrived before sending it again",
                ) from exc
            raise explain(self.settings, exc) from exc

    def _send_once(self, envelope: Envelope, to_addrs: list[str] | None) -> dict[str, tuple[int, bytes]]:
        if self._client is None:
            try:
                self._client = self._connect()
            except (smtplib.SMTPException, OSError) as exc:
                raise self._not_connected(exc) from exc
        client = self._client
        client.data_started = False  # type: ignore[attr-defined]
        recipients = to_addrs if to_addrs is not None else list(envelope.recipients)
        return client.sendmail(envelope.sender, recipients, envelope.data)

    def _data_started(self) -> bool:
        return bool(getattr(self._client, "data_started", False))

    def _not_connected(self, exc: BaseException) -> SendError:
        """Why no session could be set up: nothing was handed over."""
        if isinstance(exc, (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError, ssl.SSLError)):
            refused = explain(self.settings, exc)
            kind = AuthRefused if isinstance(exc, smtplib.SMTPAuthenticationError) else SetupRefused
            return kind(refused.what, where=refused.where, fix=refused.fix)
        if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
            # no greeting in time, or the connection closed before a session was set up: no
            # other message would go either, so the run stops rather than waiting on each
            return Unreachable(
                f"SMTP server {self.server} did not set up a session ({exc})",
                fix="check the server is up and accepts mail from this machine, or raise [mail.smtp] timeout",
            )
        if isinstance(exc, smtplib.SMTPException):
            return explain(self.settings, exc)
        failure = explain(self.settings, exc)
        return Unreachable(failure.what, where=failure.where, fix=failure.fix)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        client: smtplib.SMTP
        if s.security == "ssl":
            client = _SMTPSSL(s.host, s.port, timeout=s.timeout, context=self._context)
        else:
            client = _SMTP(s.host, s.port, timeout=s.timeout)
        try:
            if s.security == "starttls":
                client.starttls(context=self._context)
            if s.username:
                client.login(s.username, self._password)
        except BaseException:
            client.close()
            raise
        return client
