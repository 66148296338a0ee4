"""From a PDF's positioned lines and tables to the document model. Pure: no files.

- Running headers and footers and page numbers are dropped (``pdf_furniture``); so are
  footnotes (lines set smaller than the body below all of a page's body text, the first
  starting with its number).
- Columns: each run of a column's lines (see ``pdf_words``) is read like a page of its
  own, and a paragraph cut by a column break is joined like one cut by a page break.
- Headings: lines set larger than the body text, levelled by size (largest is 1).
- Paragraphs: a line joins the one above unless it starts with a bullet or a number, is
  set in another size or weight, or is further below than lines within a paragraph are.
  Words hyphenated at a line's end are joined again ('organisa-' 'tional', ``hyphens``).
- Page breaks: the first paragraph of a page continues the last one of the page before
  when it has no number or bullet, is set the same, starts at that paragraph's running
  indent, and the paragraph before stopped mid-sentence (or it starts in lower case):
  whatever its first character, so 'College of' + 'Policing should' joins.
- Tables (pdfplumber's table finder) stay tables; one continued on the next page, with
  the same columns, is joined, its repeated header row dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from statistics import median

from automation.importing.document import Block, BlockKind, Document, table_block
from automation.importing.markers import split_markers, starts_block
from automation.importing.readers.hyphens import document_words, join_line
from automation.importing.readers.pdf_flows import flows, without_footnotes
from automation.importing.readers.pdf_furniture import is_furniture, running_shapes
from automation.importing.readers.pdf_model import Line, Page, PageTable

_TERMINAL = re.compile(r"[.:;?!][\"'\u2019\u201d)\]]*$")


_RUNNING_TEXT = 600  # letters: enough running text to tell the body's size without the tables
Piece = list[Line] | PageTable  # a paragraph's lines, or a table


def lay_out(pages: list[Page], source: str = "") -> Document:
    running = running_shapes(pages)
    table_text = [entry for page in pages for entry in page.table_text]
    size = _body_size([list(page.lines) for page in pages], table_text)
    bodies = [[line for line in page.lines if not is_furniture(line, page, running, size)] for page in pages]
    bodies = [without_footnotes(lines, size) for lines in bodies]
    body_size = _body_size(bodies, table_text)
    headings = _heading_levels(bodies, body_size)
    gap = _paragraph_gap(bodies)
    vocabulary = document_words([[line.text for line in lines] for lines in bodies])
    pieces: list[Piece] = []
    left = 0.0  # where the column read last starts
    for page, lines in zip(pages, bodies, strict=True):
        for flow, tables in flows(lines, page.tables):
            page_pieces = _page_pieces(flow, tables, gap)
            start = min((line.x0 for line in flow), default=left)
            if (
                pieces
                and page_pieces
                and _joined_across(pieces, page_pieces[0], headings, vocabulary, left - start)
            ):
                page_pieces.pop(0)
            pieces.extend(page_pieces)
            left = start
    indents = _bullet_indents(pieces)
    blocks = [_block(piece, headings, vocabulary, indents) for piece in pieces]
    return Document(tuple(block for block in blocks if block.text), source)


def _body_size(bodies: list[list[Line]], table_text: list[tuple[float, int]]) -> float:
    """The size most of the running text is set in; the tables' words count too when there
    is little running text (a paper that is mostly a table), not when tables set smaller
    than the text would make the text look like headings."""
    sizes: Counter[float] = Counter()
    for lines in bodies:
        for line in lines:
            sizes[line.size] += len(line.text)
    if sum(sizes.values()) < _RUNNING_TEXT:
        for size, letters in table_text:
            sizes[size] += letters
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _heading_levels(bodies: list[list[Line]], body_size: float) -> dict[float, int]:
    """Sizes clearly larger than the body's, largest first: 1, 2, 3 ..."""
    sizes = {line.size for lines in bodies for line in lines if line.size >= body_size + 1.0}
    return {size: level for level, size in enumerate(sorted(sizes, reverse=True), start=1)}


