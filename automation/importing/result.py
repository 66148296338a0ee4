"""What extraction produces: the paper, its publications and their items. Frozen values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from automation.core.model import DeadlineKind, Kind

# a date, immediate (due on publication), or None when the document gives no deadline
DeadlineValue = date | Literal[DeadlineKind.IMMEDIATE] | None


@dataclass(frozen=True)
class PaperInfo:
    """The covering paper (a committee paper) or, for a report on its own, the report."""

    title: str | None = None
    to: str | None = None
    sender: str | None = None  # 'from' in JSON
    dated: str | None = None  # ISO, to the precision written: '2021-09' or '2021-09-14'
    period_start: date | None = None
    period_end: date | None = None


@dataclass(frozen=True)
class ExtractedItem:
    ref: str
    kind: Kind
    text: str
    parent_ref: str | None = None
    cause_for_concern: bool = False
    para: str | None = None
    deadline_text: str | None = None
    deadline: DeadlineValue = None
    addressees: tuple[str, ...] = ()
    applies_to_force: bool = False
    ref_made_up: bool = False  # the document gave no ref; the importer numbered it
    confidence: float = 1.0  # 0 to 1: how surely this is an item (see ``candidates``)
    reason: str = ""  # why it was taken, in words: "labelled 'Recommendation 4'"
    position: int = 0  # its place among the publication's candidates, in document order


@dataclass(frozen=True)
class ExtractedPublication:
    seq: int
    title: str
    published: date | None = None
    kind: str | None = None
    tracked_via_business_assurance: bool = False
    items: tuple[ExtractedItem, ...] = ()
    held: tuple[ExtractedItem, ...] = ()  # candidates below the threshold: listed, never written unreviewed


@dataclass(frozen=True)
class Extraction:
    paper: PaperInfo
    publications: tuple[ExtractedPublication, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[
        str, ...
    ] = ()  # what the officer must check: a publication with no items, an unread table

    @property
    def held(self) -> tuple[tuple[ExtractedPublication, ExtractedItem], ...]:
        return tuple((pub, item) for pub in self.publications for item in pub.held)

    @property
    def candidates(self) -> tuple[tuple[ExtractedPublication, ExtractedItem], ...]:
        """Every candidate, items and held back alike, in document order."""
        return tuple(
            (pub, item)
            for pub in self.publications
            for item in sorted((*pub.items, *pub.held), key=lambda item: item.position)
        )

    @property
    def items(self) -> tuple[tuple[ExtractedPublication, ExtractedItem], ...]:
        return tuple((pub, item) for pub in self.publications for item in pub.items)
