"""How the register's sheets look outside Excel and on paper: row heights that show wrapped
text (LibreOffice and viewers do not grow rows by themselves), and a print set-up on every
sheet: A4 landscape, one page wide, the header row on every page, the sheet and page numbers
in the footer."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from xlsxwriter.worksheet import Worksheet

from automation.register.schema import SheetSpec

LINE_HEIGHT = 15  # points per line of 11-point text
MAX_HEIGHT = 409  # Excel's tallest row
CHARS_PER_WIDTH = 1.15  # average characters of text per unit of column width
WRAP_FROM = 24  # columns this wide or wider wrap their text (see template_style.Formats)


def print_setup(sheet: Worksheet, *, header_row: bool = True) -> None:
    """A4 landscape, fitted to one page wide, the header row repeated on every page."""
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as it takes
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&L&A&RPage &P of &N")
    if header_row:
        sheet.repeat_rows(0)


def _lines(value: Any, width: int) -> int:
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width * CHARS_PER_WIDTH), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in value.split("\n"))


def row_heights(sheet: Worksheet, spec: SheetSpec, rows: Sequence[Mapping[str, Any]]) -> None:
    """Each data row tall enough for its longest wrapped cell."""
    wrapped = [c for c in spec.columns if c.width >= WRAP_FROM]
    for r, values in enumerate(rows, start=1):
        lines = max((_lines(values.get(c.key), c.width) for c in wrapped), default=1)
        if lines > 1:
            sheet.set_row(r, min(lines * LINE_HEIGHT, MAX_HEIGHT))
