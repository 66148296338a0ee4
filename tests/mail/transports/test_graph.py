"""GraphTransport: the real msal + requests against a loopback HTTPS Entra ID + Graph fake."""

from __future__ import annotations

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
from automation.mail.transports.graph import GraphTransport, scope_for
from automation.mail.transports.interface import (
    AuthRefused,
    LookupUnavailable,
    OutcomeUnknown,
    PermanentSendError,
    SetupRefused,
    SignInFailed,
    TransientSendError,
    Unreachable,
)
from automation.mail.transports.registry import make_transport
from tests.mail.fake_time import FakeTime
from tests.mail.transports.conftest import (
    GRAPH_SECRET,
    GRAPH_TOKEN,
    MAILBOX,
    TENANT,
    HttpFake,
    free_port,
    graph_config,
)
from tests.mail.transports.servers import Drop, GraphFake, Stall, mime_of

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


def _transport(
    tmp_path: Path, fake: HttpFake, session: requests.Session, time_: FakeTime | None = None, **graph: Any
) -> GraphTransport:
    config = graph_config(tmp_path, fake, **graph)
    time_ = time_ or FakeTime()
    return GraphTransport.from_config(
        config, session=session, instance_discovery=False, sleep=time_.sleep, clock=time_.clock
    )


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
    assert posts[0].headers["Content-Type"] == "text/plain"  # Graph's MIME form, base64
    sent = mime_of(posts[0].body)
    assert sent["Subject"] == message["Subject"]
    assert sent["To"] == "Alice Owner <alice@force.police.uk>"
    assert sent["Cc"] == "bob.manager@force.police.uk"
    assert sent["X-Protective-Marking"] == "OFFICIAL"
    plain, html = sent.get_body(("plain",)), sent.get_body(("html",))
    assert plain is not None and html is not None  # both parts, as the other transports send
    assert plain.get_content().replace("\r\n", "\n") == message.get_body(("plain",)).get_content()
    assert "£ ✓" in html.get_content()
    [attachment] = sent.iter_attachments()
    assert attachment.get_filename() == "items.csv"
    assert attachment.get_content() == "ref,status\nR1,red\n"


def test_throttled_request_waits_for_retry_after(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.append((429, {"Retry-After": "1"}))
    clock = FakeTime()

    _transport(tmp_path, graph_server, session, clock).send(message, KEY)

    assert clock.slept == [1.0]
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


def test_refused_permission_is_permanent_and_stops_the_run(
    tmp_path: Path, graph_server: HttpFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.append((403, {}))
    with pytest.raises(SetupRefused, match=r"HTTP 403.*Mail\.Send") as caught:
        _transport(tmp_path, graph_server, session).send(message, KEY)
    assert caught.value.stops_run
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

    with pytest.raises(AuthRefused) as caught:
        _transport(tmp_path, graph_server, session).send(message, KEY)

    assert caught.value.stops_run
    assert len(graph_server.token_posts()) == 1  # a refusal is never retried
    text = caught.value.message
    assert "invalid_client" in text and "AADSTS7000215" in text
    assert "environment variable TRACKER_TEST_GRAPH_SECRET" in text
    assert "not-the-secret" not in text
    assert _mail_posts(graph_server) == []


def test_unreachable_sign_in_service_stops_the_run_after_bounded_retries(
    tmp_path: Path, session: requests.Session, message: EmailMessage
) -> None:
    fake = HttpFake(f"https://127.0.0.1:{free_port()}", [], [])
    clock = FakeTime()
    with pytest.raises(Unreachable, match="could not reach the sign-in service") as caught:
        _transport(tmp_path, fake, session, clock, max_wait=5).send(message, KEY)
    assert caught.value.stops_run
    assert clock.slept == [1.0, 2.0] and sum(clock.slept) <= 5


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


# --- faults after handover: in doubt, never failed (issue 10, item 1) ------------------


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (Drop(taken=True), "connection to Graph broke after the message was handed over"),
        (Stall(5.0), "did not answer within 0.3 s"),
        ((500, {}), "HTTP 500"),
        ((504, {}), "HTTP 504"),
    ],
)
def test_a_request_graph_took_but_did_not_answer_is_in_doubt(
    tmp_path: Path,
    graph_server: GraphFake,
    session: requests.Session,
    message: EmailMessage,
    step: Any,
    expected: str,
) -> None:
    graph_server.script.append(step)

    with pytest.raises(OutcomeUnknown, match=expected):
        _transport(tmp_path, graph_server, session, timeout=0.3).send(message, KEY)

    assert len(_mail_posts(graph_server)) == 1  # never posted twice


