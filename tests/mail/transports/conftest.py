"""Loopback fakes for every transport: a real aiosmtpd server, a SOAP EWS fake, Entra + Graph.

Every server listens on 127.0.0.1 only; the TLS ones use a throwaway trustme CA.
"""

from __future__ import annotations

import json
import ssl
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from automation.mail.settings import EwsConfig, GraphConfig, MailConfig, SmtpConfig
from automation.run.config import Config
from tests.builders import free_port

SMTP_USER, SMTP_PASSWORD = "svc-tracker", "s3cret-smtp"
EWS_USER, EWS_PASSWORD = r"FORCE\svc-tracker", "s3cret-ews"
GRAPH_SECRET, GRAPH_TOKEN = "s3cret-graph", "fake-access-token"
TENANT, MAILBOX = "force-tenant", "tracker@force.police.uk"


def make_config(tmp_path: Path, **mail: Any) -> Config:
    return Config(mail=MailConfig(**mail), base_dir=tmp_path, source=str(tmp_path / "tracker.toml"))


@pytest.fixture
def message() -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = "OFFICIAL: your HMICFRS recommendations, week 48"
    msg["From"] = "Tracker <tracker@force.police.uk>"
    msg["To"] = "Alice Owner <alice@force.police.uk>"
    msg["Cc"] = "bob.manager@force.police.uk"
    msg["Message-ID"] = "<2026-W48.owner.alice@force.police.uk>"
    msg["X-Protective-Marking"] = "OFFICIAL"
    msg.set_content("Two recommendations are red.\n")
    msg.add_alternative("<p>Two recommendations are <b>red</b>. £ ✓</p>", subtype="html")
    msg.add_attachment(b"ref,status\nR1,red\n", maintype="text", subtype="csv", filename="items.csv")
    return msg


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(scope="session")
def client_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ca.configure_trust(context)
    return context


@pytest.fixture(scope="session")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


# --- SMTP -----------------------------------------------------------------------------


@dataclass
class SmtpHandler:
    """Records what arrived; ``rcpt_replies`` scripts RCPT answers (then 250)."""

    received: list[Envelope] = field(default_factory=list)
    rcpt_replies: list[str] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    logins: list[str] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if self.rcpt_replies:
            return self.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        self.received.append(envelope)
        return "250 2.0.0 Ok: queued as FAKE123"

    def __call__(
        self, server: Any, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (
            data.login.decode(),
            data.password.decode(),
        ) == (SMTP_USER, SMTP_PASSWORD)
        self.logins.append(f"{mechanism}:{'ok' if ok else 'refused'}")
        return AuthResult(success=ok, handled=False)


@dataclass
class SmtpServer:
    handler: SmtpHandler
    port: int

    def settings(self, **overrides: Any) -> SmtpConfig:
        values: dict[str, Any] = {"host": "127.0.0.1", "port": self.port, "security": "none", "timeout": 5.0}
        values.update(overrides)
        return SmtpConfig(**values)


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., SmtpServer]]:
    started: list[Controller] = []

    def start(**kwargs: Any) -> SmtpServer:
        handler = SmtpHandler()
        if kwargs.pop("auth", False):
            kwargs["authenticator"] = handler
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        started.append(controller)
        return SmtpServer(handler, port)

    yield start
    for controller in started:
        controller.stop()


# --- HTTP fakes -----------------------------------------------------------------------


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

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


Responder = Callable[[Seen, list[Any], str], tuple[int, dict[str, str], bytes]]


