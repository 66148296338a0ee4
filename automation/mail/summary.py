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
from datetime import date, timedelta
from operator import attrgetter

from automation.core.model import Rag, Status, column_letter
from automation.core.problems import Problem
from automation.core.rating import Basis, RatedItem, StatusReport
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
from automation.mail.teams import Scope, team_scopes, teams
from automation.register.schema import OWNERS, PUBLICATIONS, REGISTER, SheetSpec

OPEN = frozenset(s for s in Status if s.is_open)
RAGS = tuple(Rag)  # iterating the enum class itself is a Python generator
RAG_OF = attrgetter("rating.rag")
NO_OWNER = "(no owner)"


def manager_summaries(
    register: Register,
    report: StatusReport,
    problems: Sequence[Problem],
    excluded: set[tuple[str, int]],
    history: History,
    unreachable: Sequence[tuple[str, str]],
    noted: Sequence[Noted] = (),
    managers: Iterable[str] = (),
) -> tuple[ManagerSummary, dict[str, ManagerSummary]]:
    """The whole register's summary and, for each of ``managers`` (addresses) with owners who
    report to them, the summary of those owners' items (by the casefolded address): each
    team's lists and problems are split from the whole's, not found again."""
    today, window = report.as_of, register.settings.amber_days
    lists = _lists(report.rated, excluded, history, today, today + timedelta(days=window))
    whole = Scope(report.rated, lists, problems, noted or name_problems(register, problems), unreachable)
    found = teams(register.owners, managers)
    parts = team_scopes(whole, found, register) if found else {}
    summary = manager_summary(register, whole, history, today)
    return summary, {manager: manager_summary(register, p, history, today) for manager, p in parts.items()}


def manager_summary(register: Register, scope: Scope, history: History, today: date) -> ManagerSummary:
    """The summary of ``scope``: the whole register's, or a team's (see ``team_scopes``)."""
    lists, team, window = scope.lists, scope.team, register.settings.amber_days
    unconfirmed = unconfirmed_closures(lists["left_out"])
    rags = list(map(RAG_OF, scope.rated))
    groups = {field: _group(scope.rated, rags, field, unconfirmed) for field in ("publication", "owner")}
    named = _most_urgent_problems(scope.noted)
    totals = {name: len(found) for name, found in lists.items()}
    totals |= {"by_" + f: len(g) for f, g in groups.items()} | {"problems": len(named)}
    cut = any(n > LIMIT for n in totals.values())

    def lines(name: str) -> tuple[Line, ...]:
        red_since = history.red_since  # empty on a first run: no item's key to make
        shown = lists[name][:LIMIT]
        return tuple(
            Line.of(r, red_since.get(r.item.key) if red_since else None, with_text=False) for r in shown
        )

    return ManagerSummary(
        as_of=today,
        counts=_counts(rags, unconfirmed),
        previous_counts=_previous_counts(history, scope.rated if team is not None else None),
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
        problems=tuple(scope.problems),
        left_out=lines("left_out"),
        unreachable=tuple(scope.unreachable),
        s55=() if team is not None else _s55_lines(register, today),
        totals=totals,
        scope=team.describe() if team is not None else "",
        team=team.owners if team is not None else (),
        everything=SummaryLists(lists, groups, tuple(named), history.red_since) if cut else None,
    )


def _lists(
    rated: Sequence[RatedItem],
    excluded: set[tuple[str, int]],
    history: History,
    today: date,
    horizon: date,
) -> dict[str, list[RatedItem]]:
    """Every item in each list, most urgent first: one pass over the register. An item whose
    closure is not confirmed (see ``unconfirmed_closures``) is Closed, so it is in no list but
    the rows left out."""
    found: dict[str, list[RatedItem]] = {
        name: [] for name in ("turned_red", "overdue", "unowned", "due_soon", "needs_update", "left_out")
    }
    turned, overdue, unowned = found["turned_red"], found["overdue"], found["unowned"]
    due_soon, needs_update, left_out = found["due_soon"], found["needs_update"], found["left_out"]
    previous = history.previous
    for r in rated:
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
            left_out.append(r)
    return found


def unconfirmed_closures(left_out: Sequence[RatedItem]) -> list[RatedItem]:
    """A Closed item whose row fails validation is not counted Blue: its closure is not
    confirmed, so it counts as awaiting sign-off (Green) until the row is put right. Of the
    items left out for errors in their rows, those."""
    return [r for r in left_out if r.rating.rag is Rag.BLUE]


def _counts(rags: Sequence[Rag], unconfirmed: Sequence[RatedItem]) -> dict[Rag, int]:
    """How many items have each rating, as counted (see ``unconfirmed_closures``)."""
    found = Counter(rags)
    if unconfirmed:
        found[Rag.BLUE] -= len(unconfirmed)
        found[Rag.GREEN] += len(unconfirmed)
    return {rag: found.get(rag, 0) for rag in RAGS}


def _group(
    rated: Sequence[RatedItem], rags: Sequence[Rag], field: str, unconfirmed: Sequence[RatedItem]
) -> dict[str, dict[Rag, int]]:
    """Counts by rating (``rags``: each item's) for each publication or owner, by name (one
    count over the register), as counted (see ``unconfirmed_closures``)."""
    name_of = attrgetter(f"item.{field}")
    counted = Counter(zip(list(map(name_of, rated)), rags, strict=True))
    for r in unconfirmed:
        counted[name_of(r), Rag.BLUE] -= 1
        counted[name_of(r), Rag.GREEN] += 1
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


def _previous_counts(history: History, rated: Sequence[RatedItem] | None) -> dict[Rag, int] | None:
    """The previous run's counts (of the items ``rated`` only, when given)."""
    if history.previous_as_of is None:
        return None
    previous = history.previous
    if rated is None:
        found = Counter(previous.values())
    else:
        found = Counter(previous[r.item.key] for r in rated if r.item.key in previous)
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
    headers: dict[int, dict[str, str]] = {}  # by the identity of a sheet's shared column map
    specs = {REGISTER.name: REGISTER, OWNERS.name: OWNERS, PUBLICATIONS.name: PUBLICATIONS}
    noted = []
    item_at = register.items_at()
    for p in problems:
        item = item_at(p.sheet, p.row)
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
