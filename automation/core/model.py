"""Domain values: frozen dataclasses and closed enums. No I/O, no clock."""

from __future__ import annotations

import collections
import dataclasses
import enum
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from types import MappingProxyType
from typing import Any


def _norm(text: str) -> str:
    """Fold case, spaces and dash variants so officers' typing matches the list."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    return re.sub(r"[\s\-]+", " ", text.replace("-", " - ")).strip().casefold()


class FastEnum(enum.Enum):
    """An enum whose members hash by identity, as they compare: Enum's own hash is a Python
    function, and rating a large register hashes ratings and statuses millions of times."""

    __hash__ = object.__hash__


class _Labelled(FastEnum):
    """An enum whose values are the labels officers see in the drop-down lists."""

    @property
    def label(self) -> str:
        return str(self.value)

    @classmethod
    def labels(cls) -> list[str]:
        return [member.label for member in cls]

    @classmethod
    def parse(cls, text: str) -> Any:
        """The member whose label matches ``text`` loosely, or None."""
        return _loose_lookup(cls).get(_norm(text))


@functools.cache
def _loose_lookup(cls: type[_Labelled]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for member in cls:
        found.setdefault(_norm(member.label), member)
        found.setdefault(_norm(member.name), member)
    return found


class Kind(_Labelled):
    RECOMMENDATION = "Recommendation"
    CAUSE_OF_CONCERN = "Cause of concern"
    AREA_FOR_IMPROVEMENT = "Area for improvement"
    ACTION = "Action"


class Status(_Labelled):
    """The one list of statuses; the workbook's drop-down is written from it."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    AWAITING_SIGN_OFF = "Complete \u2013 awaiting sign-off"
    CLOSED = "Closed"
    SUPERSEDED = "Superseded"
    FOR_INFORMATION = "For information"

    @property
    def is_open(self) -> bool:
        """Open items are the ones an owner is still chased about."""
        return self in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_SIGN_OFF)


class Rag(FastEnum):
    """BRAG ratings, declared most urgent first."""

    RED = "Red"
    AMBER = "Amber"
    GREEN = "Green"
    BLUE = "Blue"
    NOT_RATED = "Not rated"

    @property
    def urgency(self) -> int:
        return _URGENCY[self]

    @property
    def key(self) -> str:
        return self.name.lower()


_URGENCY = {rag: n for n, rag in enumerate(Rag)}

# background and text colour of each rating, as hex RGB: the register's RAG column, the
# emails and the reports all show a rating in these
RAG_COLOURS = {
    Rag.RED: ("FFC7CE", "9C0006"),
    Rag.AMBER: ("FFEB9C", "9C5700"),
    Rag.GREEN: ("C6EFCE", "006100"),
    Rag.BLUE: ("BDD7EE", "1F4E78"),
    Rag.NOT_RATED: ("EDEDED", "595959"),
}


class DeadlineKind(FastEnum):
    DATE = "date"
    IMMEDIATE = "immediate"
    NONE = "none"


@dataclass(frozen=True)
class Deadline:
    """A deadline as resolved from its wording: a date, 'immediate', or none."""

    kind: DeadlineKind
    date: date | None = None
    text: str = ""
    interpreted: bool = False  # e.g. 'March 2022' read as 31/03/2022

    @classmethod
    def none(cls, text: str = "") -> Deadline:
        return cls(DeadlineKind.NONE, None, text)


@dataclass(frozen=True, order=True)
class CellRef:
    """Where a value came from: sheet, 1-based row and column."""

    sheet: str
    row: int
    col: int

    @property
    def a1(self) -> str:
        return f"{column_letter(self.col)}{self.row}"

    def __str__(self) -> str:
        return f"{quoted_sheet(self.sheet)}!{self.a1}"


@functools.lru_cache(maxsize=64)
def quoted_sheet(sheet: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted unless plain."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


@functools.lru_cache(maxsize=256)
def column_letter(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Located:
    """Rows read from a sheet know where each of their values came from."""

    sheet: str
    row: int
    columns: Mapping[str, int]  # field -> 1-based column, shared by every row of a sheet

    def cell(self, name: str) -> CellRef:
        """Where field ``name`` lives, e.g. Register!K12 (column 0 when the sheet lacks it)."""
        return CellRef(self.sheet, self.row, self.columns.get(name, 0))


@dataclass(frozen=True)
class Settings:
    """The thresholds officers decide, read from the workbook's Settings sheet."""

    amber_days: int = 30
    stale_days: int = 28


@dataclass(frozen=True)
class Publication(Located):
    title: str
    published: date | None = None
    type: str = ""
    link: str = ""
    tracked_at_assurance_meeting: bool | None = None
    s55_required: bool | None = None  # must the PCC publish comments (Police Act 1996 s.55)?
    s55_published: date | None = None  # when the PCC's response was published
    summary: str = ""
    row: int = 0
    sheet: str = field(default="", compare=False, repr=False)
    columns: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Owner(Located):
    name: str
    email: str = ""
    role: str = ""
    manager_email: str = ""
    row: int = 0
    sheet: str = field(default="", compare=False, repr=False)
    columns: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Item(Located):
    """One trackable row of the Register sheet, typed.

    Values that could not be understood are None here; the problem is recorded on the
    register (see ``Register.problems``). ``cell(field)`` says where a value came from;
    ``extra`` keeps columns officers added, by their header.
    """

    publication: str
    ref: str
    row: int
    kind: Kind | None = None
    parent_ref: str = ""
    cause_for_concern: bool = False
    text: str = ""
    addressees: str = ""
    applies_to_force: bool | None = None
    deadline_text: str = ""
    deadline_date: date | None = None
    target_date: date | None = None
    owner: str = ""
    executive_lead: str = ""
    status: Status | None = None
    last_update: date | None = None
    progress: str = ""
    evidence: str = ""
    date_closed: date | None = None
    signed_off_by: str = ""
    signed_off_on: date | None = None
    notes: str = ""
    extension_agreed_by: str = ""  # who agreed a target date after the deadline
    extension_agreed_on: date | None = None
    sheet: str = field(default="", compare=False, repr=False)
    columns: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    unread: tuple[str, ...] = field(default=(), compare=False, repr=False)  # fields that could not be read

    @property
    def key(self) -> tuple[str, str]:
        """Publication and reference: references repeat across publications."""
        return (self.publication, self.ref)

    @classmethod
    def from_columns(cls, keys: Sequence[str], columns: Sequence[Iterable[Any]]) -> list[Item]:
        """Items from columns of field values (``keys`` names each column), without
        ``__init__``'s per-field cost: a 200,000-row register makes one dict per item and
        nothing more. Fields left out read their defaults from the class (so each item holds
        only what was read); ``keys`` must name real fields."""
        defaults = {key: value for key, value in _factory_defaults().items() if key not in keys}
        rows = zip(*columns, *map(repeat, defaults.values()), strict=False)  # repeats never end
        fields = list(map(dict, map(functools.partial(zip, (*keys, *defaults)), rows)))
        made = list(map(object.__new__, repeat(cls, len(fields))))
        # every loop in C: a row's dict becomes its item's own
        collections.deque(map(object.__setattr__, made, repeat("__dict__"), fields), maxlen=0)
        return made


@functools.cache
def _factory_defaults() -> dict[str, Any]:
    """Defaults the class cannot hold (made by a factory), shared and so read-only."""
    return {
        f.name: MappingProxyType({})
        for f in dataclasses.fields(Item)
        if f.default is dataclasses.MISSING and f.default_factory is not dataclasses.MISSING
    }
