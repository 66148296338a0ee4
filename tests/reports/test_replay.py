"""The previous week's run as the weekly job composes with it, read from the items' history:
its ratings, red streaks over the latest weekly snapshot of each week, who its digests
reached; ledgers from before the history are still read."""

from datetime import date, datetime

from automation.core.model import Rag
from automation.core.rating import RatedItem, Rating
from automation.mail.ledger import Ledger
from automation.reports.history import HistoryStore
from automation.reports.replay import previous_run, previous_week
from tests.builders import PUB, item

NOW = datetime(2021, 10, 4, 8, 0)


def rated(ref, rag):
    return RatedItem(item(ref=ref), Rating(rag, "x"))


def snap(store, day, ratings, source="weekly"):
    store.record(ratings, day, NOW, source)


def old_run(ledger, day, ratings):
    """A weekly run as trackers recorded it before the items' history: its ratings in the
    ledger's own table."""
    run_id = ledger.start_run("weekly", day, NOW)
    ledger._db.executemany(
        "INSERT INTO ratings VALUES (?, ?, ?, ?, ?, NULL)",
        [(run_id, r.item.publication, r.item.ref, r.item.owner, r.rating.rag.key) for r in ratings],
    )
    ledger.finish_run(run_id, NOW, "done")
    return run_id


def sent(ledger, week, recipient):
    key = f"{week}:owner:{recipient}"
    ledger.attempting(
        key, week=week, kind="owner", recipient=recipient, subject="s", transport="outbox", run_id=1, now=NOW
    )
    ledger.sent(key, "id", NOW)


def test_the_latest_weekly_snapshot_of_an_earlier_week_with_red_streaks(tmp_path):
    with HistoryStore(tmp_path / "l.sqlite") as store:
        assert previous_run(store, "2021-W40") is None
        snap(store, date(2021, 9, 13), [rated("A", Rag.GREEN), rated("B", Rag.RED)])
        snap(store, date(2021, 9, 20), [rated("A", Rag.RED), rated("B", Rag.RED)])
        snap(store, date(2021, 9, 22), [rated("A", Rag.GREEN), rated("B", Rag.RED)], "snapshot")
        snap(store, date(2021, 9, 27), [rated("A", Rag.RED), rated("B", Rag.RED), rated("C", Rag.AMBER)])
        snap(store, date(2021, 9, 28), [rated("A", Rag.RED), rated("B", Rag.AMBER)])  # rerun, same week
        snap(store, date(2021, 10, 4), [rated("A", Rag.GREEN)])  # this week: left out
        found = previous_run(store, "2021-W40")
    assert found.as_of == date(2021, 9, 28)
    assert found.ratings == {(PUB, "A"): Rag.RED, (PUB, "B"): Rag.AMBER}  # C left the register
    # a snapshot taken between weekly runs does not break a streak: weekly runs count
    assert found.red_since == {(PUB, "A"): date(2021, 9, 20)}
    assert found.from_the_start == frozenset()


def test_a_week_out_of_the_register_ends_a_red_streak(tmp_path):
    with HistoryStore(tmp_path / "l.sqlite") as store:
        snap(store, date(2021, 9, 6), [rated("A", Rag.RED), rated("B", Rag.RED)])
        snap(store, date(2021, 9, 13), [rated("B", Rag.RED)])
        snap(store, date(2021, 9, 20), [rated("A", Rag.RED), rated("B", Rag.RED)])
        found = previous_run(store, "2021-W39")
    assert found.red_since == {(PUB, "A"): date(2021, 9, 20), (PUB, "B"): date(2021, 9, 6)}
    assert found.from_the_start == {(PUB, "B")}


def test_who_the_previous_weeks_digests_reached_comes_from_the_ledger(tmp_path):
    path = tmp_path / "l.sqlite"
    with HistoryStore(path) as store:
        snap(store, date(2021, 9, 20), [rated("A", Rag.RED)])
        snap(store, date(2021, 9, 27), [rated("A", Rag.RED)])
    with Ledger(path) as ledger:
        sent(ledger, "2021-W38", "early@x.police.uk")
        sent(ledger, "2021-W39", "Dana@x.police.uk")
        history = previous_week(ledger, path, "2021-W40")
    assert history.previous_as_of == date(2021, 9, 27)
    assert history.previous == {(PUB, "A"): Rag.RED}
    assert history.red_since == {(PUB, "A"): date(2021, 9, 20)}
    assert history.reached == {"dana@x.police.uk"}


def test_a_ledger_from_before_the_history_is_still_read(tmp_path):
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger:
        old_run(ledger, date(2021, 9, 20), [rated("A", Rag.RED)])
        old_run(ledger, date(2021, 9, 27), [rated("A", Rag.RED), rated("B", Rag.GREEN)])
        sent(ledger, "2021-W39", "dana@x.police.uk")
        history = previous_week(ledger, path, "2021-W40")
    assert history.previous_as_of == date(2021, 9, 27)
    assert history.previous == {(PUB, "A"): Rag.RED, (PUB, "B"): Rag.GREEN}
    assert history.red_since == {(PUB, "A"): date(2021, 9, 20)}
    assert history.reached == {"dana@x.police.uk"}


def test_a_red_streak_older_than_the_history_starts_where_the_old_ledger_says(tmp_path):
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger:
        old_run(ledger, date(2021, 9, 6), [rated("A", Rag.RED), rated("B", Rag.RED)])
        old_run(ledger, date(2021, 9, 13), [rated("A", Rag.RED), rated("B", Rag.GREEN)])
    with HistoryStore(path) as store:  # the upgrade: from here the history holds the ratings
        snap(store, date(2021, 9, 20), [rated("A", Rag.RED), rated("B", Rag.RED)])
        snap(store, date(2021, 9, 27), [rated("A", Rag.RED), rated("B", Rag.RED)])
    with Ledger(path) as ledger:
        history = previous_week(ledger, path, "2021-W40")
    assert history.previous_as_of == date(2021, 9, 27)
    assert history.red_since == {(PUB, "A"): date(2021, 9, 6), (PUB, "B"): date(2021, 9, 20)}


def test_a_weekly_run_records_the_ratings_once_in_the_history_and_escalates_from_it(tmp_path):
    from automation.mail.settings import MailConfig
    from automation.run.config import Config
    from automation.run.weekly import weekly_run
    from tests.builders import workbook

    path = workbook(tmp_path / "tracker.xlsx", [item(ref="R1", deadline_date=date(2021, 9, 28))])
    config = Config(
        base_dir=tmp_path,
        mail=MailConfig(register_owner="governance@demo.police.uk", allowed_domains=["demo.police.uk"]),
    )
    weekly_run(config, path, date(2021, 10, 1))
    second = weekly_run(config, path, date(2021, 10, 4))
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        assert ledger._db.execute("SELECT COUNT(*) FROM ratings").fetchone() == (0,)
    with HistoryStore(tmp_path / "tracker.ledger.sqlite") as store:
        assert [s.as_of for s in store.snapshots()] == [date(2021, 10, 1), date(2021, 10, 4)]
    digest = next(d for d in second.deliveries if d.outgoing.kind == "owner")
    assert digest.outgoing.cc == ("mark.ellison@demo.police.uk",)  # red two runs running: escalated
