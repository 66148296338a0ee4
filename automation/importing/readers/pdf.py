"""PDF text layers (pdfplumber): each page's words with their positions, fonts and sizes,
and its ruled tables from pdfplumber's table finder. ``pdf_layout`` turns them into the
document model: running headers, footers and page numbers removed, headings by size,
paragraphs by spacing and indent, a paragraph cut by a page break joined again by its
indent, numbers glued to the next word split off, tables kept as tables.

A scanned PDF has no text layer, and a PDF locked with a password cannot be opened; each
is refused with a fix rather than read as empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun, MissingExtra
from automation.importing.document import Document
from automation.importing.normalise import clean_text
from automation.importing.readers.pdf_layout import lay_out
from automation.importing.readers.pdf_model import Line, Page, PageTable
from automation.importing.readers.pdf_unruled import unruled_tables
from automation.importing.readers.pdf_words import line_groups, reading_lines

SUFFIXES = (".pdf",)
_UNMAPPED = re.compile(r"^\(cid:\d+\)$")
_BOLD_FONT = ("bold", "black", "heavy", "semibold", "demi", ",b", "-b")


def read(path: Path) -> Document:
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError as error:
        raise MissingExtra("pdfplumber", "import", "Reading PDF files") from error
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_page(page, number) for number, page in enumerate(pdf.pages)]
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError) as error:
        if _locked(error):
            raise CannotRun(
                "this PDF is locked with a password",
                where=str(path),
                fix="open it with its password and save an unprotected copy, or print it to PDF, "
                "then import that",
            ) from error
        raise CannotRun("this PDF cannot be read", where=str(path), fix="save it again as PDF") from error
    if not any(page.lines or page.tables for page in pages):
        raise CannotRun(
            "this PDF has no text layer (a scan?)",
            where=str(path),
            fix="export the paper from Word as PDF, or import the .docx itself",
        )
    return lay_out(pages, str(path))


def _locked(error: Exception) -> bool:
    """Whether pdfminer refused the file for want of its password."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    causes = [error, *error.args, error.__cause__]
    return any(isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) for cause in causes)


def _page(page: Any, number: int) -> Page:
    every = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    tables = _tables(page, every)
    boxes = [table.bbox for table in tables]
    words: list[dict[str, Any]] = []
    in_tables: list[dict[str, Any]] = []
    for word in every:
        (in_tables if any(_inside(word, box) for box in boxes) else words).append(word)
    rows = {id(word): group for group in line_groups(words) for word in group}
    lines = [
        _line(group, number, column, rows[id(group[0])])
        for column, group in reading_lines(words, float(page.width))
    ]
    table_text = tuple((round(float(word["size"]) * 2) / 2, len(str(word["text"]))) for word in in_tables)
    return Page(
        number,
        float(page.width),
        float(page.height),
        tuple(line for line in lines if line.text),
        tuple(tables),
        table_text,
    )


def _tables(page: Any, words: list[dict[str, Any]]) -> list[PageTable]:
    """Ruled tables; failing those, a table ruled only between its rows, its columns where
    the words of its header row start; failing those, tables set out with white space only
    (``pdf_unruled``)."""
    found = [table for table in map(_page_table, page.find_tables()) if table is not None]
    if found:
        return found
    settings = _rows_only_settings(page)
    if settings is not None:
        tables = [table for table in map(_page_table, page.find_tables(settings)) if table is not None]
        if tables := [table for table in tables if _headed(table)]:
            return tables
    return unruled_tables(line_groups(words))


def _page_table(table: Any) -> PageTable | None:
    rows = [[clean_text(cell or "") for cell in row] for row in table.extract()]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return None
    x0, top, x1, bottom = (float(value) for value in table.bbox)
    return PageTable((x0, top, x1, bottom), tuple(tuple(row) for row in rows))


def _rows_only_settings(page: Any) -> dict[str, Any] | None:
    """Table settings for rules drawn across the page between rows: columns start where
    the header row's words do (a gap of more than 12 points between words)."""
    rules = sorted(
        (
            edge
            for edge in page.horizontal_edges
            if float(edge["x1"]) - float(edge["x0"]) > float(page.width) * 0.5
        ),
        key=lambda edge: float(edge["top"]),
    )
    tops = sorted({round(float(edge["top"])) for edge in rules})
    if len(tops) < 3:
        return None
    left, right = min(float(edge["x0"]) for edge in rules), max(float(edge["x1"]) for edge in rules)
    header = page.within_bbox((left, tops[0] - 1, right, tops[1] + 1)).extract_words()
    starts: list[float] = []
    end = -1.0
    for word in sorted(header, key=lambda word: float(word["x0"])):
        if float(word["x0"]) - end > 12:
            starts.append(float(word["x0"]))
        end = max(end, float(word["x1"]))
    if len(starts) < 2:
        return None
    verticals = [left, *(start - 2 for start in starts[1:]), right]
    return {
        "vertical_strategy": "explicit",
        "explicit_vertical_lines": verticals,
        "horizontal_strategy": "lines",
    }


def _headed(table: PageTable) -> bool:
    from automation.importing.tables import names_items

    return names_items(table.rows[0])


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (float(word["x0"]) + float(word["x1"])) / 2
    middle_y = (float(word["top"]) + float(word["bottom"])) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _line(words: list[dict[str, Any]], page: int, column: int, row: list[dict[str, Any]]) -> Line:
    text = _words_text(words)
    sizes = sorted(float(word["size"]) for word in words)
    letters = sum(len(str(word["text"])) for word in words) or 1
    bold = sum(len(str(word["text"])) for word in words if _is_bold(str(word["fontname"])))
    return Line(
        text=text,
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        top=float(min(word["top"] for word in words)),
        bottom=float(max(word["bottom"] for word in words)),
        size=round(sizes[len(sizes) // 2] * 2) / 2,
        bold=bold / letters > 0.8,
        page=page,
        column=column,
        row=_words_text(row) if row != words else "",
    )


def _words_text(words: list[dict[str, Any]]) -> str:
    """The line's words; a glyph the font gives no character for ('(cid:127)') opening it
    is the line's bullet (in the standard fonts' encoding unused codes draw a bullet)."""
    texts = [str(word["text"]) for word in words]
    if texts and _UNMAPPED.match(texts[0]):
        texts[0] = "\u2022"
    return clean_text(" ".join(texts)).strip()


def _is_bold(font: str) -> bool:
    name = font.casefold().split("+", 1)[-1]
    return any(mark in name for mark in _BOLD_FONT)
