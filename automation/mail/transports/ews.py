"""Send through on-premises Exchange Web Services with ``exchangelib`` (extra ``ews``).

The message goes as MIME (``Message(mime_content=...)``): Exchange reads subject, body,
attachments and To/Cc from it; Bcc is passed separately and left out of the MIME. With an
explicit ``service_endpoint`` and version, a send is one ``CreateItem`` request
(``SendOnly``, or ``SendAndSaveCopy`` when ``save_copy`` is set). Nothing touches the network
until the first send.
"""

from __future__ import annotations

import contextlib
import email.policy
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from types import ModuleType
from typing import Any

from automation.core.errors import ConfigError, MissingExtra
from automation.mail.settings import Deployment, EwsConfig, MailConfig
from automation.mail.transports.interface import (
    PermanentSendError,
    SendError,
    TransientSendError,
    addresses,
    check_recipients,
    secret_hint,
    with_message_id,
    without_bcc,
)
from automation.mail.transports.secrets import resolve_secret

EXCHANGE_BUILD = (15, 2)
_TRANSIENT = (
    "RateLimitError",
    "ErrorServerBusy",
    "ErrorTimeoutExpired",
    "ErrorInternalServerTransientError",
    "ErrorTooManyObjectsOpened",
    "ErrorMailboxStoreUnavailable",
    "ErrorMailboxMoveInProgress",
    "ErrorConnectionFailed",
    "ErrorExceededConnectionCount",
)


def _exchangelib() -> ModuleType:
    try:
        import exchangelib
    except ImportError as exc:
        raise MissingExtra("exchangelib", "ews", "the ews mail transport") from exc
    return exchangelib


def _retry_policy(el: ModuleType, max_wait: int) -> Any:
    """``FaultTolerance`` that treats HTTP 401 as a refused login.

    Plain ``FaultTolerance`` reads 401 as throttling and keeps retrying a wrong password
    until ``max_wait`` runs out, then reports a rate limit.
    """

    class FailOnLoginRefused(el.FaultTolerance):  # type: ignore[name-defined]
        def raise_response_errors(self, response: Any) -> Any:
            if response.status_code == 401:
                raise el.errors.UnauthorizedError(f"Invalid credentials for {response.url}")
            return super().raise_response_errors(response)

    return FailOnLoginRefused(max_wait=max_wait)


def _credentials(el: ModuleType, ews: EwsConfig, address: str, source: str) -> Any:
    if ews.auth_type == "oauth":
        missing = [k for k in ("client_id", "tenant_id", "client_secret") if not getattr(ews, k)]
        if missing:
            raise ConfigError(
                f"{source}: [mail.ews] auth_type is oauth but {', '.join(missing)} is empty",
                fix="set client_id, tenant_id and client_secret (a secret reference)",
            )
        secret = resolve_secret(ews.client_secret, f"{source}: [mail.ews] client_secret")
        identity = el.Identity(primary_smtp_address=address)
        return el.OAuth2Credentials(
            client_id=ews.client_id, client_secret=secret, tenant_id=ews.tenant_id, identity=identity
        )
    if not ews.username:
        raise ConfigError(
            f"{source}: [mail.ews] username is empty",
            fix=r"set username, e.g. FORCE\svc-tracker, and password = \"env:TRACKER_EWS_PASSWORD\"",
        )
    return el.Credentials(ews.username, resolve_secret(ews.password, f"{source}: [mail.ews] password"))


def account_factory(
    ews: EwsConfig, address: str, source: str, build: tuple[int, ...] = EXCHANGE_BUILD
) -> Callable[[], Any]:
    """Check the settings and resolve secrets now; return a function making the Account later."""
    el = _exchangelib()
    if not ews.service_endpoint and not ews.autodiscover:
        raise ConfigError(
            f"{source}: [mail.ews] service_endpoint is empty",
            fix="set it, e.g. https://mail.force.police.uk/EWS/Exchange.asmx (or autodiscover = true)",
        )
    credentials = _credentials(el, ews, address, source)
    auth_type = {"ntlm": el.NTLM, "basic": el.BASIC, "oauth": el.OAUTH2}[ews.auth_type]
    access = el.IMPERSONATION if ews.auth_type == "oauth" else el.DELEGATE
    policy = _retry_policy(el, ews.max_wait)

    def make() -> Any:
        if ews.autodiscover:
            conf = el.Configuration(credentials=credentials, auth_type=auth_type, retry_policy=policy)
            return el.Account(address, config=conf, autodiscover=True, access_type=access)
        conf = el.Configuration(
            service_endpoint=ews.service_endpoint,
            credentials=credentials,
            auth_type=auth_type,
            version=el.Version(build=el.Build(*build)),
            retry_policy=policy,
        )
        return el.Account(address, config=conf, autodiscover=False, access_type=access)

    return make


