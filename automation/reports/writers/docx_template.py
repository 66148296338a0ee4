"""Builds the built-in Word templates (``templates/committee_paper.docx`` and
``templates/meeting_pack.docx``) with python-docx: real Heading styles, Word's own multi-level
numbering (publication sections 1., 2., ...; their paragraphs 1.1., 1.2., ...), tables whose
header row repeats on every page, the protective marking in the page header and footer, and
page numbers. The docxtpl tags inside are Jinja2.

A force edits the built template in Word (letterhead, styles, wording) and points
``[reports] templates`` at its folder; this module is only for rebuilding the built-in ones:
``python -m automation.reports.writers.build_templates templates/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

NUMBERED = "Numbered Paragraph"
SECTION = "Heading 2"
NAVY = RGBColor(0x1F, 0x38, 0x64)


def _numbering(doc: Any) -> int:
    """A two-level list: level 0 on SECTION headings ('1.'), level 1 on NUMBERED ('1.1.')."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for level, (text, style, indent) in enumerate((("%1.", SECTION, 0), ("%1.%2.", NUMBERED, 720))):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), doc.styles[style].style_id)
        lvl.insert(2, pstyle)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(indent + 720))
        ind.set(qn("w:hanging"), "720")
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return 90


def _link_style(doc: Any, name: str, num_id: int, level: int) -> None:
    ppr = doc.styles[name].element.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(level)), ("w:numId", str(num_id))):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        numpr.append(child)
    ppr.insert(0, numpr)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Title", 16)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Arial", Pt(size), NAVY
    numbered = doc.styles.add_style(NUMBERED, WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    _link_style(doc, SECTION, _numbering(doc), 0)
    _link_style(doc, NUMBERED, 90, 1)
    small = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    small.paragraph_format.space_after = Pt(0)


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == code else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _header_footer(doc: Any, marking: str, landscape: bool) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Cm(2))
    header = section.header.paragraphs[0]
    header.text = marking
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(marking + "    Page ").bold = False
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def set_widths(grid: Any, widths: Sequence[float]) -> None:
    """Column widths Word and LibreOffice both honour: the table grid and every cell."""
    grid.autofit = False
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in grid.rows:
        for n, width in enumerate(widths):
            row.cells[n].width = Cm(width)


def _shade(cell: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def table(doc: Any, headers: Sequence[str], cells: Sequence[str], loop: str, widths: Sequence[float]) -> None:
    """A real table: a header row repeated on every page, then one row per ``loop`` item
    (docxtpl's {%tr %} rows). A cell text starting '{% cellbg' colours its cell."""
    grid = doc.add_table(rows=4, cols=len(headers))
    grid.style = "Table Grid"
    rows = grid.rows
    _repeat_header(rows[0])
    for n, header in enumerate(headers):
        cell = rows[0].cells[n]
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
        cell.paragraphs[0].style = "Table Text"
        _shade(cell, "1F3864")
    rows[1].cells[0].text = "{%tr for " + loop + " %}"
    rows[3].cells[0].text = "{%tr endfor %}"
    for n, text in enumerate(cells):
        rows[2].cells[n].text = text
        rows[2].cells[n].paragraphs[0].style = "Table Text"
    rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    set_widths(grid, widths)


def para(doc: Any, text: str, style: str | None = None, *, keep_with_next: bool = False) -> Any:
    paragraph = doc.add_paragraph(text, style=style)
    paragraph.paragraph_format.keep_with_next = keep_with_next or None
    return paragraph


def tag(doc: Any, text: str) -> None:
    """A paragraph holding only a docxtpl {%p %} tag: removed when rendered."""
    doc.add_paragraph(text)


def new_document(marking_tag: str, landscape: bool = False) -> Any:
    doc = Document()
    _styles(doc)
    _header_footer(doc, marking_tag, landscape)
    return doc


def heading_block(doc: Any, rows: Sequence[tuple[str, str]]) -> None:
    block = doc.add_table(rows=len(rows), cols=2)
    for n, (label, value) in enumerate(rows):
        block.rows[n].cells[0].paragraphs[0].add_run(label).bold = True
        block.rows[n].cells[1].text = value
    set_widths(block, (3.0, 14.0))
