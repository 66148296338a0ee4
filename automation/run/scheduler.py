"""``tracker schedule``: a long-running process that runs the weekly job by itself.

Built on the ``schedule`` library, with what it leaves to its users: every job is guarded (an
exception is logged and emailed to the register owner and IT, and the loop goes on); a run
missed while the process was down is caught up once at start-up, using the ledger (the
library forgets everything on restart); one instance per register (a file lock beside it);
and SIGTERM or Ctrl-C stop it between runs. The weekly job is idempotent per ISO week, so a
late or repeated run never sends twice.

An operating-system timer (``tracker install-schedule``) is the sturdier choice; this process
is for machines where nobody can install one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import schedule

from automation.core.errors import CannotRun
from automation.mail.ledger import Ledger
from automation.mail.ledger_records import iso_week
from automation.mail.transports.interface import Transport
from automation.run.config import DAYS, Config, clock_time, weekday

log = logging.getLogger(__name__)
POLL_SECONDS = 30.0
Job = Callable[[date], object]


def lock_paths(register: Path) -> tuple[Path, Path]:
    """The scheduler's lock file and the sidecar naming the process that holds it."""
    base = register.with_name(register.name + ".scheduler")
    return base.with_name(base.name + ".lock"), base.with_name(base.name + ".pid")


@contextlib.contextmanager
def single_instance(register: Path, started: datetime) -> Iterator[None]:
    """Hold the scheduler lock for ``register``, or raise CannotRun naming the holder."""
    from filelock import Timeout

    from automation.register.lockfile import TidyLock

    lock_file, sidecar = lock_paths(register)
    lock = TidyLock(lock_file)
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        holder = _read_holder(sidecar)
        fix = "stop that process first; only one scheduler may run per register"
        what = f"another tracker scheduler is already running for {register} ({holder})"
        raise CannotRun(what, fix=fix) from exc
    except OSError as exc:
        raise CannotRun(
            f"cannot create the scheduler's lock file {lock_file} ({exc.strerror or exc})",
            fix="check the register's folder exists and is writable",
        ) from exc
    try:
        sidecar.write_text(
            f"pid {os.getpid()}, started {started.isoformat(timespec='seconds')}\n", encoding="utf-8"
        )
        yield
    finally:
        with contextlib.suppress(OSError):
            sidecar.unlink()
        lock.release()


def _read_holder(sidecar: Path) -> str:
    try:
        return sidecar.read_text(encoding="utf-8").strip() or "process unknown"
    except OSError:
        return f"process unknown; {sidecar} is missing"


