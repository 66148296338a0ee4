"""Each reader turns its format into the same blocks; odd bytes and odd files are handled."""

from __future__ import annotations

from pathlib import Path

import pytest

from automation.core.errors import CannotRun
from automation.importing import BlockKind, extract_file, read_document, to_json_dict
from automation.importing.document import Block
from automation.importing.layout import join_continuations
from automation.importing.normalise import clean_text, decode_bytes
from automation.importing.readers.pdf_layout import Line, Page, lay_out
from automation.importing.readers.text import parse_text
from tests.importing.builders import make_docx, make_html

RECOMMENDATION = "Recommendation 1: By 31 March 2022, chief constables’ forces should act."


@pytest.mark.parametrize(
    ("data", "wanted"),
    [
        (RECOMMENDATION.encode("utf-8"), RECOMMENDATION),
        (b"\xef\xbb\xbf" + RECOMMENDATION.encode("utf-8"), RECOMMENDATION),
        (RECOMMENDATION.encode("cp1252"), RECOMMENDATION),  # Word's 'smart quote' 0x92
        (RECOMMENDATION.encode("utf-16"), RECOMMENDATION),
    ],
)
def test_text_encodings(data: bytes, wanted: str) -> None:
    assert decode_bytes(data) == wanted


def test_clean_text_spaces_but_not_quotes_or_dashes() -> None:
    assert (
        clean_text("By\u00a031\u202fMay \u2013 \u201cnow\u201d\u200b  soon\r\n")
        == "By 31 May \u2013 \u201cnow\u201d soon\n"
    )
    assert clean_text("of\ufb01cer co\u00adoperate") == "officer cooperate"


def test_text_reader_blocks_bullets_numbers_and_headings() -> None:
    document = parse_text(
        "# Title\n\n- 1.4. Recommendation 1: a\nsecond line\n• bullet that:\n1) not a list\n"
    )
    assert document.blocks == (
        Block("Title", BlockKind.HEADING, level=1),
        Block("Recommendation 1: a\nsecond line", BlockKind.LIST_ITEM, "1.4", True, marker="-"),
        Block("bullet that:\n1) not a list", BlockKind.LIST_ITEM, "", True, marker="\u2022"),
    )


def test_text_one_paragraph_a_line_keeps_titles_apart_and_splits_mid_line_bullets() -> None:
    document = parse_text(
        "Recommendations\nRecommendation 1\nBy 31 March 2025, the force should act.\n"
        "HMICFRS found two areas for improvement: • The force should audit. • The force should train.\n"
    )
    assert [(block.kind, block.flat) for block in document.blocks] == [
        (BlockKind.PARAGRAPH, "Recommendations"),
        (BlockKind.PARAGRAPH, "Recommendation 1"),
        (BlockKind.PARAGRAPH, "By 31 March 2025, the force should act."),
        (BlockKind.PARAGRAPH, "HMICFRS found two areas for improvement:"),
        (BlockKind.LIST_ITEM, "The force should audit."),
        (BlockKind.LIST_ITEM, "The force should train."),
    ]


def test_hard_wrapped_text_joins_its_lines_and_tab_rows_are_a_table() -> None:
    wrapped = (
        "The inspection found that the force has improved how it answers calls from the\n"
        "public, but that it still takes too long to attend incidents graded as a priority\n"
        "and that supervision of investigations is inconsistent across its districts.\n"
        "Recommendation 1: By June 2025, the force should review how it grades incidents\n"
        "and how quickly it attends them, and report to the Committee on what it finds.\n"
        "\n"
        "Ref\tRecommendation\tDeadline\n"
        "R1\tThe force should act.\t31 May 2025\n"
    )
    blocks = parse_text(wrapped).blocks
    assert [block.flat[:40] for block in blocks[:2]] == [
        "The inspection found that the force has ",
        "Recommendation 1: By June 2025, the forc",
    ]
    assert blocks[2].kind is BlockKind.TABLE
    assert blocks[2].rows == (
        ("Ref", "Recommendation", "Deadline"),
        ("R1", "The force should act.", "31 May 2025"),
    )


def test_a_few_lines_longer_than_the_wrap_do_not_hide_it() -> None:
    """A title line or a table row longer than the rest is a line of its own; the paragraphs
    wrapped at the usual width still join, a sentence ending inside one included."""
    wrapped = (
        "    Report B: An inspection of how well the police and their partners protect children who go missing\n\n"
        "2.1   On 4th March HMICFRS published its report on children who go missing\n"
        "      from home. It looked at seven forces, among them Eastvale Police and\n"
        "      Westshire Police.\n\n"
        "2.2   HMICFRS made two recommendations for chief constables and one for the\n"
        "      Home Office. The Chief Constable has asked the Head of Public\n"
        "      Protection to lead the work on both of the recommendations for him.\n"
        "      Progress will be reported to the board:\n\n"
        "      - Recommendation 1: By 30 June 2025, chief constables should make\n"
        "        sure that every child reported missing is visited within a day.\n\n"
        "APPENDIX A - ITEMS TRACKED BY THE BOARD, WITH THEIR OWNERS AND THE DATES THEY ARE DUE\n"
        "  B  Recommendation 1  Visits to children reported missing           30/06/2025\n"
    )
    blocks = parse_text(wrapped).blocks
    assert [block.flat for block in blocks[1:4]] == [
        "On 4th March HMICFRS published its report on children who go missing from home. It looked at "
        "seven forces, among them Eastvale Police and Westshire Police.",
        "HMICFRS made two recommendations for chief constables and one for the Home Office. The Chief "
        "Constable has asked the Head of Public Protection to lead the work on both of the recommendations "
        "for him. Progress will be reported to the board:",
        "Recommendation 1: By 30 June 2025, chief constables should make sure that every child reported "
        "missing is visited within a day.",
    ]
    assert blocks[4].flat.startswith("APPENDIX A") and blocks[5].flat.startswith("B Recommendation 1")


