"""The long-running scheduler, driven by a fake clock on a UTC host."""

from __future__ import annotations

import email
import email.policy
import logging
import os
import signal
import threading
from datetime import date, datetime, timedelta

import pytest

from automation.core.errors import CannotRun
from automation.mail.deliver import Result
from automation.mail.ledger import Ledger
from automation.run.config import ScheduleConfig
from automation.run.scheduler import TrackerScheduler, lock_paths, single_instance, stop_on_signals
from automation.run.unattended import unattended_weekly
from tests.run.fakes import IT, OWNER, UTC, FakeClock, cli, config, register, utc_host  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc_host")


def drive(tmp_path, monkeypatch, start, days, *, cfg=None, catch_up=True, **jobs):
    """Run a scheduler from ``start`` for ``days`` of fake time; returns the clock."""
    clock = FakeClock(start)
    clock.install(monkeypatch)
    stop = threading.Event()
    scheduler = TrackerScheduler(
        cfg or config(tmp_path),
        tmp_path / "tracker.xlsx",
        now=clock.now,
        sleep=clock.sleeper(start + timedelta(days=days), stop),
        stop=stop,
        poll=3600,
        **jobs,
    )
    scheduler.run(catch_up=catch_up)
    return clock


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Clocks go forward on Sunday 29 March 2026: 08:00 BST is 07:00 UTC.
        (
            datetime(2026, 3, 27, 12, tzinfo=UTC),
            [datetime(2026, 3, 30, 7, tzinfo=UTC), datetime(2026, 4, 6, 7, tzinfo=UTC)],
        ),
        # Clocks go back on Sunday 25 October 2026: 08:00 GMT is 08:00 UTC.
        (
            datetime(2026, 10, 23, 12, tzinfo=UTC),
            [datetime(2026, 10, 26, 8, tzinfo=UTC), datetime(2026, 11, 2, 8, tzinfo=UTC)],
        ),
    ],
)
def test_weekly_run_fires_once_a_week_at_0800_london_across_clock_changes(
    tmp_path, monkeypatch, start, expected
):
    fired: list[tuple[datetime, date]] = []
    validated: list[datetime] = []
    clock = None

    def weekly(today):
        fired.append((clock.utc, today))

    clock = FakeClock(start)
    clock.install(monkeypatch)
    stop = threading.Event()
    cfg = config(tmp_path, ScheduleConfig(daily_validation=True, daily_time="07:30"))
    TrackerScheduler(
        cfg,
        tmp_path / "tracker.xlsx",
        now=clock.now,
        stop=stop,
        poll=3600,
        sleep=clock.sleeper(start + timedelta(days=12), stop),
        weekly=weekly,
        validation=lambda today: validated.append(clock.utc),
    ).run(catch_up=False)
    assert [moment for moment, _ in fired] == expected
    assert [today.weekday() for _, today in fired] == [0, 0]  # Monday in London
    assert len(validated) == 12
    assert all(v.minute == 30 and v.hour in (6, 7) for v in validated)
    assert {v.hour for v in validated if v > datetime(2026, 11, 1, tzinfo=UTC)} <= {7}


