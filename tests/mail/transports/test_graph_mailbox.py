"""collect mailbox: through Graph: the real msal and requests code lists a loopback mailbox's
messages with attachments, downloads the returns, and moves processed messages."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import requests

from automation.returns import mailbox_graph
from automation.returns.collect import collect_returns
from automation.returns.mailbox import MailboxSource
from automation.returns.mailbox_graph import GraphMailbox
from automation.returns.settings import ReturnsConfig
from tests.mail.transports.conftest import GRAPH_SECRET, graph_config
from tests.mail.transports.mailbox_servers import GraphMailboxFake
from tests.returns.helpers import at, blank, fill, issue, shipped_register

TODAY = date(2021, 10, 4)
DANA = "dana.whitfield@example.police.uk"


@pytest.fixture
def session(ca_file: str) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.verify = ca_file
        s.trust_env = False
        yield s


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TEST_GRAPH_SECRET", GRAPH_SECRET)


def source(tmp_path: Path, fake: GraphMailboxFake, session: requests.Session) -> MailboxSource:
    config = graph_config(tmp_path, fake)
    returns = ReturnsConfig(mailbox="returns@force.police.uk")
    box = GraphMailbox.from_config(
        config, returns, "Inbox", "Europe/London", session=session, instance_discovery=False
    )
    return MailboxSource(box, max_bytes=10_000_000)


def test_returns_are_listed_downloaded_checked_and_their_messages_moved(
    tmp_path: Path,
    graph_mailbox: GraphMailboxFake,
    session: requests.Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mailbox_graph, "PAGE", 2)  # three messages: two pages
    register = shipped_register(tmp_path / "reg")
    ledger = tmp_path / "reg" / "tracker.ledger.sqlite"
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    filled = fill(blank(issued), at(issued, issued.rows[0].ref, update="Audit booked for November."))
    good = graph_mailbox.add(DANA, "RE: your update", "2021-10-03T23:30:00Z", ("dana.xlsx", filled))
    huge = graph_mailbox.add(DANA, "RE: big", "2021-10-04T08:00:00Z", ("big.xlsx", b"x"), size=30_000_000)
    chat = graph_mailbox.add(DANA, "Thanks", "2021-10-04T09:00:00Z", ("photo.jpg", b"jpeg"))

    result = collect_returns(source(tmp_path, graph_mailbox, session), register, ledger, TODAY)

    assert [(v.incoming.name, v.accepted) for v in result.verdicts] == [
        ("dana.xlsx", True),
        ("big.xlsx", False),
    ]
    (update,) = result.verdicts[0].updates
    assert update.received == date(2021, 10, 4)  # 23:30 UTC on the 3rd is 00:30 on the 4th in London
    assert result.ignored == (
        "message from dana.whitfield@example.police.uk: 'Thanks': no .xlsx return attached (left in the folder)",
    )
    assert all(huge not in path for path in graph_mailbox.downloads())  # refused unread
    assert graph_mailbox.in_folder("Tracker returns processed") == sorted([good, huge])
    assert graph_mailbox.in_folder("Inbox") == [chat]
    assert all("/users/returns@force.police.uk/" in s.path for s in graph_mailbox.seen if "/users/" in s.path)

    again = collect_returns(source(tmp_path, graph_mailbox, session), register, ledger, TODAY)
    assert again.verdicts == () and again.already == ()


def test_a_message_seen_before_but_not_moved_is_moved_without_being_collected_again(
    tmp_path: Path, graph_mailbox: GraphMailboxFake, session: requests.Session
) -> None:
    register = shipped_register(tmp_path / "reg")
    ledger = tmp_path / "reg" / "tracker.ledger.sqlite"
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    filled = fill(blank(issued), at(issued, issued.rows[0].ref, update="x"))
    graph_mailbox.add(DANA, "RE", "2021-10-04T08:00:00Z", ("dana.xlsx", filled))
    graph_mailbox.folders["folder-x"] = ("Tracker returns processed", "")
    first = source(tmp_path, graph_mailbox, session)
    first.processed = lambda incoming: []  # type: ignore[method-assign]  # a crash before moving
    collect_returns(first, register, ledger, TODAY)
    assert graph_mailbox.in_folder("Inbox") != []

    again = collect_returns(source(tmp_path, graph_mailbox, session), register, ledger, TODAY)

    assert again.verdicts == () and [i.name for i in again.already] == ["dana.xlsx"]
    assert graph_mailbox.in_folder("Inbox") == []


def test_a_missing_folder_is_a_clear_error(
    tmp_path: Path, graph_mailbox: GraphMailboxFake, session: requests.Session
) -> None:
    from automation.core.errors import CannotRun

    config = graph_config(tmp_path, graph_mailbox)
    box = GraphMailbox.from_config(
        config, ReturnsConfig(), "Inbox/Returns", "Europe/London", session=session, instance_discovery=False
    )
    with pytest.raises(CannotRun, match="the mailbox has no folder 'Returns'"):
        list(box.messages())


def test_mailbox_needs_graph_or_ews(tmp_path: Path) -> None:
    from automation.core.errors import CannotRun
    from automation.run.collect import open_source
    from automation.run.config import Config

    config = dataclasses.replace(Config(), base_dir=tmp_path)
    with pytest.raises(CannotRun, match="but \\[mail\\] transport is 'outbox'"):
        open_source(config, "mailbox:")