def test_page_break_continuations_are_joined() -> None:
    blocks = parse_text(
        "1.1. Recommendation 1: The force should review the Investigatory Powers\n\n"
        "Act 2016, and publish it.\n\n"
        "1.2. The College should work\n\nwith forces.\n\n"
        "Cause of concern\n\nThe force is slow.\n"
    ).blocks
    joined = join_continuations(blocks)
    assert [block.flat for block in joined] == [
        "Recommendation 1: The force should review the Investigatory Powers Act 2016, and publish it.",
        "The College should work with forces.",
        "Cause of concern",
        "The force is slow.",
    ]


def test_unsupported_and_missing_files_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(CannotRun, match=r"cannot read \.doc files") as error:
        read_document(tmp_path / "paper.doc")
    assert "save the paper as .docx" in error.value.message
    with pytest.raises(CannotRun, match="no such file"):
        read_document(tmp_path / "missing.txt")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    with pytest.raises(CannotRun, match=r"not a Word \.docx"):
        read_document(tmp_path / "broken.docx")
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf")
    with pytest.raises(CannotRun, match="cannot be read"):
        read_document(tmp_path / "broken.pdf")
    (tmp_path / "scan.pdf").write_bytes(_blank_pdf())
    with pytest.raises(CannotRun, match="no text layer"):
        read_document(tmp_path / "scan.pdf")


def _blank_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _line(text: str, top: float, page: int, x0: float = 72.0, size: float = 10.0, bold: bool = False) -> Line:
    return Line(text, x0, x0 + 6 * len(text), top, top + size, size, bold, page)


def test_pdf_lines_lose_running_heads_page_numbers_and_line_end_hyphens() -> None:
    pages = [
        Page(
            0,
            595,
            842,
            (
                _line("OFFICIAL – Joint Audit Committee", 20, 0, size=8),
                _line("The force should improve its organisa-", 100, 0),
                _line("tional learning and its decision-", 113, 0),
                _line("making.", 126, 0),
                _line("Page 1 of 2", 800, 0, size=8),
            ),
        ),
        Page(
            1,
            595,
            842,
            (
                _line("OFFICIAL – Joint Audit Committee", 20, 1, size=8),
                _line("Decision-making matters.", 100, 1),
                _line("- 2 -", 800, 1, size=8),
            ),
        ),
    ]
    texts = [block.flat for block in lay_out(pages).blocks]
    assert texts == [
        "The force should improve its organisational learning and its decision-making.",
        "Decision-making matters.",
    ]


def test_pdf_paragraph_continued_on_the_next_page_is_joined_by_its_indent() -> None:
    """'... the College of' at a page's foot and 'Policing should ...' at the next page's
    head, at the paragraph's running indent, are one paragraph whatever the capital."""
    first = Page(
        0,
        595,
        842,
        (
            _line("Heading", 90, 0, size=14, bold=True),
            _line(
                "4.10.Recommendation 3: By June 2025, the work should be led by the College of", 120, 0, x0=60
            ),
            _line("Policing with forces.", 133, 0, x0=84),
            _line("4.11. Recommendation 4: The Home Office and the NPCC, with the", 160, 0, x0=60),
            _line("College of", 173, 0, x0=84),
        ),
    )
    second = Page(
        1,
        595,
        842,
        (
            _line("Policing, should publish guidance.", 90, 1, x0=84),
            _line("A new paragraph at the margin.", 120, 1, x0=60),
        ),
    )
    blocks = lay_out([first, second]).blocks
    assert [(block.kind, block.number, block.flat) for block in blocks] == [
        (BlockKind.HEADING, "", "Heading"),
        (
            BlockKind.PARAGRAPH,
            "4.10",
            "Recommendation 3: By June 2025, the work should be led by the College of Policing with forces.",
        ),
        (
            BlockKind.PARAGRAPH,
            "4.11",
            "Recommendation 4: The Home Office and the NPCC, with the College of "
            "Policing, should publish guidance.",
        ),
        (BlockKind.PARAGRAPH, "", "A new paragraph at the margin."),
    ]


