"""Composing the week's messages from ratings: who gets what. Pure: no clock, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from automation.core.addresses import refusal
from automation.core.model import Owner, Rag, column_letter
from automation.core.problems import Problem, Severity
from automation.core.rating import Basis, RatedItem, Rating, StatusReport, count_ratings
from automation.core.register import Register
from automation.core.s55 import s55_responses
from automation.mail.digests import (
    SECTIONS,
    History,
    Line,
    ManagerSummary,
    Noted,
    Options,
    OwnerDigest,
    Plan,
    S55Line,
    Section,
)
from automation.mail.news import with_returns
from automation.register.schema import OWNERS, PUBLICATIONS, REGISTER, SheetSpec


def rows_with_errors(problems: Iterable[Problem]) -> set[tuple[str, int]]:
    return {(p.sheet, p.row) for p in problems if p.severity is Severity.ERROR and p.row}


def _excluded(rated: RatedItem, excluded: set[tuple[str, int]]) -> bool:
    return (rated.item.sheet, rated.item.row) in excluded


def _open(rated: RatedItem) -> bool:
    return rated.item.status is None or rated.item.status.is_open


def _red_two_runs(rated: RatedItem, history: History) -> bool:
    return rated.rating.rag is Rag.RED and history.previous.get(rated.item.key) is Rag.RED


def _digest(owner: Owner, rated: Sequence[RatedItem], history: History, options: Options) -> OwnerDigest:
    sections = []
    for basis, title, ask in SECTIONS:
        lines = tuple(Line.of(r, history.red_since.get(r.item.key)) for r in rated if r.rating.basis is basis)
        if lines:
            sections.append(Section(title, ask, lines))
    escalated = tuple(
        Line.of(r, history.red_since.get(r.item.key))
        for r in rated
        if options.escalate and _red_two_runs(r, history) and owner.email.casefold() in history.reached
    )
    escalate_to = (
        owner.manager_email if escalated and not refusal(owner.manager_email, options.allowed_domains) else ""
    )
    return OwnerDigest(owner, tuple(sections), escalated, escalate_to, options.updates_to)


def owner_digests(
    register: Register,
    report: StatusReport,
    excluded: set[tuple[str, int]],
    history: History,
    options: Options,
    noted: Sequence[Noted] = (),
) -> tuple[tuple[OwnerDigest, ...], list[tuple[str, str]]]:
    """One digest per owner who has open items (or every owner, with ``send_empty``), and
    the owners no email can reach, with why."""
    by_owner: dict[str, list[RatedItem]] = {}
    for rated in report.rated:
        if _open(rated) and rated.item.owner and not _excluded(rated, excluded):
            by_owner.setdefault(rated.item.owner.casefold(), []).append(rated)
    left_out = _left_out_by_owner(register, excluded, noted)
    digests, unreachable = [], []
    addressed: dict[str, str] = {}
    for owner in sorted(register.owners, key=lambda o: o.name.casefold()):
        mine = by_owner.pop(owner.name.casefold(), [])
        theirs = left_out.get(owner.name.casefold(), ())
        if not mine and not theirs and not options.send_empty:
            continue
        why = refusal(owner.email, options.allowed_domains)
        if not why and owner.email.casefold() in addressed:
            why = f"shares the email address {owner.email} with {addressed[owner.email.casefold()]}"
        if why:
            unreachable.append((owner.name, why))
            continue
        addressed[owner.email.casefold()] = owner.name
        digest = replace(_digest(owner, mine, history, options), left_out=tuple(theirs))
        digests.append(digest)
        if digest.escalated and owner.manager_email and not digest.escalate_to:
            why = refusal(owner.manager_email, options.allowed_domains)
            unreachable.append((owner.manager_email, f"not copied on {owner.name}'s escalation: {why}"))
    unreachable += [(rated[0].item.owner, _unlisted(register)) for rated in by_owner.values()]
    return tuple(digests), unreachable


def _unlisted(register: Register) -> str:
    """Why an owner with open items who is not on the Owners sheet gets no email."""
    if not register.owners:
        return "the register has no Owners sheet (or it lists nobody), so no owner has an email address"
    return "is not on the Owners sheet, so has no email address"


def _left_out_by_owner(
    register: Register, excluded: set[tuple[str, int]], noted: Sequence[Noted]
) -> dict[str, list[Noted]]:
    """Each owner's items left out of their email, as the errors that keep them out."""
    owners = {
        (i.sheet, i.row): i.owner.casefold()
        for i in register.items
        if i.owner and (i.status is None or i.status.is_open)  # would have been in their email
    }
    found: dict[str, list[Noted]] = {}
    for note in noted:
        where = (note.problem.sheet, note.problem.row)
        if note.problem.is_error and where in excluded and where in owners:
            found.setdefault(owners[where], []).append(note)
    return found


