"""The manager summary: what a manager can act on, most urgent first, never unbounded.

The register owner and the configured managers get the whole register; a line manager (a
Manager email on the Owners sheet) gets the items of the owners who report to them. Each
list shows at most ``LIMIT`` rows, the most urgent, and says how many more there are; when
anything is cut, the whole of every list travels as an attached workbook (built only when
the message is), so a message stays small whatever the register's size. Pure: no clock,
no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from automation.core.model import Item, Owner, Rag, Status, column_letter
from automation.core.problems import Problem
from automation.core.rating import Basis, RatedItem, Rating, StatusReport, count_ratings
from automation.core.register import Register
from automation.core.s55 import s55_responses
from automation.mail.digests import (
    LIMIT,
    History,
    Line,
    ManagerSummary,
    Noted,
    S55Line,
    SummaryLists,
)
from automation.register.schema import OWNERS, PUBLICATIONS, REGISTER, SheetSpec

OPEN = frozenset(s for s in Status if s.is_open)
RAGS = tuple(Rag)  # iterating the enum class itself is a Python generator
NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class Team:
    """Whose items a summary covers: a line manager and the owners who report to them."""

    manager: str  # their email address
    owners: tuple[str, ...]  # the owners' names, as on the Owners sheet

    def describe(self) -> str:
        names = ", ".join(self.owners[:10])
        more = f" and {len(self.owners) - 10} more" if len(self.owners) > 10 else ""
        who = "owner who reports" if len(self.owners) == 1 else f"{len(self.owners)} owners who report"
        return f"the items of the {who} to you: {names}{more}"


def teams(owners: Sequence[Owner], managers: Iterable[str]) -> dict[str, Team]:
    """Each of ``managers`` (addresses), by casefolded address, with the owners naming them."""
    wanted = {m.strip().casefold(): m.strip() for m in managers}
    found: dict[str, list[str]] = {}
    for owner in owners:
        manager = owner.manager_email.strip().casefold()
        if manager in wanted and owner.name:
            found.setdefault(manager, []).append(owner.name)
    return {m: Team(wanted[m], tuple(names)) for m, names in found.items()}


def manager_summary(
    register: Register,
    report: StatusReport,
    problems: Sequence[Problem],
    excluded: set[tuple[str, int]],
    history: History,
    unreachable: Sequence[tuple[str, str]],
    noted: Sequence[Noted] = (),
    team: Team | None = None,
    by_row: Mapping[tuple[str, int], list[int]] | None = None,
) -> ManagerSummary:
    """The summary of ``report``: the whole register's, or with ``team`` that manager's
    owners' (``report`` then holds only their items: see ``by_team``), with the problems
    (``by_row``: each row's, by their place in ``problems``), refusals and news about them."""
    if team is not None:
        rows = by_row if by_row is not None else problem_rows(problems)
        problems, noted, unreachable = _for_team(team, report, problems, noted, unreachable, rows)
    today, window = report.as_of, register.settings.amber_days
    rated = unconfirmed_closures(report.rated, excluded)
    lists = _lists(rated, report.rated, excluded, history, today, today + timedelta(days=window))
    if team is not None:
        lists["unowned"] = []  # nobody's items are not the team's; the whole summary lists them
    items, rags = [r.item for r in rated], [r.rating.rag for r in rated]
    groups = {field: _group(items, rags, field) for field in ("publication", "owner")}
    named = _most_urgent_problems(noted or name_problems(register, problems))
    totals = {name: len(found) for name, found in lists.items()}
    totals |= {"by_" + f: len(g) for f, g in groups.items()} | {"problems": len(named)}
    cut = any(n > LIMIT for n in totals.values())

    def lines(name: str) -> tuple[Line, ...]:
        shown = lists[name][:LIMIT]
        return tuple(Line.of(r, history.red_since.get(r.item.key), with_text=False) for r in shown)

    return ManagerSummary(
        as_of=today,
        counts=count_ratings(rated),
        previous_counts=_previous_counts(history, report if team is not None else None),
        previous_as_of=history.previous_as_of,
        turned_red=lines("turned_red"),
        overdue=lines("overdue"),
        unowned=lines("unowned"),
        due_soon=lines("due_soon"),
        due_window=window,
        needs_update=lines("needs_update"),
        stale_window=register.settings.stale_days,
        noted=tuple(named[:LIMIT]),
        by_publication=_shown(groups["publication"]),
        by_owner=_shown(groups["owner"]),
        problems=tuple(problems),
        left_out=lines("left_out"),
        unreachable=tuple(unreachable),
        s55=() if team is not None else _s55_lines(register, today),
        totals=totals,
        scope=team.describe() if team is not None else "",
        team=team.owners if team is not None else (),
        everything=SummaryLists(lists, groups, tuple(named), history.red_since) if cut else None,
    )


def _lists(
    rated: Sequence[RatedItem],
    as_rated: Sequence[RatedItem],
    excluded: set[tuple[str, int]],
    history: History,
    today: date,
    horizon: date,
) -> dict[str, list[RatedItem]]:
    """Every item in each list, most urgent first: one pass over the register."""
    found: dict[str, list[RatedItem]] = {
        name: [] for name in ("turned_red", "overdue", "unowned", "due_soon", "needs_update", "left_out")
    }
    turned, overdue, unowned = found["turned_red"], found["overdue"], found["unowned"]
    due_soon, needs_update, left_out = found["due_soon"], found["needs_update"], found["left_out"]
    previous = history.previous
    for r, original in zip(rated, as_rated, strict=True):
        item, rating = r.item, r.rating
        if rating.rag is Rag.RED and previous and previous.get(item.key) is not Rag.RED:
            turned.append(r)
        if rating.basis is Basis.OVERDUE:
            overdue.append(r)
        elif rating.basis is Basis.STALE:
            needs_update.append(r)
        if item.status is None or item.status in OPEN:
            if not item.owner:
                unowned.append(r)
            if rating.due and today <= rating.due <= horizon:
                due_soon.append(r)
        if excluded and (item.sheet, item.row) in excluded:
            left_out.append(original)
    return found


def by_team(report: StatusReport, found: Mapping[str, Team]) -> dict[str, StatusReport]:
    """Each team's items, most urgent first: one pass over the register."""
    team_of = {name.casefold(): manager for manager, team in found.items() for name in team.owners}
    rated: dict[str, list[RatedItem]] = {manager: [] for manager in found}
    for r in report.rated:
        manager = team_of.get(r.item.owner.casefold()) if r.item.owner else None
        if manager is not None:
            rated[manager].append(r)
    return {manager: StatusReport(report.as_of, tuple(items)) for manager, items in rated.items()}


def problem_rows(problems: Sequence[Problem]) -> dict[tuple[str, int], list[int]]:
    """Where each row's problems are in ``problems``."""
    found: dict[tuple[str, int], list[int]] = {}
    for n, p in enumerate(problems):
        found.setdefault((p.sheet, p.row), []).append(n)
    return found


def _for_team(
    team: Team,
    report: StatusReport,
    problems: Sequence[Problem],
    noted: Sequence[Noted],
    unreachable: Sequence[tuple[str, str]],
    by_row: Mapping[tuple[str, int], list[int]],
) -> tuple[list[Problem], list[Noted], list[tuple[str, str]]]:
    owners = {name.casefold() for name in team.owners}
    places = sorted(n for r in report.rated for n in by_row.get((r.item.sheet, r.item.row), ()))
    mine = [problems[n] for n in places]
    named = [noted[n] for n in places] if noted else []
    reach = [(who, why) for who, why in unreachable if who.casefold() in owners]
    return mine, named, reach


def unconfirmed_closures(rated: Sequence[RatedItem], excluded: set[tuple[str, int]]) -> list[RatedItem]:
    """A Closed item whose row fails validation is not counted Blue: its closure is not
    confirmed, so it counts as awaiting sign-off until the row is put right."""
    if not excluded:
        return list(rated)
    out = []
    for r in rated:
        if r.rating.rag is Rag.BLUE and (r.item.sheet, r.item.row) in excluded:
            reason = "marked Closed, but its row has errors"
            r = RatedItem(r.item, Rating(Rag.GREEN, reason, r.rating.due, Basis.AWAITING_SIGN_OFF))
        out.append(r)
    return out


def _group(items: Sequence[Item], rags: Sequence[Rag], field: str) -> dict[str, dict[Rag, int]]:
    """Counts by rating for each publication or owner, by name (one count over the register)."""
    counted = Counter(zip(map(attrgetter(field), items), rags, strict=True))
    groups: dict[str, dict[Rag, int]] = {}
    for (name, rag), n in counted.items():
        groups.setdefault(name or NO_OWNER, dict.fromkeys(RAGS, 0))[rag] += n
    return dict(sorted(groups.items()))


def _shown(groups: dict[str, dict[Rag, int]]) -> dict[str, dict[Rag, int]]:
    """All groups by name, or past the limit the most urgent: most red, then most amber."""
    if len(groups) <= LIMIT:
        return groups
    ranked = sorted(groups.items(), key=lambda g: (-g[1][Rag.RED], -g[1][Rag.AMBER], g[0]))
    return dict(ranked[:LIMIT])


def _most_urgent_problems(named: Sequence[Noted]) -> list[Noted]:
    """Errors before warnings, each in sheet and row order."""
    return sorted(named, key=lambda n: not n.problem.is_error)


def _previous_counts(history: History, report: StatusReport | None) -> dict[Rag, int] | None:
    """The previous run's counts (of ``report``'s items only, when given)."""
    if history.previous_as_of is None:
        return None
    previous = history.previous
    if report is None:
        found = Counter(previous.values())
    else:
        found = Counter(previous[r.item.key] for r in report.rated if r.item.key in previous)
    return {rag: found.get(rag, 0) for rag in Rag}


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


def name_problems(register: Register, problems: Sequence[Problem]) -> tuple[Noted, ...]:
    """Each problem with the item it is about and its column's header, for people who read
    an email rather than the workbook."""
    items = {(i.sheet, i.row): i for i in register.items} if problems else {}
    headers: dict[int, dict[str, str]] = {}  # by the identity of a sheet's shared column map
    specs = {REGISTER.name: REGISTER, OWNERS.name: OWNERS, PUBLICATIONS.name: PUBLICATIONS}
    noted = []
    for p in problems:
        item = items.get((p.sheet, p.row))
        letters = "".join(ch for ch in p.cell if ch.isalpha())
        column = ""
        if item is not None and letters:
            if id(item.columns) not in headers:
                headers[id(item.columns)] = _headers(REGISTER, item.columns)
            column = headers[id(item.columns)].get(letters, "")
        elif p.sheet in specs and letters:
            column = _header_at(specs[p.sheet], register, p.sheet, letters)
        label = f"{item.ref}, {item.publication}" if item is not None and item.ref else ""
        noted.append(Noted(p, label, column))
    return tuple(noted)


def _headers(spec: SheetSpec, columns: Mapping[str, int]) -> dict[str, str]:
    """Column letters -> header, for a sheet's columns by key."""
    known = {c.key: c.header for c in spec.columns}
    return {column_letter(n): known[k] for k, n in columns.items() if k in known}


def _header_at(spec: SheetSpec, register: Register, sheet: str, letters: str) -> str:
    rows = register.owners if spec is OWNERS else register.publications if spec is PUBLICATIONS else ()
    columns = next((r.columns for r in rows if r.sheet == sheet), {})
    return _headers(spec, columns).get(letters, "")
