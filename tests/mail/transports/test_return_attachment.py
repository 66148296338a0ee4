"""An owner digest carrying its return workbook, through every transport: the outbox writes
it into the .eml, SMTP and EWS send it inside the MIME, Graph as a fileAttachment."""

from __future__ import annotations

import base64
import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
import requests

from automation.mail.mime import Attachment, build_message
from automation.mail.render import Rendered
from automation.mail.transports.ews import EwsTransport
from automation.mail.transports.graph import GraphTransport
from automation.mail.transports.interface import Backoff
from automation.mail.transports.outbox import OutboxTransport
from automation.mail.transports.smtp import SmtpTransport
from tests.mail.transports.conftest import (
    EWS_PASSWORD,
    GRAPH_SECRET,
    NS,
    ews_config,
    graph_config,
    soap_operations,
)

KEY = "2021-W40:owner:dana.whitfield@force.police.uk"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK = b"PK\x03\x04 a return workbook \x00\xff"


@pytest.fixture
def digest() -> EmailMessage:
    rendered = Rendered(
        "OFFICIAL: HMICFRS recommendations", "OFFICIAL\nYour form is attached.\n", "<p>OFFICIAL</p>"
    )
    return build_message(
        rendered,
        sender="tracker@force.police.uk",
        to=["dana.whitfield@force.police.uk"],
        cc=[],
        key=KEY,
        attachments=lambda: [Attachment("update-2021-W40-dana-whitfield.xlsx", WORKBOOK)],
    )


def attachment_of(message: EmailMessage) -> tuple[str | None, str, bytes]:
    (part,) = message.iter_attachments()
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return part.get_filename(), part.get_content_type(), payload


def expected() -> tuple[str, str, bytes]:
    return ("update-2021-W40-dana-whitfield.xlsx", XLSX, WORKBOOK)


def test_the_message_is_a_body_with_the_workbook_attached(digest: EmailMessage) -> None:
    assert digest.get_content_type() == "multipart/mixed"
    assert digest.get_body(("plain",)).get_content() == "OFFICIAL\nYour form is attached.\n"
    assert attachment_of(digest) == expected()


def test_outbox_writes_it_into_the_eml(tmp_path: Path, digest: EmailMessage) -> None:
    path = Path(OutboxTransport(tmp_path).send(digest, KEY))
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert attachment_of(parsed) == expected()


def test_smtp_sends_it(smtp_server, digest: EmailMessage) -> None:
    server = smtp_server()
    transport = SmtpTransport(server.settings(), backoff=Backoff(tries=1))
    transport.send(digest, KEY)
    transport.close()
    (envelope,) = server.handler.received
    parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert attachment_of(parsed) == expected()


def test_ews_sends_it_inside_the_mime(tmp_path: Path, ews_server, digest: EmailMessage, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_TEST_EWS_PASSWORD", EWS_PASSWORD)
    transport = EwsTransport.from_config(ews_config(tmp_path, ews_server))
    try:
        transport.send(digest, KEY)
    finally:
        transport.close()
    create = next(op for op in soap_operations(ews_server) if op.tag.endswith("CreateItem"))
    node = create.find("m:Items/t:Message/t:MimeContent", NS)
    assert node is not None and node.text
    parsed = email.message_from_bytes(base64.b64decode(node.text), policy=email.policy.default)
    assert attachment_of(parsed) == expected()


@pytest.fixture
def session(ca_file: str) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.verify = ca_file
        s.trust_env = False
        yield s


def test_graph_sends_it_as_a_file_attachment(
    tmp_path: Path, graph_server, session, digest, monkeypatch
) -> None:
    from tests.mail.transports.servers import mime_of

    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", GRAPH_SECRET)
    transport = GraphTransport.from_config(
        graph_config(tmp_path, graph_server), session=session, instance_discovery=False
    )
    transport.send(digest, KEY)
    (post,) = graph_server.mail_posts()
    (sent,) = mime_of(post.body).iter_attachments()  # Graph's MIME form carries it as it is
    assert (sent.get_filename(), sent.get_content_type(), sent.get_content()) == expected()
    assert sent.get_content_disposition() == "attachment"