def name_problems(register: Register, problems: Sequence[Problem]) -> tuple[Noted, ...]:
    """Each problem with the item it is about and its column's header, for people who read
    an email rather than the workbook."""
    items = {(i.sheet, i.row): i for i in register.items}
    specs = {REGISTER.name: REGISTER, OWNERS.name: OWNERS, PUBLICATIONS.name: PUBLICATIONS}
    noted = []
    for p in problems:
        item = items.get((p.sheet, p.row))
        letters = "".join(ch for ch in p.cell if ch.isalpha())
        column = ""
        if item is not None and letters:
            key = next((k for k, n in item.columns.items() if column_letter(n) == letters), None)
            column = REGISTER.column(key).header if key else ""
        elif p.sheet in specs and letters:
            column = _header_at(specs[p.sheet], register, p.sheet, letters)
        label = f"{item.ref}, {item.publication}" if item is not None and item.ref else ""
        noted.append(Noted(p, label, column))
    return tuple(noted)


def _header_at(spec: SheetSpec, register: Register, sheet: str, letters: str) -> str:
    rows = register.owners if spec is OWNERS else register.publications if spec is PUBLICATIONS else ()
    columns = next((r.columns for r in rows if r.sheet == sheet), {})
    key = next((k for k, n in columns.items() if column_letter(n) == letters), None)
    return spec.column(key).header if key else ""


def unconfirmed_closures(rated: Sequence[RatedItem], excluded: set[tuple[str, int]]) -> list[RatedItem]:
    """A Closed item whose row fails validation is not counted Blue: its closure is not
    confirmed, so it counts as awaiting sign-off until the row is put right."""
    out = []
    for r in rated:
        if r.rating.rag is Rag.BLUE and _excluded(r, excluded):
            reason = "marked Closed, but its row has errors"
            r = RatedItem(r.item, Rating(Rag.GREEN, reason, r.rating.due, Basis.AWAITING_SIGN_OFF))
        out.append(r)
    return out


def manager_summary(
    register: Register,
    report: StatusReport,
    problems: Sequence[Problem],
    excluded: set[tuple[str, int]],
    history: History,
    unreachable: list[tuple[str, str]],
) -> ManagerSummary:
    today = report.as_of
    window = register.settings.amber_days
    rated = unconfirmed_closures(report.rated, excluded)

    def lines(keep: Iterable[RatedItem]) -> tuple[Line, ...]:
        return tuple(Line.of(r, history.red_since.get(r.item.key), with_text=False) for r in keep)

    previous = _previous_counts(history)
    turned_red = [
        r
        for r in rated
        if r.rating.rag is Rag.RED and history.previous and history.previous.get(r.item.key) is not Rag.RED
    ]
    horizon = today + timedelta(days=window)
    return ManagerSummary(
        as_of=today,
        counts=count_ratings(rated),
        previous_counts=previous,
        previous_as_of=history.previous_as_of,
        turned_red=lines(turned_red),
        overdue=lines(r for r in rated if r.rating.basis is Basis.OVERDUE),
        unowned=lines(r for r in rated if _open(r) and not r.item.owner),
        due_soon=lines(r for r in rated if _open(r) and r.rating.due and today <= r.rating.due <= horizon),
        due_window=window,
        needs_update=lines(r for r in rated if r.rating.basis is Basis.STALE),
        stale_window=register.settings.stale_days,
        noted=name_problems(register, problems),
        by_publication=_group(rated, "publication"),
        by_owner=_group(rated, "owner"),
        problems=tuple(problems),
        left_out=lines(r for r in report.rated if _excluded(r, excluded)),
        unreachable=tuple(unreachable),
        s55=_s55_lines(register, today),
    )


def _s55_lines(register: Register, today: date) -> tuple[S55Line, ...]:
    responses = s55_responses(register.publications, today, register.settings)
    return tuple(
        S55Line(
            r.publication.title,
            r.publication.published,
            r.due,
            r.rating.rag,
            r.rating.reason,
            r.publication.cell("title"),
        )
        for r in responses
        if r.needs_attention
    )


def _previous_counts(history: History) -> dict[Rag, int] | None:
    if history.previous_as_of is None:
        return None
    counts = {rag: 0 for rag in Rag}
    for rag in history.previous.values():
        counts[rag] += 1
    return counts


def _group(rated: Sequence[RatedItem], field: str) -> dict[str, dict[Rag, int]]:
    groups: dict[str, list[RatedItem]] = {}
    for r in rated:
        groups.setdefault(getattr(r.item, field) or "(no owner)", []).append(r)
    return {name: count_ratings(group) for name, group in sorted(groups.items())}


def compose(
    register: Register, report: StatusReport, problems: Sequence[Problem], history: History, options: Options
) -> Plan:
    """The week's owner digests and the manager summary. Rows with errors are left out of
    digests and listed in the summary, so one bad row never stops the run."""
    excluded = rows_with_errors(problems)
    noted = name_problems(register, problems)
    digests, unreachable = owner_digests(register, report, excluded, history, options, noted)
    summary = manager_summary(register, report, problems, excluded, history, unreachable)
    return with_returns(Plan(report.as_of, digests, summary), register, history, options)
