"""Tables of recommendations: which column is the text, the ref, the deadline and who must
act, read from the header row; each data row a candidate.

A table is a table of items when a header names the items ('Recommendation', 'Area for
improvement', 'Action') or when most of its rows ask something; a Ref, No., # or AFI column
gives the refs (a bare number becomes 'Recommendation 3', or 'AFI 3' under an AFI
header); a label written in the text cell ('Recommendation 3' on its own line) is taken
off and gives the ref. A Deadline, By when, Timescale or Due column gives the deadline as
written ('n/a' is none; an empty cell leaves the text's own deadline); a Target date is the
force's own date for its owner, not the inspectorate's deadline. An Addressed to, Directed
to, Responsible, Lead organisation or Who column names the bodies; an Owner or Lead officer
column is a person in the force, not the addressee, and is left alone. A row spanning the
table ('PEEL 2025: An inspection of ... (published 12 March 2024)') heads the rows under
it; a dotted ref under a written one ('CoC 1.1' under 'CoC 1') is its child. A column of
counts ('Recommendations: 4') is a summary, not items; nor is a table of an earlier
report's items beside their progress ('2022 recommendation | National position').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.addressees import bodies_in_cell
from automation.importing.candidates import REF_WORD, Candidate, quote
from automation.importing.document import Block
from automation.importing.grammar import directive
from automation.importing.labels import parse_label
from automation.importing.refs import under_written_parents

_HEADERS = {
    "ref": re.compile(
        r"^(?:ref(?:erence)?|no\.?|number|#|id|item|rec(?:ommendation)?\s*(?:no\.?|number|ref)"
        r"|(?:afi|aoi|coc|cfc|rec)s?\.?(?:\s*(?:no\.?|number|ref))?)$",
        re.I,
    ),
    "owner": re.compile(
        r"\b(?:owner|lead\s+officer|officer|portfolio|manager|person|target(?:\s+date)?|agreed\s+date"
        r"|revised\s+date|force\s+lead)\b",
        re.I,
    ),
    "deadline": re.compile(
        r"\b(?:deadline|by\s+when|when|timescales?|due(?:\s+date)?|date\s+due|time\s*frame|timing)\b",
        re.I,
    ),
    "who": re.compile(
        r"\b(?:addressed\s+to|directed\s+to|responsible(?:\s+(?:body|organisation|organization))?"
        r"|lead\s+(?:organisation|organization|body|agency)|who|for|recipient|addressee|organisation"
        r"|organization|body|bodies)\b",
        re.I,
    ),
    "kind": re.compile(r"^(?:type|kind|category)$", re.I),
    "status": re.compile(r"\b(?:status|rag|progress|update|comments?|evidence)\b", re.I),
    "text": re.compile(
        r"\b(?:recommendations?|areas?\s+for\s+improvement|actions?|description|text|what)\b", re.I
    ),
}
_NO_DEADLINE = re.compile(
    r"^(?:n/?a|none|nil|-+|\u2013|\u2014|tbc|tba|not\s+applicable|no\s+deadline(?:\s+set)?)$", re.I
)
_COUNT = re.compile(r"^(?:\d{1,3}|none|nil|n/a|-+|\u2013|\u2014)$", re.I)
_KIND_OF_REF = (
    (re.compile(r"^(?:afi|aoi|area)", re.I), Kind.AREA_FOR_IMPROVEMENT),
    (re.compile(r"^(?:coc|cause)", re.I), Kind.CAUSE_OF_CONCERN),
    (re.compile(r"^(?:act|a\d)", re.I), Kind.ACTION),
)


@dataclass(frozen=True)
class Columns:
    text: int
    ref: int | None = None
    deadline: int | None = None
    who: int | None = None
    kind: int | None = None
    headed: bool = False  # the header names the items
    ref_kind: Kind | None = None  # the kind the ref column's header names ('AFI')


def table_candidates(block: Block, context: Kind | None) -> list[Candidate]:
    """The table's rows as candidates (refs left '' where the table gives none)."""
    rows = [list(row) for row in block.rows]
    if earlier_items(rows[0]):
        return []
    columns = _columns(rows[0]) if len(rows) > 1 and _header_like(rows[0]) else None
    data = rows[1:] if columns is not None else rows
    columns = columns or _guess(rows)
    if columns is None:
        return []
    data = [row for row in data if not spans_table(row, columns.text)]
    asking = [row for row in data if _cell(row, columns.text) and directive(_cell(row, columns.text))]
    if not columns.headed and len(asking) * 2 < len(data):
        return []
    header = " / ".join(cell for cell in rows[0] if cell) if columns.headed else ""
    return under_written_parents([found for row in data if (found := _row(row, columns, context, header))])


