"""Build the extraction corpus: every document and its ``<name>.expected.json``.

    python tests/importing/corpus/make_corpus.py [NAME ...]

The documents are written in ``sources/*.py`` (invented content, each module a list
``DOCS``). A plain-text or Markdown document is its source as written; a Word, PDF or
HTML document is rendered from a small markup, one block per line:

    # / ## / ###      heading of that level
    * text           bullet (two leading spaces per deeper level)
    + text           item of a numbered list (Word numbering, <ol>, or '1.' in a PDF)
    § text           numbered section heading (a committee paper's '4.')
    §§ text          numbered paragraph under it ('4.10.')
    | a | b |        table row (the first row of a table is its header); a row of one cell
                     in a wider table spans it (a group's heading, shaded)
    > text           quoted words (Word's Quote style, a <blockquote>, an indented italic paragraph)
    ===              page break
    >>>              two-column PDF: what is above runs across page 1, what follows in columns
    [[ ... ]]        Word: the blocks between, each marker on a line of its own, in a text box
    anything else    a paragraph; '**bold**' runs and '<br>' soft line breaks

PDFs come from reportlab (running header and footer, numbers in a hanging indent,
tables drawn as tables) or from LibreOffice converting the Word version
(``pdf_engine="soffice"``), as a force's own PDFs are made. The expected files are
written from the hand-written expectations beside each source. Run it again after
editing a source and commit what it writes.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"


# --- what a document is and what it should give -----------------------------------------


@dataclass
class Item:
    ref: str
    text: str
    kind: str = "recommendation"
    parent_ref: str | None = None
    cause_for_concern: bool = False
    para: str | None = None
    deadline_text: str | None = None
    deadline: str | None = None
    addressees: tuple[str, ...] = ()
    applies_to_force: bool = False
    ref_made_up: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "parent_ref": self.parent_ref,
            "kind": self.kind,
            "cause_for_concern": self.cause_for_concern,
            "para": self.para,
            "text": self.text,
            "deadline_text": self.deadline_text,
            "deadline": self.deadline,
            "addressees": list(self.addressees),
            "applies_to_force": self.applies_to_force,
            "ref_made_up": self.ref_made_up,
        }


@dataclass
class Pub:
    title: str
    published: str | None = None
    kind: str | None = "inspection"
    tracked: bool = False
    items: list[Item] = field(default_factory=list)


@dataclass
class Doc:
    name: str
    fmt: str  # txt, md, docx, pdf, html
    shape: str  # which of the shapes it exercises (for the README table)
    source: str
    paper: dict[str, Any]
    publications: list[Pub]
    pdf_engine: str = "reportlab"  # or "soffice"
    header: str = ""  # running header (PDF and Word)
    footer: str = ""  # running footer; a page number is added in PDFs
    hang: float = 28.0  # reportlab: the hanging indent numbers sit in
    columns: int = 1  # reportlab: 2 sets the text in two columns (see ``columns.py``)
    landscape: bool = False  # reportlab: pages turned sideways, for a wide table
    layout_text_of: str = ""  # txt: the text ``pdftotext -layout`` saves from this corpus PDF
    ruled: bool = True  # reportlab: False sets tables out with white space only, no rules

    def expected(self) -> dict[str, Any]:
        paper = {
            key: self.paper.get(key) for key in ("title", "to", "from", "dated", "period_start", "period_end")
        }
        return {
            "paper": paper,
            "publications": [
                {
                    "seq": seq,
                    "title": pub.title,
                    "published": pub.published,
                    "kind": pub.kind,
                    "tracked_via_business_assurance": pub.tracked,
                    "items": [item.as_json() for item in pub.items],
                }
                for seq, pub in enumerate(self.publications, start=1)
            ],
            "notes": [],
        }


# --- the markup -------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # heading, para, bullet, numbered, section, numpara, table, page
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()


def parse(source: str) -> list[Block]:
    blocks: list[Block] = []
    table: list[tuple[str, ...]] = []
    for raw in source.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("|"):
            table.append(tuple(cell.strip() for cell in line.strip().strip("|").split("|")))
            continue
        if table:
            blocks.append(Block("table", rows=tuple(table)))
            table = []
        if not line.strip():
            continue
        blocks.append(_block(line))
    if table:
        blocks.append(Block("table", rows=tuple(table)))
    return blocks


def _block(line: str) -> Block:
    stripped = line.lstrip()
    depth = (len(line) - len(stripped)) // 2
    if match := re.match(r"^(#{1,4})\s+(.*)$", stripped):
        return Block("heading", match.group(2), len(match.group(1)))
    if stripped == "===":
        return Block("page")
    if stripped == ">>>":
        return Block("columns")
    if stripped in ("[[", "]]"):
        return Block("box" if stripped == "[[" else "boxed")
    if stripped.startswith("> "):
        return Block("quote", stripped[2:])
    if stripped.startswith("§§ "):
        return Block("numpara", stripped[3:])
    if stripped.startswith("§ "):
        return Block("section", stripped[2:])
    if stripped.startswith("* "):
        return Block("bullet", stripped[2:], depth)
    if stripped.startswith("+ "):
        return Block("numbered", stripped[2:], depth)
    return Block("para", stripped)


def runs(text: str) -> Iterator[tuple[str, bool, bool]]:
    """(text, bold, break after) pieces of a markup paragraph."""
    for line_index, line in enumerate(lines := text.split("<br>")):
        parts = re.split(r"\*\*(.+?)\*\*", line)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part or last:
                yield part, index % 2 == 1, last and line_index < len(lines) - 1


def plain(text: str) -> str:
    return text.replace("**", "").replace("<br>", " ")


def numbering(blocks: list[Block]) -> list[str]:
    """The number each block shows: '4.' for a section, '4.10.' for its paragraphs, '3.' in
    a numbered list (restarting after anything that is not a list item)."""
    shown: list[str] = []
    section = paragraph = 0
    counters: list[int] = []
    for block in blocks:
        if block.kind == "section":
            section, paragraph = section + 1, 0
            shown.append(f"{section}.")
        elif block.kind == "numpara":
            paragraph += 1
            shown.append(f"{section}.{paragraph}.")
        elif block.kind == "numbered":
            counters = [*counters[: block.level + 1], *[0] * (block.level + 1 - len(counters))]
            counters[block.level] += 1
            shown.append(f"{counters[block.level]}.")
        else:
            if block.kind not in ("bullet",):
                counters = []
            shown.append("")
    return shown


# --- Word ------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def render_docx(doc: Doc, path: Path) -> None:
    import docx
    from docx.shared import Pt

    word = docx.Document()
    style = word.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _define_numbering(word, doc)
    if doc.header:
        word.sections[0].header.paragraphs[0].text = doc.header
    if doc.footer:
        word.sections[0].footer.paragraphs[0].text = doc.footer
    list_id = 200
    previous = ""
    from word_boxes import Boxes

    boxes = Boxes(word)
    for block in parse(doc.source):
        if boxes.take(block.kind):
            continue
        if block.kind == "numbered" and previous != "numbered":
            list_id += 1
            _new_list(word, list_id)
        _docx_block(word, block, list_id)
        previous = block.kind if block.kind != "bullet" or previous != "numbered" else "numbered"
    word.save(str(path))


def _define_numbering(word: Any, doc: Doc) -> None:
    from docx.oxml import parse_xml

    part = word.part.numbering_part.element
    tab = int(doc.hang * 20)
    multilevel = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        f'<w:pPr><w:ind w:left="{tab}" w:hanging="{tab}"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>'
        f'<w:pPr><w:ind w:left="{tab}" w:hanging="{tab}"/></w:pPr></w:lvl></w:abstractNum>'
    )
    simple = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="91"><w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>'
        '<w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    first_num = part.find(f"{{{_W}}}num")
    for abstract in (multilevel, simple):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            part.append(abstract)
    part.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _new_list(word: Any, list_id: int) -> None:
    from docx.oxml import parse_xml

    word.part.numbering_part.element.append(
        parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{list_id}"><w:abstractNumId w:val="91"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )


def _docx_block(word: Any, block: Block, list_id: int) -> None:
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    if block.kind == "columns":
        return
    if block.kind == "page":
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        return
    if block.kind == "table":
        _docx_table(word, block)
        return
    if block.kind == "heading":
        paragraph = word.add_heading(level=block.level)
    elif block.kind == "bullet":
        paragraph = word.add_paragraph(style="List Bullet" if block.level == 0 else "List Bullet 2")
    elif block.kind == "quote":
        paragraph = word.add_paragraph(style="Quote")
    else:
        paragraph = word.add_paragraph(style="List Paragraph" if block.kind != "para" else None)
    for text, bold, brk in runs(block.text):
        run = paragraph.add_run(text)
        run.bold = bold or block.kind == "section" or None
        if brk:
            run.add_break()
    number = {"section": (90, 0), "numpara": (90, 1), "numbered": (list_id, block.level)}.get(block.kind)
    if number is not None:
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{number[1]}"/><w:numId w:val="{number[0]}"/></w:numPr>'
            ),
        )


def _docx_table(word: Any, block: Block) -> None:
    table = word.add_table(rows=0, cols=len(block.rows[0]))
    table.style = "Table Grid"
    for index, row in enumerate(block.rows):
        cells = table.add_row().cells
        if len(row) == 1 < len(cells):
            cells = [cells[0].merge(cells[-1])]
        for cell, text in zip(cells, row, strict=False):
            paragraph = cell.paragraphs[0]
            for piece, bold, brk in runs(text):
                run = paragraph.add_run(piece)
                run.bold = bold or index == 0 or None
                if brk:
                    run.add_break()
    word.add_paragraph()


# --- PDF -------------------------------------------------------------------------------


def render_pdf(doc: Doc, path: Path) -> None:
    if doc.pdf_engine == "soffice":
        _pdf_via_soffice(doc, path)
    elif doc.columns == 2:
        from columns import pdf_in_two_columns

        pdf_in_two_columns(doc, path, _flowables(doc))
    else:
        _pdf_via_reportlab(doc, path)


def _pdf_via_soffice(doc: Doc, path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make this PDF")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{doc.name}.docx"
        render_docx(doc, source)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(folder) / f"{doc.name}.pdf", path)


def _pdf_via_reportlab(doc: Doc, path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    size = landscape(A4) if doc.landscape else A4

    def furniture(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if doc.header:
            canvas.drawString(56, size[1] - 36, doc.header)
        canvas.drawString(56, 30, doc.footer)
        canvas.drawRightString(size[0] - 56, 30, f"Page {template.page}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=56,
        rightMargin=56,
        topMargin=64,
        bottomMargin=60,
        title=doc.name,
        author="tracker corpus",
    )
    template.build(_flowables(doc), onFirstPage=furniture, onLaterPages=furniture)


def _flowables(doc: Doc) -> list[Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import FrameBreak, PageBreak, Paragraph

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=7)
    sizes = {1: 17, 2: 13.5, 3: 11.5, 4: 10.5}
    blocks = parse(doc.source)
    flowables: list[Any] = []
    for block, number in zip(blocks, numbering(blocks), strict=True):
        markup = _rl_markup(block.text)
        if block.kind == "page":
            flowables.append(PageBreak())
        elif block.kind == "columns":
            flowables.append(FrameBreak())
        elif block.kind in ("box", "boxed"):
            continue
        elif block.kind == "table":
            flowables.append(_rl_table(block, body, 730.0 if doc.landscape else 483.0, doc.ruled))
        elif block.kind == "heading":
            size = sizes[block.level]
            style = ParagraphStyle(
                f"h{block.level}",
                parent=body,
                fontName="Helvetica-Bold",
                fontSize=size,
                leading=size * 1.25,
                spaceBefore=8,
                spaceAfter=6,
            )
            flowables.append(Paragraph(markup, style))
        elif block.kind == "bullet":
            indent = 18 + 16 * block.level
            style = ParagraphStyle("bullet", parent=body, leftIndent=indent, bulletIndent=indent - 11)
            flowables.append(Paragraph(markup, style, bulletText="\u2022"))
        elif block.kind in ("numbered", "numpara", "section"):
            flowables.append(_rl_numbered(number, markup, block, body, doc.hang))
        elif block.kind == "quote":
            quote = ParagraphStyle(
                "quote", parent=body, leftIndent=28, rightIndent=28, fontName="Helvetica-Oblique"
            )
            flowables.append(Paragraph(markup, quote))
        else:
            flowables.append(Paragraph(markup, body))
    return flowables


def _rl_numbered(number: str, markup: str, block: Block, body: Any, hang: float) -> Any:
    """The number in a column of fixed width and the text beside it, as a word processor's
    hanging indent does: a number wider than the column ('4.10.') touches the text."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    font = "Helvetica-Bold" if block.kind == "section" else "Helvetica"
    style = ParagraphStyle("numbered", parent=body, fontName=font, spaceAfter=0)
    indent = 16.0 * block.level
    table = Table(
        [["", number, Paragraph(markup, style)]],
        colWidths=[indent or 0.01, hang, 483.0 - hang - indent],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (1, 0), (1, 0), font, 10, 13),
            ]
        )
    )
    return table


