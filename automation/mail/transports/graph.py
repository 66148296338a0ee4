"""Send through Microsoft Graph ``sendMail`` with an app-only token (extra ``graph``).

msal's client-credentials flow gets (and caches) the token (``graph_sign_in``); ``requests``
posts the message in Graph's MIME form (base64, ``Content-Type: text/plain``), the only form
that carries both the plain-text and the HTML part, and every header, as the other transports
send them. Graph keeps a copy of a MIME message in Sent Items whatever ``saveToSentItems``
says, so a message in doubt can always be looked for. Nothing touches the network until the
first send.

Exactly once: 429 and 503 are refusals (Graph did not take the message) and are retried,
honouring ``Retry-After``, for at most ``max_wait`` seconds per message; a 401 gets one new
token and one more try. Once the request has gone out, a dropped connection, a timeout or
another 5xx leaves the message in doubt (``OutcomeUnknown``): it is never posted again.
Each message carries its ledger key as the header ``X-Tracker-Key``, which Exchange keeps as
a property of the copy in Sent Items, so ``find_sent`` can look for a message in doubt
(needs the Mail.ReadBasic.All permission).
"""

from __future__ import annotations

import base64
import dataclasses
import email.policy
import time
import uuid
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from typing import Any
from urllib.parse import quote, urlsplit

from automation.core.errors import ConfigError, MissingExtra
from automation.mail.settings import Deployment, GraphConfig, MailConfig
from automation.mail.transports.graph_answers import explain_answer, graph_error, retry_after
from automation.mail.transports.graph_sign_in import SignIn
from automation.mail.transports.http_errors import never_connected, reason
from automation.mail.transports.interface import (
    Budget,
    LookupUnavailable,
    OutcomeUnknown,
    PermanentSendError,
    SetupRefused,
    TransientSendError,
    Unreachable,
    check_recipients,
)
from automation.mail.transports.secrets import resolve_secret

KEY_PROPERTY = "String {00020386-0000-0000-C000-000000000046} Name X-Tracker-Key"  # PS_INTERNET_HEADERS
REFUSALS = (429, 503)  # Graph did not take the request: safe to try again


def _import_extras() -> tuple[Any, Any]:
    try:
        import msal
        import requests
    except ImportError as exc:
        missing = "msal" if "msal" in str(exc) else "requests"
        raise MissingExtra(missing, "graph", "the graph mail transport") from exc
    return msal, requests


def scope_for(graph_url: str) -> str:
    """The app-only scope of the Graph instance at ``graph_url``: its origin + ``/.default``."""
    parts = urlsplit(graph_url)
    return f"{parts.scheme}://{parts.netloc}/.default"


def _odata_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _discovery(settings: GraphConfig, asked: bool | None) -> bool | None:
    """msal checks an unknown sign-in host against the public cloud's list, which fails for
    a host IT set on purpose (a sovereign cloud, a proxy): a configured host is trusted."""
    if asked is not None:
        return asked
    return None if urlsplit(settings.authority_host).hostname == "login.microsoftonline.com" else False


