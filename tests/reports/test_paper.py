"""The committee paper on the shipped register for the example paper's period: golden
Markdown, and the Word document read back with python-docx (headings, numbering, tables
with repeating header rows, every item of the period)."""

import os
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from automation.core.errors import CannotRun
from automation.register.load import load_register
from automation.reports.build import make_paper, render_paper
from automation.reports.writers.interface import ReportTemplateError

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
PERIOD = (date(2021, 7, 1), date(2021, 9, 30))
TODAY = date(2021, 10, 1)


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    history = tmp_path_factory.mktemp("h") / "none.sqlite"
    return make_paper(ROOT / "tracker.xlsx", history, *PERIOD, TODAY)


@pytest.fixture(scope="module")
def docx_file(paper, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "paper.docx"
    path.write_bytes(render_paper(paper, "docx"))
    return path


def test_markdown_golden(paper):
    text = render_paper(paper, "md").decode("utf-8")
    golden = GOLDEN / "committee_paper_2021q3.md"
    if os.environ.get("TRACKER_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        "committee paper changed: see tests/mail/test_render.py"
    )


def test_eight_publications_and_every_item_of_the_period(paper):
    register = load_register(ROOT / "tracker.xlsx")
    assert len(paper.publications) == 8
    assert [p.number for p in paper.publications] == list(range(1, 9))
    assert sum(len(p.items) for p in paper.publications) == len(register.items) == 93
    assert paper.publications[3].title.startswith("State of Policing") and not paper.publications[3].items


def test_word_structure(docx_file, paper):
    doc = Document(str(docx_file))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    headings = [text for style, text in styles if style == "Heading 2"]
    assert headings == [p.title for p in paper.publications] + ["The register as a whole", "Recommendation"]
    assert [text for style, text in styles if style == "Heading 1"] == ["Purpose", "Overview of publications"]
    numbered = [text for style, text in styles if style == "Numbered Paragraph"]
    for pub in paper.publications:
        for line in pub.items:
            assert any(t.startswith(f"{line.heading}: {line.text[:40]}") for t in numbered), line.ref
    assert numbered[-1].startswith("The Joint Audit Committee is asked to note")
    assert not any("{{" in text or "{%" in text for _, text in styles)


def test_word_numbering_is_words_own(docx_file):
    """Sections and paragraphs are numbered by a Word list linked to their styles, so
    'Heading 2' is 1., 2., ... and 'Numbered Paragraph' 1.1., 1.2., ..."""
    doc = Document(str(docx_file))
    for name, level in (("Heading 2", "0"), ("Numbered Paragraph", "1")):
        numpr = doc.styles[name].element.pPr.find(qn("w:numPr"))
        assert numpr.find(qn("w:ilvl")).get(qn("w:val")) == level


def test_word_tables_repeat_their_header_and_hold_every_item(docx_file, paper):
    doc = Document(str(docx_file))
    status_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Ref"]
    with_items = [p for p in paper.publications if p.items]
    assert len(status_tables) == len(with_items) == 7
    for table, pub in zip(status_tables, with_items, strict=True):
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None
        assert [r.cells[0].text for r in table.rows[1:]] == [line.ref for line in pub.items]
        assert [r.cells[4].text.split(":")[0] for r in table.rows[1:]] == [
            line.rag.value for line in pub.items
        ]
    first = status_tables[2].rows[1].cells[4]._tc.tcPr.find(qn("w:shd"))
    assert first.get(qn("w:fill")) == paper.publications[2].items[0].colour


def test_marking_in_header_and_footer_with_page_numbers(docx_file):
    doc = Document(str(docx_file))
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("OFFICIAL")
    codes = [e.text for e in footer._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_workbook_text_is_escaped(tmp_path, paper):
    import dataclasses

    pub = paper.publications[0]
    line = dataclasses.replace(pub.items[0], text="<w:p>& {{ evil }} | *bold*")
    hostile = dataclasses.replace(paper, publications=(dataclasses.replace(pub, items=(line,)),))
    out = tmp_path / "x.docx"
    out.write_bytes(render_paper(hostile, "docx"))
    assert any("<w:p>& {{ evil }} | *bold*" in p.text for p in Document(str(out)).paragraphs)
    assert "\\<w:p\\>& {{ evil }} \\| \\*bold\\*" in render_paper(hostile, "md").decode()


def test_broken_template_names_the_tag(tmp_path, paper):
    from docxtpl import DocxTemplate  # noqa: F401

    doc = Document(str(ROOT / "templates" / "committee_paper.docx"))
    doc.add_paragraph("{%p for x in paper.publications %}")  # never closed
    doc.save(str(tmp_path / "committee_paper.docx"))
    with pytest.raises(ReportTemplateError, match="broken tag") as caught:
        render_paper(paper, "docx", tmp_path)
    assert "committee_paper.docx" in caught.value.where
    (tmp_path / "committee_paper.md.j2").write_text("{{ paper.nonsense }}")
    with pytest.raises(ReportTemplateError, match="nonsense"):
        render_paper(paper, "md", tmp_path)


def test_unknown_format(paper):
    with pytest.raises(CannotRun, match="unknown report format"):
        render_paper(paper, "pdf")
