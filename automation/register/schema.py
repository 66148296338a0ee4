"""The one place that names the workbook's sheets and columns.

Reading finds sheets and columns by these headers (case, spaces and punctuation ignored,
aliases accepted); ``tracker init`` writes them; validation names them in its messages.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class ColumnType(enum.Enum):
    TEXT = "text"
    DATE = "date"
    YES_NO = "yes/no"
    KIND = "kind"
    STATUS = "status"
    FORMULA = "formula"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    width: int = 14
    aliases: tuple[str, ...] = ()
    help: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


def normalise(header: object) -> str:
    """'Deadline (date)', ' deadline  DATE ' and 'Deadline-date' all become 'deadline date'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(header).casefold()).split())


T = ColumnType
REGISTER = SheetSpec(
    "Register",
    (
        Column(
            "publication",
            "Publication",
            required=True,
            width=30,
            aliases=("Report", "Report title", "Publication title", "Inspection"),
            help="title exactly as on the Publications sheet",
        ),
        Column(
            "ref",
            "Ref",
            required=True,
            width=17,
            aliases=("Reference", "Rec ref", "Item ref", "Recommendation ref"),
            help="as the report numbers it: Recommendation 3, AFI 2, Action 1",
        ),
        Column(
            "rag",
            "RAG",
            T.FORMULA,
            width=10,
            aliases=("BRAG", "RAG status"),
            help="worked out by formula from the Settings sheet; do not type here",
        ),
        Column(
            "due",
            "Due",
            T.FORMULA,
            width=11,
            aliases=("Due date (calculated)",),
            help="target date, else deadline: worked out by formula",
        ),
        Column("status", "Status", T.STATUS, required=True, width=17),
        Column(
            "owner",
            "Owner",
            required=True,  # without it nobody is chased, however the rest reads
            width=18,
            aliases=("Lead officer", "Action owner"),
            help="a name from the Owners sheet",
        ),
        Column(
            "target_date",
            "Target date",
            T.DATE,
            width=12,
            aliases=("Agreed target date", "Revised deadline", "Revised target date"),
            help="the force's own agreed date; after the deadline only by agreement",
        ),
        Column(
            "deadline_date",
            "Deadline",
            T.DATE,
            width=12,
            aliases=("Deadline date", "Deadline (date)", "HMICFRS deadline"),
        ),
        Column(
            "deadline_text", "Deadline as written", width=18, aliases=("Deadline text", "Deadline wording")
        ),
        Column(
            "text",
            "Item text",
            width=60,
            aliases=("Recommendation", "Recommendation text", "Text", "Description"),
        ),
        Column("kind", "Kind", T.KIND, required=True, width=16, aliases=("Type", "Item type")),
        Column(
            "cause_for_concern", "Cause for concern", T.YES_NO, width=10, aliases=("Cause of concern", "CfC")
        ),
        Column("parent_ref", "Parent ref", width=15, aliases=("Parent",)),
        Column("addressees", "Addressees", width=24, aliases=("Addressed to",)),
        Column(
            "applies_to_force",
            "Applies to force",
            T.YES_NO,
            width=10,
            aliases=("Applies to the force", "Force action required"),
        ),
        Column("executive_lead", "Executive lead", width=18, aliases=("Exec lead", "Chief officer lead")),
        Column(
            "last_update",
            "Last update",
            T.DATE,
            width=12,
            aliases=("Last update date", "Last updated", "Date of last update"),
        ),
        Column(
            "progress",
            "Latest progress update",
            width=50,
            aliases=("Progress update", "Progress", "Latest update"),
        ),
        Column("evidence", "Evidence", width=30, aliases=("Evidence of completion",)),
        Column("date_closed", "Date closed", T.DATE, width=12, aliases=("Closed date", "Closed on")),
        Column(
            "signed_off_by",
            "Signed off by",
            width=18,
            aliases=("Sign off", "Signed off"),
            help="who signed the item off (e.g. at the assurance meeting); Closed needs it",
        ),
        Column(
            "signed_off_on",
            "Signed off on",
            T.DATE,
            width=12,
            aliases=("Sign off date", "Date signed off"),
            help="the date it was signed off; Closed needs it",
        ),
        Column(
            "notes",
            "Notes",
            width=30,
            aliases=("Comments",),
            help="anything else worth recording about the item",
        ),
        Column(
            "extension_agreed_by",
            "Extension agreed by",
            width=18,
            aliases=("Extension approved by", "Extension agreed"),
            help="who agreed a target date after the deadline (ends the validation warning)",
        ),
        Column(
            "extension_agreed_on",
            "Extension agreed on",
            T.DATE,
            width=12,
            aliases=("Extension approved on", "Extension date agreed"),
            help="when the later target date was agreed",
        ),
    ),
    aliases=("Recommendations", "Tracker", "Master register"),
)

