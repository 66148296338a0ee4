"""The weekly job and the daily validation, wrapped for unattended use.

Nobody watches a scheduled run, so a failure has to leave a trace and reach a person: it is
recorded in the ledger as a run with outcome 'failed' and a detail, and the register owner
and IT are emailed (``notify.notify_failure``). These functions never raise for a failed run.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from automation.core.text import plural
from automation.mail.deliver import Result
from automation.mail.ledger import Ledger
from automation.mail.ledger_records import RunKind, RunOutcome
from automation.mail.transports.interface import Transport
from automation.run.check import check_register
from automation.run.config import Config
from automation.run.notify import Failure, failure_from_exception, notify_failure, send_validation_digest
from automation.run.weekly import WeeklyResult, ledger_path, weekly_run

if TYPE_CHECKING:
    from automation.returns.collect import Collection

log = logging.getLogger(__name__)
T = TypeVar("T")


def failure_from_result(result: WeeklyResult) -> Failure:
    """Why a run that completed still failed: messages not sent, or left in doubt."""
    failed = [d for d in result.deliveries if d.result is Result.FAILED]
    unknown = [d for d in result.deliveries if d.result is Result.UNKNOWN]
    untried = [d for d in result.deliveries if d.result is Result.NOT_TRIED]
    partly = [d for d in result.deliveries if d.result is Result.PARTLY_SENT]
    total = len(result.deliveries)
    if failed:
        what = f"{len(failed)} of {total} messages could not be sent"
        if untried:
            what += f" and {len(untried)} were not tried"
        fix = f"{failed[0].detail}; then run `tracker remind` again (it sends only what is missing)"
    elif untried:
        what = f"{len(untried)} of {total} messages were not tried"
        fix = f"{untried[0].detail}; run `tracker remind` again later (it sends only what is missing)"
    elif unknown:
        what = f"{len(unknown)} of {total} messages may or may not have gone (a run stopped while sending)"
        fix = "check the mailbox, then `tracker remind --force --only ADDRESS` for any that did not arrive"
    elif partly:
        what = f"{len(partly)} of {total} messages did not reach every recipient"
        fix = partly[0].detail
    else:
        who, why = result.refused[0]
        what = f"{plural(len(result.refused), 'recipient')} could not be emailed ({who}: {why})"
        fix = "correct the address on the Owners sheet or in tracker.toml (tracker validate lists them)"
    return Failure(what, f"[mail] transport {result.transport}, week {result.week}", fix)


def record_failure(
    config: Config, register: Path, today: date, started: datetime, now: datetime, failure: Failure
) -> None:
    """Mark this weekly attempt as failed in the ledger: finish the run ``weekly_run`` left
    open, or add one when it failed before recording anything. Logs, never raises."""
    try:
        with Ledger(ledger_path(config, register)) as ledger:
            since = started.isoformat(timespec="seconds")
            open_runs = [
                r
                for r in ledger.runs(10)
                if r.kind is RunKind.WEEKLY and r.outcome is None and r.started >= since
            ]
            ids = [r.id for r in open_runs] or [ledger.start_run(RunKind.WEEKLY, today, started)]
            for run_id in ids:
                ledger.finish_run(run_id, now, RunOutcome.FAILED, detail=failure.detail)
    except Exception as exc:
        log.error("could not record the failed run in the ledger (%s)", getattr(exc, "message", exc))


def unattended(
    job: str,
    call: Callable[[], T],
    config: Config,
    register: Path,
    today: date,
    *,
    transport: Transport | None = None,
    now: Callable[[], datetime] = datetime.now,
    record: bool = False,
) -> T | None:
    """Run one job nobody is watching. An exception is logged, emailed to the register owner
    and IT (and, with ``record``, recorded in the ledger as a failed weekly run); the job's
    result, or None when it failed. Never raises."""
    started = now()
    try:
        return call()
    except Exception as exc:
        failure = failure_from_exception(exc, str(register))
        log.error("%s failed: %s", job, failure.line, exc_info=not hasattr(exc, "what"))
        if record:
            record_failure(config, register, today, started, now(), failure)
        notify_failure(config, failure, job=job, today=today, now=now, transport=transport)
        return None


def unattended_weekly(
    config: Config,
    register: Path,
    today: date,
    *,
    transport: Transport | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> WeeklyResult | None:
    """The weekly job, unattended: a failure is recorded and told to the owner and IT.

    Returns the result (``exit_code`` 1 when messages failed), or None when the run could not
    happen at all (register unreadable, layout or template broken, transport misconfigured)."""
    log.info("weekly run for %s as of %s: starting", register.name, today.isoformat())
    result = unattended(
        "weekly run",
        lambda: weekly_run(config, register, today, transport=transport, now=now),
        config,
        register,
        today,
        transport=transport,
        now=now,
        record=True,
    )
    if result is None:
        return None
    log.info(
        "weekly run %s: %d sent, %d already sent, %d failed, %d refused, %d problems in the register",
        result.week,
        result.count(Result.SENT),
        result.count(Result.ALREADY_SENT),
        result.count(Result.FAILED),
        len(result.refused),
        len(result.problems),
    )
    if result.exit_code:
        failure = failure_from_result(result)
        log.error("weekly run failed: %s", failure.line)
        notify_failure(config, failure, job="weekly run", today=today, now=now, transport=transport)
    return result


_TOLD = "the log says why; the register owner and IT were emailed"


def scheduled_weekly(
    config: Config,
    register: Path,
    today: date,
    *,
    transport: Transport | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> WeeklyResult | None:
    """What the schedule runs each week: owners' returns collected first, when
    ``[schedule] collect_returns`` says from where, so the digests and summaries reflect
    them; then the weekly job. Collecting that fails is told to the owner and IT, and the
    weekly job still runs."""
    failed = ""
    if where := config.schedule.collect_returns.strip():
        if not where.startswith("mailbox:"):
            where = str(config.path(where))  # a folder named in the file is beside the file
        if unattended_collect(config, register, today, where, transport=transport, now=now) is None:
            failed = (
                f"collecting from {where} failed (the log says why; the register owner and IT were emailed)"
            )
    result = unattended_weekly(config, register, today, transport=transport, now=now)
    return dataclasses.replace(result, collect_problem=failed) if result is not None and failed else result


def unattended_collect(
    config: Config,
    register: Path,
    today: date,
    where: str,
    *,
    transport: Transport | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> Collection | None:
    """Collect returns with nobody watching: refused returns are listed in the next manager
    summary; a collection that cannot run (the register open in Excel, the mailbox
    unreachable) is logged and emailed to the register owner and IT."""
    from automation.run.collect import collect

    run = unattended(
        "collecting returns",
        lambda: collect(config, register, where, today, now=now),
        config,
        register,
        today,
        transport=transport,
        now=now,
    )
    if run is not None:
        log.info(
            "collected returns from %s: %d accepted, %d refused, %s",
            where,
            len(run.accepted),
            len(run.refused),
            plural(len(run.plan.changes), "update") + " written" if run.written else "nothing written",
        )
    return run


def exit_code(result: WeeklyResult | None) -> int:
    """For the command line: 1 when the run failed or could not happen."""
    return 1 if result is None else result.exit_code


def unattended_validation(
    config: Config,
    register: Path,
    today: date,
    *,
    transport: Transport | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> int:
    """Validate the register, record a 'validation' run, and email the register owner the
    problems when there are any. Returns the number of errors. An unreadable register raises
    (the scheduler reports it)."""
    checked = check_register(register, config.mail.allowed_domains)
    errors = checked.errors
    warnings = len(checked.problems) - errors
    log.info("daily validation of %s: %d errors, %d warnings", register.name, errors, warnings)
    with Ledger(ledger_path(config, register)) as ledger:
        run_id = ledger.start_run(RunKind.VALIDATION, today, now())
        where = None
        if checked.problems:
            where = send_validation_digest(config, register, checked.problems, today, transport=transport)
        outcome = RunOutcome.PROBLEMS if errors else RunOutcome.DONE
        ledger.finish_run(
            run_id,
            now(),
            outcome,
            sent=1 if where else 0,
            errors=errors,
            warnings=warnings,
            detail=f"digest: {where}" if where else "",
        )
    return errors