def spans_table(row: list[str] | tuple[str, ...], text_column: int | None = None) -> bool:
    """A row of one merged cell across the table: a group's heading, not an item. Word and
    web pages repeat a merged cell's words in every column it covers; a PDF shows them once,
    in the first column, the others empty: there it heads a group only when the first
    column is not the items' text (a ref column holds no title of several words)."""
    filled = {" ".join(cell.split()) for cell in row if cell.strip()}
    words = len(re.findall(r"[A-Za-z]{2,}", next(iter(filled)))) if len(filled) == 1 else 0
    if words < 2:
        return False
    if len(row) == 1 or all(cell.strip() for cell in row):
        return True
    first = " ".join(row[0].split())
    return (
        len(row) >= 3
        and text_column not in (None, 0)
        and bool(first)
        and not any(cell.strip() for cell in row[1:])
        and first[:1].isupper()
    )


def _columns(header: list[str]) -> Columns | None:
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = " ".join(cell.split())
        for role in ("ref", "kind", "owner", "status", "deadline", "text", "who"):
            if role not in roles and _HEADERS[role].search(name):
                roles[role] = index
                break
    if "text" not in roles:
        return None
    ref_kind = _kind(_cell(header, roles.get("ref")), "", "", None) if "ref" in roles else None
    return Columns(
        roles["text"],
        roles.get("ref"),
        roles.get("deadline"),
        roles.get("who"),
        roles.get("kind"),
        True,
        ref_kind if ref_kind is not Kind.RECOMMENDATION else None,
    )


def _header_like(row: list[str]) -> bool:
    """A header row names its columns: no cell of it asks something or runs to a sentence."""
    return not any(len(cell.split()) > 12 or directive(" ".join(cell.split())) for cell in row)


def _guess(rows: list[list[str]]) -> Columns | None:
    """No header: the column with the longest words is the text, a short first column (or
    one of labels, 'Recommendation 3') the ref."""
    width = max(len(row) for row in rows)
    lengths = [sum(len(_cell(row, index)) for row in rows) for index in range(width)]
    text = max(range(width), key=lambda index: lengths[index])
    first = [_cell(row, 0) for row in rows]
    labels = all((label := parse_label(cell)) is not None and not label.rest for cell in first)
    first_short = text != 0 and (labels or all(len(cell) <= 12 for cell in first))
    return Columns(text, 0 if first_short else None)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return " ".join(row[index].split())


