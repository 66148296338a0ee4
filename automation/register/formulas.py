"""The Excel formulas behind the register's Due and RAG columns.

They compute the same rating as ``automation.core.rating`` from the Settings sheet's named cells
and TODAY(), so officers see live status in Excel with no Python involved. Plain A1
references and defined names only: LibreOffice and older Excel cannot evaluate structured
table references in every case.
"""

from __future__ import annotations

from collections.abc import Mapping

from automation.core.model import Status
from automation.core.s55 import S55_DAYS
from automation.register.schema import SETTINGS

AMBER_NAME, STALE_NAME = (spec.name for spec in SETTINGS)
PUB_TITLES = "PubTitles"
PUB_DATES = "PubDates"


def _published(publication: str) -> str:
    return f"INDEX({PUB_DATES},MATCH(TRIM({publication}),{PUB_TITLES},0))"


def _has_date(expression: str) -> str:
    # N() turns a blank into 0 in Excel and LibreOffice alike; IFERROR covers a title not listed.
    return f"IFERROR(N({expression})>0,FALSE)"


def due_formula(row: int, letters: Mapping[str, str]) -> str:
    """Target date, else Deadline, else the publication date for an immediate deadline.
    INT() drops a time of day, as the Python rules do."""
    c = {key: f"${letter}{row}" for key, letter in letters.items()}
    published = _published(c["publication"])
    return (
        f'=IF(AND({c["publication"]}="",{c["ref"]}=""),"",'
        f"IF(ISNUMBER({c['target_date']}),INT({c['target_date']}),"
        f"IF(ISNUMBER({c['deadline_date']}),INT({c['deadline_date']}),"
        f'IF(AND(ISNUMBER(SEARCH("immediate",{c["deadline_text"]})),{_has_date(published)}),'
        f'INT({published}),""))))'
    )


def _signed_off(c: Mapping[str, str]) -> str:
    """TRUE when a Closed item has its sign-off: each of evidence, signed off by (text) and
    signed off on (a date) the sheet has a column for, as ``rating.sign_off_missing``."""
    tests = [f"LEN(TRIM({c[key]}))>0" for key in ("evidence", "signed_off_by") if key in c]
    if "signed_off_on" in c:
        tests.append(f"ISNUMBER({c['signed_off_on']})")
    return f"AND({','.join(tests)})" if tests else "TRUE"


def rag_formula(row: int, letters: Mapping[str, str]) -> str:
    """The BRAG rules of ``automation.core.rating`` as one Excel formula (reads the Due column).
    AND() evaluates every argument, so a blank Due goes through N() before any arithmetic.
    A Closed item without its sign-off is Green, as awaiting sign-off."""
    c = {key: f"${letter}{row}" for key, letter in letters.items()}
    status, due, last = f"TRIM({c['status']})", c["due"], c["last_update"]  # as Python reads it
    published = _published(c["publication"])
    stale_from_publication = (
        f'IF({_has_date(published)},IF(TODAY()-INT({published})>{STALE_NAME},"Amber","Green"),"Amber")'
    )
    return (
        f'=IF(AND({c["publication"]}="",{c["ref"]}=""),"",'
        f'IF({status}="{Status.CLOSED.label}",IF({_signed_off(c)},"Blue","Green"),'
        f'IF(OR({status}="{Status.SUPERSEDED.label}",{status}="{Status.FOR_INFORMATION.label}"),'
        f'"Not rated",'
        f'IF({status}="{Status.AWAITING_SIGN_OFF.label}","Green",'
        f'IF(AND(ISNUMBER({due}),N({due})<TODAY()),"Red",'
        f'IF(AND(ISNUMBER({due}),N({due})-TODAY()<={AMBER_NAME}),"Amber",'
        f'IF(ISNUMBER({last}),IF(TODAY()-INT({last})>{STALE_NAME},"Amber","Green"),'
        f"{stale_from_publication})))))))"
    )


def s55_due_formula(row: int, letters: Mapping[str, str]) -> str:
    """Published + 56 days when a s.55 response is required; blank otherwise."""
    published, required = f"${letters['published']}{row}", f"${letters['s55_required']}{row}"
    return f'=IF(AND(ISNUMBER({published}),TRIM({required})="Yes"),INT({published})+{S55_DAYS},"")'