class EwsTransport:
    """Sends as ``address`` through Exchange; returns each message's Message-ID.

    EWS returns no item id for a message it sends, so the Message-ID is the id.
    """

    name = "ews"

    @staticmethod
    def missing_settings(settings: EwsConfig, mail: MailConfig) -> list[str]:
        missing = (
            []
            if settings.username
            else ["[mail.ews] username (the sending account, e.g. FORCE\\svc-tracker)"]
        )
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
    ) -> None:
        self._make_account = make_account
        self._account: Any = None
        self.settings = settings
        self._allowed = tuple(allowed_domains)

    @classmethod
    def from_config(cls, config: Deployment, *, build: tuple[int, ...] = EXCHANGE_BUILD) -> EwsTransport:
        ews = config.mail.ews
        address = ews.primary_smtp_address or config.mail.sender
        make = account_factory(ews, address, config.source or "tracker.toml", build)
        return cls(make, settings=ews, allowed_domains=config.mail.allowed_domains)

    @property
    def server(self) -> str:
        return self.settings.service_endpoint or "autodiscover"

    def send(self, message: EmailMessage, key: str) -> str:
        check_recipients(message, self._allowed, f"EWS {self.server}")
        el = _exchangelib()
        stamped = with_message_id(message)
        try:
            if self._account is None:
                self._account = self._make_account()
            item = el.Message(
                account=self._account,
                mime_content=without_bcc(stamped).as_bytes(policy=email.policy.SMTP),
            )
            blind = addresses(stamped, "Bcc")
            if blind:
                item.bcc_recipients = blind
            if self.settings.save_copy:
                item.send_and_save()
            else:
                item.send(save_copy=False)
        except el.errors.EWSError as exc:
            raise self._translate(el, exc) from exc
        except OSError as exc:
            raise TransientSendError(f"could not reach EWS: {exc}", where=self.server) from exc
        except Exception as exc:
            if type(exc).__module__.startswith("oauthlib"):
                raise PermanentSendError(
                    f"the sign-in service refused the OAuth client {self.settings.client_id}: {exc}",
                    where=self.server,
                    fix="check [mail.ews] client_id, tenant_id and the secret in "
                    f"{secret_hint(self.settings.client_secret)}",
                ) from exc
            raise
        return str(stamped["Message-ID"])

    def close(self) -> None:
        account, self._account = self._account, None
        if account is None:
            return
        protocol = account.protocol
        protocol.close()
        # exchangelib caches protocols (and their retry policy) per endpoint and credentials.
        with contextlib.suppress(KeyError):
            del type(protocol)[protocol.config]

    def _translate(self, el: ModuleType, exc: Exception) -> SendError:
        where = f"EWS {self.server}"
        name = type(exc).__name__
        s = self.settings
        if isinstance(exc, el.errors.UnauthorizedError):
            who = s.client_id if s.auth_type == "oauth" else s.username
            ref = s.client_secret if s.auth_type == "oauth" else s.password
            return PermanentSendError(
                f"Exchange at {self.server} refused the login for {who}",
                fix=f"check [mail.ews] auth_type ({s.auth_type}), username/client_id and the "
                f"secret in {secret_hint(ref)}",
            )
        if any(isinstance(exc, cls) for cls in _classes(el, _TRANSIENT)):
            what = f"Exchange is busy or unreachable: {name}: {exc}"
            if name == "RateLimitError":
                what += f" (gave up: the wait asked exceeds [mail.ews] max_wait {s.max_wait} s)"
            return TransientSendError(what, where=where)
        if isinstance(exc, el.errors.TransportError) and not isinstance(exc, el.errors.ResponseMessageError):
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                return PermanentSendError(
                    f"TLS certificate of {self.server} is not trusted: {exc}",
                    fix="check [mail.ews] service_endpoint's host name, or install the CA",
                )
            return TransientSendError(f"EWS request failed: {exc}", where=where)
        return PermanentSendError(
            f"Exchange refused the message: {name}: {exc}",
            where=where,
            fix="check the recipients, the sending mailbox and the account's send-as rights",
        )


def _classes(el: ModuleType, names: Iterable[str]) -> list[type]:
    return [cls for n in names if isinstance(cls := getattr(el.errors, n, None), type)]
