"""Rating a whole register: counts, groupings and the most-urgent-first item list. Pure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.core.model import Item, Rag
from automation.core.pauses import no_gc_pauses
from automation.core.rating import Rating, rate
from automation.register.load import Register

_FAR = date.max


@dataclass(frozen=True)
class RatedItem:
    item: Item
    rating: Rating

    @property
    def sort_key(self) -> tuple[int, date, str, str]:
        return (self.rating.rag.urgency, self.rating.due or _FAR, self.item.publication,
                self.item.ref)  # fmt: skip


@dataclass(frozen=True)
class StatusReport:
    as_of: date
    rated: tuple[RatedItem, ...]  # most urgent first

    @property
    def counts(self) -> dict[Rag, int]:
        return count_ratings(self.rated)

    def by(self, field: str) -> dict[str, dict[Rag, int]]:
        """Counts per publication or per owner ('' for items with no owner)."""
        groups: dict[str, list[RatedItem]] = {}
        for rated in self.rated:
            groups.setdefault(getattr(rated.item, field), []).append(rated)
        return {name: count_ratings(group) for name, group in sorted(groups.items())}


def count_ratings(rated: tuple[RatedItem, ...] | list[RatedItem]) -> dict[Rag, int]:
    counter = Counter(r.rating.rag for r in rated)
    return {rag: counter.get(rag, 0) for rag in Rag}


def rate_all(register: Register, today: date) -> list[RatedItem]:
    settings = register.settings
    published: dict[str, date | None] = {}
    rated = []
    for item in register.items:
        title = item.publication
        if title not in published:
            published[title] = register.published(item)
        rated.append(RatedItem(item, rate(item, today, settings, published[title])))
    return rated


def status_report(register: Register, today: date) -> StatusReport:
    with no_gc_pauses():
        rated = sorted(rate_all(register, today), key=lambda r: r.sort_key)
        return StatusReport(today, tuple(rated))


def status_of(path: Path, today: date) -> StatusReport:
    """Ratings of every item in the workbook at ``path`` on ``today``. Raises
    RegisterUnreadable or RegisterLayoutError when it cannot rate at all."""
    from automation.register.load import load_register

    return status_report(load_register(path, for_rating=True), today)