def test_docx_bullets_headings_and_tables(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("PEEL 2022: Eastshire Police", level=1)
    word.add_paragraph("Published: 4 April 2022")
    word.add_heading("Areas for improvement", level=2)
    word.add_paragraph("The force should:")
    word.add_paragraph("improve how it supervises investigations;", style="List Bullet")
    word.add_paragraph("review its use of out-of-court disposals.", style="List Bullet")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "AFI 3"
    table.cell(0, 1).text = "The force should\u00a0audit its crime records by 1 December 2022."
    word.save(str(tmp_path / "peel.docx"))
    blocks = read_document(tmp_path / "peel.docx").blocks
    assert blocks[0] == Block("PEEL 2022: Eastshire Police", BlockKind.HEADING, level=1)
    assert blocks[4].bullet and blocks[4].kind is BlockKind.LIST_ITEM
    publication = to_json_dict(extract_file(tmp_path / "peel.docx"))["publications"][0]
    assert publication["title"] == "PEEL 2022: Eastshire Police"
    assert publication["published"] == "2022-04-04"
    assert [(item["ref"], item["text"], item["addressees"]) for item in publication["items"]] == [
        ("AFI 1", "improve how it supervises investigations;", ["Eastshire Police"]),
        ("AFI 2", "review its use of out-of-court disposals.", ["Eastshire Police"]),
        ("AFI 3", "The force should audit its crime records by 1 December 2022.", ["Eastshire Police"]),
    ]


def test_docx_letter_and_roman_numbering(tmp_path: Path) -> None:
    from automation.importing.readers.numbering import Level, Numbering

    numbering = Numbering(
        levels={
            "1": {
                0: Level(1, "decimal", "%1."),
                1: Level(1, "lowerLetter", "(%2)"),
                2: Level(1, "lowerRoman", "%3)"),
            }
        },
        instances={"7": ("1", {}), "8": ("1", {0: 5})},
    )
    shown = [
        numbering.show(num, level)
        for num, level in [("7", 0), ("7", 1), ("7", 1), ("7", 2), ("7", 0), ("8", 0)]
    ]
    assert [item.label for item in shown if item] == ["1.", "(a)", "(b)", "i)", "2.", "5."]


def test_saved_web_page_keeps_only_the_paper(tmp_path: Path) -> None:
    text = "# Report\n\nPublished: 2 May 2022\n\nRecommendations\n\n• Chief constables should act by June 2022.\n"
    publication = to_json_dict(extract_file(make_html(text, tmp_path / "report.html")))["publications"][0]
    assert publication["title"] == "Report"
    assert [item["text"] for item in publication["items"]] == ["Chief constables should act by June 2022."]
    assert publication["items"][0]["deadline"] == "2022-06-30"


def test_docx_from_builder_keeps_soft_line_breaks(tmp_path: Path) -> None:
    path = make_docx("From: A Person\nGovernance Unit\n\n1. Title\n\n1.1. Text.\n", tmp_path / "memo.docx")
    blocks = read_document(path).blocks
    assert blocks[0].text == "From: A Person\nGovernance Unit"
    assert [block.number for block in blocks[1:]] == ["1", "1.1"]


def test_docx_sections_as_word_headings_with_typed_numbers(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("Subject: HMICFRS publications – July 2021 to September 2021")
    word.add_heading("Police response to fraud: a review", level=2)
    word.add_paragraph("1.1. On 5th August 2021, HMICFRS published “Police response to fraud”.")
    word.add_paragraph("1.2. Recommendation 1: By 30th September 2021, chief constables should act.")
    word.save(str(tmp_path / "paper.docx"))
    data = to_json_dict(extract_file(tmp_path / "paper.docx"))
    (publication,) = data["publications"]
    assert (publication["title"], publication["published"], publication["kind"]) == (
        "Police response to fraud: a review",
        "2021-08-05",
        "review",
    )
    (item,) = publication["items"]
    assert (item["para"], item["deadline"], item["addressees"]) == ("1.2", "2021-09-30", ["Chief constables"])


def test_docx_paragraphs_inside_content_controls_are_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    word = docx.Document()
    word.add_heading("Recommendations", level=1)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    word.element.body.append(
        parse_xml(
            f'<w:sdt xmlns:w="{w}"><w:sdtContent><w:p><w:r><w:t>Recommendation 1: The force should '
            "review its vetting.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    word.save(str(tmp_path / "controls.docx"))
    assert [block.flat for block in read_document(tmp_path / "controls.docx").blocks] == [
        "Recommendations",
        "Recommendation 1: The force should review its vetting.",
    ]


def test_markdown_footnote_markers_and_notes_are_left_out() -> None:
    text = (
        "Forces should record organised retail crime[^2] as one series.\n\n"
        "[^2]: Theft by groups, often to sell the goods on. Forces should\n"
        "    record each theft separately.\n\n"
        "The next paragraph.\n"
    )
    blocks = parse_text(text, markdown=True).blocks
    assert [block.flat for block in blocks] == [
        "Forces should record organised retail crime as one series.",
        "The next paragraph.",
    ]
