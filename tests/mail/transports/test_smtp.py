"""SmtpTransport against a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from automation.core.errors import ConfigError
from automation.mail.settings import SmtpConfig
from automation.mail.transports.ews import EwsTransport
from automation.mail.transports.graph import GraphTransport
from automation.mail.transports.interface import (
    Backoff,
    PartlySent,
    PermanentSendError,
    TransientSendError,
    send_again,
)
from automation.mail.transports.outbox import OutboxTransport
from automation.mail.transports.registry import make_transport
from automation.mail.transports.smtp import SmtpTransport
from tests.mail.transports.conftest import (
    SMTP_PASSWORD,
    SMTP_USER,
    SmtpServer,
    free_port,
    make_config,
)

FAST = Backoff(tries=3, first=0.05, factor=2.0, max_total=1.0)
KEY = "2026-W48:owner:alice@force.police.uk"


def _arrived(server: SmtpServer) -> EmailMessage:
    [envelope] = server.handler.received
    assert isinstance(envelope.content, bytes)
    parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_plain_relay_delivers_the_mime_tree_to_every_recipient(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    message["Bcc"] = "audit@force.police.uk"
    transport = SmtpTransport(server.settings(), backoff=FAST)

    sent_id = transport.send(message, KEY)
    transport.close()

    assert sent_id == message["Message-ID"]
    [envelope] = server.handler.received
    assert envelope.mail_from == "tracker@force.police.uk"
    assert sorted(envelope.rcpt_tos) == [
        "alice@force.police.uk",
        "audit@force.police.uk",
        "bob.manager@force.police.uk",
    ]
    got = _arrived(server)
    assert "Bcc" not in got
    assert [p.get_content_type() for p in got.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/csv",
    ]
    html = got.get_body(("html",))
    assert html is not None and "£ ✓" in html.get_content()


def test_connection_is_reused_and_missing_message_id_is_added(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    del message["Message-ID"]
    transport = SmtpTransport(server.settings(), backoff=FAST)

    first, second = transport.send(message, KEY), transport.send(message, KEY)
    transport.close()

    assert first != second and first.endswith("@force.police.uk>")
    assert "Message-ID" not in message  # the caller's message is untouched
    assert [_id(e.content) for e in server.handler.received] == [first, second]


def _id(content: bytes | str | None) -> str:
    assert isinstance(content, bytes)
    return str(email.message_from_bytes(content, policy=email.policy.default)["Message-ID"])


def test_starttls_with_login(
    smtp_server: Callable[..., SmtpServer],
    server_tls: ssl.SSLContext,
    client_tls: ssl.SSLContext,
    message: EmailMessage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = smtp_server(tls_context=server_tls, require_starttls=True, auth=True)
    monkeypatch.setenv("TRACKER_TEST_SMTP_PASSWORD", SMTP_PASSWORD)
    settings = server.settings(
        security="starttls", username=SMTP_USER, password="env:TRACKER_TEST_SMTP_PASSWORD"
    )
    config = make_config(tmp_path, transport="smtp", smtp=settings)
    transport = SmtpTransport.from_config(config, ssl_context=client_tls, backoff=FAST)

    transport.send(message, KEY)
    transport.close()

    assert server.handler.logins and server.handler.logins[-1].endswith(":ok")
    assert _arrived(server)["Subject"] == message["Subject"]


def test_implicit_tls(
    smtp_server: Callable[..., SmtpServer],
    server_tls: ssl.SSLContext,
    client_tls: ssl.SSLContext,
    message: EmailMessage,
) -> None:
    server = smtp_server(ssl_context=server_tls)
    transport = SmtpTransport(server.settings(security="ssl"), ssl_context=client_tls, backoff=FAST)
    transport.send(message, KEY)
    transport.close()
    assert _arrived(server)["To"] == message["To"]


def test_untrusted_certificate_is_permanent(
    smtp_server: Callable[..., SmtpServer], server_tls: ssl.SSLContext, message: EmailMessage
) -> None:
    server = smtp_server(tls_context=server_tls)
    stranger = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # trusts nothing
    transport = SmtpTransport(server.settings(security="starttls"), ssl_context=stranger)
    with pytest.raises(PermanentSendError, match="not trusted"):
        transport.send(message, KEY)


def test_wrong_password_is_permanent_and_names_the_secret_not_its_value(
    smtp_server: Callable[..., SmtpServer],
    server_tls: ssl.SSLContext,
    client_tls: ssl.SSLContext,
    message: EmailMessage,
) -> None:
    server = smtp_server(tls_context=server_tls, auth=True)
    settings = server.settings(security="starttls", username=SMTP_USER, password="env:TRACKER_SMTP_PASSWORD")
    transport = SmtpTransport(settings, password="wrong-password", ssl_context=client_tls, backoff=FAST)

    with pytest.raises(PermanentSendError) as caught:
        transport.send(message, KEY)

    text = caught.value.message
    assert f"SMTP server 127.0.0.1:{server.port} refused the login for {SMTP_USER}" in text
    assert "check [mail.smtp] username and the password in environment variable TRACKER_SMTP_PASSWORD" in text
    assert "wrong-password" not in text
    assert server.handler.logins and all(x.endswith(":refused") for x in server.handler.logins)


def test_login_without_tls_is_refused_clearly(
    smtp_server: Callable[..., SmtpServer], server_tls: ssl.SSLContext, message: EmailMessage
) -> None:
    server = smtp_server(tls_context=server_tls, auth=True)
    transport = SmtpTransport(server.settings(username=SMTP_USER), password="x", backoff=FAST)
    with pytest.raises(PermanentSendError, match=r"security.*STARTTLS"):
        transport.send(message, KEY)


def test_deferred_message_is_retried_then_delivered(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    server.handler.rcpt_replies = ["451 4.3.0 Try again later"] * 2  # both recipients, once
    waits: list[float] = []
    transport = SmtpTransport(server.settings(), backoff=FAST, sleep=waits.append)

    transport.send(message, KEY)

    assert waits == [0.05]
    [envelope] = server.handler.received
    assert sorted(envelope.rcpt_tos) == ["alice@force.police.uk", "bob.manager@force.police.uk"]


def test_deferred_recipient_alone_is_retried_without_resending_to_the_others(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    server.handler.rcpt_replies = ["451 4.3.0 Try again later"]  # only alice, the first RCPT
    waits: list[float] = []
    transport = SmtpTransport(server.settings(), backoff=FAST, sleep=waits.append)

    transport.send(message, KEY)

    assert waits == [0.05]
    assert [e.rcpt_tos for e in server.handler.received] == [
        ["bob.manager@force.police.uk"],
        ["alice@force.police.uk"],
    ]


def test_deferred_every_time_gives_up_as_transient(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    server.handler.rcpt_replies = ["451 4.3.0 Try again later"] * 20
    del message["Cc"]
    waits: list[float] = []
    transport = SmtpTransport(server.settings(), backoff=FAST, sleep=waits.append)

    with pytest.raises(TransientSendError, match=r"451 4\.3\.0 Try again later"):
        transport.send(message, KEY)

    assert waits == [0.05, 0.1]  # three tries in all
    assert server.handler.received == []


def test_unknown_recipient_is_permanent(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    server.handler.refuse = {"alice@force.police.uk", "bob.manager@force.police.uk"}
    waits: list[float] = []
    transport = SmtpTransport(server.settings(), backoff=FAST, sleep=waits.append)

    with pytest.raises(PermanentSendError, match=r"alice@force.police.uk: 550 5\.1\.1"):
        transport.send(message, KEY)

    assert waits == []  # no retry of a permanent refusal


def test_closed_port_is_transient_with_a_clear_message(message: EmailMessage) -> None:
    port = free_port()
    settings = SmtpConfig(host="127.0.0.1", port=port, security="none", timeout=2.0)
    transport = SmtpTransport(settings, backoff=FAST)
    started = time.monotonic()

    with pytest.raises(TransientSendError) as caught:
        transport.send(message, KEY)

    assert time.monotonic() - started < 5
    assert f"could not reach SMTP server 127.0.0.1:{port}" in caught.value.message
    assert "check [mail.smtp] host and port" in caught.value.message


def test_recipient_outside_allowed_domains_is_refused_before_connecting(
    message: EmailMessage,
) -> None:
    message.replace_header("Cc", "someone@gmail.com")
    settings = SmtpConfig(host="127.0.0.1", port=free_port(), security="none")
    with pytest.raises(PermanentSendError, match=r"someone@gmail.com is outside \[mail\] allowed_domains"):
        SmtpTransport(settings).send(message, KEY)


def test_make_transport_needs_a_host(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[mail.smtp\] host is empty"):
        make_transport(make_config(tmp_path, transport="smtp"))


def test_missing_password_variable_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_TEST_SMTP_PASSWORD", raising=False)
    settings = SmtpConfig(
        host="smtp.force.police.uk", username=SMTP_USER, password="env:TRACKER_TEST_SMTP_PASSWORD"
    )
    with pytest.raises(
        ConfigError, match="environment variable TRACKER_TEST_SMTP_PASSWORD, which is not set"
    ):
        make_transport(make_config(tmp_path, transport="smtp", smtp=settings))


def test_a_body_line_starting_from_arrives_as_written(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    plain = message.get_body(("plain",))
    assert plain is not None
    plain.set_content("Owner: Dana\nFrom the inspection of 2021:\n.\nFrom here on.\n")
    transport = SmtpTransport(server.settings(), backoff=FAST)
    transport.send(message, KEY)
    transport.close()
    got = _arrived(server).get_body(("plain",))
    assert got is not None
    lines = got.get_content().splitlines()
    assert lines == ["Owner: Dana", "From the inspection of 2021:", ".", "From here on."]


# --- sending again to the recipients a run before missed ---------------------------------


def test_send_to_sends_the_bytes_handed_over_before_to_the_missed_recipient_only(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    server.handler.rcpt_replies = ["451 4.3.0 Try again later"]  # alice deferred, bob taken
    transport = SmtpTransport(server.settings(), backoff=Backoff(tries=1))

    with pytest.raises(PartlySent) as partly:
        transport.send(message, KEY)
    sent_id = transport.send_to(partly.value.data, KEY, ["alice@force.police.uk"])

    assert partly.value.deferred == ("alice@force.police.uk",)
    first, again = server.handler.received
    assert (first.rcpt_tos, again.rcpt_tos) == (["bob.manager@force.police.uk"], ["alice@force.police.uk"])
    assert again.content == first.content == partly.value.data  # To, Cc, Message-ID, Date as they were
    assert sent_id == partly.value.transport_id == "<2026-W48.owner.alice@force.police.uk>"


def test_send_to_refuses_a_recipient_the_message_does_not_name(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    transport = SmtpTransport(server.settings(), allowed_domains=["force.police.uk"])
    data = message.as_bytes(policy=email.policy.SMTP)

    with pytest.raises(PermanentSendError, match="only to recipients the message names"):
        transport.send_to(data, KEY, ["eve@force.police.uk"])
    assert server.handler.received == []


def test_a_recipient_deferred_then_refused_on_the_retry_is_partly_sent_not_a_failure(
    smtp_server: Callable[..., SmtpServer], message: EmailMessage
) -> None:
    server = smtp_server()
    server.handler.rcpt_replies = ["451 4.3.0 Try again later"]  # alice deferred, bob taken
    transport = SmtpTransport(
        server.settings(), backoff=FAST, sleep=lambda _: server.handler.refuse.add("alice@force.police.uk")
    )

    with pytest.raises(PartlySent, match=r"alice@force.police.uk: 550 5\.1\.1") as partly:
        transport.send(message, KEY)

    assert partly.value.deferred == ()  # refused for good: no later run sends it to her
    assert [e.rcpt_tos for e in server.handler.received] == [["bob.manager@force.police.uk"]]


@pytest.mark.parametrize(
    "transport", [EwsTransport, GraphTransport, OutboxTransport], ids=["ews", "graph", "outbox"]
)
def test_a_transport_that_cannot_send_to_some_recipients_only_refuses_to(transport: Any) -> None:
    with pytest.raises(PermanentSendError, match="cannot send a message to some of its recipients only"):
        send_again(transport, b"Subject: x\r\n\r\nbody\r\n", KEY, ["bob.manager@force.police.uk"])
