"""How a fresh register looks: its colours, cell formats, the date rule of its date columns
and the words of its Guide sheet."""

from __future__ import annotations

from datetime import date
from typing import Any

from xlsxwriter.workbook import Workbook as XlsxBook

from automation.core.model import RAG_COLOURS
from automation.register.page_setup import WRAP_FROM
from automation.register.schema import ColumnType

GUIDE = (
    "How to keep this register",
    "",
    "Register: one row per recommendation, cause of concern, area for improvement or action.",
    "Publication must match a title on the Publications sheet; Publication and Ref together "
    "identify an item.",
    "Pick Kind, Status, Owner and the Yes/No columns from their drop-downs.",
    "Type dates as dd/mm/yyyy. Deadline is the inspectorate's date; Target date is the force's own "
    "agreed date and, when set, is what the item is rated against.",
    "Deadline as written keeps the report's words ('By March 2022', 'Immediately').",
    "Do not type in RAG or Due: they are formulas. When you add a row, copy them down from the row above.",
    "RAG: Blue closed and signed off; Red past due; Amber due within the amber window, or no update "
    "for longer than the stale window; Green on track. Superseded and For information items are not rated.",
    "The two windows are on the Settings sheet; change them there.",
    "Closing takes two steps: the owner sets Complete – awaiting sign-off; once the item is "
    "signed off, set Closed and fill in Date closed, Evidence, Signed off by and Signed off on. A Closed "
    "item without them is rated as awaiting sign-off (Green), not Blue.",
    "A target date after the deadline needs an agreement: record who agreed it in Extension "
    "agreed by, and when in Extension agreed on.",
    "Run 'tracker validate' to list anything that needs fixing, by sheet and cell.",
)


DATE_RULE = {
    "validate": "date",
    "criteria": "between",
    "minimum": date(2000, 1, 1),
    "maximum": date(2100, 12, 31),
    "error_title": "Not a date",
    "error_message": "Type a date as dd/mm/yyyy.",
}


class Formats:
    """The cell formats of a register workbook, made once per workbook."""

    def __init__(self, book: XlsxBook) -> None:
        self.header = book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "bg_color": "#1F3864",
                "font_color": "#FFFFFF",
                "border": 1,
            }
        )
        self.text = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.formula = book.add_format({"font_color": "#404040", "valign": "top", "bold": True})
        self.due = book.add_format({"num_format": "dd/mm/yyyy", "font_color": "#404040", "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.rag = {
            rag.value: book.add_format({"bg_color": f"#{bg}", "font_color": f"#{fg}"})
            for rag, (bg, fg) in RAG_COLOURS.items()
        }

    def for_column(self, kind: ColumnType, width: int) -> Any:
        if kind is ColumnType.DATE:
            return self.date
        return self.wrap if width >= WRAP_FROM else self.text
