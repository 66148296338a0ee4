"""A candidate item: what was found, how sure the importer is, and why, in words.

Confidence is from 0 to 1. Candidates at or above ``THRESHOLD`` are the document's items;
those below are listed for the officer (and preset unticked in a review workbook) but
never written without review. The levels say how the item showed itself:
"""

from __future__ import annotations

from dataclasses import dataclass

from automation.core.model import Kind

THRESHOLD = 0.5

LABELLED = 0.95  # 'Recommendation 4: ...', 'Area for improvement 2' then its text
TABLE_ROW = 0.9  # a row of a table with a recommendation column
RECORD = 0.9  # a tracker record's directive, under its title line and ID
RESTATED = 0.9  # a recommendation restated in a response
UNDER_LEAD_IN = 0.85  # a bullet or paragraph under 'By June, the force should:' or 'we recommend:'
CAUSE = 0.85  # the statement under a 'Cause of concern' heading
NUMBERED = 0.85  # an item of a numbered list of recommendations
IN_SECTION = 0.8  # a directive under a 'Recommendations' or 'Areas for improvement' heading
PASSIVE_IN_SECTION = 0.7  # the same, but nobody is named ('Funding should be provided')
OUTSIDE = 0.3  # a directive sentence in the narrative: listed, never written unreviewed
UNCLEAR_TABLE = 0.35  # a table row that asks something, in a table not headed as recommendations

REF_WORD = {
    Kind.RECOMMENDATION: "Recommendation",
    Kind.ACTION: "Action",
    Kind.AREA_FOR_IMPROVEMENT: "AFI",
    Kind.CAUSE_OF_CONCERN: "Cause of concern",
}


@dataclass(frozen=True)
class Candidate:
    """An item as found, before its deadline and addressees are read.

    ``lead_in`` is the text a bullet fragment takes its actor and deadline from;
    ``deadline_text`` and ``addressees`` are set when a table's columns give them.
    """

    ref: str
    kind: Kind
    text: str
    confidence: float
    reason: str
    para: str | None = None
    cause_for_concern: bool = False
    parent_ref: str | None = None
    lead_in: str | None = None
    ref_made_up: bool = False
    deadline_text: str | None = None
    addressees: tuple[str, ...] | None = None
    deadline_given: bool = False  # a table's deadline column said (even when it is empty)

    @property
    def included(self) -> bool:
        return self.confidence >= THRESHOLD


def quote(text: str, limit: int = 60) -> str:
    """Words of the document for a reason: 'By 30 June the force should:' (cut if long)."""
    flat = " ".join(text.split())
    return f"'{flat}'" if len(flat) <= limit else f"'{flat[: limit - 1].rstrip()}…'"
