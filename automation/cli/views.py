"""Plain renderings for the terminal: problems and status as text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from automation.core.model import Rag, Status
from automation.core.problems import Problem, problem_counts
from automation.core.problems import problems_text as problems_text
from automation.core.rating import StatusReport
from automation.core.text import clip, ddmmyyyy, plural, printable
from automation.register.schema import REGISTER

if TYPE_CHECKING:
    from automation.importing.result import Extraction
    from automation.reports.history import Change, Recorded
    from automation.returns.apply import Change as UpdateChange
    from automation.returns.collect import Collection
    from automation.run.doctor import Check
    from automation.run.paper import Imported, Reviewed
    from automation.run.reports import Written
    from automation.run.runs import RunHistory
    from automation.run.weekly import WeeklyResult

RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.NOT_RATED)


def problems_json(problems: Sequence[Problem], path: Path) -> str:
    errors, warnings = problem_counts(problems)
    return json.dumps(
        {
            "register": str(path),
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in problems],
        },
        indent=2,
        ensure_ascii=False,
    )


def _counts_row(label: str, counts: Mapping[Rag, int], width: int) -> str:
    cells = "".join(f"{counts[rag]:>{len(rag.value) + 2}}" for rag in RAG_ORDER)
    return f"  {clip(label, width - 2):<{width - 2}}{cells}{sum(counts.values()):>7}"


def _counts_table(title: str, groups: Mapping[str, Mapping[Rag, int]], width: int) -> list[str]:
    header = "".join(f"{rag.value:>{len(rag.value) + 2}}" for rag in RAG_ORDER)
    lines = [f"{title:<{width}}{header}{'Total':>7}"]
    lines += [_counts_row(name or "(no owner)", counts, width) for name, counts in groups.items()]
    return lines


def status_text(report: StatusReport, path: Path) -> str:
    width = 46
    lines = [f"BRAG status of {path} as of {ddmmyyyy(report.as_of)}", ""]
    lines += _counts_table("", {"All items": report.counts}, width)
    lines += ["", *_counts_table("By publication", report.by("publication"), width)]
    lines += ["", *_counts_table("By owner", report.by("owner"), width), ""]
    lines.append("Items, most urgent first")
    lines.append(f"  {'RAG':<10}{'Due':<12}{'Owner':<18}{'Ref':<20}{'Publication':<32}Reason")
    for rated in report.rated:
        item, rating = rated.item, rated.rating
        lines.append(
            f"  {rating.rag.value:<10}{ddmmyyyy(rating.due):<12}{clip(item.owner, 16):<18}"
            f"{clip(item.ref, 18):<20}{clip(item.publication, 30):<32}{rating.reason}"
        )
    return "\n".join(lines)


_STATUS_LABELS: dict[object, str] = {None: "", **{s: s.label for s in Status}}
_RAG_KEYS = {rag: rag.key for rag in Rag}


def _item_rows(report: StatusReport) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for rated in report.rated:  # a plain loop with lookups: this runs once per item
        item, rating = rated.item, rated.rating
        due = rating.due
        rows.append(
            {
                "publication": item.publication,
                "ref": item.ref,
                "owner": item.owner,
                "status": _STATUS_LABELS[item.status],
                "due": due.isoformat() if due else None,
                "rag": _RAG_KEYS[rating.rag],
                "reason": rating.reason,
            }
        )
    return rows


class _Encoded(dict[object, str]):
    """JSON strings for values, each encoded once, by the C encoder ``json.dumps`` uses."""

    def __missing__(self, value: object) -> str:
        text = value.isoformat() if isinstance(value, date) else str(value)
        found = self[value] = json.encoder.encode_basestring(text)
        return found


def status_json(report: StatusReport) -> str:
    """The report as JSON, exactly as ``json.dumps`` writes it. Each distinct value is encoded
    once (a register repeats a few thousand titles, names, dates and reasons over hundreds of
    thousands of items), and each item is one formatted line."""
    counts = {rag.key: n for rag, n in report.counts.items()}
    head = json.dumps({"as_of": report.as_of.isoformat(), "counts": counts}, ensure_ascii=False)
    text = _Encoded({None: "null"})
    labels, rags = _STATUS_LABELS, _RAG_KEYS
    rows = [
        f'{{"publication": {text[item.publication]}, "ref": {text[item.ref]}, "owner": {text[item.owner]}, '
        f'"status": {text[labels[item.status]]}, "due": {text[rating.due]}, '
        f'"rag": {text[rags[rating.rag]]}, "reason": {text[rating.reason]}}}'
        for item, rating in ((r.item, r.rating) for r in report.rated)
    ]
    return f'{head[:-1]}, "items": [{", ".join(rows)}]}}'


def status_csv(report: StatusReport) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8 (else "–" and "’"
    come out garbled), whatever the console's own encoding."""
    buffer = io.StringIO()
    fields = ["publication", "ref", "owner", "status", "due", "rag", "reason"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in _item_rows(report):
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _csv_safe(value: object) -> object:
    """Stop a value from the workbook running as a formula when the CSV is opened in Excel:
    text starting with = + - @ (or a full-width form, or a tab) gets a leading apostrophe."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_STARTS:
        return "'" + value
    return "" if value is None else value


def weekly_text(result: WeeklyResult, path: Path) -> str:
    from automation.mail.deliver import Result

    lines = [
        f"Week {result.week}: {path} as at {ddmmyyyy(result.as_of)}, "
        f"transport {result.transport}{' (dry run)' if result.dry_run else ''}"
    ]
    width = max((len(d.outgoing.recipient) for d in result.deliveries), default=0)
    for d in result.deliveries:
        detail = f": {d.detail}" if d.result.troubled else ""
        lines.append(
            f"  {d.result.value:<13}{d.outgoing.recipient:<{width}}  {d.outgoing.about}{printable(detail)}"
        )
    for who, why in result.refused:
        lines.append(f"  {'not sent':<13}{printable(who)}: {printable(why)}")
    if result.left_out:
        lines.append(
            f"  {plural(result.left_out, 'item')} with errors in their rows were left out of "
            "owners' emails and are listed in the manager summary (tracker validate)."
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
    return "\n".join(lines)


# ----------------------------------------------------------------- reports and history


def snapshot_text(recorded: Recorded, history: Path) -> str:
    snap = recorded.snapshot
    return (
        f"Snapshot {snap.id} as at {ddmmyyyy(snap.as_of)}: {plural(snap.items, 'item')}; "
        f"{recorded.new} new, {recorded.changed} changed, {recorded.removed} gone since the last one.\n"
        f"History is in {history}"
    )


def history_text(changes: list[Change]) -> str:
    from automation.reports.wording import when

    if not changes:
        return "No changes recorded."
    lines = []
    for c in changes:
        move = f"{clip(when(c.old), 40)} -> {clip(when(c.new), 50)}"
        lines.append(
            f"  {ddmmyyyy(c.as_of)}  {printable(clip(c.ref, 20)):<20}  {c.label + ':':<14} {printable(move)}"
            f"  ({printable(clip(c.publication, 40))})"
        )
    return "\n".join(lines)


def history_json(changes: list[Change]) -> str:
    from automation.reports.history import iter_rows

    return json.dumps(list(iter_rows(changes)), indent=2, ensure_ascii=False)


def history_csv(changes: list[Change]) -> str:
    from automation.reports.history import iter_rows

    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["as_of", "publication", "ref", "field", "from", "to"], lineterminator="\n"
    )
    writer.writeheader()
    for row in iter_rows(changes):
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue().rstrip("\n")


def written_text(written: Written) -> str:
    return f"Wrote the {written.what} to {written.path}: {written.summary}."


def _deadline(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "immediate" if value == "immediate" else ""


def import_text(imported: Imported, register: Path, dry_run: bool) -> str:
    plan, found = imported.plan, imported.extraction
    count = sum(len(p.items) for p in found.publications)
    if imported.reviewed is not None:
        first = (
            f"{imported.reviewed.name}: {plural(count, 'row')} ticked Include, from {imported.source.name}."
        )
    else:
        first = (
            f"{imported.source.name}: {plural(len(found.publications), 'publication')}, "
            f"{plural(count, 'item')} found."
        )
    lines = [first]
    verb = "Would add" if dry_run else "Added"
    if plan.empty:
        lines.append(f"Nothing new for {register}.")
    else:
        lines.append(
            f"{verb} {plural(len(plan.publications), 'publication')} and "
            f"{plural(len(plan.items), 'item')} to {register}:"
        )
        lines.append(f"  {'Ref':<20}{'Kind':<22}{'Deadline':<12}{'Force':<7}{'Status':<17}Publication")
        for publication, item in plan.items:
            force = "yes" if item.applies_to_force else "no"
            status = "Not started" if item.applies_to_force else "For information"
            lines.append(
                f"  {clip(printable(item.ref), 18):<20}{item.kind.label:<22}{_deadline(item.deadline):<12}"
                f"{force:<7}{status:<17}{clip(printable(publication.title), 40)}"
            )
    if plan.already:
        lines.append(
            f"Already in the register: {plural(plan.already, 'item')}; the register's own values are kept."
        )
    for d in plan.differences:
        column = REGISTER.column(d.field).header
        lines.append(
            f"  differs  {d.where}  {column}: register {clip(d.in_register, 50)!r}, "
            f"document {clip(d.in_document, 50)!r}"
        )
    lines.extend(_held_and_warnings(found))
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif imported.written:
        lines.append(f"Saved {register}; the previous version is kept as {imported.written.backup}.")
    return "\n".join(lines)


def _held_and_warnings(found: Extraction) -> list[str]:
    """Candidates below the threshold (listed, never written) and what to check by hand."""
    lines = []
    if found.held:
        lines.append(
            f"Not added, {plural(len(found.held), 'candidate')} below the threshold (see them with --review):"
        )
        lines += [
            f"  {clip(printable(item.ref), 14):<16}{item.confidence:>4.0%}  "
            f"{clip(printable(item.text), 60):<62}{clip(printable(publication.title), 30)}"
            for publication, item in found.held
        ]
    lines += [f"warning  {printable(warning)}" for warning in found.warnings]
    lines += [f"note     {printable(note)}" for note in found.notes]
    return lines


def review_text(reviewed: Reviewed) -> str:
    found = reviewed.extraction
    included = sum(len(p.items) for p in found.publications)
    lines = [
        f"{reviewed.source.name}: {plural(len(found.publications), 'publication')}, "
        f"{plural(reviewed.rows, 'candidate')}, {included} of them preset to Include.",
        f"Wrote {reviewed.review}: tick Include for the rows to add and correct any field, then run",
        f"  tracker import --accept {reviewed.review}",
    ]
    lines += [f"warning  {printable(warning)}" for warning in found.warnings]
    return "\n".join(lines)


def created(path: Path, backup: Path | None) -> str:
    return f"Created {path}" + (f" (previous file kept as {backup})" if backup else "")


def demo_written(count: int, path: Path, backup: Path | None) -> str:
    kept = f" (previous file kept as {backup})" if backup else ""
    return f"Wrote {count} items to {path}{kept}"


def nothing_found(paper: Path, found: Extraction | None = None) -> str:
    """No item to add: say so, and still list the candidates and warnings to check by hand."""
    first = (
        f"No recommendations, areas for improvement or actions were found in {paper}; "
        "nothing was written. Is it the right file?"
    )
    return "\n".join([first, *(_held_and_warnings(found) if found is not None else [])])


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


# --------------------------------------------------------------------------- returns


def _verdict_lines(result: Collection) -> list[str]:
    lines = []
    for v in result.verdicts:
        who = f"{v.owner}, " if v.owner else ""
        if v.accepted:
            said = "; ".join(v.notes) or plural(len(v.updates), "update")
            lines.append(f"  {'accepted':<10}{printable(v.incoming.source)}: {printable(who + said)}")
        else:
            lines.append(f"  {'refused':<10}{printable(v.incoming.source)}: {printable(who.rstrip(', '))}")
            lines += [f"  {'':<10}  {printable(why)}" for why in v.reasons]
    lines += [f"  {'seen':<10}{printable(i.source)}: collected on an earlier run" for i in result.already]
    lines += [f"  {'ignored':<10}{printable(why)}" for why in result.ignored]
    return lines


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
            "ignored": list(result.ignored),
            "updates": [update(c) for c in plan.changes],
            "skipped": [{"ref": u.ref, "publication": u.publication, "why": why} for u, why in plan.skipped],
            "backup": str(result.written.backup) if result.written else None,
            "not_moved": list(result.not_moved),
        },
        indent=2,
        ensure_ascii=False,
    )