def test_a_connection_refused_before_handover_is_unreachable_not_in_doubt(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    dead = f"https://127.0.0.1:{free_port()}/v1.0"
    clock = FakeTime()
    transport = _transport(tmp_path, graph_server, session, clock, graph_url=dead, max_wait=0)
    with pytest.raises(Unreachable, match="could not reach Graph"):
        transport.send(message, KEY)


def test_the_ledger_key_travels_as_a_header_and_find_sent_looks_for_it(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    message["X-Tracker-Key"] = KEY
    transport = _transport(tmp_path, graph_server, session)
    graph_server.script.append(Drop(taken=True))
    with pytest.raises(OutcomeUnknown):
        transport.send(message, KEY)

    assert transport.find_sent(KEY) == "AAMk-1"
    assert transport.find_sent("2026-W48:owner:someone.else@force.police.uk") is None
    [lookup, _] = [s for s in graph_server.seen if "/mailFolders/sentitems/messages" in s.path]
    assert lookup.method == "GET" and "X-Tracker-Key" in requests.utils.unquote(lookup.path)


def test_find_sent_without_read_permission_names_it(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session
) -> None:
    graph_server.lookup_status = 403
    with pytest.raises(LookupUnavailable, match=r"HTTP 403.*Mail\.ReadBasic\.All"):
        _transport(tmp_path, graph_server, session).find_sent(KEY)


# --- bounded retrying (item 2) and back-off (item 3) -----------------------------------


def test_throttling_is_bounded_for_the_whole_message_and_says_how_long_to_wait(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.extend([(429, {"Retry-After": "4"})] * 50)
    clock = FakeTime()

    with pytest.raises(TransientSendError) as caught:
        _transport(tmp_path, graph_server, session, clock, max_wait=10).send(message, KEY)

    assert clock.slept == [4.0, 4.0]  # a third wait would pass max_wait
    assert caught.value.retry_after == 4.0
    assert graph_server.accepted == []


# --- sign-in (item 4) -------------------------------------------------------------------


def test_a_401_fetches_one_new_token_and_tries_again(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    transport = _transport(tmp_path, graph_server, session)
    transport.send(message, KEY)
    graph_server.revoke_tokens()  # the cached token stops working before it expires

    transport.send(message, KEY)

    assert len(graph_server.token_posts()) == 2
    assert [p.headers["Authorization"] for p in _mail_posts(graph_server)] == [
        f"Bearer {GRAPH_TOKEN}",
        f"Bearer {GRAPH_TOKEN}",
        f"Bearer {GRAPH_TOKEN}-2",
    ]
    assert len(graph_server.accepted) == 2


def test_a_401_for_a_new_token_too_is_a_refused_sign_in(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.script.extend([(401, {}), (401, {})])
    with pytest.raises(AuthRefused, match="a new token was refused too") as caught:
        _transport(tmp_path, graph_server, session).send(message, KEY)
    assert caught.value.stops_run
    assert len(_mail_posts(graph_server)) == 2


def test_sign_in_5xx_is_retried_with_back_off(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.sign_in.extend([503, 502])
    clock = FakeTime()

    _transport(tmp_path, graph_server, session, clock).send(message, KEY)

    assert clock.slept == [1.0, 2.0]
    assert len(graph_server.token_posts()) == 3
    assert len(graph_server.accepted) == 1


def test_sign_in_5xx_past_max_wait_stops_the_run_and_says_so(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.sign_in.extend([503] * 20)
    clock = FakeTime()

    with pytest.raises(SignInFailed, match=r"the sign-in service failed.*503") as caught:
        _transport(tmp_path, graph_server, session, clock, max_wait=4).send(message, KEY)

    assert caught.value.stops_run
    assert sum(clock.slept) <= 4
    assert _mail_posts(graph_server) == []


def test_a_stalled_sign_in_times_out(
    tmp_path: Path, graph_server: GraphFake, session: requests.Session, message: EmailMessage
) -> None:
    graph_server.sign_in.append(Stall(10.0))
    started = time.monotonic()

    with pytest.raises(SignInFailed, match=r"did not answer within 0\.3 s.*\[mail.graph\] timeout"):
        _transport(tmp_path, graph_server, session, timeout=0.3, max_wait=0).send(message, KEY)

    assert time.monotonic() - started < 3
