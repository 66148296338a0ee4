"""An empty (0-byte) ledger is refused by every command that opens it, reading ones too: none
may start it again as a new ledger, or the next `tracker remind` would send the week again.
Reading commands never create a ledger where there is none."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from automation.cli import main
from automation.reports.history import HistoryStore
from automation.returns.ledger import ReturnsLedger
from tests.returns.helpers import shipped_register

LEDGER = "tracker.ledger.sqlite"
EMPTY = (
    f"tracker: the ledger {LEDGER} is empty (0 bytes): it is not a new ledger, and nothing in it "
    "says what was already sent this week (restore it from a backup; only if no message went out "
    "since it was created, delete it and run again)\n"
)
COMMANDS = {
    "history": ["history"],
    "history of one item": ["history", "--item", "A duty to protect/Recommendation 3"],
    "snapshot": ["snapshot", "--today", "2021-10-04"],
    "collect": ["collect", "replies", "--today", "2021-10-04"],
    "meeting pack": ["report", "meeting", "--today", "2021-10-04", "--format", "md"],
    "committee paper": ["report", "paper", "--from", "2021-07-01", "--to", "2021-09-30", "--format", "md"],
    "dashboard": ["report", "dashboard", "--today", "2021-10-04"],
}


@pytest.fixture()
def emptied(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shipped_register(tmp_path)
    (tmp_path / "replies").mkdir()
    (tmp_path / LEDGER).write_bytes(b"")
    return tmp_path


def test_an_emptied_ledger_is_never_started_again_so_the_week_is_not_sent_twice(emptied):
    (emptied / LEDGER).unlink()
    sent = CliRunner().invoke(main, ["remind", "--today", "2021-10-04"])
    assert sent.exit_code == 0 and sent.output.splitlines()[-2] == "9 sent."
    (emptied / LEDGER).write_bytes(b"")

    history = CliRunner().invoke(main, ["history"])
    again = CliRunner().invoke(main, ["remind", "--today", "2021-10-04"])

    assert (history.exit_code, history.output) == (2, EMPTY)
    assert (again.exit_code, again.output) == (2, EMPTY)
    assert (emptied / LEDGER).stat().st_size == 0


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_no_command_takes_an_empty_ledger_for_a_new_one(emptied, command):
    result = CliRunner().invoke(main, command)

    assert (result.exit_code, result.output) == (2, EMPTY)
    assert (emptied / LEDGER).stat().st_size == 0


def test_the_history_and_returns_tables_refuse_an_empty_ledger(tmp_path):
    from automation.mail.ledger_files import LedgerError

    empty = tmp_path / LEDGER
    empty.write_bytes(b"")
    for opening in (HistoryStore, lambda path: HistoryStore(path, create=False), ReturnsLedger):
        with pytest.raises(LedgerError, match=r"is empty \(0 bytes\)"):
            opening(empty)
    assert empty.stat().st_size == 0


def test_reading_commands_never_create_a_ledger(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shipped_register(tmp_path)

    history = CliRunner().invoke(main, ["history"])
    assert (history.exit_code, history.output) == (
        0,
        f"No history yet: no weekly run or snapshot is recorded in {LEDGER} "
        "(tracker remind and tracker snapshot record one).\n",
    )
    meeting = CliRunner().invoke(main, ["report", "meeting", "--today", "2021-10-04", "--format", "md"])
    assert meeting.exit_code == 0, meeting.output
    assert not (tmp_path / LEDGER).exists()
