"""Send through Microsoft Graph ``sendMail`` with an app-only token (extra ``graph``).

msal's client-credentials flow gets (and caches) the token; ``requests`` posts the message.
The message goes as Graph JSON rather than MIME, because only the JSON form can say
``saveToSentItems: false``. 429 and 5xx are retried, honouring ``Retry-After``, for at most
``max_wait`` seconds in total. Nothing touches the network until the first send.
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlsplit

from automation.core.errors import ConfigError, MissingExtra
from automation.mail.settings import Deployment, GraphConfig, MailConfig
from automation.mail.transports.interface import (
    OutcomeUnknown,
    PermanentSendError,
    SendError,
    TransientSendError,
    check_recipients,
    secret_hint,
)
from automation.mail.transports.secrets import resolve_secret

_TRANSIENT_TOKEN_ERRORS = ("temporarily_unavailable", "server_error")


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


def _recipients(message: EmailMessage, header: str) -> list[dict[str, Any]]:
    pairs = getaddresses([str(v) for v in message.get_all(header, [])])
    return [
        {"emailAddress": {"address": addr, **({"name": name} if name else {})}}
        for name, addr in pairs
        if addr
    ]


def _attachments(message: EmailMessage, body: EmailMessage | None) -> list[dict[str, Any]]:
    found = []
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        cid = str(part.get("Content-ID", "")).strip().strip("<>")
        if part.get_content_maintype() == "text" and not (part.get_filename() or cid):
            continue  # the other alternative of the body
        payload = part.get_payload(decode=True)
        found.append(
            {
                "@odata.type": "#microsoft.graph.fileAttachment",
                "name": part.get_filename() or "attachment",
                "contentType": part.get_content_type(),
                "contentBytes": base64.b64encode(payload if isinstance(payload, bytes) else b"").decode(),
                "isInline": bool(cid) and not part.is_attachment(),
                **({"contentId": cid} if cid else {}),
            }
        )
    return found


def graph_message(message: EmailMessage, save_to_sent_items: bool) -> dict[str, Any]:
    """The ``sendMail`` request body for ``message``."""
    body = message.get_body(preferencelist=("html", "plain"))
    is_html = body is not None and body.get_content_subtype() == "html"
    content = body.get_content() if isinstance(body, EmailMessage) else ""
    graph: dict[str, Any] = {
        "subject": str(message.get("Subject", "")),
        "body": {"contentType": "HTML" if is_html else "Text", "content": content},
        "toRecipients": _recipients(message, "To"),
        "ccRecipients": _recipients(message, "Cc"),
        "bccRecipients": _recipients(message, "Bcc"),
        "attachments": _attachments(message, body if isinstance(body, EmailMessage) else None),
    }
    if message.get("Reply-To"):
        graph["replyTo"] = _recipients(message, "Reply-To")
    custom = [{"name": k, "value": str(v)} for k, v in message.items() if k.lower().startswith("x-")]
    if custom:
        graph["internetMessageHeaders"] = custom
    return {"message": graph, "saveToSentItems": save_to_sent_items}


def _retry_after(response: Any, attempt: int) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return float(min(2**attempt, 30))


def _graph_error(response: Any) -> str:
    try:
        error = response.json().get("error", {})
        return f"{error.get('code', '')}: {error.get('message', '')}".strip(": ")
    except ValueError:
        return response.text[:200]


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
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._msal, requests = _import_extras()
        self.settings = settings
        self.mailbox = mailbox
        self._secret = client_secret
        self._allowed = tuple(allowed_domains)
        self._session = session if session is not None else requests.Session()
        self._instance_discovery = instance_discovery
        self._timeout = timeout
        self._sleep = sleep
        self._app: Any = None
        self.scope = scope_for(settings.graph_url)
        self.authority = f"{settings.authority_host.rstrip('/')}/{settings.tenant_id}"

    @classmethod
    def from_config(
        cls, config: Deployment, *, session: Any = None, instance_discovery: bool | None = None
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
        return cls(
            graph,
            mailbox=graph.mailbox or config.mail.sender,
            client_secret=secret,
            allowed_domains=config.mail.allowed_domains,
            session=session,
            instance_discovery=instance_discovery,
        )

    def send(self, message: EmailMessage, key: str) -> str:
        check_recipients(message, self._allowed, f"Graph mailbox {self.mailbox}")
        payload = graph_message(message, self.settings.save_to_sent_items)
        url = f"{self.settings.graph_url.rstrip('/')}/users/{quote(self.mailbox, safe='@')}/sendMail"
        deadline = time.monotonic() + self.settings.max_wait
        attempt = 0
        while True:
            request_id = str(uuid.uuid4())
            response = self._post(url, payload, request_id)
            if 200 <= response.status_code < 300:
                return str(response.headers.get("request-id") or request_id)
            if response.status_code != 429 and response.status_code < 500:
                raise self._refusal(response)
            wait = _retry_after(response, attempt)
            if time.monotonic() + wait > deadline:
                raise TransientSendError(
                    f"Graph still answers {response.status_code} ({_graph_error(response)}) after "
                    f"{attempt + 1} tries; it asks to wait {wait:g} s more",
                    where=f"Graph {url}",
                    fix="try again later, or raise [mail.graph] max_wait",
                )
            self._sleep(wait)
            attempt += 1

    def close(self) -> None:
        self._session.close()

    def _post(self, url: str, payload: dict[str, Any], request_id: str) -> Any:
        headers = {"Authorization": f"Bearer {self._token()}", "client-request-id": request_id}
        import requests

        try:
            return self._session.post(url, json=payload, headers=headers, timeout=self._timeout)
        except requests.exceptions.ReadTimeout as exc:  # sent, but no answer: it may have gone
            raise OutcomeUnknown(
                f"Graph took the request but did not answer within {self._timeout:g} s",
                where=url,
                fix="check whether it arrived before sending it again",
            ) from exc
        except OSError as exc:  # requests' errors are OSErrors
            raise TransientSendError(f"could not reach Graph: {exc}", where=url) from exc

    def _token(self) -> str:
        try:
            if self._app is None:
                self._app = self._msal.ConfidentialClientApplication(
                    self.settings.client_id,
                    client_credential=self._secret,
                    authority=self.authority,
                    http_client=self._session,
                    instance_discovery=self._instance_discovery,
                    timeout=self._timeout,
                )
            result = self._app.acquire_token_for_client(scopes=[self.scope])
        except OSError as exc:
            raise TransientSendError(
                f"could not reach the sign-in service: {exc}", where=self.authority
            ) from exc
        except ValueError as exc:
            raise PermanentSendError(
                f"the sign-in service did not accept the authority: {exc}",
                where=self.authority,
                fix="check [mail.graph] tenant_id and authority_host",
            ) from exc
        if "access_token" in result:
            return str(result["access_token"])
        raise self._token_refusal(result)

    def _token_refusal(self, result: dict[str, Any]) -> SendError:
        error = str(result.get("error", "unknown_error"))
        lines = str(result.get("error_description", "")).splitlines()
        what = f"Entra ID refused a token for client {self.settings.client_id}: {error}"
        what += f" ({lines[0]})" if lines else ""
        if error in _TRANSIENT_TOKEN_ERRORS:
            return TransientSendError(what, where=self.authority)
        return PermanentSendError(
            what,
            where=self.authority,
            fix=f"check [mail.graph] tenant_id, client_id and the secret in "
            f"{secret_hint(self.settings.client_secret)}",
        )

    def _refusal(self, response: Any) -> PermanentSendError:
        code = response.status_code
        what = f"Graph refused to send as {self.mailbox}: HTTP {code} {_graph_error(response)}"
        if code in (401, 403):
            fix = (
                "check the app has the Mail.Send application permission with admin consent, "
                "and that its Exchange RBAC scope includes [mail.graph] mailbox"
            )
        elif code == 404:
            fix = "check [mail.graph] mailbox (or [mail] sender) names an existing mailbox"
        else:
            fix = "check the recipients and the message; Graph's reply says what it disliked"
        return PermanentSendError(what, where=f"Graph {self.settings.graph_url}", fix=fix)
