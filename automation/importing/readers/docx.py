"""Word .docx files: headings by style or outline level, paragraphs and list items with the
numbers, letters and bullets Word displays (computed from the numbering definitions), and
tables as tables, all in body order. Paragraphs in a Quote style are quoted words. Text
boxes (a call-out drawn beside the text) are read where they are anchored, after the
paragraph holding them; Word writes each box twice (a drawing and an older VML copy for
other programs), and only one is read. Headers, footers and comments are not body text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun, MissingExtra
from automation.importing.document import Block, BlockKind, Document, table_block
from automation.importing.markers import letter_label, split_markers
from automation.importing.normalise import clean_text
from automation.importing.readers.numbering import Numbering, Shown, paragraph_numbering

SUFFIXES = (".docx",)
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title|subtitle)", re.I)
_QUOTE_STYLE = re.compile(r"\bquote\b|\bquotation\b|block\s*text", re.I)
_MARKER = re.compile(r"^\[?(?:\d{1,3}|[*\u2020\u2021])\]?$")
_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


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
    return Document(tuple(_blocks(word)), str(path))


def _blocks(word: Any) -> list[Block]:
    """Body paragraphs and tables in reading order, those inside content controls too."""
    numbering = Numbering.of(word)
    found: list[Block] = []
    _children(word.element.body, word, numbering, found)
    return found


def _children(element: Any, word: Any, numbering: Numbering, found: list[Block]) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if (block := _block(Paragraph(child, word), numbering)) is not None:
                found.append(block)
            for box in _text_boxes(child):
                _children(box, word, numbering, found)
        elif tag == "tbl":
            found.extend(_table(Table(child, word), numbering))
        elif tag in ("sdt", "sdtContent", "customXml"):
            _children(child, word, numbering, found)


def _text_boxes(paragraph: Any) -> list[Any]:
    """The contents of the text boxes anchored in a paragraph, each once: not the VML copy
    Word keeps as a fallback, nor a box inside another box (read with its outer box)."""
    boxes = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        outer = [a for a in box.iterancestors() if a.tag in (f"{_W}txbxContent", _FALLBACK) or a is paragraph]
        if outer and outer[0] is paragraph:
            boxes.append(box)
    return boxes


def _table(table: Any, numbering: Numbering) -> list[Block]:
    """A table of one column (a layout box) reads as its paragraphs; others as a table."""
    rows = [_unique_cells(row.cells) for row in table.rows]
    if max((len(row) for row in rows), default=0) < 2:
        return [
            block for row in rows for cell in row for p in cell.paragraphs if (block := _block(p, numbering))
        ]
    cells = [
        ["\n".join(clean_text(p.text).strip() for p in cell.paragraphs if p.text.strip()) for cell in row]
        for row in rows
    ]
    return [table_block(cells)]


def _unique_cells(cells: Any) -> list[Any]:
    seen: set[int] = set()
    unique = []
    for cell in cells:  # a merged cell is listed once per grid column it spans
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


def _block(paragraph: Any, numbering: Numbering) -> Block | None:
    text = clean_text(_text(paragraph)).strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    shown = paragraph_numbering(paragraph, numbering)
    number, bullet, level, marker = (
        "",
        "bullet" in style.casefold(),
        0,
        "\u2022" if "bullet" in style.casefold() else "",
    )
    if shown is not None:
        number, text, marker = _shown(shown, text)
        level, bullet = shown.level, bullet or shown.bullet
    if not number:
        markers = split_markers(text)
        if markers.number:
            number, text, marker = markers.number, markers.text, markers.marker
    heading = _heading_level(paragraph, style)
    if heading:
        return Block(text, BlockKind.HEADING, number, level=heading, marker=marker)
    kind = (
        BlockKind.LIST_ITEM
        if shown is not None or bullet or "list" in style.casefold() or number.isalpha()
        else BlockKind.PARAGRAPH
    )
    quoted = bool(_QUOTE_STYLE.search(style))
    return Block(text, kind, number, bullet, level, marker, _is_bold(paragraph), quoted=quoted)


def _text(paragraph: Any) -> str:
    """The paragraph's words without footnote markers typed as superscript ('practice.³')."""
    runs = [run for run in paragraph.runs if run.font.superscript and _MARKER.match(run.text.strip())]
    if not runs:
        return str(paragraph.text)
    marked = {id(run._r) for run in runs}
    kept = (
        part.text
        for part in paragraph.iter_inner_content()
        if hasattr(part, "runs") or id(part._r) not in marked  # a hyperlink, or a run that is not a marker
    )
    return "".join(kept)


def _shown(shown: Shown, text: str) -> tuple[str, str, str]:
    """(number, text, marker) for a paragraph Word numbers: a dotted number or a list letter
    ('(a)', 'ii.') is taken apart; another label ('1)', 'Step 1') stays in the sentence."""
    if shown.bullet:
        return "", text, "\u2022"
    if _DOTTED.match(shown.label):
        return shown.label.rstrip("."), text, shown.label
    if letter := letter_label(shown.label):
        return letter, text, shown.label
    if shown.label:
        return "", f"{shown.label} {text}", shown.label
    return "", text, ""


def _heading_level(paragraph: Any, style: str) -> int:
    if match := _HEADING_STYLE.match(style or ""):
        return int(match.group(1) or 1)
    ppr = paragraph._p.pPr
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None:
        value = outline.get(f"{_W}val", "9")
        return int(value) + 1 if value.isdigit() and int(value) < 9 else 0
    return 0


def _is_bold(paragraph: Any) -> bool:
    """Whether every run with words is bold (directly or through its style)."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return all(run.bold or (run.bold is None and (style_bold or _char_style_bold(run))) for run in runs)


def _char_style_bold(run: Any) -> bool:
    style = run.style
    return bool(style is not None and style.font is not None and style.font.bold)
