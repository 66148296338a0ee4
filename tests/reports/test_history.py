"""Every item's history: five weekly runs with a fake clock and an officer's edits between
them; the history and the paper's 'changes since' list exactly those edits."""

from datetime import date, datetime, timedelta

import pytest

from automation.core.errors import CannotRun
from automation.core.model import column_letter
from automation.core.rating import status_report
from automation.register.load import load_register
from automation.reports.build import changes_between
from automation.reports.changes import EventKind
from automation.reports.history import HistoryStore
from automation.reports.replay import rating_trend
from tests.builders import COLUMNS, PUB, edit, item, workbook

START = date(2021, 9, 6)  # a Monday; weekly runs follow
ITEMS = [
    item(ref="Recommendation 1", row=2, deadline_date=date(2021, 12, 31), last_update=date(2021, 9, 1)),
    item(ref="Recommendation 2", row=3, deadline_date=date(2021, 9, 20), last_update=date(2021, 9, 1)),
    item(ref="Recommendation 3", row=4, deadline_date=date(2022, 3, 31), last_update=date(2021, 9, 1)),
]


def at(key, row):
    return f"{column_letter(COLUMNS[key])}{row}"


def closed(row, day):
    return {
        at("status", row): "Closed",
        at("date_closed", row): day,
        at("evidence", row): "Audit attached.",
        at("signed_off_by", row): "Priya Shah (DCC)",
        at("signed_off_on", row): day,
    }


def added(row, ref):
    return {
        at("publication", row): PUB,
        at("ref", row): ref,
        at("status", row): "Not started",
        at("kind", row): "Recommendation",
    }


def run(path, store, week):
    today = START + timedelta(weeks=week)
    report = status_report(load_register(path), today)
    return store.record(report.rated, today, datetime.combine(today, datetime.min.time()), "weekly")


@pytest.fixture
def five_weeks(tmp_path):
    """Week 0 baseline; edits before weeks 1, 2 and 4. Time alone changes two ratings:
    Recommendation 2 passes its deadline (red in week 3) and Recommendation 3 goes four
    weeks without an update (amber in week 4); the history records those too."""
    path = workbook(tmp_path / "tracker.xlsx", ITEMS)
    store = HistoryStore(tmp_path / "ledger.sqlite")
    run(path, store, 0)
    edit(
        path,
        {
            at("owner", 2): "Tom Brennan",
            at("last_update", 2): START + timedelta(days=3),
            at("progress", 2): "Policy drafted.",
        },
    )
    run(path, store, 1)
    edit(path, {at("target_date", 4): date(2022, 6, 30)})  # target date after the deadline: slipped
    run(path, store, 2)
    run(path, store, 3)  # no edits
    edit(path, added(5, "Recommendation 4"))
    edit(path, closed(3, START + timedelta(weeks=4)))
    run(path, store, 4)
    yield path, store
    store.close()


def test_history_lists_exactly_the_edits(five_weeks):
    _, store = five_weeks
    found = [(c.as_of, c.ref, c.label, c.old, c.new) for c in store.changes(baseline=False)]
    w = [START + timedelta(weeks=n) for n in range(5)]
    assert found == [
        (w[1], "Recommendation 1", "owner", "Dana Whitfield", "Tom Brennan"),
        (w[1], "Recommendation 1", "last update", "2021-09-01", "2021-09-09"),
        (w[1], "Recommendation 1", "latest update", "", "Policy drafted."),
        (w[2], "Recommendation 3", "due date", "2022-03-31", "2022-06-30"),
        (w[3], "Recommendation 2", "rating", "Amber", "Red"),
        (w[4], "Recommendation 2", "status", "In progress", "Closed"),
        (w[4], "Recommendation 2", "rating", "Red", "Blue"),
        (w[4], "Recommendation 3", "rating", "Green", "Amber"),
        (w[4], "Recommendation 4", "item", "not in the register", "in the register"),
        (w[4], "Recommendation 4", "status", "", "Not started"),
        (w[4], "Recommendation 4", "rating", "", "Amber"),
    ]
    assert [s.changes for s in store.snapshots()][1:] == [3, 1, 1, 6]


def test_one_item_and_since(five_weeks):
    _, store = five_weeks
    mine = store.changes(item=(PUB, "Recommendation 3"))
    assert [c.label for c in mine if not c.baseline] == ["due date", "rating"]
    assert [c.label for c in mine if c.baseline] == [
        "item",
        "status",
        "rating",
        "due date",
        "owner",
        "last update",
    ]
    later = store.changes(since=START + timedelta(weeks=2), baseline=False)
    assert {c.as_of for c in later} == {START + timedelta(weeks=3), START + timedelta(weeks=4)}


