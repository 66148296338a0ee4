"""What the weekly run, doctor and the run history print."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from automation.core.text import ddmmyyyy, plural, printable

if TYPE_CHECKING:
    from automation.run.doctor import Check
    from automation.run.runs import RunHistory
    from automation.run.weekly import WeeklyResult


def weekly_text(result: WeeklyResult, path: Path) -> str:
    from automation.mail.deliver import Result

    lines = [
        f"Week {result.week}: {path} as at {ddmmyyyy(result.as_of)}, "
        f"transport {result.transport}{' (dry run)' if result.dry_run else ''}"
    ]
    width = max((len(d.outgoing.recipient) for d in result.deliveries), default=0)
    for d in result.deliveries:
        detail = _again(d.again, d.outgoing.cc) + (f": {d.detail}" if d.result.troubled else "")
        lines.append(
            f"  {d.result.value:<13}{d.outgoing.recipient:<{width}}  {d.outgoing.about}{printable(detail)}"
        )
    for who, why in result.refused:
        lines.append(f"  {'not sent':<13}{printable(who)}: {printable(why)}")
    if result.left_out:
        rows, verb = ("its row was", "is") if result.left_out == 1 else ("their rows were", "are")
        lines.append(
            f"  {plural(result.left_out, 'item')} with errors in {rows} left out of owners' emails "
            f"and {verb} listed in the manager summary (tracker validate)."
        )
    counts = ", ".join(f"{result.count(r)} {r.value}" for r in Result if result.count(r))
    if not result.deliveries:
        lines.append(
            "Nothing to send: " + "; ".join(result.quiet) + "." if result.quiet else "Nothing to send."
        )
    elif result.dry_run:
        lines.append(f"Dry run: nothing was sent or recorded. {counts}.")
    else:
        lines.append(f"{counts.capitalize()}.")
    if result.location and not result.dry_run and result.deliveries:
        lines.append(f"Messages are in {result.location}")
    if result.history_problem:
        lines.append(f"History not recorded: {printable(result.history_problem)}")
    if result.collect_problem:
        lines.append(f"Returns not collected: {printable(result.collect_problem)}")
    return "\n".join(lines)


def _again(again: Sequence[str], cc: Sequence[str]) -> str:
    """A message sent again to those a run before missed, and to them only."""
    if not again:
        return ""
    copied = {a.casefold() for a in cc}
    who = "the Cc" if all(a.casefold() in copied for a in again) else "the recipients"
    return f" (again, only to {who} deferred last run: {', '.join(again)})"


def doctor_text(checks: Sequence[Check]) -> str:
    """One PASS, WARN or FAIL line per check, with its fix, then the counts."""
    from automation.run.doctor import CheckStatus

    lines = [f"{c.status.value} {c.name}: {c.detail}" + (f" (fix: {c.fix})" if c.fix else "") for c in checks]
    failed = sum(1 for c in checks if c.status is CheckStatus.FAIL)
    warned = sum(1 for c in checks if c.status is CheckStatus.WARN)
    passed = len(checks) - failed - warned
    lines.append(f"doctor: {passed} passed, {plural(warned, 'warning')}, {failed} failed")
    return "\n".join(lines)


RUN_COLUMNS = (
    "id",
    "kind",
    "week",
    "started",
    "finished",
    "outcome",
    "sent",
    "failed",
    "skipped",
    "errors",
    "warnings",
    "detail",
)
_NUMERIC_RUN_COLUMNS = {"id", "sent", "failed", "skipped", "errors", "warnings"}


def runs_text(history: RunHistory) -> str:
    """Recent runs as an aligned table; the detail column is last and not padded."""
    if not history.exists:
        return f"No runs recorded yet (no ledger at {history.ledger})."
    if not history.runs:
        return "No runs recorded yet."
    rows = [[_run_cell(getattr(r, c)) for c in RUN_COLUMNS] for r in history.runs]
    table = [list(RUN_COLUMNS), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(RUN_COLUMNS) - 1)]
    lines = []
    for row in table:
        cells = [
            cell.rjust(w) if RUN_COLUMNS[i] in _NUMERIC_RUN_COLUMNS else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*cells, printable(row[-1])]).rstrip())
    return "\n".join(lines)


def _run_cell(value: object) -> str:
    if value is None:
        return "-"
    return str(getattr(value, "value", value))
