"""The PCC's response to an HMICFRS report (Police Act 1996, s.55), rated like an item. Pure.

The police and crime commissioner must publish comments on each HMICFRS report about the
force within 56 days of its publication. A response is tracked when the Publications sheet
says one is required: Blue once published, Red when late, Amber when due within the amber
window, Green otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from automation.core.model import Publication, Rag, Settings
from automation.core.rating import Basis, Rating

S55_DAYS = 56


def s55_due(publication: Publication) -> date | None:
    """Publication date + 56 days, when a response is required and the date is known."""
    if publication.s55_required is not True or publication.published is None:
        return None
    return publication.published + timedelta(days=S55_DAYS)


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def rate_s55(publication: Publication, today: date, settings: Settings) -> Rating | None:
    """The response's rating on ``today``; None when no response is required."""
    if publication.s55_required is not True:
        return None
    due = s55_due(publication)
    if publication.s55_published is not None:
        return Rating(Rag.BLUE, f"published {publication.s55_published:%d/%m/%Y}", due, Basis.CLOSED)
    if due is None:
        return Rating(Rag.NOT_RATED, "no publication date, so no due date", None, Basis.NOT_RATED)
    left = (due - today).days
    if left < 0:
        return Rating(Rag.RED, f"overdue by {_days(-left)}", due, Basis.OVERDUE)
    if left <= settings.amber_days:
        return Rating(Rag.AMBER, "due today" if left == 0 else f"due in {_days(left)}", due, Basis.DUE_SOON)
    return Rating(Rag.GREEN, f"due in {_days(left)}", due)


@dataclass(frozen=True)
class S55Response:
    publication: Publication
    rating: Rating

    @property
    def due(self) -> date | None:
        return self.rating.due

    @property
    def needs_attention(self) -> bool:
        """Late, or due within the amber window: what the manager summary lists."""
        return self.rating.rag in (Rag.RED, Rag.AMBER)


def s55_responses(
    publications: tuple[Publication, ...], today: date, settings: Settings
) -> list[S55Response]:
    """Every required response, most urgent first."""
    found = []
    for publication in publications:
        rating = rate_s55(publication, today, settings)
        if rating is not None:
            found.append(S55Response(publication, rating))
    return sorted(found, key=lambda r: (r.rating.rag.urgency, r.due or date.max, r.publication.title))
