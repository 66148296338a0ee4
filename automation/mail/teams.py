"""Whose items a summary covers: the whole register's, or a line manager's team's, split from
the whole's once. Pure: no clock, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from automation.core.model import Owner
from automation.core.problems import Problem
from automation.core.rating import RatedItem
from automation.core.register import Register
from automation.mail.digests import Noted

OWNER_OF = attrgetter("item.owner")


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


@dataclass(frozen=True)
class Scope:
    """What one summary covers: its items and each of its lists, most urgent first, and the
    problems (each named, when ``noted``) and refusals about them."""

    rated: Sequence[RatedItem]
    lists: Mapping[str, list[RatedItem]]
    problems: Sequence[Problem]
    noted: Sequence[Noted]
    unreachable: Sequence[tuple[str, str]]
    team: Team | None = None


def teams(owners: Sequence[Owner], managers: Iterable[str]) -> dict[str, Team]:
    """Each of ``managers`` (addresses), by casefolded address, with the owners naming them."""
    wanted = {m.strip().casefold(): m.strip() for m in managers}
    found: dict[str, list[str]] = {}
    for owner in owners:
        manager = owner.manager_email.strip().casefold()
        if manager in wanted and owner.name:
            found.setdefault(manager, []).append(owner.name)
    return {m: Team(wanted[m], tuple(names)) for m, names in found.items()}


def team_scopes(whole: Scope, found: Mapping[str, Team], register: Register) -> dict[str, Scope]:
    """Each team's part of the whole register's summary: its owners' items, each list in the
    whole's order (no team's summary lists the items nobody owns), the problems on their
    rows and the refusals about its owners."""
    team_of = {name.casefold(): manager for manager, team in found.items() for name in team.owners}
    rated = _split(whole.rated, team_of, found)
    lists = {name: _split(items, team_of, found) for name, items in whole.lists.items()}
    places = _problem_places(whole.problems, register, team_of, found)
    scopes = {}
    for manager, team in found.items():
        owners = {name.casefold() for name in team.owners}
        mine = places[manager]
        scopes[manager] = Scope(
            rated[manager],
            {name: [] if name == "unowned" else split[manager] for name, split in lists.items()},
            [whole.problems[n] for n in mine],
            [whole.noted[n] for n in mine] if whole.noted else [],
            [(who, why) for who, why in whole.unreachable if who.casefold() in owners],
            team,
        )
    return scopes


def _split(
    rated: Sequence[RatedItem], team_of: Mapping[str, str], found: Mapping[str, Team]
) -> dict[str, list[RatedItem]]:
    """``rated`` by team (``team_of``: owner's casefolded name -> manager), in its order."""
    parts: dict[str, list[RatedItem]] = {manager: [] for manager in found}
    managers = map(team_of.get, map(str.casefold, map(OWNER_OF, rated)))  # in C: no Python call an item
    for r, manager in zip(rated, managers, strict=True):
        if manager is not None:
            parts[manager].append(r)
    return parts


def _problem_places(
    problems: Sequence[Problem], register: Register, team_of: Mapping[str, str], found: Mapping[str, Team]
) -> dict[str, list[int]]:
    """Where each team's problems are in ``problems``: those on the rows of its items."""
    places: dict[str, list[int]] = {manager: [] for manager in found}
    item_at = register.items_at()
    for n, p in enumerate(problems):
        item = item_at(p.sheet, p.row)
        manager = team_of.get(item.owner.casefold()) if item is not None and item.owner else None
        if manager is not None:
            places[manager].append(n)
    return places