def _rl_markup(text: str) -> str:
    escaped = html.escape(text, quote=False).replace("&lt;br&gt;", "<br/>")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)


def _rl_table(block: Block, body: Any, total: float = 483.0, ruled: bool = True) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")
    width = len(block.rows[0])
    widths = _column_widths(tuple(row for row in block.rows if len(row) == width), total)
    data = [
        [Paragraph(_rl_markup(text), head if index == 0 else cell) for text in row]
        + [""] * (width - len(row))
        for index, row in enumerate(block.rows)
    ]
    spans = [index for index, row in enumerate(block.rows) if len(row) == 1 < width]
    table = Table(data, colWidths=widths, repeatRows=1)
    rules = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    spacing = [("BOTTOMPADDING", (0, 0), (-1, -1), 7)]  # no rules: white space alone parts the rows
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), *(rules if ruled else spacing)]
            + [("SPAN", (0, row), (-1, row)) for row in spans]
            + [("BACKGROUND", (0, row), (-1, row), colors.whitesmoke) for row in spans if ruled]
        )
    )
    return table


def _column_widths(rows: tuple[tuple[str, ...], ...], total: float = 483.0) -> list[float]:
    longest = [
        max(len(plain(row[index])) for row in rows if index < len(row)) for index in range(len(rows[0]))
    ]
    weights = [min(max(length, 9), 60) for length in longest]
    return [total * weight / sum(weights) for weight in weights]