def _labelled_cell(cell: str) -> tuple[str, str]:
    """(label as a ref, text) of a text cell: 'Recommendation 3: The force ...', or the label
    on a line of its own above the text; ('', text) when no label is written."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    flat = " ".join(" ".join(lines).split())
    if len(lines) > 1 and (label := parse_label(lines[0])) is not None and not label.rest:
        rest = " ".join(" ".join(lines[1:]).split())
    elif (label := parse_label(flat)) is not None and label.rest:
        rest = label.rest
    else:
        return "", flat
    return label.ref, rest


def _row(row: list[str], columns: Columns, context: Kind | None, header: str) -> Candidate | None:
    labelled, text = _labelled_cell(row[columns.text] if columns.text < len(row) else "")
    if not text or _COUNT.match(text):
        return None  # an empty row, or a count in a summary table
    written = _cell(row, columns.ref) or labelled
    kind = _kind(written, _cell(row, columns.kind), header, context, columns.ref_kind)
    ref = _ref(written, kind)
    deadline = _cell(row, columns.deadline) if columns.deadline is not None else None
    who = bodies_in_cell(_cell(row, columns.who)) if columns.who is not None else None
    asks = directive(text, allow_will=kind is Kind.ACTION) is not None
    if columns.headed:
        confidence = conf.TABLE_ROW if asks or ref else conf.UNCLEAR_TABLE
        reason = f"row of a table with a {quote(header, 50)} header"
    elif asks and parse_label(written) is not None:
        confidence = conf.TABLE_ROW
        reason = f"row of a table labelled {quote(written, 30)}"
    else:
        confidence = conf.UNCLEAR_TABLE if asks else 0.0
        reason = "row of a table without a header, that asks something"
    if not confidence:
        return None
    return Candidate(
        ref,
        kind,
        text,
        confidence,
        reason,
        cause_for_concern=kind is Kind.CAUSE_OF_CONCERN,
        ref_made_up=not ref,
        deadline_text=_deadline(deadline),
        addressees=who,
        deadline_given=bool(deadline),  # an empty cell leaves the text's own deadline
    )


def _kind(ref: str, kind_cell: str, header: str, context: Kind | None, ref_kind: Kind | None = None) -> Kind:
    for text in (kind_cell, ref):
        for pattern, kind in _KIND_OF_REF:
            if text and pattern.match(text):
                return kind
    if ref_kind is not None:
        return ref_kind
    if re.search(r"area\s+for\s+improvement|\bafis?\b", header, re.I) and not re.search(
        r"recommendation", header, re.I
    ):
        return Kind.AREA_FOR_IMPROVEMENT
    if context in (Kind.AREA_FOR_IMPROVEMENT, Kind.ACTION):
        return context
    return Kind.RECOMMENDATION


def _ref(written: str, kind: Kind) -> str:
    written = written.strip().rstrip(".:")
    if not written:
        return ""
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", written):
        return f"{REF_WORD[kind]} {written}"
    return written


def _deadline(cell: str | None) -> str | None:
    if cell is None:
        return None
    cell = " ".join(cell.split())
    return None if not cell or _NO_DEADLINE.match(cell) else cell


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PROGRESS = re.compile(r"\b(?:status|rag|progress|update|position|assessment|met)\b", re.I)


def earlier_items(header: list[str] | tuple[str, ...]) -> bool:
    """'2022 recommendation | National position', 'Area for improvement (2023) | Progress':
    items of an earlier report beside their progress, not new ones."""
    columns = _columns(list(header))
    if columns is None or columns.deadline is not None or not _YEAR.search(header[columns.text]):
        return False
    return any(_PROGRESS.search(cell) for index, cell in enumerate(header) if index != columns.text)


def unread_table(block: Block) -> str | None:
    """What to tell the officer about a table that gave no items but looks as if it holds
    some (a header naming items, or rows that ask something)."""
    if block.rows and earlier_items(block.rows[0]):
        return None
    header = " / ".join(cell for cell in block.rows[0] if cell) if block.rows else ""
    columns = _columns(list(block.rows[0])) if block.rows else None
    counts = columns is not None and all(
        _COUNT.match(_cell(list(row), columns.text) or "0") for row in block.rows[1:]
    )
    named = bool(_HEADERS["text"].search(header)) and not counts
    asking = any(directive(" ".join(cell.split())) for row in block.rows for cell in row)
    if not (named or asking):
        return None
    return f"a table headed {quote(header or block.flat, 60)} gave no items: check it by hand"


def names_items(header: tuple[str, ...] | list[str]) -> bool:
    """Whether a header row names a column of items ('Recommendation', 'Area for improvement')."""
    return _columns(list(header)) is not None


def text_column(header: tuple[str, ...] | list[str]) -> int | None:
    """The column of the items' words, when a header row names one."""
    columns = _columns(list(header))
    return columns.text if columns is not None else None


def named_columns(header: tuple[str, ...] | list[str]) -> int:
    """How many of a header row's cells name a column ('Ref', 'Deadline', 'Responsible')."""
    names = [" ".join(cell.split()) for cell in header]
    return sum(any(pattern.search(name) for pattern in _HEADERS.values()) for name in names)
