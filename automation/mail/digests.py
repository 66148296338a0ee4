"""What the week's messages say: plain values composed by ``compose`` and rendered by templates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from automation.core.model import CellRef, Owner, Rag, Status
from automation.core.problems import Problem
from automation.core.rating import Basis, RatedItem
from automation.core.updates import Update

TEXT_LIMIT = 220
STATUS_LABELS: dict[Status | None, str] = {None: "", **{status: status.label for status in Status}}
LIMIT = 50  # lines a list of an email shows, the most urgent; the rest are in its attachment
SECTIONS = (
    (Basis.OVERDUE, "Overdue", "send an update and evidence of completion, or ask for a new target date"),
    (Basis.DUE_SOON, "Due soon", "confirm it will be complete by the due date, and send evidence when it is"),
    (Basis.STALE, "Needs an update", "send a short progress update"),
    (Basis.ON_TRACK, "On track", "no action needed unless something has changed"),
    (Basis.AWAITING_SIGN_OFF, "Awaiting sign-off", "nothing: it goes to the assurance meeting for sign-off"),
)


def shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    """Whole words up to ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "\u2026"


@dataclass(frozen=True)
class Line:
    """One item as it appears in an email."""

    publication: str
    ref: str
    text: str
    owner: str
    status: str
    due: date | None
    rag: Rag
    reason: str
    basis: Basis
    last_update: date | None
    cell: CellRef  # where the item's Ref is
    red_since: date | None = None

    @property
    def where(self) -> str:
        return str(self.cell)

    @classmethod
    def of(cls, rated: RatedItem, red_since: date | None = None, *, with_text: bool = True) -> Line:
        """``with_text`` False for lists that do not show the item's text (manager tables).
        Made without ``__init__``'s per-field cost: a week's emails hold one per open item."""
        item, rating = rated.item, rated.rating
        line = object.__new__(cls)
        fields = {
            "publication": item.publication,
            "ref": item.ref,
            "text": shorten(item.text) if with_text else "",
            "owner": item.owner,
            "status": STATUS_LABELS[item.status],
            "due": rating.due,
            "rag": rating.rag,
            "reason": rating.reason,
            "basis": rating.basis,
            "last_update": item.last_update,
            "cell": item.cell("ref"),
            "red_since": red_since,
        }
        object.__setattr__(line, "__dict__", fields)
        return line


@dataclass(frozen=True)
class Section:
    title: str
    ask: str
    lines: tuple[Line, ...]  # the most urgent, at most ``LIMIT``
    more: int = 0  # the section's items not listed

    @property
    def total(self) -> int:
        return len(self.lines) + self.more


@dataclass(frozen=True)
class History:
    """What earlier runs recorded: the previous run's ratings, each red streak's start, and
    which owners that week's digest reached (escalation needs the owner to have been told)."""

    previous_as_of: date | None = None
    previous: dict[tuple[str, str], Rag] = field(default_factory=dict)
    red_since: dict[tuple[str, str], date] = field(default_factory=dict)
    reached: frozenset[str] = frozenset()  # owners (email, casefolded) whose digest that week was sent


@dataclass(frozen=True)
class OwnerDigest:
    owner: Owner
    sections: tuple[Section, ...]
    escalated: tuple[Line, ...]
    escalate_to: str
    updates_to: str
    return_name: str = ""  # the return workbook attached for the owner to fill in, if any
    refused_returns: tuple[RefusedReturn, ...] = ()  # their returns refused since the last run
    left_out: tuple[Noted, ...] = ()  # the problems that keep their items out of this email
    escalated_more: int = 0  # items red two runs running not listed in ``escalated``
    listed: tuple[RatedItem, ...] = ()  # every open item the sections count, most urgent first
    left_out_more: int = 0  # problems keeping their items out not listed in ``left_out``

    @property
    def count(self) -> int:
        """How many open items the owner has, listed or not."""
        return sum(s.total for s in self.sections)

    @property
    def left_out_total(self) -> int:
        return len(self.left_out) + self.left_out_more

    @property
    def escalated_total(self) -> int:
        return len(self.escalated) + self.escalated_more

    @property
    def cut(self) -> bool:
        """Whether any list of the email shows only its most urgent items."""
        return self.escalated_more > 0 or self.left_out_more > 0 or any(s.more for s in self.sections)


