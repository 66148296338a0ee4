"""App-only sign-in to Entra ID for the Graph transport (msal's client-credentials flow).

The token is cached between messages. Every sign-in request has a timeout (msal ignores its
own ``timeout`` once it is given an HTTP client, so the client here adds it). A 5xx or a
stalled answer is retried with back-off inside the message's time budget; a refusal (wrong
secret, unknown client or tenant) is never retried, since the answer would not change.
``refresh`` forgets the cached token, for when Graph refuses one before it expires.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from automation.mail.settings import GraphConfig
from automation.mail.transports.http_errors import never_connected, reason
from automation.mail.transports.interface import (
    AuthRefused,
    Budget,
    SendError,
    SetupRefused,
    SignInFailed,
    Unreachable,
    secret_hint,
)

_TRANSIENT_TOKEN_ERRORS = ("temporarily_unavailable", "server_error")
FIRST_WAIT = 1.0


class TimedClient:
    """The ``requests`` session msal uses, with a timeout on every request."""

    def __init__(self, session: Any, timeout: float) -> None:
        self._session = session
        self._timeout = timeout

    def post(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self._timeout)
        return self._session.post(*args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self._timeout)
        return self._session.get(*args, **kwargs)

    def close(self) -> None:
        """The session is the transport's to close."""


class SignIn:
    """Tokens for ``settings.client_id`` from ``settings.authority_host``."""

    def __init__(
        self,
        msal: Any,
        settings: GraphConfig,
        secret: str,
        session: Any,
        *,
        scope: str,
        instance_discovery: bool | None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._msal = msal
        self.settings = settings
        self._secret = secret
        self._client = TimedClient(session, settings.timeout)
        self._scope = scope
        self._instance_discovery = instance_discovery
        self._sleep = sleep
        self._cache = msal.TokenCache()
        self.authority = f"{settings.authority_host.rstrip('/')}/{settings.tenant_id}"

    def refresh(self) -> None:
        """Forget the cached token: the next ``token`` asks Entra ID for a new one."""
        self._cache = self._msal.TokenCache()

    def token(self, budget: Budget) -> str:
        """A token, fetching one when none is cached; retries failures of the service (not
        refusals) while ``budget`` allows. Raises AuthRefused or SignInFailed."""
        wait = FIRST_WAIT
        while True:
            try:
                return self._attempt()
            except (SignInFailed, Unreachable):
                if not budget.allows(wait):
                    raise
            self._sleep(wait)
            wait *= 2

    def _attempt(self) -> str:
        import requests

        try:
            # A new application each time: msal replays a failed answer from its own memory
            # for a while, which would defeat the retry. The token cache is kept.
            app = self._msal.ConfidentialClientApplication(
                self.settings.client_id,
                client_credential=self._secret,
                authority=self.authority,
                http_client=self._client,
                instance_discovery=self._instance_discovery,
                token_cache=self._cache,
            )
            result = app.acquire_token_for_client(scopes=[self._scope])
        except requests.exceptions.SSLError as exc:
            raise SetupRefused(
                f"TLS with the sign-in service failed: {reason(exc)}",
                where=self.authority,
                fix="check [mail.graph] authority_host, or install the proxy's CA certificate",
            ) from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise self._unreachable(exc) from exc
        except requests.exceptions.Timeout as exc:
            raise SignInFailed(
                f"the sign-in service did not answer within {self.settings.timeout:g} s",
                where=self.authority,
                fix="check the proxy and firewall, or raise [mail.graph] timeout",
            ) from exc
        except requests.exceptions.ConnectionError as exc:
            if never_connected(exc):
                raise self._unreachable(exc) from exc
            raise SignInFailed(
                f"the sign-in service dropped the connection: {exc}", where=self.authority
            ) from exc
        except self._msal.exceptions.MsalServiceError as exc:
            raise SignInFailed(f"the sign-in service failed ({exc})", where=self.authority) from exc
        except ValueError as exc:  # discovery failed: an unknown tenant, or a broken service
            raise SignInFailed(
                f"the sign-in service did not describe tenant {self.settings.tenant_id}: {exc}",
                where=self.authority,
                fix="check [mail.graph] tenant_id and authority_host",
            ) from exc
        if "access_token" in result:
            return str(result["access_token"])
        raise self._refusal(result)

    def _unreachable(self, exc: Exception) -> Unreachable:
        return Unreachable(
            f"could not reach the sign-in service: {reason(exc)}",
            where=self.authority,
            fix="check [mail.graph] authority_host, the proxy and the firewall",
        )

    def _refusal(self, result: dict[str, Any]) -> SendError:
        error = str(result.get("error", "unknown_error"))
        lines = str(result.get("error_description", "")).splitlines()
        what = f"Entra ID refused a token for client {self.settings.client_id}: {error}"
        what += f" ({lines[0]})" if lines else ""
        if error in _TRANSIENT_TOKEN_ERRORS:
            return SignInFailed(what, where=self.authority)
        return AuthRefused(
            what,
            where=self.authority,
            fix=f"check [mail.graph] tenant_id, client_id and the secret in "
            f"{secret_hint(self.settings.client_secret)}",
        )
