"""Sending through the ledger against loopback servers with injected faults (issue 10).

A rerun after any fault must send no duplicate and lose nothing silently: a message the
server took stays sent or in doubt, never "failed"; retrying is bounded per message and per
run; a server's back-off holds for the rest of the run; a server that cannot be reached or a
refused sign-in stops the run, and what it did not try is reported.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import requests

from automation.mail.deliver import Delivery, Pacing, Result, deliver
from automation.mail.ledger import Ledger
from automation.mail.outgoing import Outgoing
from automation.mail.settings import SmtpConfig
from automation.mail.transports.ews import EwsTransport
from automation.mail.transports.graph import GraphTransport
from automation.mail.transports.interface import PartlySent, Transport
from automation.mail.transports.smtp import SmtpTransport
from tests.mail.fake_time import FakeTime
from tests.mail.transports.conftest import EWS_PASSWORD, GRAPH_SECRET, ews_config, free_port, graph_config
from tests.mail.transports.servers import Drop, EwsFake, GraphFake, Stall

WEEK = "2026-W48"
NOW = datetime(2026, 11, 30, 8, 0)


def outgoing(count: int) -> list[Outgoing]:
    def make(recipient: str, key: str) -> Callable[[], EmailMessage]:
        def build() -> EmailMessage:
            msg = EmailMessage()
            msg["Subject"] = "OFFICIAL: your recommendations"
            msg["From"] = "tracker@force.police.uk"
            msg["To"] = recipient
            msg["X-Tracker-Key"] = key
            msg.set_content("Two recommendations are red.\n")
            return msg

        return build

    items = []
    for n in range(1, count + 1):
        recipient = f"owner{n}@force.police.uk"
        key = f"{WEEK}:owner:{recipient}"
        items.append(Outgoing(key, "owner", recipient, (), "OFFICIAL", "owner digest", make(recipient, key)))
    return items


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger(tmp_path / "tracker.ledger.sqlite") as opened:
        yield opened


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", GRAPH_SECRET)
    monkeypatch.setenv("TRACKER_TEST_EWS_PASSWORD", EWS_PASSWORD)


@pytest.fixture
def session(ca_file: str) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.verify = ca_file
        s.trust_env = False
        yield s


def run(
    ledger: Ledger,
    transport: Transport,
    items: list[Outgoing],
    clock: FakeTime | None = None,
    *,
    force: bool = False,
    deadline: float = 1800,
) -> list[Delivery]:
    clock = clock or FakeTime()
    pacing = Pacing(deadline, clock=clock.clock, sleep=clock.sleep)
    run_id = ledger.start_run("weekly", NOW.date(), NOW)
    return deliver(
        items, ledger, transport, week=WEEK, run_id=run_id, now=lambda: NOW, force=force, pacing=pacing
    )


def results(deliveries: list[Delivery]) -> list[str]:
    return [d.result.value for d in deliveries]


def graph(
    tmp_path: Path, fake: GraphFake, session: requests.Session, clock: FakeTime, **settings: Any
) -> Any:
    config = graph_config(tmp_path, fake, **settings)
    return GraphTransport.from_config(
        config, session=session, instance_discovery=False, sleep=clock.sleep, clock=clock.clock
    )


def ews(tmp_path: Path, fake: EwsFake, clock: FakeTime, **settings: Any) -> EwsTransport:
    config = ews_config(tmp_path, fake, **settings)
    return EwsTransport.from_config(config, sleep=clock.sleep, clock=clock.clock)


# --- item 1: taken, then the connection failed: never failed, never sent twice ----------


def test_graph_message_taken_then_dropped_is_found_in_sent_items_and_not_resent(
    tmp_path: Path, ledger: Ledger, graph_server: GraphFake, session: requests.Session
) -> None:
    clock = FakeTime()
    transport = graph(tmp_path, graph_server, session, clock, save_to_sent_items=True)
    items = outgoing(3)
    graph_server.script.append(Drop(taken=True))

    first = run(ledger, transport, items, clock)
    again = run(ledger, transport, items, clock)

    assert results(first) == ["sent", "sent", "sent"]
    assert "found in the sender's Sent Items" in first[0].detail
    assert results(again) == ["already sent"] * 3
    assert sorted(graph_server.accepted) == sorted(i.key for i in items)  # each exactly once


def test_graph_message_in_doubt_is_always_found_in_sent_items_and_not_resent(
    tmp_path: Path, ledger: Ledger, graph_server: GraphFake, session: requests.Session
) -> None:
    """Graph keeps every MIME message in Sent Items, so a message taken but unanswered is
    found there even with save_to_sent_items false (its default)."""
    clock = FakeTime()
    transport = graph(tmp_path, graph_server, session, clock, timeout=0.3)
    items = outgoing(2)
    graph_server.script.append(Stall(5.0))

    first = run(ledger, transport, items, clock)
    again = run(ledger, transport, items, clock)

    assert results(first) == ["sent", "sent"]
    assert results(again) == ["already sent", "already sent"]
    assert graph_server.accepted == [items[0].key, items[1].key]


def test_a_rerun_finds_a_message_in_doubt_in_sent_items_even_when_forced(
    tmp_path: Path, ledger: Ledger, graph_server: GraphFake, session: requests.Session
) -> None:
    clock = FakeTime()
    transport = graph(tmp_path, graph_server, session, clock, save_to_sent_items=True)
    items = outgoing(1)
    graph_server.script.append(Drop(taken=True))
    graph_server.lookup_status = 503  # Sent Items cannot be searched during the first run

    first = run(ledger, transport, items, clock)
    graph_server.lookup_status = 200
    forced = run(ledger, transport, items, clock, force=True)

    assert results(first) == ["in doubt"] and "could not search Sent Items" in first[0].detail
    assert results(forced) == ["already sent"] and "Sent Items" in forced[0].detail
    assert graph_server.accepted == [items[0].key]
    record = ledger.message(items[0].key)
    assert record is not None and record.state == "sent"


def test_ews_message_taken_then_dropped_is_found_in_sent_items_and_not_resent(
    tmp_path: Path, ledger: Ledger, ews_server: EwsFake
) -> None:
    clock = FakeTime()
    transport = ews(tmp_path, ews_server, clock, save_copy=True)
    items = outgoing(3)
    ews_server.script.append(Drop(taken=True))
    try:
        first = run(ledger, transport, items, clock)
        again = run(ledger, transport, items, clock)
    finally:
        transport.close()

    assert results(first) == ["sent", "sent", "sent"]
    assert results(again) == ["already sent"] * 3
    assert sorted(ews_server.accepted) == sorted(i.key for i in items)


def test_ews_message_in_doubt_without_a_copy_is_never_resent_by_a_rerun(
    tmp_path: Path, ledger: Ledger, ews_server: EwsFake
) -> None:
    clock = FakeTime()
    transport = ews(tmp_path, ews_server, clock, timeout=0.3)
    items = outgoing(2)
    ews_server.script.append(Stall(5.0))
    try:
        first = run(ledger, transport, items, clock)
        again = run(ledger, transport, items, clock)
    finally:
        transport.close()

    assert results(first) == ["in doubt", "sent"]
    assert results(again) == ["in doubt", "already sent"]
    assert ews_server.accepted == [items[0].key, items[1].key]


# --- item 2: retrying is bounded per message and per run -------------------------------


def test_endless_busy_answers_are_bounded_per_message_and_by_the_run_deadline(
    tmp_path: Path, ledger: Ledger, ews_server: EwsFake
) -> None:
    ews_server.script.extend([1000] * 1000)  # ErrorServerBusy, back off 1 s, for ever
    clock = FakeTime()
    transport = ews(tmp_path, ews_server, clock, max_wait=5)
    try:
        done = run(ledger, transport, outgoing(5), clock, deadline=12)
    finally:
        transport.close()

    assert results(done) == ["failed", "failed", "not tried", "not tried", "not tried"]
    assert "run_deadline 12 s" in done[2].detail and "the next run sends it" in done[2].detail
    assert clock.now - 1000 <= 12 + 5  # the deadline plus one message's max_wait at most
    assert ews_server.accepted == []
    assert [ledger.message(i.key) for i in outgoing(5)[2:]] == [None] * 3  # left for the next run


# --- item 3: a server's back-off holds for the rest of the run -------------------------


def test_graph_back_off_longer_than_max_wait_holds_for_the_next_messages(
    tmp_path: Path, ledger: Ledger, graph_server: GraphFake, session: requests.Session
) -> None:
    clock = FakeTime()
    transport = graph(tmp_path, graph_server, session, clock, max_wait=20)
    graph_server.script.append((429, {"Retry-After": "250"}))

    done = run(ledger, transport, outgoing(3), clock)

    assert results(done) == ["failed", "sent", "sent"]
    assert clock.slept == [250.0]  # once, before the second message
    assert len(graph_server.mail_posts()) == 3


def test_a_back_off_past_the_deadline_stops_the_run(
    tmp_path: Path, ledger: Ledger, graph_server: GraphFake, session: requests.Session
) -> None:
    clock = FakeTime()
    transport = graph(tmp_path, graph_server, session, clock, max_wait=20)
    graph_server.script.append((503, {"Retry-After": "300"}))

    done = run(ledger, transport, outgoing(4), clock, deadline=120)

    assert results(done) == ["failed", "not tried", "not tried", "not tried"]
    assert "asked to wait 300 s more, past the run's deadline" in done[1].detail
    assert len(graph_server.mail_posts()) == 1 and clock.slept == []


# --- item 4: a refused sign-in stops the run -------------------------------------------


def test_a_wrong_graph_secret_is_tried_once_per_run_not_once_per_message(
    tmp_path: Path,
    ledger: Ledger,
    graph_server: GraphFake,
    session: requests.Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", "wrong")
    clock = FakeTime()

    done = run(ledger, graph(tmp_path, graph_server, session, clock), outgoing(9), clock)

    assert results(done) == ["failed"] + ["not tried"] * 8
    assert "invalid_client" in done[0].detail
    assert "stopped after graph failed: Entra ID refused a token" in done[1].detail
    assert len(graph_server.token_posts()) == 1


def test_a_wrong_ews_password_is_tried_once_per_run(
    tmp_path: Path, ledger: Ledger, ews_server: EwsFake
) -> None:
    ews_server.script.append(401)
    clock = FakeTime()
    transport = ews(tmp_path, ews_server, clock)
    try:
        done = run(ledger, transport, outgoing(9), clock)
    finally:
        transport.close()

    assert results(done) == ["failed"] + ["not tried"] * 8
    assert "refused the login" in done[0].detail
    assert len(ews_server.creates()) == 1


# --- item 6: a relay that cannot be reached stops the run ------------------------------


def test_a_relay_that_is_down_fails_the_first_message_and_leaves_the_rest_untried(ledger: Ledger) -> None:
    clock = FakeTime()
    settings = SmtpConfig(host="127.0.0.1", port=free_port(), security="none", timeout=2.0, max_wait=30)
    transport = SmtpTransport(settings, sleep=clock.sleep)

    done = run(ledger, transport, outgoing(34), clock)

    assert results(done) == ["failed"] + ["not tried"] * 33
    assert "could not reach SMTP server" in done[0].detail
    assert clock.slept == [2.0, 8.0]  # the first message's own bounded retries, then stop
    record = ledger.message(outgoing(1)[0].key)
    assert record is not None and record.state == "failed"


def test_a_relay_that_takes_the_connection_but_never_greets_stops_the_run(ledger: Ledger) -> None:
    """A port that accepts but never answers (a hung relay, a firewall's proxy): each message
    would wait out the timeout and its retries; the first one's failure stops the run."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)  # the handshake completes from the backlog; nothing ever greets
    clock = FakeTime()
    port = silent.getsockname()[1]
    settings = SmtpConfig(host="127.0.0.1", port=port, security="none", timeout=0.2, max_wait=30)
    try:
        done = run(ledger, SmtpTransport(settings, sleep=clock.sleep), outgoing(5), clock)
    finally:
        silent.close()

    assert results(done) == ["failed"] + ["not tried"] * 4
    assert f"SMTP server 127.0.0.1:{port} did not set up a session" in done[0].detail


class _PartlyOnce:
    """Takes every message but defers its recipient, as a relay deferring a Cc would; it
    cannot send to some recipients only (no ``send_to``), as EWS and Graph cannot."""

    name = "partial"

    def send(self, message: EmailMessage, key: str) -> str:
        raise PartlySent("deferred", transport_id="<id>", deferred=[str(message["To"])], data=bytes(message))


def test_a_transport_that_cannot_send_to_the_deferred_only_fails_clearly_and_keeps_them(
    ledger: Ledger,
) -> None:
    [item] = outgoing(1)
    first = deliver([item], ledger, _PartlyOnce(), week=WEEK, run_id=1, now=lambda: datetime(2026, 11, 23, 8))
    second = deliver(
        [item], ledger, _PartlyOnce(), week=WEEK, run_id=2, now=lambda: datetime(2026, 11, 23, 9)
    )

    assert [d.result for d in first + second] == [Result.PARTLY_SENT, Result.FAILED]
    assert second[0].again == ("owner1@force.police.uk",)
    assert "the partial transport cannot send a message to some of its recipients only" in second[0].detail
    missed = ledger.deferred(item.key)
    assert missed is not None and missed.recipients == ("owner1@force.police.uk",)
