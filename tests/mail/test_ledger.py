from datetime import date, datetime

from automation.core.model import Rag
from automation.core.rating import RatedItem, Rating
from automation.mail.ledger import Ledger
from automation.mail.ledger_records import iso_week
from tests.builders import PUB, item

NOW = datetime(2021, 10, 4, 8, 0)


def rated(ref, rag):
    return RatedItem(item(ref=ref), Rating(rag, "x"))


def run(ledger, day, ratings):
    """A weekly run as trackers recorded it before the items' history: with its ratings in
    the ledger's ``ratings`` table, which the ledger still reads."""
    run_id = ledger.start_run("weekly", day, NOW)
    ledger._db.executemany(
        "INSERT INTO ratings VALUES (?, ?, ?, ?, ?, NULL)",
        [(run_id, r.item.publication, r.item.ref, r.item.owner, r.rating.rag.key) for r in ratings],
    )
    ledger.finish_run(run_id, NOW, "done")
    return run_id


def test_iso_week_straddles_new_year():
    assert iso_week(date(2021, 1, 3)) == "2020-W53"
    assert iso_week(date(2026, 11, 30)) == "2026-W49"


def test_history_is_the_latest_run_of_an_earlier_week_with_red_streaks(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.history("2021-W40").previous == {}
        run(ledger, date(2021, 9, 13), [rated("A", Rag.GREEN), rated("B", Rag.RED)])
        run(ledger, date(2021, 9, 20), [rated("A", Rag.RED), rated("B", Rag.RED)])
        run(ledger, date(2021, 9, 27), [rated("A", Rag.RED), rated("B", Rag.RED), rated("C", Rag.AMBER)])
        run(ledger, date(2021, 9, 28), [rated("A", Rag.RED), rated("B", Rag.AMBER)])  # rerun, same week
        run(ledger, date(2021, 10, 4), [rated("A", Rag.GREEN)])  # this week: ignored
        history = ledger.history("2021-W40")
    assert history.previous_as_of == date(2021, 9, 28)
    assert history.previous == {(PUB, "A"): Rag.RED, (PUB, "B"): Rag.AMBER}
    assert history.red_since == {(PUB, "A"): date(2021, 9, 20)}


def test_message_states_and_completed_weeks(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        key = "2021-W40:owner:a@x.police.uk"
        assert ledger.message(key) is None
        ledger.attempting(
            key,
            week="2021-W40",
            kind="owner",
            recipient="a@x.police.uk",
            subject="s",
            transport="outbox",
            run_id=1,
            now=NOW,
        )
        assert [m.key for m in ledger.stuck("2021-W40")] == [key]
        ledger.failed(key, "busy", NOW)
        assert ledger.message(key).error == "busy"
        ledger.attempting(
            key,
            week="2021-W40",
            kind="owner",
            recipient="a@x.police.uk",
            subject="s",
            transport="outbox",
            run_id=2,
            now=NOW,
        )
        ledger.sent(key, "id-1", NOW)
        record = ledger.message(key)
        assert (record.state, record.transport_id, record.attempts, record.error) == ("sent", "id-1", 2, None)
        assert not ledger.week_completed("2021-W40")
        run(ledger, date(2021, 10, 4), [])
        assert ledger.week_completed("2021-W40")
        assert [r.outcome for r in ledger.runs()] == ["done"]


def test_ledger_survives_reopening(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        run(ledger, date(2021, 9, 27), [rated("A", Rag.RED)])
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.history("2021-W40").previous == {(PUB, "A"): Rag.RED}


def test_a_foreign_or_damaged_ledger_is_a_clear_error(tmp_path):
    import sqlite3

    import pytest

    from automation.core.errors import CannotRun

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(CannotRun, match="is not a tracker ledger"):
        Ledger(foreign)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CannotRun, match="is damaged or is not a tracker ledger") as caught:
        Ledger(damaged)
    assert "restore it from a backup" in caught.value.fix


# --- issue 10, item 16: say what is actually wrong; never take an unreadable ledger as new


def test_a_missing_folder_is_named_not_called_damaged(tmp_path):
    import pytest

    from automation.mail.ledger_files import LedgerError

    with pytest.raises(LedgerError) as caught:
        Ledger(tmp_path / "gone" / "tracker.ledger.sqlite")
    assert f"the ledger's folder {tmp_path / 'gone'} does not exist" in caught.value.message
    assert "damaged" not in caught.value.message and "move it aside" not in caught.value.message


def test_an_empty_ledger_file_is_refused_not_started_afresh(tmp_path):
    import pytest

    from automation.mail.ledger_files import LedgerError

    empty = tmp_path / "tracker.ledger.sqlite"
    empty.touch()
    with pytest.raises(LedgerError, match=r"is empty \(0 bytes\): it is not a new ledger"):
        Ledger(empty)
    assert empty.stat().st_size == 0  # left as it was, for a person to restore


def test_a_read_only_folder_is_named(tmp_path, disk):
    import os

    import pytest

    from automation.mail.ledger_files import LedgerError

    path = disk.mount / "tracker.ledger.sqlite"
    with Ledger(path) as ledger:
        run(ledger, date(2021, 10, 4), [])
    for extra in disk.mount.glob("*-*"):  # as after a clean close
        extra.unlink()
    if os.geteuid() == 0:
        disk.read_only()
    else:  # pragma: no cover - the same check, where permissions bind
        disk.mount.chmod(0o555)
    with pytest.raises(LedgerError) as caught:
        Ledger(path)
    assert f"this account cannot create files in {disk.mount}" in caught.value.message
    assert "damaged" not in caught.value.message


def test_a_ledger_locked_by_another_program_says_so(tmp_path):
    import sqlite3

    import pytest

    from automation.mail.ledger_files import LedgerError

    path = tmp_path / "tracker.ledger.sqlite"
    Ledger(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with Ledger(path, busy_timeout=0.2) as ledger, pytest.raises(LedgerError) as caught:
            ledger.start_run("weekly", date(2021, 10, 4), NOW)
    finally:
        other.rollback()
        other.close()
    assert f"the ledger {path} is locked by another program (waited 0.2 s)" in caught.value.message
    assert "unexpected" not in caught.value.message


def test_a_full_ledger_database_says_the_disk_is_full(tmp_path):
    import pytest

    from automation.mail.ledger_files import LedgerError

    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        pages = ledger._db.execute("PRAGMA page_count").fetchone()[0]
        ledger._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL
        run_id = run(ledger, date(2021, 10, 4), [])
        with pytest.raises(LedgerError, match="is full"):
            for n in range(500):
                ledger.attempting(
                    f"2021-W40:owner:owner{n}@x.police.uk",
                    week="2021-W40",
                    kind="owner",
                    recipient=f"owner{n}@x.police.uk",
                    subject="Your open HMICFRS recommendations " * 4,
                    transport="outbox",
                    run_id=run_id,
                    now=NOW,
                )


# The ledger's tables as trackers made them before a message's deferred recipients were kept.
BEFORE_DEFERRED = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, week TEXT NOT NULL, as_of TEXT NOT NULL,
    started TEXT NOT NULL, finished TEXT, outcome TEXT, sent INTEGER DEFAULT 0,
    failed INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, errors INTEGER DEFAULT 0,
    warnings INTEGER DEFAULT 0, detail TEXT DEFAULT '');
CREATE TABLE messages (
    key TEXT PRIMARY KEY, week TEXT NOT NULL, kind TEXT NOT NULL, recipient TEXT NOT NULL,
    subject TEXT NOT NULL, state TEXT NOT NULL, transport TEXT NOT NULL, transport_id TEXT,
    error TEXT, attempts INTEGER NOT NULL DEFAULT 0, run_id INTEGER, updated TEXT NOT NULL);
CREATE TABLE ratings (
    run_id INTEGER NOT NULL, publication TEXT NOT NULL, ref TEXT NOT NULL, owner TEXT,
    rag TEXT NOT NULL, due TEXT, PRIMARY KEY (run_id, publication, ref));
INSERT INTO runs VALUES (1, 'weekly', '2021-W40', '2021-10-04', '2021-10-04T08:00:00',
    '2021-10-04T08:01:00', 'done', 1, 0, 0, 0, 0, '');
INSERT INTO messages VALUES ('2021-W40:owner:a@x.police.uk', '2021-W40', 'owner', 'a@x.police.uk',
    'Digest', 'sent', 'smtp', '<1@x>', NULL, 1, 1, '2021-10-04T08:00:30');
"""


def test_a_ledger_from_before_deferred_recipients_is_migrated_keeping_what_it_recorded(tmp_path):
    import sqlite3

    from automation.mail.ledger_records import Deferred, MessageState

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as old:
        old.executescript(BEFORE_DEFERRED)
    old.close()
    key = "2021-W40:owner:a@x.police.uk"

    with Ledger(path) as ledger:
        assert ledger.deferred(key) is None
        ledger.attempting(
            "2021-W40:owner:b@x.police.uk", week="2021-W40", kind="owner", recipient="b@x.police.uk",
            subject="Digest", transport="smtp", run_id=2, now=NOW,
        )  # fmt: skip
        missed = Deferred(("boss@x.police.uk",), b"Subject: Digest\r\n\r\nbody\r\n")
        ledger.sent("2021-W40:owner:b@x.police.uk", "<2@x>", NOW, deferred=missed)

    with Ledger(path) as ledger:
        [record] = ledger.runs()
        kept = ledger.message(key)
        assert record.outcome is not None and (record.id, record.outcome.value, record.sent) == (1, "done", 1)
        assert kept is not None and (kept.state, kept.transport_id) == (MessageState.SENT, "<1@x>")
        assert ledger.deferred("2021-W40:owner:b@x.police.uk") == missed
        ledger.sent("2021-W40:owner:b@x.police.uk", "<2@x>", NOW)  # they got it: forgotten
        assert ledger.deferred("2021-W40:owner:b@x.police.uk") is None
