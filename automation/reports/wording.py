"""Sentences every report format shares, so the Word and Markdown papers say the same."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from automation.core.model import RAG_COLOURS, Rag
from automation.core.s55 import S55Response
from automation.core.text import ddmmyyyy
from automation.reports.changes import Event, EventKind
from automation.reports.lines import ItemLine


def long_date(value: date | None) -> str:
    """'13 July 2021', as committee papers write dates."""
    return f"{value.day} {value:%B %Y}" if value else "–"


def when(value: str) -> str:
    """A stored value for reading: ISO dates as dd/mm/yyyy, blanks as 'none'."""
    if not value:
        return "none"
    try:
        return ddmmyyyy(date.fromisoformat(value))
    except ValueError:
        return value


def force_phrase(publication: object) -> str:
    """Who must act: 'none applies to the force...', 'all apply...', 'N apply...'."""
    total, mine = len(publication.items), publication.for_force  # type: ignore[attr-defined]
    if mine == 0:
        return "none of them applies to the force, so all are tracked for information"
    if mine == total:
        return "all of them apply to the force"
    verb = "applies" if mine == 1 else "apply"
    return f"{mine} of them {verb} to the force, the rest are tracked for information"


def s55_sentence(response: S55Response) -> str:
    start = "The PCC's response under section 55 of the Police Act 1996"
    published = response.publication.s55_published
    if published:
        return f"{start} was published on {long_date(published)}."
    if response.due is None:
        return f"{start} is required; the report has no publication date, so no due date."
    rating = response.rating
    return f"{start} is due by {long_date(response.due)} ({rating.rag.value}: {rating.reason})."


def event_text(event: Event) -> str:
    text = f"{event.ref}, {event.publication} ({ddmmyyyy(event.as_of)}"
    if event.kind in (EventKind.SLIPPED, EventKind.OWNER_CHANGED):
        text += f": {when(event.old)} to {when(event.new)}"
    return text + ")"


def events_text(events: Sequence[Event]) -> str:
    return "; ".join(event_text(e) for e in events)


def refs(lines: Sequence[ItemLine]) -> str:
    return "; ".join(f"{line.ref}, {line.publication}" for line in lines)


def rag_colour(rag: Rag) -> str:
    return RAG_COLOURS[rag][0]
