"""What importing a paper prints: what was found, added, held back and what to check."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from automation.core.model import DeadlineKind
from automation.core.text import clip, plural, printable
from automation.register.schema import REGISTER

if TYPE_CHECKING:
    from automation.importing.result import Extraction
    from automation.run.paper import Imported, Reviewed


def _deadline(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "immediate" if value is DeadlineKind.IMMEDIATE else ""


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


def nothing_found(paper: Path, found: Extraction | None = None) -> str:
    """No item to add: say so, and still list the candidates and warnings to check by hand."""
    first = (
        f"No recommendations, areas for improvement or actions were found in {paper}; "
        "nothing was written. Is it the right file?"
    )
    return "\n".join([first, *(_held_and_warnings(found) if found is not None else [])])