OWNERS = SheetSpec(
    "Owners",
    (
        Column("name", "Name", required=True, width=24, aliases=("Owner", "Owner name")),
        Column("email", "Email", required=True, width=34, aliases=("Email address", "E-mail")),
        Column("role", "Role", width=30, aliases=("Job title", "Department")),
        Column(
            "manager_email",
            "Manager email",
            width=34,
            aliases=("Manager's email", "Line manager email", "Manager"),
        ),
    ),
)

PUBLICATIONS = SheetSpec(
    "Publications",
    (
        Column("title", "Title", required=True, width=60, aliases=("Publication", "Report")),
        Column(
            "published",
            "Published",
            T.DATE,
            width=12,
            aliases=("Published date", "Publication date", "Date published"),
        ),
        Column("type", "Type", width=18, aliases=("Report type", "Kind")),
        Column("link", "Link", width=40, aliases=("URL", "Web link")),
        Column(
            "tracked",
            "Tracked at assurance meeting",
            T.YES_NO,
            width=14,
            aliases=("Tracked", "Business assurance", "Tracked via business assurance"),
        ),
        Column(
            "s55_required",
            "s.55 response required",
            T.YES_NO,
            width=12,
            aliases=("s55 response required", "Section 55 response required", "PCC response required"),
            help="Yes when the PCC must publish comments within 56 days (Police Act 1996, s.55)",
        ),
        Column(
            "s55_due",
            "s.55 response due",
            T.FORMULA,
            width=12,
            aliases=("s55 response due", "Section 55 response due", "PCC response due"),
            help="published + 56 days: worked out by formula; do not type here",
        ),
        Column(
            "s55_published",
            "s.55 response published",
            T.DATE,
            width=12,
            aliases=("s55 response published", "Section 55 response published", "PCC response published"),
            help="the date the PCC's response was published",
        ),
        Column(
            "summary",
            "Summary",
            width=60,
            aliases=("Overview", "Synopsis"),
            help="a few sentences on the report for the committee paper (optional)",
        ),
    ),
)

UPDATES = SheetSpec(
    "Updates",
    (
        Column("received", "Received", T.DATE, required=True, width=12, help="the day the update arrived"),
        Column("publication", "Publication", required=True, width=30),
        Column("ref", "Ref", required=True, width=17),
        Column("owner", "Owner", width=18),
        Column("text", "Update", width=50, help="the owner's progress update, as they wrote it"),
        Column("proposed_status", "Proposed status", width=17),
        Column(
            "status_outcome",
            "Status outcome",
            width=24,
            help="applied, or held when the register's status changed after the return was sent",
        ),
        Column("evidence", "Evidence", width=30),
        Column(
            "requested_date",
            "Requested target date",
            T.DATE,
            width=12,
            help="never applied by tracker: for the governance officer to agree or refuse",
        ),
        Column("requested_reason", "Reason for new date", width=30),
        Column("source", "Source", width=30, help="the file or message the update came in"),
        Column("return_ref", "Return", width=22, help="the return and its copy, so it is logged once"),
    ),
)

SETTINGS_SHEET = "Settings"
LISTS_SHEET = "Lists"
GUIDE_SHEET = "Guide"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    name: str  # the Excel defined name the RAG formula uses
    default: int
    help: str
    maximum: int = 3650  # ten years: more is a typing slip, and dates past year 9999 cannot be


SETTINGS = (
    SettingSpec(
        "amber_days",
        "Amber window (days)",
        "AmberDays",
        30,
        "an open item due within this many days is Amber",
    ),
    SettingSpec(
        "stale_days",
        "Stale update window (days)",
        "StaleDays",
        28,
        "an open item with no update for longer than this is Amber",
    ),
)

YES_NO = ("Yes", "No")
PUBLICATION_TYPES = (
    "Inspection",
    "Joint inspection",
    "Thematic inspection",
    "PEEL inspection",
    "Review",
    "Super-complaint",
    "Annual assessment",
    "Other",
)
