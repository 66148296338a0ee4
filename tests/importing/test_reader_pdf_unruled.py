"""PDF tables set out with white space only: the header row gives the columns, padding
parts the rows, a cell's words wrap within its column, and running text ends the table;
labels with their values, or a sentence with wide spaces, are not tables."""

from __future__ import annotations

from pathlib import Path

from automation.importing import read_document
from automation.importing.readers.pdf_unruled import unruled_tables
from automation.importing.readers.pdf_words import line_groups

Word = dict[str, object]


def _line(top: float, *cells: tuple[float, str], size: float = 9.0) -> list[Word]:
    """Words at a line's top: each cell's words from its x, 5 points a letter, a space apart."""
    words: list[Word] = []
    for x, text in cells:
        for part in text.split():
            words.append({"text": part, "x0": x, "x1": x + 5 * len(part), "top": top, "bottom": top + size,
                          "size": size})  # fmt: skip
            x += 5 * len(part) + 2.5
    return words


def test_a_table_without_rules_is_read_by_its_header_and_padding() -> None:
    words = [
        *_line(100, (60, "Ref"), (100, "Recommendation"), (330, "Deadline"), (420, "Lead")),
        *_line(118, (60, "A1"), (100, "Forces should train all"), (330, "May 2026"), (420, "Forces")),
        *_line(129, (100, "call handlers.")),
        *_line(147, (60, "A2"), (100, "The NPCC should agree"), (330, "n/a"), (420, "NPCC")),
        *_line(158, (100, "a code."), (330, "")),
        *_line(176, (60, "Progress will be reported to the board every month by the lead officer."), size=9),
    ]
    (table,) = unruled_tables(line_groups(words))
    assert table.rows == (
        ("Ref", "Recommendation", "Deadline", "Lead"),
        ("A1", "Forces should train all\ncall handlers.", "May 2026", "Forces"),
        ("A2", "The NPCC should agree\na code.", "n/a", "NPCC"),
    )
    assert table.bbox[3] < 176  # the sentence after it is not a row


def test_labels_with_values_and_sentences_with_wide_spaces_are_not_tables() -> None:
    labels = [
        *_line(
            100, (60, "Recommendation:"), (200, "The force should audit its custody records every month.")
        ),
        *_line(112, (60, "Deadline:"), (200, "31 May 2026")),
    ]
    sentence = _line(140, (60, "Our recommendation and its deadline are set out below."))
    assert unruled_tables(line_groups(labels + sentence)) == []


def test_a_heading_beside_the_other_columns_text_is_no_header() -> None:
    heading = _line(100, (60, "Recommendations"), size=13)
    beside = _line(100, (320, "Deadline dates"))
    for word in heading:
        word["fontname"] = "Helvetica-Bold"
    assert unruled_tables(line_groups(heading + beside + _line(120, (60, "Forces"), (320, "May")))) == []


def test_a_table_of_text_and_dates_is_a_table_not_two_columns(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    ask = "The force should check every case file before it goes to the prosecutor, and feed errors back (file {})."
    rows = [["Recommendation", "Timescale"], *([ask.format(n), f"{n} June 2026"] for n in range(1, 9))]
    table = Table([[Paragraph(cell, body) for cell in row] for row in rows], colWidths=[330, 110])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    SimpleDocTemplate(str(tmp_path / "files.pdf"), pagesize=A4).build([Paragraph("Case files", body), table])
    (block,) = [block for block in read_document(tmp_path / "files.pdf").blocks if block.rows]
    assert block.rows[1] == (ask.format(1), "1 June 2026")
    assert len(block.rows) == 9
