"""EwsTransport: the real exchangelib client against a loopback SOAP fake."""

from __future__ import annotations

import base64
import email
import email.policy
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from automation.core.errors import ConfigError
from automation.mail.transports import PermanentSendError, TransientSendError, make_transport
from automation.mail.transports.ews import EwsTransport
from tests.mail.transports.conftest import (
    CREATE_REFUSED,
    EWS_PASSWORD,
    EWS_USER,
    NS,
    HttpFake,
    ews_config,
    free_port,
    soap_operations,
)

KEY = "2026-W48:owner:alice@force.police.uk"


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TEST_EWS_PASSWORD", EWS_PASSWORD)


def _send(transport: EwsTransport, message: EmailMessage) -> str:
    try:
        return transport.send(message, KEY)
    finally:
        transport.close()


def _mime(operation: object) -> EmailMessage:
    node = operation.find("m:Items/t:Message/t:MimeContent", NS)  # type: ignore[attr-defined]
    assert node is not None and node.text
    parsed = email.message_from_bytes(base64.b64decode(node.text), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_one_create_item_send_only_carrying_the_mime(
    tmp_path: Path, ews_server: HttpFake, message: EmailMessage
) -> None:
    message["Bcc"] = "audit@force.police.uk"
    transport = make_transport(ews_config(tmp_path, ews_server))
    assert transport.name == "ews" and isinstance(transport, EwsTransport)

    sent_id = _send(transport, message)

    assert sent_id == message["Message-ID"]
    [operation] = soap_operations(ews_server)
    assert operation.tag == f"{{{NS['m']}}}CreateItem"
    assert operation.get("MessageDisposition") == "SendOnly"
    assert operation.find("m:SavedItemFolderId", NS) is None
    mime = _mime(operation)
    assert mime["Subject"] == message["Subject"]
    assert mime["To"] == "Alice Owner <alice@force.police.uk>"
    assert mime["Cc"] == "bob.manager@force.police.uk"
    assert "Bcc" not in mime
    html = mime.get_body(("html",))
    assert html is not None and "£ ✓" in html.get_content()
    bcc = operation.findall("m:Items/t:Message/t:BccRecipients/t:Mailbox/t:EmailAddress", NS)
    assert [b.text for b in bcc] == ["audit@force.police.uk"]
    expected = base64.b64encode(f"{EWS_USER}:{EWS_PASSWORD}".encode()).decode()
    assert ews_server.seen[0].headers["Authorization"] == f"Basic {expected}"


def test_save_copy_uses_send_and_save_into_sent_items(
    tmp_path: Path, ews_server: HttpFake, message: EmailMessage
) -> None:
    transport = EwsTransport.from_config(ews_config(tmp_path, ews_server, save_copy=True))
    transport.send(message, KEY)
    _send(transport, message)

    ops = soap_operations(ews_server)
    names = [op.tag.rpartition("}")[2] for op in ops]
    # exchangelib looks the Sent Items folder up once per account (root, then sentitems)
    assert names == ["GetFolder", "GetFolder", "CreateItem", "CreateItem"]
    for op in ops[2:]:
        assert op.get("MessageDisposition") == "SendAndSaveCopy"
        saved = op.find("m:SavedItemFolderId/t:DistinguishedFolderId", NS)
        assert saved is not None and saved.get("Id") == "sentitems"


def test_server_busy_is_waited_out_as_the_server_asks(
    tmp_path: Path, ews_server: HttpFake, message: EmailMessage
) -> None:
    ews_server.script.append(200)  # ErrorServerBusy, BackOffMilliseconds=200
    started = time.monotonic()

    _send(EwsTransport.from_config(ews_config(tmp_path, ews_server)), message)

    assert time.monotonic() - started >= 0.2
    assert [op.get("MessageDisposition") for op in soap_operations(ews_server)] == ["SendOnly"] * 2


def test_server_busy_longer_than_max_wait_is_transient(
    tmp_path: Path, ews_server: HttpFake, message: EmailMessage
) -> None:
    ews_server.script.append(60_000)
    started = time.monotonic()

    with pytest.raises(TransientSendError, match=r"max_wait 1 s"):
        _send(EwsTransport.from_config(ews_config(tmp_path, ews_server, max_wait=1)), message)

    assert time.monotonic() - started < 2
    assert len(ews_server.seen) == 1


def test_refused_login_fails_at_once_and_names_the_secret(
    tmp_path: Path, ews_server: HttpFake, message: EmailMessage
) -> None:
    ews_server.script.append(401)
    started = time.monotonic()

    with pytest.raises(PermanentSendError) as caught:
        _send(EwsTransport.from_config(ews_config(tmp_path, ews_server, max_wait=60)), message)

    assert time.monotonic() - started < 2
    text = caught.value.message
    assert f"refused the login for {EWS_USER}" in text
    assert "environment variable TRACKER_TEST_EWS_PASSWORD" in text
    assert EWS_PASSWORD not in text


def test_send_as_denied_is_permanent(tmp_path: Path, ews_server: HttpFake, message: EmailMessage) -> None:
    ews_server.script.append(CREATE_REFUSED)
    with pytest.raises(PermanentSendError, match="ErrorSendAsDenied"):
        _send(EwsTransport.from_config(ews_config(tmp_path, ews_server)), message)


def test_unreachable_server_is_transient(tmp_path: Path, message: EmailMessage) -> None:
    config = ews_config(tmp_path, HttpFake(f"http://127.0.0.1:{free_port()}", [], []), max_wait=1)
    started = time.monotonic()
    with pytest.raises(TransientSendError, match="busy or unreachable"):
        _send(EwsTransport.from_config(config), message)
    assert time.monotonic() - started < 5


def test_oauth_uses_client_credentials_and_impersonation(
    tmp_path: Path, ews_server: HttpFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exchangelib

    monkeypatch.setenv("TRACKER_TEST_EWS_SECRET", "s3cret-client")
    config = ews_config(
        tmp_path,
        ews_server,
        auth_type="oauth",
        client_id="app-id",
        tenant_id="tenant-id",
        client_secret="env:TRACKER_TEST_EWS_SECRET",
        primary_smtp_address="digests@force.police.uk",
    )
    transport = EwsTransport.from_config(config)
    account = transport._make_account()

    assert account.access_type == exchangelib.IMPERSONATION
    credentials = account.protocol.credentials
    assert isinstance(credentials, exchangelib.OAuth2Credentials)
    assert credentials.identity.primary_smtp_address == "digests@force.police.uk"
    assert account.protocol.auth_type == exchangelib.OAUTH2
    assert ews_server.seen == []  # nothing was sent while building it
    account.protocol.close()
    del type(account.protocol)[account.protocol.config]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"service_endpoint": ""}, r"service_endpoint is empty"),
        ({"username": ""}, r"\[mail.ews\] username is empty"),
        ({"auth_type": "oauth", "client_id": ""}, r"auth_type is oauth but client_id, tenant_id"),
        (
            {"password": "env:TRACKER_TEST_UNSET"},
            r"environment variable TRACKER_TEST_UNSET, which is not set",
        ),
    ],
)
def test_configuration_problems_are_config_errors(
    tmp_path: Path, ews_server: HttpFake, settings: dict[str, str], expected: str
) -> None:
    with pytest.raises(ConfigError, match=expected):
        make_transport(ews_config(tmp_path, ews_server, **settings))