class TrackerScheduler:
    """The weekly run (and optional daily validation) on ``config.schedule``'s timetable.

    ``now`` returns an aware datetime (default: the real clock); ``sleep`` waits (default:
    ``stop.wait``, so setting ``stop`` ends a wait at once). ``weekly`` and ``validation``
    take the day's date; by default they are the unattended jobs in ``automation.run.unattended``.
    """

    def __init__(
        self,
        config: Config,
        register: Path,
        *,
        now: Callable[[], datetime] | None = None,
        sleep: Callable[[float], object] | None = None,
        stop: threading.Event | None = None,
        transport: Callable[[], Transport] | None = None,
        weekly: Job | None = None,
        validation: Job | None = None,
        poll: float = POLL_SECONDS,
    ) -> None:
        source = config.source or "tracker.toml"
        self.config, self.register = config, register
        self.zone = ZoneInfo(config.timezone)
        self.day = weekday(config.schedule.day, source)
        self.at = clock_time(config.schedule.time, "time", source)
        self.daily_at = clock_time(config.schedule.daily_time, "daily_time", source)
        self.stop = stop or threading.Event()
        self._now = now or (lambda: datetime.now(timezone.utc))
        self._sleep = sleep or self.stop.wait
        self._transport = transport
        self.weekly = weekly or self._weekly
        self.validation = validation or self._validation
        self.poll = poll
        self.jobs = schedule.Scheduler()

    def local_now(self) -> datetime:
        return self._now().astimezone(self.zone)

    def _naive_now(self) -> datetime:
        return self.local_now().replace(tzinfo=None)

    def _weekly(self, today: date) -> object:
        from automation.run.unattended import scheduled_weekly

        transport = self._transport() if self._transport else None
        return scheduled_weekly(self.config, self.register, today, transport=transport, now=self._naive_now)

    def _validation(self, today: date) -> object:
        from automation.run.unattended import unattended_validation

        transport = self._transport() if self._transport else None
        return unattended_validation(
            self.config, self.register, today, transport=transport, now=self._naive_now
        )

    def guarded(self, name: str, job: Job) -> None:
        """Run ``job`` for today; an exception is logged and reported, never raised."""
        from automation.run.unattended import unattended

        today = self.local_now().date()
        transport = None
        with contextlib.suppress(Exception):
            transport = self._transport() if self._transport else None
        unattended(
            name,
            lambda: job(today),
            self.config,
            self.register,
            today,
            transport=transport,
            now=self._naive_now,
        )

    def add_jobs(self) -> None:
        tz = self.config.timezone
        every_week: Any = getattr(self.jobs.every(), DAYS[self.day])
        every_week.at(f"{self.at:%H:%M}", tz).do(self.guarded, "weekly run", self.weekly)
        if self.config.schedule.daily_validation:
            self.jobs.every().day.at(f"{self.daily_at:%H:%M}", tz).do(
                self.guarded, "daily validation", self.validation
            )

    def due_this_week(self, local: datetime) -> datetime:
        """This ISO week's scheduled weekly run, in the configured time zone."""
        monday = local.date() - timedelta(days=local.weekday())
        return datetime.combine(monday + timedelta(days=self.day), self.at, tzinfo=self.zone)

    def _week_done(self, week: str) -> bool:
        from automation.run.weekly import ledger_path

        path = ledger_path(self.config, self.register)
        if not path.exists():
            return False
        try:
            with Ledger(path) as ledger:
                return ledger.week_completed(week)
        except Exception as exc:
            log.warning("cannot read the ledger %s (%s); assuming week %s has not run", path, exc, week)
            return False

    def catch_up(self) -> bool:
        """Run now, once, if this week's run time has passed and the ledger has no completed
        run for this week. Returns whether it ran."""
        local = self.local_now()
        due = self.due_this_week(local)
        week = iso_week(local.date())
        if local < due:
            return False
        if self._week_done(week):
            log.info("week %s has already run; next run %s", week, self.next_run_text())
            return False
        log.info(
            "the weekly run due %s did not happen (week %s): running it now", f"{due:%a %d %b %H:%M}", week
        )
        self.guarded("weekly run", self.weekly)
        return True

    def next_run_text(self) -> str:
        moment = self.jobs.next_run
        return f"{moment:%a %Y-%m-%d %H:%M} host time" if moment else "not scheduled"

    def pause(self) -> float:
        idle = self.jobs.idle_seconds
        return max(0.5, min(self.poll, idle if idle is not None else self.poll))

    def run(self, *, catch_up: bool = True) -> None:
        """Run until ``stop`` is set: catch up, then run jobs as they fall due."""
        with single_instance(self.register, self.local_now()):
            self.add_jobs()
            when = f"{DAYS[self.day]} {self.at:%H:%M} {self.config.timezone}"
            log.info(
                "scheduler started for %s: weekly run every %s; next %s",
                self.register.name,
                when,
                self.next_run_text(),
            )
            if catch_up:
                self.catch_up()
            while not self.stop.is_set():
                self.jobs.run_pending()
                if not self.stop.is_set():
                    self._sleep(self.pause())
            log.info("scheduler stopped")


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Set ``stop`` on SIGTERM or Ctrl-C (SIGINT) instead of dying mid-run; restores the
    previous handlers afterwards. Only works in the main thread."""

    def handler(signum: int, _frame: object) -> None:
        log.info("received %s: stopping after the current job", signal.Signals(signum).name)
        stop.set()

    wanted = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]
    previous = {s: signal.signal(s, handler) for s in wanted}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
