"""The officer's review of an import, as a workbook, before anything reaches the register.

``write_review`` puts every candidate a paper gave, in document order, on the Review sheet:
Include (preset Yes for those at or above the threshold), the confidence, the reason in
words and every field the register will get; the Publications sheet holds each
publication's details, the About sheet the paper's. Every cell from the document is
written as text, so nothing in it becomes a formula or a link. The officer edits fields
and ticks rows; ``read_review`` reads back exactly the included rows, as an Extraction the
ordinary merge adds through the guarded write.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from automation.core.model import DeadlineKind, Kind
from automation.importing.candidates import THRESHOLD
from automation.importing.result import ExtractedItem, ExtractedPublication, Extraction

MARK = "tracker import review"
REVIEW, PUBLICATIONS, ABOUT = "Review", "Publications", "About"
COLUMNS = (  # header, width, what it holds
    ("Include", 9, "Yes to add the row to the register, No to leave it out"),
    ("Confidence", 11, "how surely the importer took it for an item"),
    ("Why", 40, "what in the document made it a candidate"),
    ("Publication", 36, "the report it belongs to (a title on the Publications sheet)"),
    ("Ref", 18, "its reference; together with the publication, the register's key"),
    ("Ref made up", 11, "Yes when the paper gives it no number and the importer made one"),
    ("Kind", 20, "Recommendation, Cause of concern, Area for improvement or Action"),
    ("Parent ref", 18, "the item it belongs under, if any"),
    ("Cause for concern", 11, "Yes for a cause of concern and its recommendations"),
    ("Para", 8, "the paragraph number the document shows"),
    ("Deadline as written", 24, "the deadline in the document's words"),
    ("Deadline", 12, "dd/mm/yyyy, Immediately, or blank when the words give no date"),
    ("Addressees", 28, "who must act, separated by semicolons"),
    ("Applies to force", 10, "Yes when the item binds the force"),
    ("Text", 90, "the item as written"),
)
PUBLICATION_COLUMNS = (("Title", 70), ("Published", 12), ("Type", 18), ("Tracked at assurance meeting", 14))
_YES_NO = ("Yes", "No")


def write_review(extraction: Extraction, path: Path, source: str, today: date) -> int:
    """Write the review workbook; the number of candidate rows."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    formats = {
        "head": book.add_format({"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "valign": "top"}),
        "text": book.add_format({"text_wrap": True, "valign": "top"}),
        "date": book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"}),
        "percent": book.add_format({"num_format": "0%", "valign": "top"}),
        "held": book.add_format({"font_color": "#7F7F7F", "text_wrap": True, "valign": "top"}),
    }
    rows = _review_sheet(book, extraction, formats)
    _publications_sheet(book, extraction, formats)
    _about_sheet(book, extraction, source, today, formats, path.name)
    book.close()
    return rows


def _review_sheet(book: Any, extraction: Extraction, formats: dict[str, Any]) -> int:
    sheet = book.add_worksheet(REVIEW)
    for column, (header, width, note) in enumerate(COLUMNS):
        sheet.write_string(0, column, header, formats["head"])
        sheet.write_comment(0, column, note)
        sheet.set_column(column, column, width)
    candidates = extraction.candidates
    last = max(len(candidates), 1)
    for row, (publication, item) in enumerate(candidates, start=1):
        style = formats["text"] if item.confidence >= THRESHOLD else formats["held"]
        _write_item(sheet, row, publication, item, style, formats)
    for column in (0, 5, 8, 13):
        sheet.data_validation(1, column, last, column, {"validate": "list", "source": list(_YES_NO)})
    kinds = [kind.label for kind in Kind]
    sheet.data_validation(1, 6, last, 6, {"validate": "list", "source": kinds})
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    return len(candidates)


def _write_item(
    sheet: Any,
    row: int,
    publication: ExtractedPublication,
    item: ExtractedItem,
    style: Any,
    formats: dict[str, Any],
) -> None:
    values = (
        _yes(item.confidence >= THRESHOLD),
        None,
        item.reason,
        publication.title,
        item.ref,
        _yes(item.ref_made_up),
        item.kind.label,
        item.parent_ref or "",
        _yes(item.cause_for_concern),
        item.para or "",
        item.deadline_text or "",
        None,
        "; ".join(item.addressees),
        _yes(item.applies_to_force),
        item.text,
    )
    for column, value in enumerate(values):
        if value is not None:
            sheet.write_string(row, column, value, style)
    sheet.write_number(row, 1, round(item.confidence, 2), formats["percent"])
    if isinstance(item.deadline, date):
        sheet.write_datetime(row, 11, datetime.combine(item.deadline, datetime.min.time()), formats["date"])
    elif item.deadline is DeadlineKind.IMMEDIATE:
        sheet.write_string(row, 11, "Immediately", style)


def _publications_sheet(book: Any, extraction: Extraction, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(PUBLICATIONS)
    for column, (header, width) in enumerate(PUBLICATION_COLUMNS):
        sheet.write_string(0, column, header, formats["head"])
        sheet.set_column(column, column, width)
    for row, publication in enumerate(extraction.publications, start=1):
        sheet.write_string(row, 0, publication.title, formats["text"])
        if publication.published is not None:
            sheet.write_datetime(
                row, 1, datetime.combine(publication.published, datetime.min.time()), formats["date"]
            )
        kind = publication.kind or ""
        sheet.write_string(row, 2, kind[:1].upper() + kind[1:], formats["text"])
        sheet.write_string(row, 3, _yes(publication.tracked_via_business_assurance), formats["text"])


def _about_sheet(
    book: Any, extraction: Extraction, source: str, today: date, formats: dict[str, Any], name: str
) -> None:
    sheet = book.add_worksheet(ABOUT)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 100)
    paper = extraction.paper
    how = "Tick Include (Yes) on the Review sheet for each row to add, correct any field, then run:"
    lines = [
        (MARK, f"{how} tracker import --accept {name}"),
        ("Paper", source),
        ("Read on", today.strftime("%d/%m/%Y")),
        ("Threshold", f"rows at {THRESHOLD:.0%} confidence or more start as Include = Yes"),
        ("Title", paper.title or ""),
        ("To", paper.to or ""),
        ("From", paper.sender or ""),
        ("Dated", paper.dated or ""),
        *(("Warning", warning) for warning in extraction.warnings),
        *(("Note", note) for note in extraction.notes),
    ]
    for row, (label, value) in enumerate(lines):
        sheet.write_string(row, 0, label, formats["head"] if row == 0 else formats["text"])
        sheet.write_string(row, 1, value, formats["text"])


def _yes(value: bool) -> str:
    return "Yes" if value else "No"
