"""Shared pieces for the ops tests: a fake clock for ``schedule``, a small register and config,
the command group, and a loopback SMTP server."""

from __future__ import annotations

import datetime as dt
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import pytest
import schedule

from automation.mail.settings import MailConfig
from automation.run.config import Config, ScheduleConfig
from tests.builders import free_port, item, workbook

UTC = dt.timezone.utc
OWNER = "governance@demo.police.uk"
IT = "it@demo.police.uk"
ITEM_TEXT = "The force should do a thing."


def config(tmp_path: Path, schedule_: ScheduleConfig | None = None, **mail: object) -> Config:
    values: dict[str, object] = dict(register_owner=OWNER, it_contact=IT, allowed_domains=["demo.police.uk"])
    values.update(mail)
    return Config(
        base_dir=tmp_path,
        mail=MailConfig(**values),  # type: ignore[arg-type]
        schedule=schedule_ or ScheduleConfig(),
    )


def register(tmp_path: Path) -> Path:
    day = dt.date(2021, 10, 1)
    return workbook(
        tmp_path / "tracker.xlsx",
        [
            item(ref="R1", deadline_date=day - dt.timedelta(days=3), last_update=day),
            item(
                ref="R2",
                row=3,
                owner="Tom Brennan",
                deadline_date=day + dt.timedelta(days=60),
                last_update=day,
            ),
        ],
    )


class FakeClock:
    """One fake instant (aware, UTC) seen by the scheduler and by the ``schedule`` library."""

    def __init__(self, start: dt.datetime) -> None:
        self.utc = start

    def now(self) -> dt.datetime:
        return self.utc

    def sleeper(self, until: dt.datetime, stop: object) -> object:
        """A ``sleep`` that moves the clock on, and sets ``stop`` once ``until`` is reached."""

        def sleep(seconds: float) -> None:
            self.utc += dt.timedelta(seconds=seconds)
            if self.utc >= until:
                stop.set()  # type: ignore[attr-defined]

        return sleep

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Make ``schedule`` read this clock: it calls ``datetime.datetime.now()`` (host-local
        naive) and ``datetime.datetime.now(tz)`` on its module attribute ``datetime``."""
        clock = self

        class FakeDatetime(dt.datetime):
            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
                if tz is None:
                    return clock.utc.astimezone().replace(tzinfo=None)
                return clock.utc.astimezone(tz)

        fake = types.SimpleNamespace(
            datetime=FakeDatetime, timedelta=dt.timedelta, time=dt.time, date=dt.date
        )
        monkeypatch.setattr(schedule, "datetime", fake)


@pytest.fixture
def utc_host(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pretend the machine's own time zone is UTC, as on most servers."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def cli() -> click.Group:
    """``tracker`` itself."""
    from automation.cli import main

    return main


class Sink:
    """An aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[int, Sink]]:
    from aiosmtpd.controller import Controller

    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, sink
    finally:
        controller.stop()
