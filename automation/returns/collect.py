"""Collecting returns: find them, skip those the ledger has seen, check each (one bad return
never stops the others), write every accepted update in one guarded write, then record each
in the ledger and move the messages they came in."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from automation.register.load import load_register
from automation.register.safe_write.guards import check_writable
from automation.register.safe_write.write import WriteResult
from automation.returns.apply import UpdatePlan, plan_updates, write_updates
from automation.returns.check import check_return
from automation.returns.ledger import ReturnsLedger
from automation.returns.model import Incoming, Verdict
from automation.returns.sources import Source


@dataclass(frozen=True)
class Collection:
    source: str
    register: Path
    today: date
    dry_run: bool
    verdicts: tuple[Verdict, ...]
    already: tuple[Incoming, ...]  # collected (accepted or refused) on an earlier run
    ignored: tuple[str, ...]  # messages with no return attached
    plan: UpdatePlan
    refused_before: dict[str, tuple[str, ...]] = field(default_factory=dict)  # digest -> why, of `already`
    written: WriteResult | None = None
    not_moved: tuple[str, ...] = ()  # messages that could not be moved, with why
    repeats: tuple[Incoming, ...] = ()  # the same content as a return found before it in this run

    def first_of(self, repeat: Incoming) -> Verdict:
        """The verdict on the return ``repeat`` repeats."""
        return next(v for v in self.verdicts if v.incoming.digest == repeat.digest)

    @property
    def refused(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.accepted)

    @property
    def accepted(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.accepted)

    @property
    def exit_code(self) -> int:
        """1 when a return was refused or a message could not be moved."""
        return 1 if self.refused or self.not_moved else 0


def collect_returns(
    source: Source,
    register_path: Path,
    ledger_path: Path,
    today: date,
    *,
    dry_run: bool = False,
    now: Callable[[], datetime] = datetime.now,
    backup_dir: Path | None = None,
) -> Collection:
    """Collect what ``source`` holds into the register. Raises when the register cannot be read
    or written (open in Excel, say): then nothing is recorded or moved, and a rerun retries."""
    if not dry_run:
        check_writable(register_path)  # before any message is read or moved
    found = source.find()
    register = load_register(register_path)
    with ReturnsLedger(ledger_path, create=not dry_run) as ledger:
        earlier = {i.digest: ledger.collected(i.digest) for i in found.incoming}
        fresh, repeats = _first_of_each([i for i in found.incoming if earlier[i.digest] is None])
        already = tuple(i for i in found.incoming if earlier[i.digest] is not None)
        verdicts = tuple(check_return(i, ledger.issued, register, today) for i in fresh)
        plan = plan_updates(register, [u for v in verdicts if v.accepted for u in v.updates])
        refused_before = {
            d: c.reasons for d, c in earlier.items() if c is not None and c.outcome == "refused"
        }
        result = Collection(
            source.label,
            register_path,
            today,
            dry_run,
            verdicts,
            already,
            found.ignored,
            plan,
            refused_before,
            repeats=repeats,
        )
        if dry_run:
            return result
        written = None if plan.empty else write_updates(register_path, plan, backup_dir=backup_dir)
        for verdict in verdicts:
            _record(ledger, verdict, today, now())
    not_moved = source.processed([*already, *fresh, *repeats])
    return dataclasses.replace(result, written=written, not_moved=tuple(not_moved))


def _first_of_each(incoming: list[Incoming]) -> tuple[list[Incoming], tuple[Incoming, ...]]:
    """Each content once (an owner who sends the same return twice before a collect), and the
    repeats: applied twice, its updates would be logged twice."""
    firsts: dict[str, Incoming] = {}
    repeats = []
    for found in incoming:
        if found.digest in firsts:
            repeats.append(found)
        else:
            firsts[found.digest] = found
    return list(firsts.values()), tuple(repeats)


def _record(ledger: ReturnsLedger, verdict: Verdict, today: date, now: datetime) -> None:
    incoming, issued = verdict.incoming, verdict.issued
    ledger.record_collected(
        incoming.digest,
        name=incoming.name,
        source=incoming.source,
        received=incoming.received or today,
        collected=now,
        outcome="accepted" if verdict.accepted else "refused",
        return_id=issued.return_id if issued else "",
        owner=issued.owner if issued else "",
        email=issued.email if issued else "",
        reasons=verdict.reasons,
    )
