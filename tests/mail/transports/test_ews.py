"""EwsTransport: the real exchangelib client against a loopback SOAP fake."""

from __future__ import annotations

import base64
import email
import email.policy
import ssl
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from automation.core.errors import ConfigError
from automation.mail.transports.ews import EwsTransport
from automation.mail.transports.interface import (
    AuthRefused,
    LookupUnavailable,
    OutcomeUnknown,
    PermanentSendError,
    SignInFailed,
    TransientSendError,
    Unreachable,
)
from automation.mail.transports.registry import make_transport
from tests.mail.fake_time import FakeTime
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
from tests.mail.transports.servers import (
    GRAPH_SECRET,
    GRAPH_TOKEN,
    Drop,
    EwsFake,
    GraphFake,
    Stall,
    start_ews,
    start_graph,
    stop,
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

    with pytest.raises(TransientSendError, match=r"wait 60 s more, past \[mail.ews\] max_wait 1 s"):
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


def test_unreachable_server_stops_the_run(tmp_path: Path, message: EmailMessage) -> None:
    config = ews_config(tmp_path, HttpFake(f"http://127.0.0.1:{free_port()}", [], []), max_wait=1)
    started = time.monotonic()
    with pytest.raises(Unreachable, match="could not reach EWS: connection refused") as caught:
        _send(EwsTransport.from_config(config), message)
    assert caught.value.stops_run
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


# --- faults after handover: in doubt, never failed, never resent (issue 10, item 1) ----


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (Drop(taken=True), "connection to Exchange failed after the message was handed over"),
        (Stall(5.0), "connection to Exchange failed after the message was handed over"),
        ((502, b"<html>Bad Gateway</html>"), "answer could not be read"),
    ],
)
def test_a_request_exchange_took_but_did_not_answer_is_in_doubt(
    tmp_path: Path, ews_server: EwsFake, message: EmailMessage, step: Any, expected: str
) -> None:
    ews_server.script.append(step)
    transport = EwsTransport.from_config(ews_config(tmp_path, ews_server, timeout=0.3, max_wait=60))

    with pytest.raises(OutcomeUnknown, match=expected):
        _send(transport, message)

    assert len(ews_server.creates()) == 1  # exchangelib did not send it again


def test_find_sent_looks_in_sent_items_by_the_ledger_key(
    tmp_path: Path, ews_server: EwsFake, message: EmailMessage
) -> None:
    message["X-Tracker-Key"] = KEY
    transport = EwsTransport.from_config(ews_config(tmp_path, ews_server, save_copy=True))
    ews_server.script.append(Drop(taken=True))
    with pytest.raises(OutcomeUnknown):
        transport.send(message, KEY)

    try:
        assert transport.find_sent(KEY) == "ews-1"
        assert transport.find_sent("2026-W48:owner:nobody@force.police.uk") is None
    finally:
        transport.close()
    assert len(ews_server.creates()) == 1


def test_find_sent_without_a_copy_says_it_cannot_look(tmp_path: Path, ews_server: EwsFake) -> None:
    transport = EwsTransport.from_config(ews_config(tmp_path, ews_server))
    with pytest.raises(LookupUnavailable, match=r"save_copy is false"):
        transport.find_sent(KEY)
    assert ews_server.seen == []


# --- bounded retrying (item 2) ---------------------------------------------------------


def test_busy_answers_within_max_wait_are_not_retried_for_ever(
    tmp_path: Path, ews_server: EwsFake, message: EmailMessage
) -> None:
    ews_server.script.extend([1000] * 100)  # ErrorServerBusy, back off 1 s, every time
    clock = FakeTime()
    config = ews_config(tmp_path, ews_server, max_wait=5)
    transport = EwsTransport.from_config(config, sleep=clock.sleep, clock=clock.clock)

    with pytest.raises(TransientSendError, match=r"max_wait 5 s") as caught:
        _send(transport, message)

    assert clock.slept == [1.0] * 5
    assert caught.value.retry_after == 1.0
    assert len(ews_server.creates()) == 6 and ews_server.accepted == []


