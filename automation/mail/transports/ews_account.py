"""The exchangelib ``Account`` the EWS transport sends through (extra ``ews``).

exchangelib never retries here (``FailFast``): its own fault tolerance resends a request
whose connection dropped after the server took it, and lets busy answers repeat for ever.
The transport does its own, bounded retrying (see ``ews``). Every request, the OAuth sign-in
included, times out after ``[mail.ews] timeout`` seconds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType
from typing import Any

from automation.core.errors import ConfigError, MissingExtra
from automation.mail.settings import EwsConfig
from automation.mail.transports.secrets import resolve_secret

EXCHANGE_BUILD = (15, 2)
KEY_FIELD = "tracker_key"


def exchangelib() -> ModuleType:
    try:
        import exchangelib as el
    except ImportError as exc:
        raise MissingExtra("exchangelib", "ews", "the ews mail transport") from exc
    return el


@functools.cache
def _oauth_class(el: ModuleType) -> type:
    class SignInAt(el.OAuth2Credentials):  # type: ignore[name-defined]
        """Client credentials whose tokens come from ``authority_host`` (exchangelib's own
        class always asks login.microsoftonline.com)."""

        def __init__(self, *args: Any, authority_host: str, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.authority_host = authority_host.rstrip("/")

        @property
        def token_url(self) -> str:
            return f"{self.authority_host}/{self.tenant_id}/oauth2/v2.0/token"

    return SignInAt


def register_key_field(el: ModuleType) -> None:
    """Make the ``X-Tracker-Key`` header searchable: Exchange keeps each X- header of a sent
    message as a named property of the PS_INTERNET_HEADERS set."""
    if KEY_FIELD in {f.name for f in el.Message.FIELDS}:
        return

    class TrackerKey(el.ExtendedProperty):  # type: ignore[name-defined]
        distinguished_property_set_id = "InternetHeaders"
        property_name = "X-Tracker-Key"
        property_type = "String"

    el.Message.register(KEY_FIELD, TrackerKey)


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
        return _oauth_class(el)(
            client_id=ews.client_id,
            client_secret=secret,
            tenant_id=ews.tenant_id,
            identity=identity,
            authority_host=ews.authority_host,
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
    el = exchangelib()
    if not ews.service_endpoint and not ews.autodiscover:
        raise ConfigError(
            f"{source}: [mail.ews] service_endpoint is empty",
            fix="set it, e.g. https://mail.force.police.uk/EWS/Exchange.asmx (or autodiscover = true)",
        )
    credentials = _credentials(el, ews, address, source)
    auth_type = {"ntlm": el.NTLM, "basic": el.BASIC, "oauth": el.OAUTH2}[ews.auth_type]
    access = el.IMPERSONATION if ews.auth_type == "oauth" else el.DELEGATE

    def make() -> Any:
        if ews.autodiscover:
            conf = el.Configuration(credentials=credentials, auth_type=auth_type, retry_policy=el.FailFast())
            account = el.Account(address, config=conf, autodiscover=True, access_type=access)
        else:
            conf = el.Configuration(
                service_endpoint=ews.service_endpoint,
                credentials=credentials,
                auth_type=auth_type,
                version=el.Version(build=el.Build(*build)),
                retry_policy=el.FailFast(),
            )
            account = el.Account(address, config=conf, autodiscover=False, access_type=access)
        account.protocol.TIMEOUT = ews.timeout  # every request, the sign-in included
        return account

    return make


def forget(account: Any) -> None:
    """Close the account's connections and drop its cached protocol (exchangelib caches them
    per endpoint and credentials), so the next account signs in afresh."""
    import contextlib

    protocol = account.protocol
    protocol.close()
    with contextlib.suppress(KeyError):
        del type(protocol)[protocol.config]
