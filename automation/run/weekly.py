"""The weekly job: read, validate, rate, compose, render, send through the ledger.

The command line (``tracker remind``) and the scheduler both call ``weekly_run``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from automation.core.errors import CannotRun
from automation.core.pauses import no_gc_pauses, young_objects_only
from automation.core.problems import Problem
from automation.core.rating import StatusReport, status_report
from automation.core.register import Register
from automation.core.text import plural
from automation.mail.compose import compose
from automation.mail.deliver import Delivery, Pacing, Result, deliver, would_deliver
from automation.mail.digests import History, Options, Plan
from automation.mail.ledger import Ledger
from automation.mail.ledger_files import LedgerError
from automation.mail.ledger_records import RunKind, RunOutcome, iso_week
from automation.mail.news import news_since
from automation.mail.outgoing import Outgoing, build_outgoing, summary_recipients
from automation.mail.render import Renderer
from automation.mail.transports.interface import Transport, close_transport, location
from automation.reports.replay import previous_week
from automation.returns.model import IssuedReturn
from automation.returns.outgoing import (
    attacher,
    issue_returns,
    record_issued,
    refused_since,
    with_return_names,
)
from automation.run.check import Checked, check_register
from automation.run.config import Config


@dataclass(frozen=True)
class WeeklyResult:
    week: str
    as_of: date
    transport: str
    deliveries: tuple[Delivery, ...]
    refused: tuple[tuple[str, str], ...]  # (recipient or owner, why)
    problems: tuple[Problem, ...]
    dry_run: bool
    left_out: int = 0  # items left out of owners' emails because their rows have errors
    location: str = ""  # where a person finds the messages (an outbox folder), if anywhere
    history_problem: str = ""  # why the items' history was not recorded, if it was not
    quiet: tuple[str, ...] = ()  # why nothing goes to anyone, when nothing does
    collect_problem: str = ""  # why collecting returns before a scheduled run failed, if it did

    def count(self, result: Result) -> int:
        return sum(1 for d in self.deliveries if d.result is result)

    @property
    def exit_code(self) -> int:
        """1 when anything did not reach whom it should: a failed, partly sent, doubtful or
        untried message, a recipient mail may not go to, or returns that could not be collected."""
        troubled = any(d.result.troubled for d in self.deliveries)
        return 1 if troubled or self.refused or self.collect_problem else 0


def ledger_path(config: Config, register: Path) -> Path:
    return config.ledger_for(register)


def _compose_options(
    config: Config, ledger: Path, history: History, today: date, register: Register
) -> Options:
    mail = config.mail
    configured = [a for a in (mail.register_owner, *mail.managers) if a]
    return Options(
        escalate=mail.escalate,
        send_empty=mail.send_empty_digests,
        updates_to=mail.reply_to or mail.register_owner,
        allowed_domains=tuple(mail.allowed_domains),
        refused_returns=refused_since(ledger, news_since(history, today), today),
        # with nobody configured, the line managers get the summary: each of their own owners
        teams=() if configured else tuple(summary_recipients(mail, register.owners)),
    )


def _history(path: Path, week: str, dry_run: bool) -> History:
    if dry_run and not path.exists():
        return History()
    with Ledger(path) as ledger:
        return previous_week(ledger, path, week)


def weekly_run(
    config: Config,
    register_path: Path,
    today: date,
    *,
    dry_run: bool = False,
    only: str | None = None,
    force: bool = False,
    transport: Transport | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> WeeklyResult:
    """The weekly job: read, validate, rate, compose, render, send through the ledger.

    Raises when the register cannot be read at all; everything else (bad rows, refused
    addresses, failed messages) is reported in the result and the run goes on."""
    with no_gc_pauses():  # a few objects per item, none in cycles: the collector would only slow it
        checked = check_register(register_path, config.mail.allowed_domains)
        register, week = checked.register, iso_week(today)
        report = status_report(register, today)
        path = ledger_path(config, register_path)
        history = _history(path, week, dry_run)
        options = _compose_options(config, path, history, today, register)
        plan = compose(register, report, checked.problems, history, options)
        returns = config.returns.enabled
        issued = issue_returns(plan, week, register_path.name) if returns and not dry_run else {}
        plan = with_return_names(plan, week) if returns else plan
        templates = config.path(config.mail.templates) if config.mail.templates else None
        renderer = Renderer(config.mail.marking, templates)
        attach = attacher(issued, config.mail.marking) if issued else None
        outgoing, refused = build_outgoing(plan, week, config.mail, renderer, register.owners, attach)
    if only:
        outgoing = _only(outgoing, only)
    refusals = (*plan.summary.unreachable, *((r.recipient, r.why) for r in refused))
    quiet = () if outgoing else _why_quiet(plan, config, register)
    if dry_run:
        planned = tuple(_planned(path, outgoing, force))
        return WeeklyResult(
            week,
            today,
            config.mail.transport,
            planned,
            refusals,
            checked.problems,
            True,
            plan.summary.total("left_out"),
            quiet=quiet,
        )
    if transport is None:
        from automation.mail.transports.registry import make_transport

        transport = make_transport(config)
    try:
        # the collector spares the register while each message's workbook leaves its garbage
        with _single_run(register_path), young_objects_only():
            kind = RunKind.PARTIAL if only else RunKind.WEEKLY  # a partial run never counts as the week's run
            history_problem = _record_history(path, report, now) if kind is RunKind.WEEKLY else ""
            _record_returns(path, outgoing, issued, force)
            pacing = Pacing(float(config.mail.run_deadline))
            sending = Sending(kind, force, pacing, refusals)
            deliveries = _send(path, report, outgoing, transport, week, now, checked, sending)
    finally:
        close_transport(transport)
    return WeeklyResult(
        week,
        today,
        transport.name,
        tuple(deliveries),
        refusals,
        checked.problems,
        False,
        plan.summary.total("left_out"),
        location(transport, week),
        history_problem,
        quiet,
    )


def _record_history(path: Path, report: StatusReport, now: Callable[[], datetime]) -> str:
    """Record what this run sees in the items' history; a failure is reported, never stops
    the run (the reminders matter more)."""
    from automation.core.errors import TrackerError
    from automation.reports.build import record_snapshot

    try:
        record_snapshot(path, report, now(), "weekly")
    except TrackerError as exc:
        return exc.message
    return ""


def _why_quiet(plan: Plan, config: Config, register: Register) -> tuple[str, ...]:
    """Why a run has nothing to send, in the words of whoever must change something."""
    reasons = []
    if not summary_recipients(config.mail, register.owners):
        reasons.append(
            "nobody receives the manager summary (set [mail] register_owner or managers in "
            "tracker.toml, or a Manager email on the Owners sheet)"
        )
    if unowned := plan.summary.total("unowned"):
        verb = "has" if unowned == 1 else "have"
        reasons.append(f"{plural(unowned, 'open item')} {verb} no owner (pick one in the Owner column)")
    if not plan.digests:
        reasons.append("no owner on the Owners sheet has open items")
    return tuple(reasons)


@contextmanager
def _single_run(register: Path) -> Iterator[None]:
    """One sending run per register at a time (a scheduler and a cron job could overlap)."""
    from filelock import Timeout

    from automation.register.lockfile import held

    lock_file = register.with_name(register.name + ".remind.lock")
    try:
        with held(lock_file, timeout=5):
            yield
    except Timeout as exc:
        raise CannotRun(
            f"another tracker run is sending for {register} ({lock_file} is held)",
            fix="wait for it to finish; this run would send nothing new",
        ) from exc


def _only(outgoing: list[Outgoing], address: str) -> list[Outgoing]:
    chosen = [o for o in outgoing if o.recipient.casefold() == address.strip().casefold()]
    if not chosen:
        raise CannotRun(
            f"no message this week goes to {address!r}",
            fix="check the address; tracker remind --dry-run lists who gets what",
        )
    return chosen


def _record_returns(
    path: Path, outgoing: list[Outgoing], issued: dict[str, IssuedReturn], force: bool
) -> None:
    """Record the returns of the owner digests about to be sent, before they go."""
    if not issued:
        return
    with Ledger(path) as ledger:
        going = [o for o in outgoing if o.kind == "owner" and would_deliver(ledger, o, force) is None]
    record_issued(path, (issued[o.recipient.casefold()] for o in going if o.recipient.casefold() in issued))


def _planned(path: Path, outgoing: list[Outgoing], force: bool) -> Iterator[Delivery]:
    """What a real run would do, from the ledger read-only (a dry run records nothing)."""
    if not path.exists():
        yield from (Delivery(o, Result.WOULD_SEND) for o in outgoing)
        return
    with Ledger(path) as ledger:
        for item in outgoing:
            yield would_deliver(ledger, item, force) or Delivery(item, Result.WOULD_SEND)


def _send(
    path: Path,
    report: StatusReport,
    outgoing: list[Outgoing],
    transport: Transport,
    week: str,
    now: Callable[[], datetime],
    checked: Checked,
    sending: Sending,
) -> list[Delivery]:
    kind, force, pacing = sending.kind, sending.force, sending.pacing
    with Ledger(path) as ledger:
        try:
            run_id = ledger.start_run(kind, report.as_of, now())
        except LedgerError as exc:  # e.g. a full disk: nothing is sent that could not be recorded
            why = f"the ledger cannot record what is sent: {exc.what}; {exc.fix}"
            return [Delivery(o, Result.NOT_TRIED, why) for o in outgoing]
        try:
            deliveries = deliver(
                outgoing, ledger, transport, week=week, run_id=run_id, now=now, force=force, pacing=pacing
            )
        except BaseException as exc:  # Ctrl-C or a crash: the run must not stay open for ever
            ledger.finish_run(run_id, now(), RunOutcome.INTERRUPTED, detail=f"{type(exc).__name__}: {exc}")
            raise
        failed = sum(1 for d in deliveries if d.result in (Result.FAILED, Result.UNKNOWN, Result.NOT_TRIED))
        sent = sum(1 for d in deliveries if d.result in (Result.SENT, Result.PARTLY_SENT))
        errors = checked.errors
        outcome, detail = _outcome(failed, outgoing, sending.refusals)
        with contextlib.suppress(LedgerError):  # the report below still says what happened
            ledger.finish_run(
                run_id,
                now(),
                outcome,
                sent=sent,
                failed=failed,
                skipped=len(deliveries) - sent - failed,
                errors=errors,
                warnings=len(checked.problems) - errors,
                detail=detail,
            )
    return deliveries


@dataclass(frozen=True)
class Sending:
    """How this run sends: its kind, whether it resends, its pacing, and who it cannot reach."""

    kind: RunKind
    force: bool
    pacing: Pacing
    refusals: tuple[tuple[str, str], ...]


def _outcome(
    failed: int, outgoing: list[Outgoing], refusals: tuple[tuple[str, str], ...]
) -> tuple[RunOutcome, str]:
    """How the ledger records the run: a run that could not reach everyone says who and why."""
    not_reached = "; ".join(f"not sent to {who}: {why}" for who, why in refusals)[:500]
    if failed:
        return RunOutcome.FAILED, not_reached
    if refusals:
        return RunOutcome.NOT_ALL_REACHED, not_reached
    return (RunOutcome.DONE if outgoing else RunOutcome.NOTHING_TO_SEND), ""
