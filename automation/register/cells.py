"""Turning raw cell values into typed values, recording a problem when one will not go."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from automation.core.deadlines import parse_date_text
from automation.core.model import CellRef, Kind, Status
from automation.core.problems import Problem, error, show, warning
from automation.core.text import odd_spacing

# Control characters an .xlsx cell cannot hold (the file format forbids them; openpyxl
# refuses them with IllegalCharacterError). Tabs and line breaks are kept.
_NOT_IN_CELLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CELL_TEXT_LIMIT = 32_767  # Excel's most characters in one cell


def cell_text(text: str) -> str:
    """Text as a cell can hold it: control characters removed, cut to Excel's limit."""
    return without_control_characters(text)[:CELL_TEXT_LIMIT]


def without_control_characters(text: str) -> str:
    """Text without the control characters a cell cannot hold (tabs and line breaks kept)."""
    return _NOT_IN_CELLS.sub("", text)


EXCEL_ERRORS = frozenset(
    (
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    )
)
_YES = frozenset(("yes", "y", "true", "1"))
_NO = frozenset(("no", "n", "false", "0"))
DATE_FIX = "type the date as dd/mm/yyyy (for example 31/08/2021) in a cell formatted as a date"


def is_excel_error(value: Any) -> bool:
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def excel_error_problem(where: CellRef, value: Any) -> Problem:
    return error(
        where,
        value or "#error",
        "holds an Excel error value",
        "correct the formula or the cells it refers to, or clear the cell",
    )


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    return show(value)


def as_date(value: Any, where: CellRef, problems: list[Problem]) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value == "" or value is None:
        return None
    if isinstance(value, str):
        parsed = parse_date_text(value)
        if parsed is None:
            problems.append(error(where, value, "is not a date", DATE_FIX))
            return None
        found, interpreted = parsed
        if interpreted:
            problems.append(
                warning(
                    where,
                    value,
                    f"has no day: read as {found:%d/%m/%Y}, the end of that month",
                    f"type the exact date, e.g. {found:%d/%m/%Y}, if that is not what is meant",
                )
            )
        else:
            problems.append(
                warning(
                    where,
                    value,
                    "is a date typed as text, which Excel's RAG formula cannot use",
                    "retype it as a date (dd/mm/yyyy) so Excel stores a real date",
                )
            )
        return found
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        problems.append(
            error(
                where,
                value,
                "is a number, not a date",
                "format the cell as a date (dd/mm/yyyy), or retype the date",
            )
        )
        return None
    problems.append(error(where, value, "is not a date", DATE_FIX))
    return None


def as_yes_no(value: Any, where: CellRef, problems: list[Problem]) -> bool | None:
    if isinstance(value, bool):
        return value
    text = as_text(value).casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    problems.append(error(where, value, "is not Yes or No", "pick Yes or No from the drop-down"))
    return None


def _did_you_mean(text: str, labels: list[str]) -> str:
    loose = {" ".join(label.casefold().replace("\u2013", "-").split()): label for label in labels}
    guess = loose.get(" ".join(text.casefold().replace("\u2013", "-").split()))
    if guess and (spacing := odd_spacing(text)) and " ".join(text.split()) == guess:
        return f": it reads '{guess}' but has {spacing} in it"
    return f"; did you mean '{guess}'?" if guess else ""


def as_kind(value: Any, where: CellRef, problems: list[Problem]) -> Kind | None:
    text = as_text(value)
    if not text:
        return None
    kind = Kind.parse(text)
    if kind is None:
        problems.append(
            error(
                where,
                value,
                "is not one of the kinds",
                f"pick one from the drop-down: {', '.join(Kind.labels())}",
            )
        )
    return kind


def excel_trim(text: str) -> str:
    """What Excel's TRIM() makes of text: no spaces at either end, single spaces inside."""
    return re.sub(" +", " ", text.strip(" "))


def as_status(value: Any, where: CellRef, problems: list[Problem]) -> Status | None:
    """Statuses match the list in any case once trimmed as Excel's TRIM() does, so Python and
    the RAG formula (which compares TRIM(Status)) read the same status."""
    if not isinstance(value, str) or not value:
        if value not in ("", None):
            problems.append(error(where, value, "is not a status", "pick one from the drop-down"))
        return None
    status = next((s for s in Status if s.label.casefold() == value.casefold()), None)
    if status is None and not value.strip():
        problems.append(error(where, value, "holds only spaces", "clear the cell, then pick a status"))
        return None
    trimmed = next((s for s in Status if s.label.casefold() == excel_trim(value).casefold()), None)
    if status is None and trimmed is not None:
        problems.append(
            warning(
                where,
                repr(value),
                f"has stray spaces; read as '{trimmed.label}' (the RAG formula trims them too)",
                "pick the status from the drop-down to tidy it",
            )
        )
        return trimmed
    if status is None:
        hint = _did_you_mean(value, Status.labels())
        problems.append(
            error(
                where,
                value,
                "is not one of the statuses" + hint,
                f"pick one from the drop-down: {', '.join(Status.labels())}",
            )
        )
    return status