# --- HTML ------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "report"}});</script>
</head>
<body class="govuk-template__body">
<div class="cookie-banner" role="region" aria-label="Cookies"><p>We use some essential cookies to make this website work.</p><button>Accept additional cookies</button></div>
<a href="#main-content" class="skip-link">Skip to main content</a>
<header class="site-header" role="banner"><div class="logo">{org}</div>
<nav aria-label="Menu"><ul><li><a href="/">Home</a></li><li><a href="/publications/">Publications</a></li><li><a href="/about/">About us</a></li></ul></nav></header>
<div class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/publications/">Publications</a></li></ol></div>
<main id="main-content" role="main">
{body}
</main>
<aside class="related"><h2>Related publications</h2><ul><li><a href="/a">An earlier report</a></li></ul></aside>
<footer class="site-footer" role="contentinfo"><p>All content is available under the Open Government Licence v3.0, except where otherwise stated</p><p>&copy; Crown copyright</p></footer>
</body>
</html>
"""


def render_html(doc: Doc, path: Path) -> None:
    blocks = parse(doc.source)
    parts: list[str] = []
    open_lists: list[str] = []
    for block, number in zip(blocks, numbering(blocks), strict=True):
        tag = {"bullet": "ul", "numbered": "ol"}.get(block.kind)
        while open_lists and (tag is None or len(open_lists) > block.level + 1):
            parts.append(f"</li></{open_lists.pop()}>")
        if tag is not None:
            if len(open_lists) == block.level + 1 and open_lists[-1] != tag:
                parts.append(f"</li></{open_lists.pop()}>")
            if len(open_lists) == block.level + 1:
                parts.append("</li>")
            else:
                parts.append(f"<{tag}>")
                open_lists.append(tag)
            parts.append(f"<li>{_html_inline(block.text)}")
            continue
        parts.append(_html_block(block, number))
    while open_lists:
        parts.append(f"</li></{open_lists.pop()}>")
    title = next((plain(b.text) for b in blocks if b.kind == "heading"), doc.name)
    org = "His Majesty's Inspectorate of Constabulary and Fire &amp; Rescue Services"
    path.write_text(_PAGE.format(title=html.escape(title), org=org, body="\n".join(parts)), encoding="utf-8")


def _html_inline(text: str) -> str:
    escaped = html.escape(text, quote=False).replace("&lt;br&gt;", "<br>\n")
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)


def _html_block(block: Block, number: str) -> str:
    if block.kind in ("page", "columns", "box", "boxed"):
        return ""
    if block.kind == "heading":
        return f"<h{block.level}>{_html_inline(block.text)}</h{block.level}>"
    if block.kind == "section":
        return f"<h2>{number} {_html_inline(block.text)}</h2>"
    if block.kind == "numpara":
        return f"<p>{number}&nbsp;{_html_inline(block.text)}</p>"
    if block.kind == "quote":
        return f"<blockquote><p>{_html_inline(block.text)}</p></blockquote>"
    if block.kind == "table":
        head, *rows = block.rows
        header = "".join(f'<th scope="col">{_html_inline(cell)}</th>' for cell in head)
        span = f' colspan="{len(head)}"'
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{span if len(row) == 1 < len(head) else ''}>{_html_inline(cell)}</td>" for cell in row
            )
            + "</tr>"
            for row in rows
        )
        return f'<table class="govuk-table"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'
    return f"<p>{_html_inline(block.text)}</p>"


# --- building ----------------------------------------------------------------------------


def load_docs() -> list[Doc]:
    docs: list[Doc] = []
    sys.path.insert(0, str(HERE))
    for module_path in sorted(SOURCES.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"sources.{module_path.stem}", module_path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        docs.extend(module.DOCS)
    return docs


def build(doc: Doc) -> Path:
    path = HERE / f"{doc.name}.{doc.fmt}"
    if doc.layout_text_of:
        from columns import layout_text

        path.write_text(layout_text(HERE / doc.layout_text_of), encoding="utf-8")
    elif doc.fmt in ("txt", "md"):
        path.write_text(doc.source, encoding="utf-8")
    else:
        {"docx": render_docx, "pdf": render_pdf, "html": render_html}[doc.fmt](doc, path)
    expected = HERE / f"{doc.name}.expected.json"
    expected.write_text(json.dumps(doc.expected(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    docs = load_docs()
    names = [doc.name for doc in docs]
    if len(set(names)) != len(names):
        raise SystemExit("two documents share a name")
    for doc in docs:
        if not argv or doc.name in argv:
            print(build(doc).name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
