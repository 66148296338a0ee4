"""Word .docx files: paragraphs in body order (tables included), with the numbers Word
would display for numbered lists computed from the numbering definitions."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun, MissingExtra
from automation.importing.document import Block, BlockKind, Document
from automation.importing.markers import split_markers
from automation.importing.normalise import clean_text
from automation.importing.readers.numbering import Numbering, paragraph_numbering

SUFFIXES = (".docx",)
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title|subtitle)", re.I)
_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")


def read(path: Path) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:
        raise MissingExtra("python-docx", "import", "Reading Word documents") from error
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CannotRun(
            "this is not a Word .docx file that can be read",
            where=str(path),
            fix="open it in Word and save it as .docx (not .doc), or save it as PDF",
        ) from error
    numbering = Numbering.of(word)
    blocks = [block for paragraph in _paragraphs(word) if (block := _block(paragraph, numbering)) is not None]
    return Document(tuple(blocks), str(path))


def _paragraphs(word: Any) -> list[Any]:
    """Body paragraphs in reading order, those inside table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found: list[Any] = []
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            found.append(Paragraph(child, word))
        elif tag == "tbl":
            for row in Table(child, word).rows:
                for cell in _unique_cells(row.cells):
                    found.extend(cell.paragraphs)
    return found


def _unique_cells(cells: Any) -> list[Any]:
    seen: set[int] = set()
    unique = []
    for cell in cells:  # a merged cell is listed once per grid column it spans
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


def _block(paragraph: Any, numbering: Numbering) -> Block | None:
    text = clean_text(paragraph.text).strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.match(style or "")
    shown = paragraph_numbering(paragraph, numbering)
    number, bullet, level = "", "bullet" in style.casefold(), 0
    if shown is not None:
        level, bullet = shown.level, bullet or shown.bullet
        if _DOTTED.match(shown.label):
            number = shown.label.rstrip(".")
        elif shown.label and not shown.bullet:
            text = f"{shown.label} {text}"  # '(a)', '1)': part of the sentence, as shown
    if not number:
        markers = split_markers(text)
        number, text = markers.number, markers.text if markers.number else text
    if heading:
        kind, level = BlockKind.HEADING, int(heading.group(1) or 1)
    elif shown is not None or bullet or "list" in style.casefold():
        kind = BlockKind.LIST_ITEM
    else:
        kind = BlockKind.PARAGRAPH
    return Block(text, kind, number, bullet, level)