def _paragraph_gap(bodies: list[list[Line]]) -> float:
    """The most white space between two lines of one paragraph."""
    gaps = [
        following.top - line.bottom
        for lines in bodies
        for line, following in pairwise(lines)
        if following.top > line.top and abs(following.size - line.size) < 0.6
    ]
    if not gaps:
        return 4.0
    within = sorted(gaps)[len(gaps) // 4]
    return within + max(2.0, 0.25 * median(line.size for lines in bodies for line in lines))


def _page_pieces(lines: list[Line], tables: tuple[PageTable, ...], gap: float) -> list[Piece]:
    pieces: list[Piece] = []
    waiting = sorted(tables, key=lambda table: table.bbox[1])
    for line in lines:
        while waiting and waiting[0].bbox[1] <= line.top:
            pieces.append(waiting.pop(0))
        last = pieces[-1] if pieces else None
        if isinstance(last, list) and _same_paragraph(last, line, gap):
            last.append(line)
        else:
            pieces.append([line])
    pieces.extend(waiting)
    return pieces


def _same_paragraph(lines: list[Line], line: Line, gap: float) -> bool:
    last = lines[-1]
    if starts_block(line.text) or abs(line.size - last.size) >= 0.6 or line.bold != last.bold:
        return False
    if line.top - last.bottom > gap:
        return False
    return not (len(lines) >= 2 and line.x0 < lines[1].x0 - 3 and not line.text[:1].islower())


def _joined_across(
    pieces: list[Piece], first: Piece, headings: dict[float, int], vocabulary: set[str], shift: float = 0.0
) -> bool:
    """Join ``first`` (a page's or column's first piece) onto the last piece before it;
    ``shift`` is how far left the new column starts of the one before."""
    last = pieces[-1]
    if isinstance(last, PageTable) or isinstance(first, PageTable):
        if isinstance(last, PageTable) and isinstance(first, PageTable) and _same_columns(last, first):
            pieces[-1] = _joined_tables(last, first)
            return True
        return False
    head, end = first[0], last[-1]
    if starts_block(head.text) or head.size in headings or end.size in headings:
        return False
    if abs(head.size - end.size) >= 0.6 or head.bold != end.bold:
        return False
    indents = {round(line.x0) for line in last[1:]} or {round(last[0].x0)}
    shift = shift if head.column != end.column else 0.0
    if not any(abs(head.x0 + shift - indent) <= 3 for indent in indents):
        return False
    if _TERMINAL.search(end.text) and not head.text[:1].islower():
        return False
    last.extend(first)
    return True


def _same_columns(table: PageTable, other: PageTable) -> bool:
    return len(table.rows[0]) == len(other.rows[0])


def _joined_tables(table: PageTable, other: PageTable) -> PageTable:
    rows = list(other.rows)
    if rows and rows[0] == table.rows[0]:
        rows.pop(0)  # the header row repeated on the new page
    return PageTable(table.bbox, (*table.rows, *rows))


def _bullet_indents(pieces: list[Piece]) -> list[float]:
    found = sorted(
        {round(piece[0].x0) for piece in pieces if isinstance(piece, list) and _bulleted(piece[0])}
    )
    indents: list[float] = []
    for indent in found:
        if not indents or indent - indents[-1] > 6:
            indents.append(indent)
    return indents


def _bulleted(line: Line) -> bool:
    return split_markers(line.text).bullet


def _block(piece: Piece, headings: dict[float, int], vocabulary: set[str], indents: list[float]) -> Block:
    if isinstance(piece, PageTable):
        return table_block([[_cell(cell, vocabulary) for cell in row] for row in piece.rows])
    text = piece[0].text
    for line in piece[1:]:
        text = join_line(text, line.text, vocabulary)
    markers = split_markers(text)
    if piece[0].size in headings and len(markers.text.split()) <= 30:
        return Block(
            markers.text,
            BlockKind.HEADING,
            markers.number,
            level=headings[piece[0].size],
            marker=markers.marker,
        )
    level = next((i for i, indent in enumerate(indents) if abs(piece[0].x0 - indent) <= 6), 0)
    kind = BlockKind.LIST_ITEM if markers.bullet or markers.number.isalpha() else BlockKind.PARAGRAPH
    bold = all(line.bold for line in piece)
    return Block(
        markers.text,
        kind,
        markers.number,
        markers.bullet,
        level if markers.bullet else 0,
        markers.marker,
        bold,
    )


def _cell(text: str, vocabulary: set[str]) -> str:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        joined = join_line(joined, line, vocabulary).replace("\n", " ")
    return joined
