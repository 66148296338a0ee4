"""Reader shapes every format must give the same model: lettered and roman list markers,
quoted words, page furniture in saved text, setext headings, table cells spanning rows and
columns, definition lists, <details> boxes, PDF footnotes, superscripts and two columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from automation.importing import BlockKind, read_document
from automation.importing.markers import split_markers, starts_block
from automation.importing.readers.text import parse_text


@pytest.mark.parametrize(
    ("line", "number", "marker", "text"),
    [
        ("(a) audit the custody records;", "a", "(a)", "audit the custody records;"),
        ("b) brief every sergeant", "b", "b)", "brief every sergeant"),
        ("c. train the call handlers", "c", "c.", "train the call handlers"),
        ("(iv) publish the results", "iv", "(iv)", "publish the results"),
        ("ii. report to the board", "ii", "ii.", "report to the board"),
        ("(B) the second condition", "B", "(B)", "the second condition"),
        ("i.e. the custody suite", "", "", "i.e. the custody suite"),
        ("A. Patel chaired the board.", "", "", "A. Patel chaired the board."),
        ("a number of forces agreed", "", "", "a number of forces agreed"),
    ],
)
def test_letters_and_roman_numerals_are_list_markers(line: str, number: str, marker: str, text: str) -> None:
    markers = split_markers(line)
    assert (markers.number, markers.marker, markers.text) == (number, marker, text)
    assert starts_block(line) is bool(number)


def test_lettered_lines_under_a_lead_in_are_list_items_in_hard_wrapped_text() -> None:
    text = (
        "1.  We inspected the Northdale custody suites in May and found that the force had\n"
        "    not yet put right the problems we reported on in our last inspection visit.\n"
        "\n"
        "2.  By 30 November 2025, the force should, with its healthcare provider:\n"
        "\n"
        "    a) make sure that every detainee is offered a healthcare assessment on\n"
        "       arrival at the custody suite;\n"
        "    b) record the reasons for any delay in that assessment; and\n"
        "    c) audit the records every quarter and report the results to a chief\n"
        "       officer.\n"
    )
    blocks = parse_text(text).blocks
    assert [(block.kind, block.number, block.flat[:30]) for block in blocks[2:]] == [
        (BlockKind.LIST_ITEM, "a", "make sure that every detainee "),
        (BlockKind.LIST_ITEM, "b", "record the reasons for any del"),
        (BlockKind.LIST_ITEM, "c", "audit the records every quarte"),
    ]
    assert blocks[4].flat.endswith("report the results to a chief officer.")


def test_saved_text_loses_form_feeds_running_headers_and_page_numbers() -> None:
    header = "Inspection of custody in Eastvale Police"
    text = (
        f"{header}: the full report\n\nPublished: 3 June 2025\n\n1.1 The suites were clean.\n\n"
        f"              Page 1 of 3\n\f{header}\n\n1.2 Staff were kind.\n\n              Page 2 of 3\n"
        f"\f{header}\n\n1.3 Records were complete.\n\n              Page 3 of 3\n"
    )
    flats = [block.flat for block in parse_text(text).blocks]
    assert flats == [
        f"{header}: the full report",
        "Published: 3 June 2025",
        "The suites were clean.",
        "Staff were kind.",
        "Records were complete.",
    ]
    assert [block.flat for block in parse_text("Staff were kind.\nPage 4 of 9\nThe end.").blocks] == [
        "Staff were kind.",
        "The end.",
    ]


def test_setext_underlines_make_headings_in_plain_text_too() -> None:
    text = "Areas for improvement\n---------------------\n\nThe force should act.\n\nA line\n---\n"
    blocks = parse_text(text).blocks
    assert (blocks[0].kind, blocks[0].level, blocks[0].flat) == (
        BlockKind.HEADING,
        2,
        "Areas for improvement",
    )
    assert blocks[1].flat == "The force should act."
    assert blocks[2].kind is BlockKind.PARAGRAPH  # a short rule is not an underline


def test_quoted_lines_are_marked_quoted_in_text_and_markdown() -> None:
    text = "We said in 2023:\n\n> By March 2024, the force should review its vetting\n> of new recruits.\n\nIt has.\n"
    blocks = parse_text(text, markdown=True).blocks
    assert [(block.flat, block.quoted) for block in blocks] == [
        ("We said in 2023:", False),
        ("By March 2024, the force should review its vetting of new recruits.", True),
        ("It has.", False),
    ]


def test_word_lettered_numbering_and_quote_style(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    word = docx.Document()
    numbering = word.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="40"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="41"><w:abstractNumId w:val="40"/></w:num>'))
    word.add_paragraph("By 1 May 2026, the trust should:")
    for text in ("review its triage;", "train its staff."):
        paragraph = word.add_paragraph(text)
        paragraph._p.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="41"/></w:numPr>')
        )
    word.add_paragraph("The force should have acted sooner.", style="Quote")
    word.save(str(tmp_path / "lettered.docx"))
    blocks = read_document(tmp_path / "lettered.docx").blocks
    assert [(block.kind, block.number, block.marker, block.flat) for block in blocks[1:3]] == [
        (BlockKind.LIST_ITEM, "i", "(i)", "review its triage;"),
        (BlockKind.LIST_ITEM, "ii", "(ii)", "train its staff."),
    ]
    assert blocks[3].quoted and not blocks[0].quoted


def test_web_page_letters_quotes_spans_definitions_and_details(tmp_path: Path) -> None:
    page = """<html><body><main>
    <h1>Report</h1>
    <dl><dt>Published</dt><dd>4 March 2025</dd><dt>Type</dt><dd>Thematic</dd></dl>
    <ol type="a"><li>review the policy;</li><li>publish it.</li></ol>
    <blockquote><p>The force should have known.</p></blockquote>
    <details><summary>Cause of concern: Vetting</summary><p>Vetting is slow.</p></details>
    <table><tr><th>No.</th><th>Text</th><th>By when</th></tr>
    <tr><td>1</td><td>Audit.</td><td rowspan="2">June 2026</td></tr>
    <tr><td>2</td><td>Train.</td></tr>
    <tr><td colspan="3">Group two</td></tr></table>
    </main></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    blocks = read_document(tmp_path / "page.html").blocks
    assert [block.flat for block in blocks[1:3]] == ["Published: 4 March 2025", "Type: Thematic"]
    assert [(block.number, block.flat) for block in blocks[3:5]] == [
        ("a", "review the policy;"),
        ("b", "publish it."),
    ]
    assert blocks[5].quoted and blocks[5].flat == "The force should have known."
    assert (blocks[6].kind, blocks[6].flat) == (BlockKind.HEADING, "Cause of concern: Vetting")
    assert blocks[8].rows == (
        ("No.", "Text", "By when"),
        ("1", "Audit.", "June 2026"),
        ("2", "Train.", "June 2026"),
        ("Group two", "Group two", "Group two"),
    )