def serve(responder: Responder, tls: ssl.SSLContext | None = None) -> tuple[ThreadingHTTPServer, HttpFake]:
    port = free_port()
    scheme = "https" if tls else "http"
    fake = HttpFake(f"{scheme}://127.0.0.1:{port}", [], [])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            seen = Seen(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
            fake.seen.append(seen)
            status, headers, body = responder(seen, fake.script, fake.url)
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


# --- EWS ------------------------------------------------------------------------------

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
NS = {"s": SOAP, "m": M, "t": T}

_HEADER = (
    f'<s:Header><h:ServerVersionInfo xmlns:h="{T}" MajorVersion="15" MinorVersion="2" '
    'MajorBuildNumber="1118" MinorBuildNumber="7" Version="V2017_07_11"/></s:Header>'
)
CREATE_OK = (
    f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{SOAP}">{_HEADER}<s:Body>'
    f'<m:CreateItemResponse xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>'
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
        f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{SOAP}">{_HEADER}<s:Body>'
        f'<m:GetFolderResponse xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>{folders}'
        "</m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>"
    )


def _ews_responder(seen: Seen, script: list[Any], base: str) -> tuple[int, dict[str, str], bytes]:
    xml = {"Content-Type": "text/xml; charset=utf-8"}
    if b"<m:GetFolder" in seen.body:
        wanted = ET.fromstring(seen.body).iterfind(".//t:DistinguishedFolderId", NS)
        return 200, xml, get_folder_ok([w.get("Id", "") for w in wanted]).encode()
    if script:
        step = script.pop(0)
        if step == 401:
            return 401, {"WWW-Authenticate": 'Basic realm="fake"'}, b""
        if isinstance(step, int):
            return 500, xml, server_busy(step).encode()
        return 200, xml, step.encode()
    return 200, xml, CREATE_OK.encode()


@pytest.fixture
def ews_server() -> Iterator[HttpFake]:
    server, fake = serve(_ews_responder)
    yield fake
    server.shutdown()
    server.server_close()


def soap_operations(fake: HttpFake) -> list[ET.Element]:
    """The first element inside each SOAP Body the fake received."""
    ops = []
    for seen in fake.seen:
        body = ET.fromstring(seen.body).find("s:Body", NS)
        assert body is not None
        ops.append(body[0])
    return ops


def ews_config(tmp_path: Path, fake: HttpFake, **ews: Any) -> Config:
    values: dict[str, Any] = {
        "service_endpoint": f"{fake.url}/EWS/Exchange.asmx",
        "auth_type": "basic",
        "username": EWS_USER,
        "password": "env:TRACKER_TEST_EWS_PASSWORD",
        "max_wait": 5,
    }
    values.update(ews)
    return make_config(tmp_path, transport="ews", sender="tracker@force.police.uk", ews=EwsConfig(**values))


# --- Entra ID + Graph -----------------------------------------------------------------


def _graph_responder(seen: Seen, script: list[Any], base: str) -> tuple[int, dict[str, str], bytes]:
    as_json = {"Content-Type": "application/json"}
    if seen.path.endswith("/.well-known/openid-configuration"):
        tenant = seen.path.split("/")[1]
        doc = {
            "issuer": f"{base}/{tenant}/v2.0",
            "authorization_endpoint": f"{base}/{tenant}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/{tenant}/oauth2/v2.0/token",
        }
        return 200, as_json, json.dumps(doc).encode()
    if seen.path.endswith("/oauth2/v2.0/token"):
        if f"client_secret={GRAPH_SECRET}".encode() not in seen.body:
            error = {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret."}
            return 401, as_json, json.dumps(error).encode()
        token = {"token_type": "Bearer", "expires_in": 3599, "access_token": GRAPH_TOKEN}
        return 200, as_json, json.dumps(token).encode()
    if seen.path.startswith("/v1.0/users/") and seen.path.endswith("/sendMail"):
        status, headers = script.pop(0) if script else (202, {})
        body = b""
        if status >= 400:
            body = json.dumps({"error": {"code": f"Http{status}", "message": "fake refusal"}}).encode()
        return status, {"request-id": f"req-{len(seen.body)}", **headers}, body
    return 404, as_json, b'{"error": "not found"}'


@pytest.fixture
def graph_server(server_tls: ssl.SSLContext) -> Iterator[HttpFake]:
    server, fake = serve(_graph_responder, tls=server_tls)
    yield fake
    server.shutdown()
    server.server_close()


def graph_config(tmp_path: Path, fake: HttpFake, **graph: Any) -> Config:
    values: dict[str, Any] = {
        "tenant_id": TENANT,
        "client_id": "11111111-2222-3333-4444-555555555555",
        "client_secret": "env:TRACKER_TEST_GRAPH_SECRET",
        "mailbox": MAILBOX,
        "authority_host": fake.url,
        "graph_url": f"{fake.url}/v1.0",
        "max_wait": 5,
    }
    values.update(graph)
    return make_config(tmp_path, transport="graph", graph=GraphConfig(**values))
