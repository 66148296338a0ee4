"""The committee paper's content: what it says, built from the register and its history. Pure.

The shape follows the paper a governance officer writes for the Joint Audit Committee: a
heading block, Purpose, a numbered section per publication of the period (title, date,
summary, its items with deadlines, and where each stands), then the register as a whole
(counts by rating, overdue items, items awaiting sign-off, s.55 responses due or late,
changes since the last paper) and the closing recommendation. Writers (docx, md) only lay
this out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from automation.core.model import Publication, Rag
from automation.core.rating import Basis, StatusReport, count_ratings
from automation.core.register import Register
from automation.core.s55 import S55Response, s55_responses
from automation.reports.changes import PeriodChanges
from automation.reports.lines import SETTLED, ItemLine


@dataclass(frozen=True)
class PaperOptions:
    """What the force sets in tracker.toml's [reports] section."""

    to: str = "Joint Audit Committee"
    sender: str = "Governance and Inspection Officer"
    department: str = ""
    marking: str = "OFFICIAL"
    inspectorate: str = "HMICFRS"


@dataclass(frozen=True)
class PaperPublication:
    number: int
    title: str
    published: date | None
    type: str
    link: str
    summary: str
    items: tuple[ItemLine, ...]
    s55: S55Response | None

    @property
    def counts(self) -> dict[Rag, int]:
        found = {rag: 0 for rag in Rag}
        for line in self.items:
            found[line.rag] += 1
        return found

    @property
    def kinds_phrase(self) -> str:
        """'13 recommendations', '5 recommendations and 2 areas for improvement'."""
        counts: dict[str, int] = {}
        for line in self.items:
            counts[line.kind or "item"] = counts.get(line.kind or "item", 0) + 1
        parts = [_counted(n, kind) for kind, n in counts.items()]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    @property
    def for_force(self) -> int:
        return sum(1 for line in self.items if line.applies_to_force)

    @property
    def causes_of_concern(self) -> int:
        return sum(1 for line in self.items if line.cause_for_concern)


@dataclass(frozen=True)
class Paper:
    options: PaperOptions
    as_of: date
    period_from: date
    period_to: date
    publications: tuple[PaperPublication, ...]
    counts: dict[Rag, int]  # every item of the register
    total: int
    overdue: tuple[ItemLine, ...]
    awaiting_sign_off: tuple[ItemLine, ...]
    no_update: tuple[ItemLine, ...]  # open items with no update since ``changes.since``
    s55_due: tuple[S55Response, ...]  # late or due within the amber window
    changes: PeriodChanges

    @property
    def subject(self) -> str:
        return f"Overview of {self.options.inspectorate} publications – {self.period}"

    @property
    def period(self) -> str:
        return f"{self.period_from:%B %Y} to {self.period_to:%B %Y}"

    @property
    def items_of_period(self) -> int:
        return sum(len(p.items) for p in self.publications)

    @property
    def since(self) -> date:
        return self.changes.since

    @property
    def last_section(self) -> int:
        """Numbers of the two closing sections follow the publications'."""
        return len(self.publications)


_PLURALS = {"Cause of concern": "causes of concern", "Area for improvement": "areas for improvement"}


def _counted(n: int, kind: str) -> str:
    if n == 1:
        return f"1 {kind.lower()}"
    return f"{n} {_PLURALS.get(kind, kind.lower() + 's')}"


def quarter_end_before(day: date) -> date:
    """The last day of the quarter before the one ``day`` falls in: the default 'since'."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    return date(day.year, first_month, 1) - timedelta(days=1)


def _in_period(publication: Publication, start: date, end: date) -> bool:
    return publication.published is not None and start <= publication.published <= end


def build_paper(
    register: Register,
    report: StatusReport,
    period_from: date,
    period_to: date,
    changes: PeriodChanges,
    options: PaperOptions = PaperOptions(),
) -> Paper:
    """The paper for publications published from ``period_from`` to ``period_to``, with the
    register as it stands on ``report.as_of``."""
    responses = {
        r.publication.title.casefold(): r
        for r in s55_responses(register.publications, report.as_of, register.settings)
    }
    chosen = sorted(
        (p for p in register.publications if _in_period(p, period_from, period_to)),
        key=lambda p: (p.published, p.row),
    )
    items = _items_of(register, report, {p.title.casefold() for p in chosen})
    publications = tuple(
        PaperPublication(
            n,
            p.title,
            p.published,
            p.type,
            p.link,
            p.summary,
            tuple(sorted(items.get(p.title.casefold(), []), key=lambda line: line.row)),
            responses.get(p.title.casefold()),
        )
        for n, p in enumerate(chosen, start=1)
    )
    still_open = [ItemLine.of(r) for r in report.rated if r.rating.basis not in SETTLED]  # most urgent first
    return Paper(
        options=options,
        as_of=report.as_of,
        period_from=period_from,
        period_to=period_to,
        publications=publications,
        counts=count_ratings(report.rated),
        total=len(report.rated),
        overdue=tuple(line for line in still_open if line.basis is Basis.OVERDUE),
        awaiting_sign_off=tuple(line for line in still_open if line.basis is Basis.AWAITING_SIGN_OFF),
        no_update=tuple(
            line for line in still_open if line.last_update is None or line.last_update <= changes.since
        ),
        s55_due=tuple(r for r in responses.values() if r.needs_attention),
        changes=changes,
    )


def _items_of(register: Register, report: StatusReport, titles: set[str]) -> dict[str, list[ItemLine]]:
    """The items of the publications titled ``titles`` (casefolded), as lines, by title."""
    rated = {r.item.key: r for r in report.rated}
    found: dict[str, list[ItemLine]] = {}
    for item in register.items:
        title = item.publication.casefold()
        if title in titles and (r := rated.get(item.key)) is not None:
            found.setdefault(title, []).append(ItemLine.of(r))
    return found