def test_changes_since_lists_those_edits_as_events(five_weeks, tmp_path):
    changes = changes_between(tmp_path / "ledger.sqlite", START, START + timedelta(weeks=4))
    got = {kind: [(e.ref, e.old, e.new) for e in found] for kind, found in changes.by_kind if found}
    assert got == {
        EventKind.NEW: [("Recommendation 4", "not in the register", "in the register")],
        EventKind.CLOSED: [("Recommendation 2", "In progress", "Closed")],
        EventKind.TURNED_RED: [("Recommendation 2", "Amber", "Red")],
        EventKind.BACK_FROM_RED: [("Recommendation 2", "Red", "Blue")],
        EventKind.SLIPPED: [("Recommendation 3", "2022-03-31", "2022-06-30")],
        EventKind.OWNER_CHANGED: [("Recommendation 1", "Dana Whitfield", "Tom Brennan")],
    }
    assert changes.complete and changes.recorded_from == START


def test_store_keeps_changes_not_copies_and_trend(five_weeks):
    _, store = five_weeks
    rows = store._db.execute("SELECT COUNT(*) FROM history_changes").fetchone()[0]
    baseline = store.snapshots()[0].changes
    assert rows == baseline + 11
    trend = [counts for _, counts in rating_trend(store)]
    assert trend[0] == {"Green": 2, "Amber": 1}
    assert trend[3] == {"Green": 2, "Red": 1}
    assert trend[4] == {"Amber": 2, "Blue": 1, "Green": 1}


def test_item_removed_and_back(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", ITEMS)
    with HistoryStore(tmp_path / "h.sqlite") as store:
        run(path, store, 0)
        edit(path, {at(key, 4): None for key in ("publication", "ref", "status", "kind")})
        assert run(path, store, 1).removed == 1
        edit(path, added(4, "Recommendation 3"))
        run(path, store, 2)
        kinds = [(c.field, c.new) for c in store.changes(baseline=False) if c.field == "item"]
        assert kinds == [("item", "not in the register"), ("item", "in the register")]
        assert [sum(counts.values()) for _, counts in rating_trend(store)] == [3, 2, 3]


def test_changes_of_some_fields_only(five_weeks):
    _, store = five_weeks
    found = [(c.ref, c.label) for c in store.changes(baseline=False, fields=("owner", "due"))]
    assert found == [("Recommendation 1", "owner"), ("Recommendation 3", "due date")]


def test_snapshots_in_date_order_only(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", ITEMS)
    with HistoryStore(tmp_path / "h.sqlite") as store:
        run(path, store, 2)
        with pytest.raises(CannotRun, match="in date order"):
            run(path, store, 1)


def test_no_history_file_is_not_created_by_reading(tmp_path):
    changes = changes_between(tmp_path / "none.sqlite", START, START + timedelta(weeks=1))
    assert changes.recorded_from is None and changes.events == ()
    assert not (tmp_path / "none.sqlite").exists()


def test_a_first_snapshot_written_in_batches_records_every_change(tmp_path, monkeypatch):
    from automation.reports import recording

    path = workbook(tmp_path / "tracker.xlsx", ITEMS)
    report = status_report(load_register(path), START)
    counts = []
    for batch, name in ((10_000, "whole.sqlite"), (2, "batched.sqlite")):
        monkeypatch.setattr(recording, "_BATCH", batch)
        with HistoryStore(tmp_path / name) as store:
            store.record(report.rated, START, datetime(2021, 9, 6), "weekly")
            rows = store._db.execute("SELECT * FROM history_changes ORDER BY item_id, field").fetchall()
            counts.append((store.snapshots()[0].changes, rows))
    assert counts[0] == counts[1] and counts[0][0] == len(counts[0][1]) > 2


def test_a_duplicated_row_counts_once_new_or_known_and_changes_nothing(tmp_path):
    twice = [*ITEMS, item(ref="Recommendation 1", row=5, owner="Tom Brennan")]
    path = workbook(tmp_path / "tracker.xlsx", twice)
    with HistoryStore(tmp_path / "h.sqlite") as store:
        first = run(path, store, 0)
        assert (first.new, first.snapshot.items) == (3, 3)
        again = run(path, store, 1)
        assert (again.new, again.changed, again.removed, again.snapshot.items) == (0, 0, 0, 3)
        owners = [c.new for c in store.changes(baseline=True) if c.field == "owner"]
        assert len(owners) == 3  # one of the two rows counts, the same one both times


def test_items_with_large_ids_are_matched_with_their_history(tmp_path):
    path = workbook(tmp_path / "tracker.xlsx", ITEMS)
    with HistoryStore(tmp_path / "h.sqlite") as store:
        run(path, store, 0)
        far = 5_000_000_000  # beyond 32 bits: ids are SQLite's 64-bit row ids
        store._db.execute("UPDATE history_items SET id = id + ?", (far,))
        store._db.execute("UPDATE history_changes SET item_id = item_id + ?", (far,))
        edit(path, {at("owner", 2): "Tom Brennan"})
        again = run(path, store, 1)
        assert (again.new, again.changed, again.removed) == (0, 1, 0)
        moved = [(c.ref, c.field, c.new) for c in store.changes(baseline=False)]
        assert moved == [("Recommendation 1", "owner", "Tom Brennan")]
