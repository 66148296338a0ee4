"""Emails from the unattended jobs: "the weekly run failed" to the register owner and IT,
and the daily validation digest to the register owner.

A failure notice carries only what went wrong, where and how to fix it: never an item's text.
It goes through the configured transport and, when that fails too (the mail server being
down is a common reason for the run to fail), into the outbox folder, where IT can find it.
Nothing here raises: a notice that cannot be sent is logged.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

from automation.core.addresses import refusal
from automation.core.errors import TrackerError
from automation.core.problems import Problem
from automation.mail.ledger_records import iso_week
from automation.mail.mime import build_message
from automation.mail.render import Renderer
from automation.mail.transports.interface import Transport, close_transport
from automation.run.config import Config

log = logging.getLogger(__name__)
GENERIC_FIX = "run `tracker doctor` on the machine that runs the schedule, then `tracker remind`"


@dataclass(frozen=True)
class Failure:
    """Why an unattended job failed, in the words an officer or IT can act on."""

    what: str
    where: str = ""
    fix: str = ""

    @property
    def line(self) -> str:
        return ", ".join(part for part in (self.what, self.where, self.fix) if part)

    @property
    def detail(self) -> str:
        """For the ledger's ``detail`` column."""
        text = f"{self.what} ({self.where})" if self.where else self.what
        return (f"{text}; fix: {self.fix}" if self.fix else text)[:500]


def failure_from_exception(exc: BaseException, where: str) -> Failure:
    if isinstance(exc, TrackerError):
        return Failure(exc.what, exc.where or where, exc.fix or GENERIC_FIX)
    text = " ".join(str(exc).split())[:200]
    return Failure(
        f"unexpected {type(exc).__name__}: {text}", where, "see the log for the traceback; " + GENERIC_FIX
    )


def quick_transport(config: Config) -> Transport:
    """The configured transport, without retry back-off (a notice or a test message should
    fail fast; the next run retries anyway)."""
    from automation.mail.transports.registry import make_transport

    return make_transport(config, fail_fast=True)


def renderer(config: Config) -> Renderer:
    """The templates the weekly messages use (an officer's folder first, then the built-in)."""
    folder = config.path(config.mail.templates) if config.mail.templates else None
    return Renderer(config.mail.marking, folder)


def send_ops_message(
    config: Config, message: EmailMessage, key: str, transport: Transport | None = None
) -> str | None:
    """Send through ``transport`` (default: the configured one); on any failure write it to
    the outbox folder instead. Returns where it went, or None when both failed."""
    own = transport is None
    try:
        primary = transport if transport is not None else quick_transport(config)
    except Exception as exc:
        log.warning(
            "cannot use [mail] transport %s (%s); writing to the outbox instead",
            config.mail.transport,
            getattr(exc, "message", exc),
        )
        primary = None
    if primary is not None:
        try:
            return f"{primary.name}: {primary.send(message, key)}"
        except Exception as exc:
            log.warning(
                "could not send %r through %s (%s); writing it to the outbox instead",
                message["Subject"],
                primary.name,
                getattr(exc, "message", exc),
            )
        finally:
            if own:
                close_transport(primary)
    from automation.mail.transports.outbox import OutboxTransport

    try:
        return f"outbox: {OutboxTransport.from_config(config).send(message, key)}"
    except Exception as exc:
        log.error(
            "could not write %r to the outbox either (%s)", message["Subject"], getattr(exc, "message", exc)
        )
        return None


def allowed_recipients(config: Config, addresses: Sequence[str]) -> list[str]:
    """The distinct, non-empty addresses that mail may go to; the rest are logged."""
    chosen = []
    for address in dict.fromkeys(a.strip() for a in addresses if a.strip()):
        why = refusal(address, config.mail.allowed_domains)
        if why:
            log.error("not emailing %s: %s (check [mail] in tracker.toml)", address, why)
        else:
            chosen.append(address)
    return chosen


def notify_failure(
    config: Config,
    failure: Failure,
    *,
    job: str = "weekly run",
    today: date | None = None,
    now: Callable[[], datetime] = datetime.now,
    transport: Transport | None = None,
) -> list[str]:
    """Email the register owner and IT that ``job`` failed. Never raises; returns where each
    notice went (empty when nobody could be told)."""
    try:
        mail = config.mail
        moment = now()
        week = iso_week(today or moment.date())
        to = allowed_recipients(config, [mail.register_owner, mail.it_contact])
        if not to:
            log.error("nobody to tell that the %s failed: set [mail] register_owner and it_contact", job)
            return []
        when = f"{moment:%Y-%m-%d %H:%M} ({config.timezone}), week {week}, on {socket.gethostname()}"
        rows = [
            ("What went wrong", failure.what),
            ("Where", failure.where or "-"),
            ("How to fix it", failure.fix or GENERIC_FIX),
            ("When", when),
        ]
        rendered = renderer(config).failure_notice(job, failure.line, rows, week)
        stamp = f"{moment:%Y%m%dT%H%M%S}"
        sent = []
        for address in to:
            key = f"{week}:failure-{job.replace(' ', '-')}-{stamp}:{address.casefold()}"
            message = build_message(rendered, sender=mail.sender, to=[address], cc=[], key=key)
            where = send_ops_message(config, message, key, transport)
            if where:
                log.info("told %s that the %s failed (%s)", address, job, where)
                sent.append(where)
        return sent
    except Exception:
        log.exception("could not send the notice that the %s failed", job)
        return []


def send_validation_digest(
    config: Config,
    register: Path,
    problems: Sequence[Problem],
    today: date,
    *,
    transport: Transport | None = None,
) -> str | None:
    """Email the register owner the register's problems. Returns where it went."""
    mail = config.mail
    to = allowed_recipients(config, [mail.register_owner])
    if not to:
        log.warning("no daily validation digest sent: [mail] register_owner is not set or not allowed")
        return None
    rendered = renderer(config).validation_notice(register.name, problems, today)
    key = f"{iso_week(today)}:validation-{today.isoformat()}:{to[0].casefold()}"
    message = build_message(rendered, sender=mail.sender, to=to, cc=[], key=key, reply_to=mail.reply_to)
    return send_ops_message(config, message, key, transport)
