"""The register as typed values: what ``automation.register`` reads from the workbook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from automation.core.model import Item, Owner, Publication, Settings
from automation.core.problems import Problem
from automation.core.updates import Update


@dataclass(frozen=True)
class Register:
    """Everything read from the workbook. ``problems`` are those found while reading."""

    path: Path
    items: tuple[Item, ...]
    owners: tuple[Owner, ...]
    publications: tuple[Publication, ...]
    settings: Settings
    problems: tuple[Problem, ...]
    extra_columns: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()  # the Updates sheet: owners' updates as they came in
    notes: tuple[str, ...] = ()  # which sheet was read, when another could have been

    @cached_property
    def _publications(self) -> dict[str, Publication]:
        found: dict[str, Publication] = {}
        for publication in self.publications:
            found.setdefault(publication.title.casefold(), publication)
        return found

    @cached_property
    def _owners(self) -> dict[str, Owner]:
        found: dict[str, Owner] = {}
        for owner in self.owners:
            found.setdefault(owner.name.casefold(), owner)
        return found

    def items_at(self) -> Callable[[str, int], Item | None]:
        """A look-up of the item read from a row of a sheet, for one pass over some rows (the
        rows of problems): its map is made on the first look-up and let go with the look-up,
        where a map kept on the register would hold a key for every item until the run ends."""
        rows: dict[str, dict[int, Item]] = {}

        def item_at(sheet: str, row: int) -> Item | None:
            if not rows:
                for item in self.items:
                    rows.setdefault(item.sheet, {})[item.row] = item
            found = rows.get(sheet)
            return found.get(row) if found is not None else None

        return item_at

    def publication(self, title: str) -> Publication | None:
        return self._publications.get(title.casefold())

    def owner(self, name: str) -> Owner | None:
        return self._owners.get(name.casefold())

    def published(self, item: Item) -> Any:
        found = self.publication(item.publication)
        return found.published if found else None
