"""Reading the officer's review back: exactly the rows ticked Include, with the fields as
the officer left them, as an Extraction the ordinary merge adds through the guarded write.

Each cell that cannot be read (a kind that is not one, a deadline that is not a date,
'Immediately' or blank, an empty ref) is named by sheet and cell; nothing is added until
every included row can be.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from automation.core.deadlines import parse_date_text
from automation.core.errors import CannotRun
from automation.core.model import DeadlineKind, Kind, column_letter
from automation.importing.result import (
    DeadlineValue,
    ExtractedItem,
    ExtractedPublication,
    Extraction,
    PaperInfo,
)
from automation.importing.review import ABOUT, COLUMNS, MARK, PUBLICATIONS, REVIEW


def read_review(path: Path) -> tuple[Extraction, str]:
    """(the included rows as an Extraction, the paper it was read from)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as error:
        raise CannotRun(
            "no such file", where=str(path), fix="check the path of the review workbook"
        ) from error
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise CannotRun(
            "this is not a review workbook that can be read",
            where=str(path),
            fix="give the .xlsx that 'tracker import PAPER --review FILE.xlsx' wrote",
        ) from error
    try:
        return _read(book, path)
    finally:
        book.close()


def _read(book: Any, path: Path) -> tuple[Extraction, str]:
    if not {REVIEW, PUBLICATIONS, ABOUT} <= set(book.sheetnames):
        raise CannotRun(
            "this workbook has no Review, Publications and About sheets",
            where=str(path),
            fix="give the .xlsx that 'tracker import PAPER --review FILE.xlsx' wrote",
        )
    about = {str(row[0]): row[1] for row in book[ABOUT].iter_rows(values_only=True) if row and row[0]}
    if MARK not in about:
        raise CannotRun(
            "this is not a tracker review workbook", where=str(path), fix="write one with --review"
        )
    publications = _read_publications(book[PUBLICATIONS])
    items, problems = _read_rows(book[REVIEW], publications)
    if problems:
        raise CannotRun(
            f"the review cannot be added as it stands: {'; '.join(problems[:8])}"
            + (f"; and {len(problems) - 8} more" if len(problems) > 8 else ""),
            where=str(path),
            fix="correct those cells (or set Include to No for those rows), save, and run --accept again",
        )
    paper = PaperInfo(about.get("Title") or None, about.get("To") or None, about.get("From") or None)
    grouped = [
        ExtractedPublication(
            seq, title, published, kind, tracked, tuple(item for name, item in items if name == title)
        )
        for seq, (title, published, kind, tracked) in enumerate(publications.values(), start=1)
        if any(name == title for name, _ in items)
    ]
    return Extraction(paper, tuple(grouped)), str(about.get("Paper") or "")


def _read_publications(sheet: Any) -> dict[str, tuple[str, date | None, str, bool]]:
    found: dict[str, tuple[str, date | None, str, bool]] = {}
    for row in list(sheet.iter_rows(values_only=True))[1:]:
        title = _text(row[0] if row else None)
        if title:
            published = _date(row[1]) if len(row) > 1 else None
            kind = _text(row[2] if len(row) > 2 else None).casefold()
            tracked = _text(row[3] if len(row) > 3 else None).casefold() == "yes"
            found[title.casefold()] = (title, published, kind, tracked)
    return found


def _read_rows(
    sheet: Any, publications: dict[str, tuple[str, date | None, str, bool]]
) -> tuple[list[tuple[str, ExtractedItem]], list[str]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = [_text(cell) for cell in rows[0]] if rows else []
    missing = [name for name, _, _ in COLUMNS if name not in header]
    if missing:
        return [], [f"{REVIEW} sheet has no {', '.join(missing)} column"]
    at = {name: header.index(name) for name, _, _ in COLUMNS}
    items: list[tuple[str, ExtractedItem]] = []
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[index] if index < len(row) else None) for name, index in at.items()}
        if _text(cells["Include"]).casefold() not in ("yes", "y", "true", "1"):
            continue
        found = _row_item(cells, number, at, publications, problems)
        if found is not None:
            items.append(found)
    return items, problems


def _row_item(
    cells: dict[str, Any],
    number: int,
    at: dict[str, int],
    publications: dict[str, tuple[str, date | None, str, bool]],
    problems: list[str],
) -> tuple[str, ExtractedItem] | None:
    def where(name: str) -> str:
        return f"{REVIEW}!{column_letter(at[name] + 1)}{number}"

    before = len(problems)
    title, ref, text = (_text(cells[name]) for name in ("Publication", "Ref", "Text"))
    problems += [
        f"{where(name)} is empty" for name in ("Publication", "Ref", "Text") if not _text(cells[name])
    ]
    kind = next((k for k in Kind if k.label.casefold() == _text(cells["Kind"]).casefold()), None)
    if kind is None:
        problems.append(f"{where('Kind')} {_text(cells['Kind'])!r} is not a kind of item")
    readable, deadline = _deadline(cells["Deadline"])
    if not readable:
        problems.append(
            f"{where('Deadline')} {_text(cells['Deadline'])!r} is not a date, 'Immediately' or blank"
        )
    if len(problems) > before or kind is None:
        return None
    if title.casefold() not in publications:
        publications[title.casefold()] = (title, None, "", False)  # a title the officer wrote in
    item = ExtractedItem(
        ref=ref,
        kind=kind,
        text=text,
        parent_ref=_text(cells["Parent ref"]) or None,
        cause_for_concern=_yes_no(cells["Cause for concern"]),
        para=_text(cells["Para"]) or None,
        deadline_text=_text(cells["Deadline as written"]) or None,
        deadline=deadline,
        addressees=tuple(name.strip() for name in _text(cells["Addressees"]).split(";") if name.strip()),
        applies_to_force=_yes_no(cells["Applies to force"]),
        ref_made_up=_yes_no(cells["Ref made up"]),
        reason="reviewed by the officer",
    )
    return publications[title.casefold()][0], item


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _yes_no(value: Any) -> bool:
    return value is True or _text(value).casefold() in ("yes", "y", "true", "1")


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_date_text(_text(value)) if _text(value) else None
    return parsed[0] if parsed else None


def _deadline(value: Any) -> tuple[bool, DeadlineValue]:
    """(readable, the deadline): a date, immediate, or None for a blank cell."""
    text = _text(value)
    if not text:
        return True, None
    if text.casefold() in ("immediately", "immediate", "with immediate effect"):
        return True, DeadlineKind.IMMEDIATE
    found = _date(value)
    return found is not None, found
