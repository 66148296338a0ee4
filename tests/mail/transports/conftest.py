"""Loopback fakes for every transport: a real aiosmtpd server, a SOAP EWS fake, Entra + Graph.

Every server listens on 127.0.0.1 only; the TLS ones use a throwaway trustme CA.
"""

from __future__ import annotations

import ssl
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from automation.mail.settings import EwsConfig, GraphConfig, MailConfig, SmtpConfig
from automation.run.config import Config
from tests.mail.transports.mailbox_servers import (
    EwsMailboxFake,
    GraphMailboxFake,
    start_ews_mailbox,
    start_graph_mailbox,
)
from tests.mail.transports.servers import (
    CREATE_OK,
    CREATE_REFUSED,
    GRAPH_SECRET,
    GRAPH_TOKEN,
    NS,
    Drop,
    EwsFake,
    GraphFake,
    HttpFake,
    Stall,
    free_port,
    start_ews,
    start_graph,
    stop,
)

__all__ = [
    "CREATE_OK",
    "CREATE_REFUSED",
    "GRAPH_SECRET",
    "GRAPH_TOKEN",
    "Drop",
    "HttpFake",
    "Stall",
    "free_port",
]

SMTP_USER, SMTP_PASSWORD = "svc-tracker", "s3cret-smtp"
EWS_USER, EWS_PASSWORD = r"FORCE\svc-tracker", "s3cret-ews"
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


# --- HTTP fakes (see servers.py) --------------------------------------------------------


@pytest.fixture
def ews_server() -> Iterator[EwsFake]:
    server, fake = start_ews()
    yield fake
    stop(server, fake)


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


@pytest.fixture
def graph_server(server_tls: ssl.SSLContext) -> Iterator[GraphFake]:
    server, fake = start_graph(server_tls)
    yield fake
    stop(server, fake)


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


# --- mailboxes that returns are collected from --------------------------------------------


@pytest.fixture
def graph_mailbox(server_tls: ssl.SSLContext) -> Iterator[GraphMailboxFake]:
    server, fake = start_graph_mailbox(server_tls)
    yield fake
    stop(server, fake)


@pytest.fixture
def ews_mailbox() -> Iterator[EwsMailboxFake]:
    server, fake = start_ews_mailbox()
    yield fake
    stop(server, fake)
