"""The register as typed values: what ``automation.register`` reads from the workbook."""

from __future__ import annotations

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

    @cached_property
    def _items_at(self) -> dict[tuple[str, int], Item]:
        return {(item.sheet, item.row): item for item in self.items}

    def item_at(self, sheet: str, row: int) -> Item | None:
        """The item read from ``row`` of ``sheet``, if any."""
        return self._items_at.get((sheet, row))

    def publication(self, title: str) -> Publication | None:
        return self._publications.get(title.casefold())

    def owner(self, name: str) -> Owner | None:
        return self._owners.get(name.casefold())

    def published(self, item: Item) -> Any:
        found = self.publication(item.publication)
        return found.published if found else None
