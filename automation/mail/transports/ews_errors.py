"""What an exchangelib exception means for a message sent through EWS.

A busy answer (``ErrorServerBusy`` with its back-off, HTTP 503) is a refusal worth another
try (``Retry``); a lost connection after the request went out, or an answer that cannot be
read, leaves the message in doubt; a refused login or an account without send-as rights is
refused for every message (``stops_run``).
"""

from __future__ import annotations

from types import ModuleType

from automation.mail.settings import EwsConfig
from automation.mail.transports.http_errors import never_connected, reason
from automation.mail.transports.interface import (
    AuthRefused,
    OutcomeUnknown,
    PermanentSendError,
    SendError,
    SetupRefused,
    SignInFailed,
    TransientSendError,
    Unreachable,
    secret_hint,
)

_BUSY = (  # Exchange did not take the request: safe to send again
    "ErrorServerBusy",
    "ErrorInternalServerTransientError",
    "ErrorTooManyObjectsOpened",
    "ErrorMailboxStoreUnavailable",
    "ErrorMailboxMoveInProgress",
    "ErrorExceededConnectionCount",
    "RateLimitError",
)
_WHOLE_ACCOUNT = (  # refusals that every message from this account would get
    "ErrorSendAsDenied",
    "ErrorAccessDenied",
    "ErrorImpersonateUserDenied",
    "ErrorNonExistentMailbox",
    "ErrorAccountDisabled",
    "CASError",
    "RedirectError",
)


class TokenRefused(AuthRefused):
    """Exchange refused an OAuth token the sign-in service gave: renewed once."""


class Retry(Exception):
    """A refusal worth another try, after ``wait`` seconds (None: the caller's back-off)."""

    def __init__(self, wait: float | None, cause: SendError) -> None:
        self.wait = wait
        self.cause = cause


def _server(s: EwsConfig) -> str:
    return s.service_endpoint or "autodiscover"


def translate(el: ModuleType, exc: Exception, s: EwsConfig) -> Exception:
    """A ``Retry`` for refusals worth another try, else the SendError it amounts to."""
    where = f"EWS {_server(s)}"
    name = type(exc).__name__
    if isinstance(exc, el.errors.UnauthorizedError):
        return _login_refused(s)
    if type(exc).__module__.startswith("oauthlib"):
        return _sign_in_refused(exc, s)
    if name in _BUSY and "Reraised from ErrorTimeoutExpired" in str(exc):
        return _connection_failed(exc, s)  # a lost connection, whatever exchangelib calls it
    if name in _BUSY:
        busy = TransientSendError(
            f"Exchange is busy: {name}: {exc}",
            where=where,
            fix="the next run sends it; or raise [mail.ews] max_wait",
        )
        asked = None if "Reraised from" in str(exc) else getattr(exc, "back_off", None)
        return Retry(asked, busy)  # exchangelib's own guesses are not the server's
    if isinstance(exc, el.errors.ErrorTimeoutExpired):
        return _connection_failed(exc, s)
    if type(exc) is el.errors.TransportError:  # raised bare for TLS failures
        return SetupRefused(
            f"TLS with {_server(s)} failed: {exc}",
            fix="check [mail.ews] service_endpoint's host name, or install the CA",
        )
    if isinstance(exc, OSError):  # raised by the OAuth sign-in, which exchangelib does not wrap
        return _sign_in_failed(exc, s)
    if isinstance(exc, el.errors.MalformedResponseError):
        return OutcomeUnknown(
            f"Exchange's answer could not be read after it took the request ({str(exc)[:200]})",
            where=where,
            fix="check whether it arrived before sending it again",
        )
    refused = SetupRefused if name in _WHOLE_ACCOUNT else PermanentSendError
    return refused(
        f"Exchange refused the message: {name}: {exc}",
        where=where,
        fix="check the recipients, the sending mailbox and the account's send-as rights",
    )


def _connection_failed(exc: Exception, s: EwsConfig) -> Exception:
    where = f"EWS {_server(s)}"
    if never_connected(exc):
        return Retry(
            None,
            Unreachable(
                f"could not reach EWS: {reason(exc)}",
                where=where,
                fix="check [mail.ews] service_endpoint, and that Exchange is running",
            ),
        )
    return OutcomeUnknown(
        f"the connection to Exchange failed after the message was handed over ({reason(exc)})",
        where=where,
        fix="check whether it arrived before sending it again",
    )


def _login_refused(s: EwsConfig) -> AuthRefused:
    who = s.client_id if s.auth_type == "oauth" else s.username
    ref = s.client_secret if s.auth_type == "oauth" else s.password
    refused = TokenRefused if s.auth_type == "oauth" else AuthRefused
    return refused(
        f"Exchange at {_server(s)} refused the login for {who}",
        fix=f"check [mail.ews] auth_type ({s.auth_type}), username/client_id and the "
        f"secret in {secret_hint(ref)}",
    )


def _sign_in_refused(exc: Exception, s: EwsConfig) -> Exception:
    if type(exc).__name__ in ("TemporarilyUnavailableError", "ServerError", "MissingTokenError"):
        return _sign_in_retry(f"the sign-in service failed and gave no token ({exc})", s)
    return AuthRefused(
        f"the sign-in service refused the OAuth client {s.client_id}: {exc}",
        where=s.authority_host,
        fix="check [mail.ews] client_id, tenant_id and the secret in " + secret_hint(s.client_secret),
    )


def _sign_in_failed(exc: OSError, s: EwsConfig) -> Exception:
    import requests

    if isinstance(exc, requests.exceptions.Timeout) and not never_connected(exc):
        return _sign_in_retry(f"the sign-in service did not answer within {s.timeout:g} s", s)
    if never_connected(exc):
        return Retry(
            None,
            Unreachable(f"could not reach the sign-in service: {reason(exc)}", where=s.authority_host),
        )
    return _sign_in_retry(f"the sign-in service failed: {reason(exc)}", s)


def _sign_in_retry(what: str, s: EwsConfig) -> Retry:
    return Retry(
        None,
        SignInFailed(
            what, where=s.authority_host, fix="check the proxy and firewall, or raise [mail.ews] timeout"
        ),
    )