def read(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_a_run_missed_while_down_is_caught_up_once_at_start_up_and_never_sends_twice(tmp_path, monkeypatch):
    register(tmp_path)
    # Down over Monday 4 October 2021: started again on Tuesday at 10:00 London.
    drive(tmp_path, monkeypatch, datetime(2021, 10, 5, 9, tzinfo=UTC), 1)
    week = tmp_path / "outbox" / "2021-W40"
    sent = sorted(p.name for p in week.glob("*.eml"))
    assert sent == [
        "owner~dana.whitfield@demo.police.uk.eml",
        "owner~tom.brennan@demo.police.uk.eml",
        "summary~governance@demo.police.uk.eml",
    ]
    stamps = {p.name: p.stat().st_mtime_ns for p in week.glob("*.eml")}
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        assert [(r.kind, r.week, r.outcome, r.sent) for r in ledger.runs()] == [
            ("weekly", "2021-W40", "done", 3)
        ]

    # Restarted again on Thursday: the ledger shows this week done, so nothing runs.
    drive(tmp_path, monkeypatch, datetime(2021, 10, 7, 9, tzinfo=UTC), 1)
    with Ledger(tmp_path / "tracker.ledger.sqlite") as ledger:
        assert len(ledger.runs()) == 1

    # And a second run in the same week, however it is started, sends nothing.
    again = unattended_weekly(config(tmp_path), tmp_path / "tracker.xlsx", date(2021, 10, 7))
    assert again is not None and again.count(Result.SENT) == 0
    assert again.count(Result.ALREADY_SENT) == 3
    assert {p.name: p.stat().st_mtime_ns for p in week.glob("*.eml")} == stamps


def test_no_catch_up_before_this_weeks_run_time(tmp_path, monkeypatch):
    calls = []
    drive(tmp_path, monkeypatch, datetime(2021, 10, 4, 6, tzinfo=UTC), 0.01, weekly=calls.append)
    assert calls == []


def test_an_exception_in_a_job_is_reported_and_the_loop_goes_on(tmp_path, monkeypatch, caplog):
    calls = []

    def weekly(today):
        calls.append(today)
        if len(calls) == 1:
            raise RuntimeError("disk on fire")

    with caplog.at_level(logging.ERROR):
        # Sunday: this week's Monday run is missed, so it runs at once (and fails), then
        # again on Monday at 08:00 London.
        drive(tmp_path, monkeypatch, datetime(2021, 10, 3, 12, tzinfo=UTC), 2, weekly=weekly)
    assert calls == [date(2021, 10, 3), date(2021, 10, 4)]
    assert "weekly run failed: unexpected RuntimeError: disk on fire" in caplog.text
    notices = sorted((tmp_path / "outbox" / "2021-W39").glob("failure-weekly-run-*.eml"))
    assert sorted(str(read(p)["To"]) for p in notices) == sorted([OWNER, IT])
    notice = read(notices[0])
    assert notice["Subject"] == "OFFICIAL: tracker weekly run failed, week 2021-W39"
    body = notice.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("OFFICIAL\n") and body.rstrip().endswith("OFFICIAL")
    assert "tracker weekly run failed: unexpected RuntimeError: disk on fire" in body


def test_two_schedulers_cannot_run_together(tmp_path, monkeypatch):
    path = tmp_path / "tracker.xlsx"
    with single_instance(path, datetime(2021, 10, 4, 8, tzinfo=UTC)):
        with pytest.raises(CannotRun) as caught:
            TrackerScheduler(config(tmp_path), path).run()
        assert f"pid {os.getpid()}, started 2021-10-04T08:00:00+00:00" in caught.value.message
        assert caught.value.exit_code == 2
        toml = tmp_path / "tracker.toml"
        toml.write_text('[mail]\nallowed_domains = ["demo.police.uk"]\n')
        from click.testing import CliRunner

        result = CliRunner().invoke(cli(), ["schedule", "--register", str(path), "--config", str(toml)])
        assert result.exit_code == 2
        assert "another tracker scheduler is already running" in result.output
        assert f"pid {os.getpid()}" in result.output
    assert not lock_paths(path)[1].exists()  # the sidecar goes with the lock
    with single_instance(path, datetime(2021, 10, 4, 8, tzinfo=UTC)):
        pass  # free again


def test_sigterm_stops_the_loop_between_runs(tmp_path):
    scheduler = TrackerScheduler(config(tmp_path), tmp_path / "tracker.xlsx", weekly=lambda today: None)
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
    previous = signal.getsignal(signal.SIGTERM)
    with stop_on_signals(scheduler.stop):
        timer.start()
        scheduler.run(catch_up=False)  # returns only when stopped
    assert scheduler.stop.is_set()
    assert signal.getsignal(signal.SIGTERM) is previous