@dataclass(frozen=True)
class RefusedReturn:
    """A return ``tracker collect`` refused, and why."""

    owner: str  # '' when the return could not be traced to an owner
    email: str
    source: str
    received: date
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ReturnsNews:
    """What came back from owners since the previous run: every update logged on the Updates
    sheet, and the returns refused."""

    since: date | None = None
    updates: tuple[Update, ...] = ()
    refused: tuple[RefusedReturn, ...] = ()

    @property
    def held(self) -> tuple[Update, ...]:
        return tuple(u for u in self.updates if u.held)

    @property
    def requested(self) -> tuple[Update, ...]:
        return tuple(u for u in self.updates if u.requested_date is not None)


@dataclass(frozen=True)
class Noted:
    """A register problem named for a person: the item it is about (publication and ref, when
    it is on an item's row) and the column, beside the cell."""

    problem: Problem
    item: str = ""  # "Recommendation 3, Inspection of ..." or ""
    column: str = ""  # the column's header, or ""

    @property
    def where(self) -> str:
        about = ", ".join(
            part for part in (self.item, f"column {self.column}" if self.column else "") if part
        )
        return f"{self.problem.where} ({about})" if about else self.problem.where


@dataclass(frozen=True)
class ManagerSummary:
    as_of: date
    counts: dict[Rag, int]
    previous_counts: dict[Rag, int] | None
    previous_as_of: date | None
    turned_red: tuple[Line, ...]
    overdue: tuple[Line, ...]
    unowned: tuple[Line, ...]
    due_soon: tuple[Line, ...]
    due_window: int
    by_publication: dict[str, dict[Rag, int]]
    by_owner: dict[str, dict[Rag, int]]
    problems: tuple[Problem, ...]
    left_out: tuple[Line, ...]
    unreachable: tuple[tuple[str, str], ...]  # (owner, why no email can go to them)
    s55: tuple[S55Line, ...] = ()  # PCC responses late or due within the amber window
    returns: ReturnsNews = ReturnsNews()  # owners' updates and refused returns this week
    needs_update: tuple[Line, ...] = ()  # Amber because no update for longer than the window
    stale_window: int = 28
    noted: tuple[Noted, ...] = ()  # ``problems``, each named by item and column (the most urgent)
    totals: Mapping[str, int] = field(default_factory=dict)  # each list's length before it was cut
    scope: str = ""  # whose items this summary covers, when not the whole register's
    team: tuple[str, ...] = ()  # for a line manager's summary, the names of their owners
    everything: SummaryLists | None = None  # every list in full, when any was cut

    @property
    def named(self) -> tuple[Noted, ...]:
        """The problems as the summary lists them: by item and column where known."""
        return self.noted or tuple(Noted(p) for p in self.problems)

    def total(self, name: str) -> int:
        """How many items (or groups, or problems) list ``name`` holds in all."""
        shown = self.named if name == "problems" else getattr(self, name)
        return self.totals.get(name, len(shown))

    def more(self, name: str) -> int:
        """How many list ``name`` holds beyond those shown (they are in the attachment)."""
        shown = self.named if name == "problems" else getattr(self, name)
        return self.total(name) - len(shown)


@dataclass(frozen=True)
class SummaryLists:
    """Every list of a manager summary in full, for the attached workbook: the items of each
    list most urgent first, the counts by publication and by owner, and the problems."""

    items: Mapping[str, Sequence[RatedItem]]  # turned_red, overdue, unowned, due_soon, ...
    groups: Mapping[str, Mapping[str, Mapping[Rag, int]]]  # publication, owner -> counts
    problems: tuple[Noted, ...]
    red_since: Mapping[tuple[str, str], date]


@dataclass(frozen=True)
class S55Line:
    """A PCC's s.55 response that is late or due soon, as the manager summary lists it."""

    publication: str
    published: date | None
    due: date | None
    rag: Rag
    reason: str
    cell: CellRef  # where the publication's title is

    @property
    def where(self) -> str:
        return str(self.cell)


@dataclass(frozen=True)
class Options:
    escalate: bool = True
    send_empty: bool = False
    updates_to: str = ""
    allowed_domains: tuple[str, ...] = ("*.police.uk",)
    refused_returns: tuple[RefusedReturn, ...] = ()  # since the previous run, from the ledger
    teams: tuple[str, ...] = ()  # line managers who get a summary of their owners' items
    limit: int = LIMIT  # items each list of an owner's digest shows, the most urgent


@dataclass(frozen=True)
class Plan:
    as_of: date
    digests: tuple[OwnerDigest, ...]
    summary: ManagerSummary  # the whole register's
    teams: Mapping[str, ManagerSummary] = field(default_factory=dict)  # line managers' (casefolded)

    def summary_for(self, recipient: str) -> ManagerSummary:
        """A line manager's summary covers their owners' items; anyone else's, everything."""
        return self.teams.get(recipient.strip().casefold(), self.summary)
