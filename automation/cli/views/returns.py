"""What collecting owners' returns prints, as text or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from automation.core.text import clip, ddmmyyyy, plural, printable

if TYPE_CHECKING:
    from automation.returns.apply import Change as UpdateChange
    from automation.returns.collect import Collection


def _verdict_lines(result: Collection) -> list[str]:
    lines = []
    for v in result.verdicts:
        who = f"{v.owner}, " if v.owner else ""
        if v.accepted:
            said = "; ".join(v.notes) or plural(len(v.updates), "update")
            lines.append(f"  {'accepted':<10}{printable(v.incoming.source)}: {printable(who + said)}")
        else:
            owner = f": {printable(v.owner)}" if v.owner else ""
            lines.append(f"  {'refused':<10}{printable(v.incoming.source)}{owner}")
            lines += _reasons(v.reasons)
    for seen in result.already:
        refused = result.refused_before.get(seen.digest)
        said = "collected on an earlier run" if refused is None else "refused on an earlier run"
        lines.append(f"  {'seen':<10}{printable(seen.source)}: {said}{':' if refused else ''}")
        lines += _reasons(refused or ())
    for repeat in result.repeats:
        first = result.first_of(repeat)
        said = (
            f"the same file as {first.incoming.source}, {'accepted' if first.accepted else 'refused'} above"
        )
        lines.append(f"  {'seen':<10}{printable(repeat.source)}: {printable(said)}")
    lines += [f"  {'ignored':<10}{printable(why)}" for why in result.ignored]
    return lines


def _reasons(reasons: tuple[str, ...]) -> list[str]:
    return [f"  {'':<10}  {printable(why)}" for why in reasons]


def _change_line(c: UpdateChange) -> str:
    from automation.core.updates import StatusOutcome

    u = c.update
    said = []
    if u.text:
        said.append(f"update {clip(u.text, 40)!r}")
    if u.proposed is not None:
        outcome = c.outcome
        state = (
            "held: the register changed since it was sent" if outcome is StatusOutcome.HELD else outcome.value
        )
        said.append(f"status {u.status_sent or 'blank'} -> {u.proposed.label} ({state})")
    if u.requested:
        said.append(f"asks for target date {ddmmyyyy(u.requested)} (for the governance officer)")
    head = f"  {clip(u.ref, 18):<20}{clip(u.publication, 30):<32}{clip(u.owner, 16):<18}"
    return printable(head + "; ".join(said or ["no change asked"]))


def collect_text(result: Collection) -> str:
    """What collecting found, what it did (or would do), per return and per item."""
    verb = "Would collect" if result.dry_run else "Collected"
    lines = [f"{verb} returns from {result.source} into {result.register}, {ddmmyyyy(result.today)}"]
    lines += _verdict_lines(result) or ["  No returns found."]
    plan = result.plan
    if plan.changes:
        lines.append("Updates" + (" that would be written:" if result.dry_run else " written:"))
        lines += [_change_line(c) for c in plan.changes]
    lines += [f"  skipped   {u.ref} ({clip(u.publication, 30)}): {why}" for u, why in plan.skipped]
    requested = sum(1 for c in plan.changes if c.update.requested)
    counts = [
        plural(len(plan.changes), "update"),
        f"{len(plan.held)} status change{'' if len(plan.held) == 1 else 's'} held",
        f"{plural(requested, 'target date')} requested",
        f"{plural(len(result.refused), 'return')} refused",
    ]
    lines.append(", ".join(counts) + ".")
    if result.dry_run:
        lines.append("Dry run: nothing was written, recorded or moved.")
    elif result.written:
        lines.append(
            f"Saved {result.register} (logged on its Updates sheet); the previous version is kept as "
            f"{result.written.backup}."
        )
    lines += [f"Not moved: {printable(why)}" for why in result.not_moved]
    return "\n".join(lines)


def collect_json(result: Collection) -> str:
    plan = result.plan

    def update(c: UpdateChange) -> dict[str, object]:
        u = c.update
        return {
            "publication": u.publication,
            "ref": u.ref,
            "owner": u.owner,
            "received": u.received.isoformat(),
            "text": u.text,
            "proposed_status": u.proposed.label if u.proposed else None,
            "status_outcome": c.outcome.name.lower(),
            "latest": c.latest,
            "evidence": u.evidence,
            "requested_date": u.requested.isoformat() if u.requested else None,
            "requested_reason": u.reason,
            "source": u.source,
        }

    returns = [
        {
            "source": v.incoming.source,
            "name": v.incoming.name,
            "owner": v.owner,
            "accepted": v.accepted,
            "reasons": list(v.reasons),
            "notes": list(v.notes),
        }
        for v in result.verdicts
    ]
    return json.dumps(
        {
            "source": result.source,
            "register": str(result.register),
            "today": result.today.isoformat(),
            "dry_run": result.dry_run,
            "returns": returns,
            "already_collected": [i.source for i in result.already],
            "refused_earlier": [
                {"source": i.source, "reasons": list(result.refused_before[i.digest])}
                for i in result.already
                if i.digest in result.refused_before
            ],
            "repeats": [
                {"source": r.source, "same_as": result.first_of(r).incoming.source} for r in result.repeats
            ],
            "ignored": list(result.ignored),
            "updates": [update(c) for c in plan.changes],
            "skipped": [{"ref": u.ref, "publication": u.publication, "why": why} for u, why in plan.skipped],
            "backup": str(result.written.backup) if result.written else None,
            "not_moved": list(result.not_moved),
        },
        indent=2,
        ensure_ascii=False,
    )
