"""Tables of recommendations: which column is the text, the ref, the deadline and who must
act, read from the header row; each data row a candidate.

A table is a table of items when a header names the items ('Recommendation', 'Area for
improvement', 'Action') or when most of its rows ask something; a Ref, No. or # column
gives the refs (a bare number becomes 'Recommendation 3'); a Deadline, By when, Timescale
or Due column gives the deadline as written ('' and 'n/a' are none); an Addressed to,
Responsible, Lead organisation or Who column names the bodies. An Owner or Lead officer
column is a person in the force, not the addressee, and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import REF_WORD, Candidate, quote
from automation.importing.document import Block
from automation.importing.grammar import directive
from automation.importing.labels import parse_label

_HEADERS = {
    "ref": re.compile(
        r"^(?:ref(?:erence)?|no\.?|number|#|id|item|rec(?:ommendation)?\s*(?:no\.?|number|ref))$", re.I
    ),
    "deadline": re.compile(
        r"\b(?:deadline|by\s+when|when|timescales?|target\s+date|due(?:\s+date)?|date\s+due|completion\s+date"
        r"|time\s*frame|timing)\b",
        re.I,
    ),
    "who": re.compile(
        r"\b(?:addressed\s+to|responsible(?:\s+(?:body|organisation|organization))?|lead\s+(?:organisation|"
        r"organization|body|agency)|who|for|recipient|organisation|organization|body|bodies)\b",
        re.I,
    ),
    "owner": re.compile(r"\b(?:owner|lead\s+officer|officer|portfolio|manager|person)\b", re.I),
    "kind": re.compile(r"^(?:type|kind|category)$", re.I),
    "status": re.compile(r"\b(?:status|rag|progress|update|comments?|evidence)\b", re.I),
    "text": re.compile(
        r"\b(?:recommendations?|areas?\s+for\s+improvement|actions?|description|text|what)\b", re.I
    ),
}
_NO_DEADLINE = re.compile(
    r"^(?:n/?a|none|nil|-+|\u2013|\u2014|tbc|tba|not\s+applicable|no\s+deadline(?:\s+set)?)$", re.I
)
_KIND_OF_REF = (
    (re.compile(r"^(?:afi|area)", re.I), Kind.AREA_FOR_IMPROVEMENT),
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


def table_candidates(block: Block, context: Kind | None) -> list[Candidate]:
    """The table's rows as candidates (refs left '' where the table gives none)."""
    rows = [list(row) for row in block.rows]
    columns = _columns(rows[0]) if len(rows) > 1 else None
    data = rows[1:] if columns is not None else rows
    columns = columns or _guess(rows)
    if columns is None:
        return []
    asking = [row for row in data if _cell(row, columns.text) and directive(_cell(row, columns.text))]
    if not columns.headed and len(asking) * 2 < len(data):
        return []
    header = " / ".join(cell for cell in rows[0] if cell) if columns.headed else ""
    return [found for row in data if (found := _row(row, columns, context, header)) is not None]


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
    return Columns(
        roles["text"], roles.get("ref"), roles.get("deadline"), roles.get("who"), roles.get("kind"), True
    )


def _guess(rows: list[list[str]]) -> Columns | None:
    """No header: the column with the longest words is the text, a short first column the ref."""
    width = max(len(row) for row in rows)
    lengths = [sum(len(_cell(row, index)) for row in rows) for index in range(width)]
    text = max(range(width), key=lambda index: lengths[index])
    first_short = text != 0 and all(len(_cell(row, 0)) <= 12 for row in rows)
    return Columns(text, 0 if first_short else None)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return " ".join(row[index].split())


def _row(row: list[str], columns: Columns, context: Kind | None, header: str) -> Candidate | None:
    text = _cell(row, columns.text)
    if not text:
        return None
    written = _cell(row, columns.ref)
    if (label := parse_label(text)) is not None and label.rest:
        text = label.rest  # 'Recommendation 3: The force should ...' in the text column
        written = written or (f"{REF_WORD[label.kind]} {label.number}" if label.number else "")
    kind = _kind(written, _cell(row, columns.kind), header, context)
    ref = _ref(written, kind)
    deadline = _cell(row, columns.deadline) if columns.deadline is not None else None
    who = _bodies(_cell(row, columns.who)) if columns.who is not None else None
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
        ref_made_up=not ref,
        deadline_text=_deadline(deadline),
        addressees=who,
        deadline_given=columns.deadline is not None,
    )


def _kind(ref: str, kind_cell: str, header: str, context: Kind | None) -> Kind:
    for text in (kind_cell, ref):
        for pattern, kind in _KIND_OF_REF:
            if text and pattern.match(text):
                return kind
    if re.search(r"area\s+for\s+improvement", header, re.I) and not re.search(
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


def _bodies(cell: str) -> tuple[str, ...]:
    from automation.importing.bodies import display_name, is_body

    for pattern in (r"[;\n]|,\s*", r"[;\n]|,\s*|\s+and\s+(?=[A-Z])"):
        parts = [part.strip() for part in re.split(pattern, cell) if part.strip()]
        if parts and all(is_body(part) for part in parts):
            return tuple(dict.fromkeys(display_name(part) for part in parts))
    return (display_name(cell),) if cell else ()


def unread_table(block: Block) -> str | None:
    """What to tell the officer about a table that gave no items but looks as if it holds
    some (a header naming items, or rows that ask something)."""
    header = " / ".join(cell for cell in block.rows[0] if cell) if block.rows else ""
    named = bool(_HEADERS["text"].search(header))
    asking = any(directive(" ".join(cell.split())) for row in block.rows for cell in row)
    if not (named or asking):
        return None
    return f"a table headed {quote(header or block.flat, 60)} gave no items: check it by hand"


def names_items(header: tuple[str, ...] | list[str]) -> bool:
    """Whether a header row names a column of items ('Recommendation', 'Area for improvement')."""
    return _columns(list(header)) is not None