def test_footnote_markers_are_not_words_of_the_sentence(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    paragraph = word.add_paragraph("Chief constables should follow the guidance.")
    paragraph.add_run("4").font.superscript = True
    paragraph.add_run(" They should report by May.")
    word.save(str(tmp_path / "notes.docx"))
    assert read_document(tmp_path / "notes.docx").blocks[0].flat == (
        "Chief constables should follow the guidance. They should report by May."
    )
    page = (
        '<html><body><main><p>Forces should use the code.<sup><a class="footnote-ref" href="#fn1">1</a></sup>'
        '</p><div class="footnotes"><p>1 The code of 2024.</p></div></main></body></html>'
    )
    (tmp_path / "notes.html").write_text(page, encoding="utf-8")
    assert [block.flat for block in read_document(tmp_path / "notes.html").blocks] == [
        "Forces should use the code."
    ]


def test_word_text_boxes_are_read_once_where_they_are_anchored() -> None:
    corpus = Path(__file__).parent / "corpus" / "peel-report-callout-boxes.docx"
    flats = [block.flat for block in read_document(corpus).blocks]
    assert flats.count("Area for improvement 1") == 1  # the drawing, not its VML copy too
    boxed = flats.index("Area for improvement 1")
    assert flats[boxed - 1].startswith("Wenlock Vale Police is adequate")
    assert flats[boxed + 1].startswith("The force should make sure that every investigation has a plan")
    assert flats[boxed + 2].startswith("Forensic submissions were often delayed")
