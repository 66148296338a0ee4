"""GraphTransport: the real msal + requests against a loopback HTTPS Entra ID + Graph fake."""

from __future__ import annotations

import base64
import json
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests

from automation.core.errors import ConfigError, MissingExtra
from automation.mail.transports import PermanentSendError, TransientSendError, make_transport
from automation.mail.transports.graph import GraphTransport, scope_for
from tests.mail.transports.conftest import (
    GRAPH_SECRET,
    GRAPH_TOKEN,
    MAILBOX,
    TENANT,
    HttpFake,
    free_port,
    graph_config,
)

KEY = "2026-W48:owner:alice@force.police.uk"


@pytest.fixture
def session(ca_file: str) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.verify = ca_file
        s.trust_env = False  # else REQUESTS_CA_BUNDLE in the environment overrides verify
        yield s


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", GRAPH_SECRET)


def _transport(tmp_path: Path, fake: HttpFake, session: requests.Session, **graph: Any) -> GraphTransport:
    config = graph_config(tmp_path, fake, **graph)
    return GraphTransport.from_config(config, session=session, instance_discovery=False)


def _mail_posts(fake: HttpFake) -> list[Any]:
    return [s for s in fake.seen if s.path.endswith("/sendMail")]


def test_two_sends_one_token_and_the_message_in_the_body(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    transport = _transport(tmp_path, graph_server, session)

    first = transport.send(message, KEY)
    second = transport.send(message, KEY)
    transport.close()

    assert first.startswith("req-") and second.startswith("req-")
    token_posts = [s for s in graph_server.seen if s.path == f"/{TENANT}/oauth2/v2.0/token"]
    assert len(token_posts) == 1
    form = parse_qs(token_posts[0].body.decode())
    assert form["grant_type"] == ["client_credentials"]
    assert form["scope"] == [f"{graph_server.url}/.default"]
    posts = _mail_posts(graph_server)
    assert [p.path for p in posts] == [f"/v1.0/users/{MAILBOX}/sendMail"] * 2
    assert posts[0].headers["Authorization"] == f"Bearer {GRAPH_TOKEN}"
    body = json.loads(posts[0].body)
    assert body["saveToSentItems"] is False
    sent = body["message"]
    assert sent["subject"] == message["Subject"]
    assert sent["body"]["contentType"] == "HTML" and "£ ✓" in sent["body"]["content"]
    assert sent["toRecipients"] == [
        {"emailAddress": {"address": "alice@force.police.uk", "name": "Alice Owner"}}
    ]
    assert sent["ccRecipients"] == [{"emailAddress": {"address": "bob.manager@force.police.uk"}}]
    [attachment] = sent["attachments"]
    assert attachment["name"] == "items.csv" and attachment["isInline"] is False
    assert base64.b64decode(attachment["contentBytes"]) == b"ref,status\nR1,red\n"
    assert sent["internetMessageHeaders"] == [{"name": "X-Protective-Marking", "value": "OFFICIAL"}]


def test_save_to_sent_items_is_passed_on(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    _transport(tmp_path, graph_server, session, save_to_sent_items=True).send(message, KEY)
    assert json.loads(_mail_posts(graph_server)[0].body)["saveToSentItems"] is True


def test_throttled_request_waits_for_retry_after(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.append((429, {"Retry-After": "1"}))
    started = time.monotonic()

    _transport(tmp_path, graph_server, session).send(message, KEY)

    assert 1.0 <= time.monotonic() - started < 3
    assert len(_mail_posts(graph_server)) == 2


def test_throttling_beyond_max_wait_is_transient_without_waiting(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.append((503, {"Retry-After": "30"}))
    started = time.monotonic()

    with pytest.raises(TransientSendError, match=r"503.*raise \[mail.graph\] max_wait"):
        _transport(tmp_path, graph_server, session, max_wait=2).send(message, KEY)

    assert time.monotonic() - started < 1.5
    assert len(_mail_posts(graph_server)) == 1


@pytest.mark.parametrize("status", [401, 403])
def test_refused_permission_is_permanent(
    tmp_path: Path,
    graph_server: HttpFake,
    session: requests.Session,
    message: EmailMessage,
    status: int,
) -> None:
    graph_server.script.append((status, {}))
    with pytest.raises(PermanentSendError, match=rf"HTTP {status}.*Mail\.Send"):
        _transport(tmp_path, graph_server, session).send(message, KEY)
    assert len(_mail_posts(graph_server)) == 1


def test_bad_request_is_permanent(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.append((400, {}))
    with pytest.raises(PermanentSendError, match="HTTP 400 Http400: fake refusal"):
        _transport(tmp_path, graph_server, session).send(message, KEY)


def test_wrong_client_secret_is_permanent_and_not_shown(
    tmp_path: Path,
    graph_server: HttpFake,
    session: requests.Session,
    message: EmailMessage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", "not-the-secret")

    with pytest.raises(PermanentSendError) as caught:
        _transport(tmp_path, graph_server, session).send(message, KEY)

    text = caught.value.message
    assert "invalid_client" in text and "AADSTS7000215" in text
    assert "environment variable TRACKER_TEST_GRAPH_SECRET" in text
    assert "not-the-secret" not in text
    assert _mail_posts(graph_server) == []


def test_unreachable_sign_in_service_is_transient(
    tmp_path: Path, session: requests.Session, message: EmailMessage
) -> None:
    fake = HttpFake(f"https://127.0.0.1:{free_port()}", [], [])
    with pytest.raises(TransientSendError, match="could not reach the sign-in service"):
        _transport(tmp_path, fake, session).send(message, KEY)


def test_recipient_outside_allowed_domains_is_refused(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    message.replace_header("To", "someone@example.com")
    with pytest.raises(PermanentSendError, match="outside"):
        _transport(tmp_path, graph_server, session).send(message, KEY)
    assert graph_server.seen == []


def test_scope_follows_the_graph_url() -> None:
    assert scope_for("https://graph.microsoft.com/v1.0") == "https://graph.microsoft.com/.default"
    assert scope_for("https://127.0.0.1:8443/v1.0") == "https://127.0.0.1:8443/.default"


def test_make_transport_builds_graph_without_network(tmp_path: Path, graph_server: HttpFake) -> None:
    transport = make_transport(graph_config(tmp_path, graph_server))
    assert transport.name == "graph"
    assert graph_server.seen == []


def test_missing_secret_variable_is_named(
    tmp_path: Path, graph_server: HttpFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_TEST_GRAPH_SECRET")
    with pytest.raises(ConfigError, match="environment variable TRACKER_TEST_GRAPH_SECRET"):
        make_transport(graph_config(tmp_path, graph_server))


def test_missing_ids_are_config_errors(tmp_path: Path, graph_server: HttpFake) -> None:
    with pytest.raises(ConfigError, match=r"\[mail.graph\] tenant_id, client_id is empty"):
        make_transport(graph_config(tmp_path, graph_server, tenant_id="", client_id=""))


def test_without_msal_the_extra_is_named(
    tmp_path: Path, graph_server: HttpFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "msal", None)
    with pytest.raises(MissingExtra, match=r"'msal'.*tracker\[graph\]"):
        make_transport(graph_config(tmp_path, graph_server))
