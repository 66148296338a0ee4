"""Loopback HTTP fakes of Entra ID + Graph and of Exchange Web Services, with injectable faults.

Each fake keeps a mailbox: every message the server *took* is in ``accepted`` (by its
``X-Tracker-Key``), and a copy goes to ``sent_items`` when the client asked for one. A script
step can make the server take a message and then drop the connection (``Drop(taken=True)``) or
stall past the client's timeout (``Stall``), which is what leaves a send in doubt.
"""

from __future__ import annotations

import base64
import email
import email.policy
import json
import re
import ssl
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.builders import free_port

GRAPH_SECRET = "s3cret-graph"
GRAPH_TOKEN = "fake-access-token"


@dataclass(frozen=True)
class Drop:
    """Read the request, then close the connection without a word. ``taken``: the server
    processed it first (the message went)."""

    taken: bool = True


@dataclass(frozen=True)
class Stall:
    """Read the request, then wait ``seconds`` before answering (or closing)."""

    seconds: float
    taken: bool = True


Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpFake:
    url: str
    seen: list[Seen]
    script: list[Any]
    release: threading.Event = field(default_factory=threading.Event)

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


Responder = Callable[[Seen, list[Any], str], Any]


def serve(
    responder: Responder, tls: ssl.SSLContext | None = None, fake: HttpFake | None = None
) -> tuple[ThreadingHTTPServer, HttpFake]:
    """Start a threaded HTTP(S) server on 127.0.0.1 answering with ``responder``, which
    returns a ``Reply``, a ``Drop`` or a ``Stall``."""
    port = free_port()
    scheme = "https" if tls else "http"
    if fake is None:
        fake = HttpFake("", [], [])
    fake.url = f"{scheme}://127.0.0.1:{port}"
    own = fake

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            seen = Seen(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
            own.seen.append(seen)
            reply = responder(seen, own.script, own.url)
            if isinstance(reply, Stall):
                own.release.wait(reply.seconds)
                reply = Drop()
            if isinstance(reply, Drop):
                self.close_connection = True
                return
            status, headers, body = reply
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, fake


def stop(server: ThreadingHTTPServer, fake: HttpFake) -> None:
    fake.release.set()  # cut stalls short
    server.shutdown()
    server.server_close()


# --- Entra ID + Graph -----------------------------------------------------------------

INTERNET_HEADER = "String {00020386-0000-0000-C000-000000000046} Name X-Tracker-Key"
_KEY_FILTER = re.compile(r"ep/value eq '((?:[^']|'')*)'")


@dataclass
class GraphFake(HttpFake):
    """``script``: sendMail steps, each ``(status, headers)``, ``Drop`` or ``Stall``.
    ``sign_in``: token endpoint steps, each an HTTP status, ``Drop`` or ``Stall``."""

    sign_in: list[Any] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    sent_items: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    revoked: set[str] = field(default_factory=set)
    lookup_status: int = 200

    def revoke_tokens(self) -> None:
        """Graph stops accepting every token issued so far (as when one expires early)."""
        self.revoked |= set(self.tokens)

    def token_posts(self) -> list[Seen]:
        return [s for s in self.seen if s.path.endswith("/oauth2/v2.0/token")]

    def mail_posts(self) -> list[Seen]:
        return [s for s in self.seen if s.path.endswith("/sendMail")]


def _json(status: int, doc: Any, headers: dict[str, str] | None = None) -> Reply:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(doc).encode()


def _token(fake: GraphFake, seen: Seen) -> Any:
    if fake.sign_in:
        step = fake.sign_in.pop(0)
        if isinstance(step, (Drop, Stall)):
            return step
        return step, {"Content-Type": "text/html"}, b"<html>Service unavailable</html>"
    if f"client_secret={GRAPH_SECRET}".encode() not in seen.body:
        error = {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret."}
        return _json(401, error)
    token = GRAPH_TOKEN if not fake.tokens else f"{GRAPH_TOKEN}-{len(fake.tokens) + 1}"
    fake.tokens.append(token)
    return _json(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token})


def mime_of(body: bytes) -> EmailMessage:
    """The message a sendMail request carries: Graph's MIME form, base64 in a text/plain body."""
    parsed = email.message_from_bytes(base64.b64decode(body, validate=True), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _send_mail(fake: GraphFake, seen: Seen) -> Any:
    token = seen.headers.get("Authorization", "").removeprefix("Bearer ")
    if token not in fake.tokens or token in fake.revoked:
        error = {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}
        return _json(401, {"error": error})
    status, headers = 202, {}
    step = fake.script.pop(0) if fake.script else None
    if isinstance(step, (Drop, Stall)):
        taken = step.taken
    else:
        status, headers = step or (202, {})
        taken = 200 <= status < 300
    if taken:
        assert seen.headers.get("Content-Type") == "text/plain", "sendMail takes MIME as base64 text"
        key = str(mime_of(seen.body)["X-Tracker-Key"] or "")
        fake.accepted.append(key)
        fake.sent_items.append({"id": f"AAMk-{len(fake.sent_items) + 1}", "key": key})  # MIME: always
    if isinstance(step, (Drop, Stall)):
        return step
    if status >= 400:
        body_out = json.dumps({"error": {"code": f"Http{status}", "message": "fake refusal"}}).encode()
        return status, {"request-id": f"req-{len(seen.body)}", **headers}, body_out
    return status, {"request-id": f"req-{len(seen.body)}", **headers}, b""


def _sent_items(fake: GraphFake, seen: Seen) -> Reply:
    if fake.lookup_status != 200:
        error = {"code": "ErrorAccessDenied", "message": "Access is denied."}
        return _json(fake.lookup_status, {"error": error})
    query = parse_qs(urlsplit(seen.path).query)
    wanted = _KEY_FILTER.search(unquote(query.get("$filter", [""])[0]))
    assert wanted, f"unexpected lookup {seen.path}"
    assert INTERNET_HEADER in unquote(query["$filter"][0])
    key = wanted.group(1).replace("''", "'")
    found = [{"id": item["id"]} for item in fake.sent_items if item["key"] == key]
    return _json(200, {"value": found})


def graph_responder(fake: GraphFake) -> Responder:
    def respond(seen: Seen, script: list[Any], base: str) -> Any:
        path = urlsplit(seen.path).path
        if path.endswith("/.well-known/openid-configuration"):
            tenant = path.split("/")[1]
            doc = {
                "issuer": f"{base}/{tenant}/v2.0",
                "authorization_endpoint": f"{base}/{tenant}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/{tenant}/oauth2/v2.0/token",
            }
            return _json(200, doc)
        if path.endswith("/oauth2/v2.0/token"):
            return _token(fake, seen)
        if path.startswith("/v1.0/users/") and path.endswith("/sendMail"):
            return _send_mail(fake, seen)
        if path.startswith("/v1.0/users/") and "/mailFolders/" in path and path.endswith("/messages"):
            return _sent_items(fake, seen)
        return _json(404, {"error": "not found"})

    return respond


def start_graph(tls: ssl.SSLContext) -> tuple[ThreadingHTTPServer, GraphFake]:
    fake = GraphFake("", [], [])
    server, _ = serve(graph_responder(fake), tls=tls, fake=fake)
    return server, fake


# --- EWS ------------------------------------------------------------------------------

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
NS = {"s": SOAP, "m": M, "t": T}

_HEADER = (
    f'<s:Header><h:ServerVersionInfo xmlns:h="{T}" MajorVersion="15" MinorVersion="2" '
    'MajorBuildNumber="1118" MinorBuildNumber="7" Version="V2017_07_11"/></s:Header>'
)
_ENVELOPE = f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{SOAP}">{_HEADER}<s:Body>'
CREATE_OK = (
    f'{_ENVELOPE}<m:CreateItemResponse xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>'
    '<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
    "<m:Items/></m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse>"
    "</s:Body></s:Envelope>"
)
CREATE_REFUSED = CREATE_OK.replace('ResponseClass="Success"', 'ResponseClass="Error"').replace(
    "<m:ResponseCode>NoError</m:ResponseCode>",
    "<m:MessageText>The user account which was used to submit this request does not have the "
    "right to send mail on behalf of the specified sending account.</m:MessageText>"
    "<m:ResponseCode>ErrorSendAsDenied</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>",
)


def server_busy(back_off_ms: int) -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{SOAP}"><s:Body><s:Fault>'
        f'<faultcode xmlns:a="{T}">a:ErrorServerBusy</faultcode>'
        "<faultstring>The server cannot service this request right now. Try again later.</faultstring>"
        '<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
        "ErrorServerBusy</e:ResponseCode>"
        '<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
        "The server cannot service this request right now. Try again later.</e:Message>"
        f'<t:MessageXml xmlns:t="{T}"><t:Value Name="BackOffMilliseconds">{back_off_ms}</t:Value>'
        "</t:MessageXml></detail></s:Fault></s:Body></s:Envelope>"
    )


def get_folder_ok(distinguished_ids: list[str]) -> str:
    folders = "".join(
        f'<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f'<m:Folders><t:Folder><t:FolderId Id="id-{name}" ChangeKey="ck-{name}"/>'
        f"<t:DisplayName>{name}</t:DisplayName><t:FolderClass>IPF.Note</t:FolderClass>"
        "<t:TotalCount>0</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>"
        "<t:UnreadCount>0</t:UnreadCount></t:Folder></m:Folders></m:GetFolderResponseMessage>"
        for name in distinguished_ids
    )
    return (
        f'{_ENVELOPE}<m:GetFolderResponse xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>{folders}'
        "</m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>"
    )


def find_item_ok(ids: list[str]) -> str:
    items = "".join(f'<t:Message><t:ItemId Id="{i}" ChangeKey="ck-{i}"/></t:Message>' for i in ids)
    return (
        f'{_ENVELOPE}<m:FindItemResponse xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>'
        '<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f'<m:RootFolder TotalItemsInView="{len(ids)}" IncludesLastItemInRange="true">'
        f"<t:Items>{items}</t:Items></m:RootFolder></m:FindItemResponseMessage>"
        "</m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>"
    )


@dataclass
class EwsFake(HttpFake):
    """``script``: CreateItem steps: an int (ErrorServerBusy with that back-off in ms), 401,
    503, a SOAP body, ``(status, raw body)``, ``Drop`` or ``Stall``. With OAuth, ``authority``
    is the sign-in fake whose unrevoked tokens Exchange accepts."""

    accepted: list[str] = field(default_factory=list)
    sent_items: list[dict[str, Any]] = field(default_factory=list)
    authority: GraphFake | None = None  # with OAuth: the sign-in service whose tokens count

    def token_ok(self, header: str) -> bool:
        token = header.removeprefix("Bearer ")
        return self.authority is None or (
            token in self.authority.tokens and token not in self.authority.revoked
        )

    def creates(self) -> list[Seen]:
        return [s for s in self.seen if b"<m:CreateItem" in s.body]


def _mime_key(body: bytes) -> str:
    node = ET.fromstring(body).find(".//t:MimeContent", NS)
    if node is None or not node.text:
        return ""
    parsed = email.message_from_bytes(base64.b64decode(node.text), policy=email.policy.default)
    return str(parsed.get("X-Tracker-Key", ""))


def _take(fake: EwsFake, seen: Seen) -> None:
    key = _mime_key(seen.body)
    fake.accepted.append(key)
    if b'MessageDisposition="SendAndSaveCopy"' in seen.body:
        fake.sent_items.append({"id": f"ews-{len(fake.sent_items) + 1}", "key": key})


def _find_item(fake: EwsFake, seen: Seen) -> Reply:
    root = ET.fromstring(seen.body)
    constant = root.find(".//t:IsEqualTo/t:FieldURIOrConstant/t:Constant", NS)
    field_uri = root.find(".//t:IsEqualTo/t:ExtendedFieldURI", NS)
    assert constant is not None and field_uri is not None, seen.body
    assert field_uri.get("PropertyName") == "X-Tracker-Key"
    assert field_uri.get("DistinguishedPropertySetId") == "InternetHeaders"
    ids = [item["id"] for item in fake.sent_items if item["key"] == constant.get("Value")]
    return 200, {"Content-Type": "text/xml; charset=utf-8"}, find_item_ok(ids).encode()


def _create_item(fake: EwsFake, seen: Seen) -> Any:
    xml = {"Content-Type": "text/xml; charset=utf-8"}
    step = fake.script.pop(0) if fake.script else None
    if isinstance(step, (Drop, Stall)):
        if step.taken:
            _take(fake, seen)
        return step
    if step == 401:
        return 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}, b""
    if step == 503:
        return 503, {"Content-Type": "text/html"}, b"<html>Service Unavailable</html>"
    if isinstance(step, int):
        return 500, xml, server_busy(step).encode()
    if isinstance(step, str):
        return 200, xml, step.encode()
    if isinstance(step, tuple):  # (status, body): a raw answer, e.g. a proxy's 502 page
        status, raw = step
        return status, {"Content-Type": "text/html"}, raw
    _take(fake, seen)
    return 200, xml, CREATE_OK.encode()


def ews_responder(fake: EwsFake) -> Responder:
    def respond(seen: Seen, script: list[Any], base: str) -> Any:
        if not fake.token_ok(seen.headers.get("Authorization", "")):
            return 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}, b""
        if b"<m:GetFolder" in seen.body:
            wanted = ET.fromstring(seen.body).iterfind(".//t:DistinguishedFolderId", NS)
            body = get_folder_ok([w.get("Id", "") for w in wanted])
            return 200, {"Content-Type": "text/xml; charset=utf-8"}, body.encode()
        if b"<m:FindItem" in seen.body:
            return _find_item(fake, seen)
        return _create_item(fake, seen)

    return respond


def start_ews(tls: ssl.SSLContext | None = None) -> tuple[ThreadingHTTPServer, EwsFake]:
    fake = EwsFake("", [], [])
    server, _ = serve(ews_responder(fake), tls=tls, fake=fake)
    return server, fake
