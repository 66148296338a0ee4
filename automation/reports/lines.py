"""One item as every report shows it: plain values, already worded. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from automation.core.model import RAG_COLOURS, Rag
from automation.core.rating import Basis, RatedItem
from automation.mail.digests import shorten

SHORT = 100
SETTLED = (Basis.CLOSED, Basis.NOT_RATED)  # nothing is asked of an item rated on these


@dataclass(frozen=True)
class ItemLine:
    publication: str
    ref: str
    kind: str
    cause_for_concern: bool
    text: str
    deadline: str  # as written, else the deadline date, else ''
    owner: str
    executive_lead: str
    status: str
    due: date | None
    rag: Rag
    reason: str
    basis: Basis
    last_update: date | None
    progress: str
    evidence: str
    applies_to_force: bool | None
    row: int

    @property
    def heading(self) -> str:
        """'Recommendation 10 (cause for concern)', as papers write it."""
        return f"{self.ref} (cause for concern)" if self.cause_for_concern else self.ref

    @property
    def short_text(self) -> str:
        return shorten(self.text, SHORT)

    @property
    def deadline_unsaid(self) -> bool:
        """True when the item's text does not already say its deadline."""
        return bool(self.deadline) and self.deadline.casefold() not in self.text.casefold()

    @property
    def colour(self) -> str:
        return RAG_COLOURS[self.rag][0]

    @property
    def text_colour(self) -> str:
        return RAG_COLOURS[self.rag][1]

    @property
    def open(self) -> bool:
        return self.basis not in SETTLED

    @classmethod
    def of(cls, rated: RatedItem) -> ItemLine:
        item, rating = rated.item, rated.rating
        deadline = item.deadline_text or (f"{item.deadline_date:%d/%m/%Y}" if item.deadline_date else "")
        return cls(
            publication=item.publication,
            ref=item.ref,
            kind=item.kind.label if item.kind else "",
            cause_for_concern=item.cause_for_concern,
            text=" ".join(item.text.split()),
            deadline=deadline,
            owner=item.owner,
            executive_lead=item.executive_lead,
            status=item.status.label if item.status else "",
            due=rating.due,
            rag=rating.rag,
            reason=rating.reason,
            basis=rating.basis,
            last_update=item.last_update,
            progress=" ".join(item.progress.split()),
            evidence=" ".join(item.evidence.split()),
            applies_to_force=item.applies_to_force,
            row=item.row,
        )
