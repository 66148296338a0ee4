"""Send through on-premises Exchange Web Services with ``exchangelib`` (extra ``ews``).

The message goes as MIME (``Message(mime_content=...)``): Exchange reads subject, body,
attachments and To/Cc from it; Bcc is passed separately and left out of the MIME. With an
explicit ``service_endpoint`` and version, a send is one ``CreateItem`` request
(``SendOnly``, or ``SendAndSaveCopy`` when ``save_copy`` is set). Nothing touches the network
until the first send.

Exactly once: a busy answer (``ErrorServerBusy`` with its back-off, HTTP 503) means Exchange
did not take the message, so it is tried again, for at most ``max_wait`` seconds per message;
an OAuth token Exchange refuses is renewed once. A connection lost or a timeout after the
request went out, or an answer that cannot be read, leaves the message in doubt. With
``save_copy``, ``find_sent`` looks for a message in doubt in Sent Items by its
``X-Tracker-Key`` header.
"""

from __future__ import annotations

import email.policy
import time
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from types import ModuleType
from typing import Any

from automation.mail.settings import Deployment, EwsConfig, MailConfig
from automation.mail.transports.ews_account import (
    EXCHANGE_BUILD,
    KEY_FIELD,
    account_factory,
    exchangelib,
    forget,
    register_key_field,
)
from automation.mail.transports.ews_errors import Retry, TokenRefused, translate
from automation.mail.transports.interface import (
    Budget,
    LookupUnavailable,
    SendError,
    TransientSendError,
    addresses,
    check_recipients,
    with_message_id,
    without_bcc,
)

FIRST_WAIT = 2.0


class EwsTransport:
    """Sends as ``address`` through Exchange; returns each message's Message-ID.

    EWS returns no item id for a message it sends, so the Message-ID is the id.
    """

    name = "ews"

    @staticmethod
    def missing_settings(settings: EwsConfig, mail: MailConfig) -> list[str]:
        missing = []
        if settings.auth_type != "oauth" and not settings.username:
            missing.append("[mail.ews] username (the sending account, e.g. FORCE\\svc-tracker)")
        if not (settings.service_endpoint or settings.autodiscover):
            missing.append("[mail.ews] service_endpoint (the EWS URL)")
        if settings.auth_type == "oauth":
            missing += [
                f"[mail.ews] {key}" for key in ("client_id", "tenant_id") if not getattr(settings, key)
            ]
        return missing

    @staticmethod
    def secret_keys(settings: EwsConfig) -> list[str]:
        return ["client_secret"] if settings.auth_type == "oauth" else ["password"]

    def __init__(
        self,
        make_account: Callable[[], Any],
        *,
        settings: EwsConfig,
        allowed_domains: Iterable[str] = ("*.police.uk",),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._make_account = make_account
        self._account: Any = None
        self.settings = settings
        self._allowed = tuple(allowed_domains)
        self._sleep = sleep
        self._clock = clock

    @classmethod
    def from_config(
        cls,
        config: Deployment,
        *,
        build: tuple[int, ...] = EXCHANGE_BUILD,
        max_wait: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> EwsTransport:
        import dataclasses

        ews = config.mail.ews
        if max_wait is not None:
            ews = dataclasses.replace(ews, max_wait=int(max_wait))
        address = ews.primary_smtp_address or config.mail.sender
        make = account_factory(ews, address, config.source or "tracker.toml", build)
        return cls(make, settings=ews, allowed_domains=config.mail.allowed_domains, sleep=sleep, clock=clock)

    @property
    def server(self) -> str:
        return self.settings.service_endpoint or "autodiscover"

    def account(self) -> Any:
        if self._account is None:
            self._account = self._make_account()
        return self._account

    def send(self, message: EmailMessage, key: str) -> str:
        check_recipients(message, self._allowed, f"EWS {self.server}")
        el = exchangelib()
        stamped = with_message_id(message)
        budget = Budget(self.settings.max_wait, self._clock)
        wait, renewed = FIRST_WAIT, False
        while True:
            try:
                self._send_once(el, stamped)
                return str(stamped["Message-ID"])
            except Retry as retry:
                pause = retry.wait if retry.wait is not None else wait
                if not budget.allows(pause):
                    raise self._gave_up(retry.cause, pause) from None
                self._sleep(pause)
                wait *= 2
            except TokenRefused:
                if renewed:
                    raise
                renewed = True  # exchangelib replaced the refused session with a new token

    def _gave_up(self, cause: SendError, pause: float) -> SendError:
        if type(cause) is not TransientSendError:  # unreachable, sign-in: said as it is
            return cause
        return type(cause)(
            f"{cause.what}; it would wait {pause:g} s more, past [mail.ews] max_wait "
            f"{self.settings.max_wait} s for one message",
            where=cause.where,
            fix=cause.fix,
            retry_after=pause,
        )

    def _send_once(self, el: ModuleType, stamped: EmailMessage) -> None:
        try:
            item = el.Message(
                account=self.account(),
                mime_content=without_bcc(stamped).as_bytes(policy=email.policy.SMTP),
            )
            blind = addresses(stamped, "Bcc")
            if blind:
                item.bcc_recipients = blind
            if self.settings.save_copy:
                item.send_and_save()
            else:
                item.send(save_copy=False)
        except Exception as exc:
            raise translate(el, exc, self.settings) from exc

    def probe(self) -> str:
        """Connect and sign in by reading the mailbox's root folder: nothing is sent."""
        el = exchangelib()
        try:
            _ = self.account().root  # one GetFolder: connects and signs in
        except Exception as exc:
            failure = translate(el, exc, self.settings)
            raise (failure.cause if isinstance(failure, Retry) else failure) from exc
        who = self.settings.client_id if self.settings.auth_type == "oauth" else self.settings.username
        return f"signed in to {self.server} as {who}"

    def find_sent(self, key: str) -> str | None:
        """The id of the copy of message ``key`` in Sent Items, or None."""
        if not self.settings.save_copy:
            raise LookupUnavailable(
                "no copy is kept in Sent Items ([mail.ews] save_copy is false)",
                fix="check the recipient's inbox or the Exchange message tracking log",
            )
        el = exchangelib()
        register_key_field(el)
        try:
            found = list(self.account().sent.filter(**{KEY_FIELD: key}).values_list("id", flat=True)[:1])
        except Exception as exc:
            what = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            raise LookupUnavailable(f"could not search Sent Items through {self.server}: {what}") from exc
        return str(found[0]) if found else None

    def close(self) -> None:
        account, self._account = self._account, None
        if account is not None:
            forget(account)