def test_http_503_backs_off_exponentially_within_max_wait(
    tmp_path: Path, ews_server: EwsFake, message: EmailMessage
) -> None:
    ews_server.script.extend([503] * 100)
    clock = FakeTime()
    config = ews_config(tmp_path, ews_server, max_wait=10)
    transport = EwsTransport.from_config(config, sleep=clock.sleep, clock=clock.clock)

    with pytest.raises(TransientSendError):
        _send(transport, message)

    assert clock.slept == [2.0, 4.0]
    assert len(ews_server.creates()) == 3


# --- sign-in (item 4) -------------------------------------------------------------------


@pytest.fixture
def oauth(
    server_tls: ssl.SSLContext, ca_file: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[EwsFake, GraphFake]]:
    """Exchange over TLS accepting tokens from a loopback Entra ID."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_file)
    monkeypatch.setenv("TRACKER_TEST_EWS_SECRET", GRAPH_SECRET)
    entra_server, entra = start_graph(server_tls)
    ews_srv, ews = start_ews(server_tls)
    ews.authority = entra
    yield ews, entra
    stop(ews_srv, ews)
    stop(entra_server, entra)


def _oauth_transport(tmp_path: Path, ews: EwsFake, entra: GraphFake, **settings: Any) -> EwsTransport:
    config = ews_config(
        tmp_path,
        ews,
        auth_type="oauth",
        username="",
        client_id="app-id",
        tenant_id="tenant-id",
        client_secret="env:TRACKER_TEST_EWS_SECRET",
        authority_host=entra.url,
        **settings,
    )
    clock = FakeTime()
    return EwsTransport.from_config(config, sleep=clock.sleep, clock=clock.clock)


def test_an_oauth_token_refused_mid_run_is_renewed_once(
    tmp_path: Path, oauth: tuple[EwsFake, GraphFake], message: EmailMessage
) -> None:
    ews, entra = oauth
    transport = _oauth_transport(tmp_path, ews, entra)
    try:
        transport.send(message, KEY)
        entra.revoke_tokens()  # the token expires early
        transport.send(message, KEY)
    finally:
        transport.close()

    assert len(entra.token_posts()) == 2
    assert len(ews.accepted) == 2
    assert [s.headers["Authorization"] for s in ews.creates()] == [
        f"Bearer {GRAPH_TOKEN}",
        f"Bearer {GRAPH_TOKEN}",
        f"Bearer {GRAPH_TOKEN}-2",
    ]


def test_a_wrong_client_secret_is_one_refused_sign_in(
    tmp_path: Path, oauth: tuple[EwsFake, GraphFake], message: EmailMessage, monkeypatch: pytest.MonkeyPatch
) -> None:
    ews, entra = oauth
    monkeypatch.setenv("TRACKER_TEST_EWS_SECRET", "not-the-secret")
    with pytest.raises(AuthRefused, match="refused the OAuth client app-id") as caught:
        _send(_oauth_transport(tmp_path, ews, entra), message)
    assert caught.value.stops_run
    assert len(entra.token_posts()) == 1 and ews.creates() == []
    assert "not-the-secret" not in caught.value.message


def test_a_stalled_oauth_sign_in_times_out(
    tmp_path: Path, oauth: tuple[EwsFake, GraphFake], message: EmailMessage
) -> None:
    ews, entra = oauth
    entra.sign_in.append(Stall(10.0))
    started = time.monotonic()
    with pytest.raises(SignInFailed, match=r"did not answer within 0\.3 s") as caught:
        _send(_oauth_transport(tmp_path, ews, entra, timeout=0.3, max_wait=0), message)
    assert caught.value.stops_run
    assert time.monotonic() - started < 3


def test_oauth_sign_in_5xx_is_retried_then_sends(
    tmp_path: Path, oauth: tuple[EwsFake, GraphFake], message: EmailMessage
) -> None:
    ews, entra = oauth
    entra.sign_in.extend([503, 503])
    _send(_oauth_transport(tmp_path, ews, entra, max_wait=10), message)
    assert len(entra.token_posts()) == 3 and len(ews.accepted) == 1
