"""Make .docx, .pdf and .html versions of a plain-text paper, as Word and browsers would.

The text's conventions: a blank line ends a paragraph; a line starting with '1.' is a
section heading, with '1.4.' (optionally after '- ') a numbered paragraph, with '• ' a
bullet; any other line continues the paragraph above after a soft line break.
Numbers become real Word list numbering in .docx, and text in .pdf and .html.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

_SECTION = re.compile(r"^(\d+)\.\s+(.*)$")
_NUMBERED = re.compile(r"^(?:-\s+)?(\d+)\.(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^[\u2022]\s+(.*)$")


@dataclass(frozen=True)
class Para:
    lines: tuple[str, ...]
    level: int | None = None  # 0: section heading, 1: numbered paragraph, None: plain
    number: str = ""
    bullet: bool = False
    heading: bool = False  # a Markdown '# ' title

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def paragraphs(text: str) -> list[Para]:
    paras: list[Para] = []
    open_para = False
    for line in text.splitlines():
        if not line.strip():
            open_para = False
            continue
        para = _para(line.strip())
        if open_para and para.level is None and not para.bullet and not para.heading:
            last = paras[-1]
            paras[-1] = Para((*last.lines, line.strip()), last.level, last.number, last.bullet)
            continue
        paras.append(para)
        open_para = True
    return paras


def _para(line: str) -> Para:
    if match := _NUMBERED.match(line):
        return Para((match.group(3),), 1, f"{match.group(1)}.{match.group(2)}.")
    if match := _SECTION.match(line):
        return Para((match.group(2),), 0, f"{match.group(1)}.")
    if match := _BULLET.match(line):
        return Para((match.group(1),), bullet=True)
    if line.startswith("# "):
        return Para((line[2:],), heading=True)
    return Para((line,))


# --- Word -------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(text: str, path: Path) -> Path:
    """Numbered paragraphs as a real two-level Word list ('%1.' and '%1.%2.')."""
    import docx
    from docx.oxml import parse_xml

    word = docx.Document()
    numbering = word.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for para in paragraphs(text):
        _add_word_paragraph(word, para)
    word.save(str(path))
    return path


def _add_word_paragraph(word: object, para: Para) -> None:
    from docx.oxml import parse_xml

    if para.heading:
        word.add_heading(para.text, level=1)  # type: ignore[attr-defined]
        return
    style = "List Bullet" if para.bullet else ("List Paragraph" if para.level is not None else None)
    paragraph = word.add_paragraph(style=style)  # type: ignore[attr-defined]
    for index, line in enumerate(para.lines):
        run = paragraph.add_run(line)
        if para.level == 0:
            run.bold = True
        if index < len(para.lines) - 1:
            run.add_break()
    if para.level is not None:
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert(
            0,
            parse_xml(
                f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{para.level}"/><w:numId w:val="90"/></w:numPr>'
            ),
        )


# --- PDF --------------------------------------------------------------------------------

_FONT, _SIZE, _LEADING = "Helvetica", 10.5, 13.0
_TOP, _BOTTOM, _LEFT, _WIDTH = 100.0, 90.0, 72.0, 451.0


def make_pdf(
    text: str, path: Path, header: str = "OFFICIAL", footer: str = "Joint Audit Committee", hang: float = 0.0
) -> Path:
    """A4 pages with a running header and footer ('Page N of M'); long words are
    hyphenated at line ends and paragraphs run on across page breaks. With ``hang``, a
    paragraph's number sits in a hanging indent that wide, as a word processor sets it:
    a number wider than the indent ('1.10.') touches its first word."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pages = _lay_out(paragraphs(text), A4[1], hang)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont(_FONT, 9)
        pdf.drawString(_LEFT, A4[1] - 40, header)
        pdf.drawRightString(_LEFT + _WIDTH, A4[1] - 40, "Overview of HMICFRS publications")
        pdf.drawString(_LEFT, 40, footer)
        pdf.drawRightString(_LEFT + _WIDTH, 40, f"Page {number} of {len(pages)}")
        pdf.setFont(_FONT, _SIZE)
        for y, x, line in lines:
            pdf.drawString(x, y, line)
        pdf.showPage()
    pdf.save()
    return path


def _lay_out(paras: list[Para], height: float, hang: float = 0.0) -> list[list[tuple[float, float, str]]]:
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = height - _TOP
    for para in paras:
        hanging = hang if para.number and not para.bullet else 0.0
        prefix = "\u2022 " if para.bullet else (f"{para.number} " if para.number and not hanging else "")
        for index, line in enumerate(_wrap(para, prefix, _WIDTH - hanging)):
            if y < _BOTTOM:
                pages.append([])
                y = height - _TOP
            if hanging and index == 0:
                pages[-1].append((y, _LEFT, para.number))
            pages[-1].append((y, _LEFT + hanging, line))
            y -= _LEADING
        y -= _LEADING * 0.9  # the space between paragraphs
    return pages


def _wrap(para: Para, prefix: str, width: float = _WIDTH) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(candidate: str) -> bool:
        return stringWidth(candidate, _FONT, _SIZE) <= width

    lines: list[str] = []
    for index, source in enumerate(para.lines):
        line = prefix if index == 0 else ""
        for word in source.split(" "):
            candidate = f"{line} {word}" if line and not line.endswith(" ") else f"{line}{word}"
            if fits(candidate):
                line = candidate
                continue
            head, tail = _hyphenate(line, word, fits)
            lines.append(head)
            line = tail
        lines.append(line)
    return lines


def _hyphenate(line: str, word: str, fits: object) -> tuple[str, str]:
    """Split a long plain word across the line end ('organisa-' / 'tional')."""
    assert callable(fits)
    if len(word) >= 9 and word.isalpha():
        for cut in range(len(word) - 4, 3, -1):
            head = f"{line} {word[:cut]}-"
            if fits(head):
                return head, word[cut:]
    return line, word


# --- HTML -------------------------------------------------------------------------------


def make_html(text: str, path: Path, encoding: str = "utf-8") -> Path:
    """A page as a browser saves it: cookie banner, navigation, scripts, then the paper."""
    body = []
    bullets: list[str] = []
    for para in paragraphs(text):
        if para.bullet:
            bullets.append(f"<li>{html.escape(para.text)}</li>")
            continue
        if bullets:
            body.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        escaped = "<br>\n".join(html.escape(line) for line in para.lines)
        if para.heading:
            body.append(f"<h1>{escaped}</h1>")
        elif para.level == 0:
            body.append(f"<h2>{para.number} {escaped}</h2>")
        else:
            number = f"{para.number}&nbsp;" if para.number else ""
            body.append(f"<p>{number}{escaped}</p>")
    if bullets:
        body.append("<ul>" + "".join(bullets) + "</ul>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{encoding}"><title>Committee paper</title>
<style>body {{ font-family: Arial; }}</style>
<script>window.dataLayer = [{{"event": "Recommendation 99: should not appear"}}];</script>
</head><body>
<div class="cookie-banner"><p>We use cookies. Recommendation 98: accept all cookies.</p></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li>Publications</li></ul></nav></header>
<main id="content">
<!-- Recommendation 97: a comment -->
{chr(10).join(body)}
</main>
<footer><p>&copy; Crown copyright</p></footer>
</body></html>
"""
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path
