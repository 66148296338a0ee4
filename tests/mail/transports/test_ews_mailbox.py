"""collect mailbox: through EWS: the real exchangelib client finds the messages with
attachments in a loopback Exchange, gets the attachments, and moves processed messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from automation.returns.collect import collect_returns
from automation.returns.mailbox import MailboxSource
from automation.returns.mailbox_ews import EwsMailbox
from automation.returns.settings import ReturnsConfig
from tests.mail.transports.conftest import EWS_PASSWORD, ews_config
from tests.mail.transports.mailbox_servers import EwsMailboxFake
from tests.returns.helpers import at, blank, fill, issue, shipped_register

TODAY = date(2021, 10, 4)
DANA = "dana.whitfield@example.police.uk"


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TEST_EWS_PASSWORD", EWS_PASSWORD)


def source(tmp_path: Path, fake: EwsMailboxFake, folder: str = "Inbox") -> MailboxSource:
    box = EwsMailbox.from_config(ews_config(tmp_path, fake), ReturnsConfig(), folder, "Europe/London")
    return MailboxSource(box, max_bytes=10_000_000)


def test_returns_are_found_fetched_checked_and_their_messages_moved(
    tmp_path: Path, ews_mailbox: EwsMailboxFake
) -> None:
    register = shipped_register(tmp_path / "reg")
    ledger = tmp_path / "reg" / "tracker.ledger.sqlite"
    issued = issue(register, ledger, "Dana Whitfield", TODAY)
    filled = fill(blank(issued), at(issued, issued.rows[0].ref, update="Audit booked for November."))
    good = ews_mailbox.add(DANA, "RE: your update", "2021-10-03T23:30:00Z", ("dana.xlsx", filled))
    macro = ews_mailbox.add(DANA, "RE: macro", "2021-10-04T08:00:00Z", ("dana.xlsm", b"PK"))
    chat = ews_mailbox.add(DANA, "Thanks", "2021-10-04T09:00:00Z", ("photo.jpg", b"jpeg"))

    found = source(tmp_path, ews_mailbox)
    try:
        result = collect_returns(found, register, ledger, TODAY)
    finally:
        found.close()

    assert [(v.incoming.name, v.accepted) for v in result.verdicts] == [
        ("dana.xlsx", True),
        ("dana.xlsm", False),
    ]
    (update,) = result.verdicts[0].updates
    assert update.received == date(2021, 10, 4) and update.text == "Audit booked for November."
    assert ews_mailbox.in_folder("Tracker returns processed") == sorted([good, macro])
    assert ews_mailbox.in_folder("Inbox") == [chat]
    operations = ews_mailbox.operations()
    assert {"FindItem", "GetItem", "GetAttachment", "MoveItem", "CreateFolder"} <= set(operations)
    assert operations.count("GetAttachment") == 1  # the .xlsm is refused unopened

    again = source(tmp_path, ews_mailbox)
    try:
        assert collect_returns(again, register, ledger, TODAY).verdicts == ()
    finally:
        again.close()


def test_a_missing_folder_is_a_clear_error(tmp_path: Path, ews_mailbox: EwsMailboxFake) -> None:
    from automation.core.errors import CannotRun

    found = source(tmp_path, ews_mailbox, "Inbox/Returns")
    with pytest.raises(CannotRun, match="the mailbox has no folder 'Returns'"):
        found.find()
    found.close()
