"""Composing the week's messages from ratings: who gets what. Pure: no clock, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from automation.core.addresses import refusal
from automation.core.model import Owner, Rag
from automation.core.problems import Problem, Severity
from automation.core.rating import Basis, RatedItem, StatusReport
from automation.core.register import Register
from automation.mail.digests import (
    SECTIONS,
    History,
    Line,
    Noted,
    Options,
    OwnerDigest,
    Plan,
    Section,
)
from automation.mail.news import with_returns
from automation.mail.summary import OPEN, manager_summaries, name_problems

T = TypeVar("T")


def rows_with_errors(problems: Iterable[Problem]) -> set[tuple[str, int]]:
    return {(p.sheet, p.row) for p in problems if p.severity is Severity.ERROR and p.row}


def _excluded(rated: RatedItem, excluded: set[tuple[str, int]]) -> bool:
    return (rated.item.sheet, rated.item.row) in excluded


def _open(rated: RatedItem) -> bool:
    return rated.item.status is None or rated.item.status in OPEN


def _red_two_runs(rated: RatedItem, history: History) -> bool:
    return rated.rating.rag is Rag.RED and history.previous.get(rated.item.key) is Rag.RED


def _digest(
    owner: Owner, rated: Sequence[RatedItem], left_out: Sequence[Noted], history: History, options: Options
) -> OwnerDigest:
    """The owner's open items by section; each list shows its ``options.limit`` most urgent
    (only those become lines: an owner of a large register has thousands) and counts the
    rest. Every open item is kept for the return."""
    limit, red_since = options.limit, history.red_since
    by_basis: dict[Basis, list[RatedItem]] = {basis: [] for basis, _, _ in SECTIONS}
    for r in rated:  # one pass, keeping the order: most urgent first
        found = by_basis.get(r.rating.basis)
        if found is not None:
            found.append(r)
    sections = tuple(
        Section(title, ask, *_lines(by_basis[basis], limit, red_since))
        for basis, title, ask in SECTIONS
        if by_basis[basis]
    )
    reached = options.escalate and owner.email.casefold() in history.reached
    red = [r for r in rated if _red_two_runs(r, history)] if reached else []
    escalate_to = (
        owner.manager_email if red and not refusal(owner.manager_email, options.allowed_domains) else ""
    )
    escalated, escalated_more = _lines(red, limit, red_since)
    noted, noted_more = _cut(left_out, limit)
    return OwnerDigest(
        owner,
        sections,
        escalated,
        escalate_to,
        options.updates_to,
        left_out=tuple(noted),
        escalated_more=escalated_more,
        listed=tuple(r for basis, _, _ in SECTIONS for r in by_basis[basis]),
        left_out_more=noted_more,
    )


def _cut(found: Sequence[T], limit: int) -> tuple[Sequence[T], int]:
    """The first ``limit`` of ``found`` (the most urgent), and how many more it holds."""
    return found[:limit], max(len(found) - limit, 0)


def _lines(
    rated: Sequence[RatedItem], limit: int, red_since: Mapping[tuple[str, str], date]
) -> tuple[tuple[Line, ...], int]:
    """The ``limit`` most urgent of ``rated`` (already in order) as an email lists them, and
    how many more there are."""
    shown, more = _cut(rated, limit)
    return tuple(Line.of(r, red_since.get(r.item.key) if red_since else None) for r in shown), more


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
    by_owner, named = _open_by_owner(report, excluded)
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
        digest = _digest(owner, mine, theirs, history, options)
        digests.append(digest)
        if digest.escalated and owner.manager_email and not digest.escalate_to:
            why = refusal(owner.manager_email, options.allowed_domains)
            unreachable.append((owner.manager_email, f"not copied on {owner.name}'s escalation: {why}"))
    listed = {owner.name.casefold() for owner in register.owners}
    unlisted = {key: rated[0].item.owner for key, rated in by_owner.items()}
    unlisted |= {key: name for key, name in named.items() if key not in listed and key not in unlisted}
    unreachable += [(name, _unlisted(register)) for name in unlisted.values()]
    return tuple(digests), unreachable


def _open_by_owner(
    report: StatusReport, excluded: set[tuple[str, int]]
) -> tuple[dict[str, list[RatedItem]], dict[str, str]]:
    """Open items by owner (casefolded name), and the owners of open items left out for
    errors in their rows (an owner not on the Owners sheet is one such error)."""
    by_owner: dict[str, list[RatedItem]] = {}
    named: dict[str, str] = {}
    for rated in report.rated:  # every item of the register: kept to attribute lookups
        item = rated.item
        if not item.owner or not (item.status is None or item.status in OPEN):
            continue
        if not excluded or (item.sheet, item.row) not in excluded:
            by_owner.setdefault(item.owner.casefold(), []).append(rated)
        else:
            named.setdefault(item.owner.casefold(), item.owner)
    return by_owner, named


def _unlisted(register: Register) -> str:
    """Why an owner with open items who is not on the Owners sheet gets no email."""
    if not register.owners:
        return (
            "the register has no Owners sheet, nobody on it or no Email column on it (tracker "
            "validate says which), so no owner has an email address"
        )
    return "is not on the Owners sheet, so has no email address"


def _left_out_by_owner(
    register: Register, excluded: set[tuple[str, int]], noted: Sequence[Noted]
) -> dict[str, list[Noted]]:
    """Each owner's items left out of their email, as the errors that keep them out."""
    found: dict[str, list[Noted]] = {}
    item_at = register.items_at()
    for note in noted:
        problem = note.problem
        if not problem.is_error or (problem.sheet, problem.row) not in excluded:
            continue
        item = item_at(problem.sheet, problem.row)
        if item is not None and item.owner and (item.status is None or item.status in OPEN):
            found.setdefault(item.owner.casefold(), []).append(note)  # would have been in their email
    return found


def compose(
    register: Register, report: StatusReport, problems: Sequence[Problem], history: History, options: Options
) -> Plan:
    """The week's owner digests, the manager summary and, for each line manager in
    ``options.teams``, the summary of their owners' items. Rows with errors are left out of
    digests and listed in the summaries, so one bad row never stops the run."""
    excluded = rows_with_errors(problems)
    noted = name_problems(register, problems)
    digests, unreachable = owner_digests(register, report, excluded, history, options, noted)
    summary, team_summaries = manager_summaries(
        register, report, problems, excluded, history, unreachable, noted, options.teams
    )
    plan = Plan(report.as_of, digests, summary, team_summaries)
    return with_returns(plan, register, history, options)