class GraphTransport:
    """Sends as ``mailbox``; returns Graph's request-id for each message."""

    name = "graph"

    @staticmethod
    def missing_settings(settings: GraphConfig, mail: MailConfig) -> list[str]:
        wanted = (("tenant_id", "the directory (tenant) id"), ("client_id", "the application (client) id"))
        return [f"[mail.graph] {key} ({what})" for key, what in wanted if not getattr(settings, key)]

    @staticmethod
    def secret_keys(settings: GraphConfig) -> list[str]:
        return ["client_secret"]

    def __init__(
        self,
        settings: GraphConfig,
        *,
        mailbox: str,
        client_secret: str,
        allowed_domains: Iterable[str] = ("*.police.uk",),
        session: Any = None,
        instance_discovery: bool | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        msal, requests = _import_extras()
        self.settings = settings
        self.mailbox = mailbox
        self._allowed = tuple(allowed_domains)
        self._session = session if session is not None else requests.Session()
        self._sleep = sleep
        self._clock = clock
        self.scope = scope_for(settings.graph_url)
        self._sign_in = SignIn(
            msal,
            settings,
            client_secret,
            self._session,
            scope=self.scope,
            instance_discovery=_discovery(settings, instance_discovery),
            sleep=sleep,
        )
        self.authority = self._sign_in.authority
        self._user_url = f"{settings.graph_url.rstrip('/')}/users/{quote(mailbox, safe='@')}"

    @classmethod
    def from_config(
        cls,
        config: Deployment,
        *,
        session: Any = None,
        instance_discovery: bool | None = None,
        max_wait: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> GraphTransport:
        _import_extras()
        graph = config.mail.graph
        source = config.source or "tracker.toml"
        missing = [k for k in ("tenant_id", "client_id", "client_secret") if not getattr(graph, k)]
        if missing:
            raise ConfigError(
                f"{source}: [mail.graph] {', '.join(missing)} is empty",
                fix="set tenant_id, client_id and client_secret (e.g. env:TRACKER_GRAPH_SECRET)",
            )
        secret = resolve_secret(graph.client_secret, f"{source}: [mail.graph] client_secret")
        if max_wait is not None:
            graph = dataclasses.replace(graph, max_wait=int(max_wait))
        return cls(
            graph,
            mailbox=graph.mailbox or config.mail.sender,
            client_secret=secret,
            allowed_domains=config.mail.allowed_domains,
            session=session,
            instance_discovery=instance_discovery,
            sleep=sleep,
            clock=clock,
        )

    def send(self, message: EmailMessage, key: str) -> str:
        check_recipients(message, self._allowed, f"Graph mailbox {self.mailbox}")
        payload = base64.b64encode(message.as_bytes(policy=email.policy.SMTP))
        url = f"{self._user_url}/sendMail"
        budget = Budget(self.settings.max_wait, self._clock)
        attempt, refreshed = 0, False
        while True:
            request_id = str(uuid.uuid4())
            response = self._post(url, payload, request_id, budget)
            code = response.status_code
            if 200 <= code < 300:
                return str(response.headers.get("request-id") or request_id)
            if code == 401 and not refreshed:  # refused before handover: a new token, once
                self._sign_in.refresh()
                refreshed = True
                continue
            if code not in REFUSALS:
                raise explain_answer(response, self.settings.graph_url, self.mailbox)
            wait = retry_after(response, attempt)
            if not budget.allows(wait):
                raise TransientSendError(
                    f"Graph still answers {code} ({graph_error(response)}) after "
                    f"{attempt + 1} tries; it asks to wait {wait:g} s more",
                    where=f"Graph {url}",
                    fix="the next run sends it; or raise [mail.graph] max_wait",
                    retry_after=wait,
                )
            self._sleep(wait)
            attempt += 1

    def find_sent(self, key: str) -> str | None:
        """The id of the copy of message ``key`` in the mailbox's Sent Items, or None."""
        query = (
            f"singleValueExtendedProperties/Any(ep: ep/id eq {_odata_string(KEY_PROPERTY)}"
            f" and ep/value eq {_odata_string(key)})"
        )
        url = f"{self._user_url}/mailFolders/sentitems/messages"
        params = {"$filter": query, "$select": "id", "$top": "1"}
        response = self._get(url, params, Budget(self.settings.max_wait, self._clock))
        if response.status_code == 200:
            found = response.json().get("value", [])
            return str(found[0].get("id", "")) if found else None
        why = f"Graph answered HTTP {response.status_code} {graph_error(response)}"
        fix = "give the app the Mail.ReadBasic.All permission for the mailbox, or check by hand"
        raise LookupUnavailable(f"could not search Sent Items of {self.mailbox}: {why}", fix=fix)

    def probe(self) -> str:
        """Sign in as a send would: nothing is sent."""
        self._sign_in.token(Budget(0, self._clock))
        return f"signed in to {self.authority} as client {self.settings.client_id}"

    def close(self) -> None:
        self._session.close()

    def authorised(self) -> tuple[Any, dict[str, str]]:
        """The HTTP session and a signed-in Authorization header, for reading a mailbox
        (``tracker collect mailbox:``)."""
        token = self._sign_in.token(Budget(self.settings.max_wait, self._clock))
        return self._session, {"Authorization": f"Bearer {token}"}

    def _headers(self, budget: Budget, request_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._sign_in.token(budget)}", "client-request-id": request_id}

    def _get(self, url: str, params: dict[str, str], budget: Budget) -> Any:
        import requests

        try:
            return self._session.get(
                url,
                params=params,
                headers=self._headers(budget, str(uuid.uuid4())),
                timeout=self.settings.timeout,
            )
        except (OSError, TransientSendError, PermanentSendError) as exc:
            what = getattr(exc, "message", None) or reason(exc)
            raise LookupUnavailable(f"could not search Sent Items of {self.mailbox}: {what}") from exc
        except requests.exceptions.RequestException as exc:  # pragma: no cover - all are OSErrors
            raise LookupUnavailable(str(exc)) from exc

    def _post(self, url: str, payload: bytes, request_id: str, budget: Budget) -> Any:
        import requests

        headers = {**self._headers(budget, request_id), "Content-Type": "text/plain"}  # MIME, base64
        timeout = self.settings.timeout
        try:
            return self._session.post(url, data=payload, headers=headers, timeout=timeout)
        except requests.exceptions.SSLError as exc:
            raise SetupRefused(
                f"TLS with Graph failed: {reason(exc)}",
                where=url,
                fix="check [mail.graph] graph_url, or install the proxy's CA certificate",
            ) from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise Unreachable(f"could not reach Graph: {reason(exc)}", where=url) from exc
        except requests.exceptions.Timeout as exc:  # sent, but no answer: it may have gone
            raise OutcomeUnknown(
                f"Graph took the request but did not answer within {timeout:g} s",
                where=url,
                fix="check whether it arrived before sending it again",
            ) from exc
        except requests.exceptions.ConnectionError as exc:
            if never_connected(exc):
                raise Unreachable(f"could not reach Graph: {reason(exc)}", where=url) from exc
            raise OutcomeUnknown(
                f"the connection to Graph broke after the message was handed over ({reason(exc)})",
                where=url,
                fix="check whether it arrived before sending it again",
            ) from exc
