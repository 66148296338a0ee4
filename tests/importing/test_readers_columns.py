"""Pages in two columns, in PDF and in text saved with ``pdftotext -layout``: read one column
after the other, a title band across the top, paragraphs running on across the column and
page breaks, page furniture that the columns split, and layouts that only look like two
columns (labels with their values, a table of items and dates)."""

from __future__ import annotations

from itertools import zip_longest
from pathlib import Path

from automation.importing import read_document
from automation.importing.readers.pdf_words import reading_lines
from automation.importing.readers.text import parse_text


def _word(text: str, x0: float, top: float, size: float = 10.0) -> dict[str, object]:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + 5.5 * len(text),
        "top": top,
        "bottom": top + size,
        "size": size,
    }


def test_pdf_superscript_markers_are_dropped_and_two_columns_read_in_turn() -> None:
    words = [
        _word("Title", 160, 40, size=18),
        _word("across", 195, 40, size=18),
        _word("columns", 235, 40, size=18),
    ]
    for row in range(8):
        top = 100 + 14 * row
        words += [_word(f"left{row}", 60, top), _word("words", 110, top), _word("here", 160, top)]
        words += [_word(f"right{row}", 320, top + 3), _word("words", 370, top + 3)]
    words.append(_word("7", 60 + 5.5 * 5, 98, size=6))  # a footnote marker raised after 'left0'
    lines = [" ".join(str(word["text"]) for word in group) for _, group in reading_lines(words, 595)]
    assert lines[0] == "Title across columns"
    assert lines[1:9] == [f"left{row} words here" for row in range(8)]
    assert lines[9:] == [f"right{row} words" for row in range(8)]


def test_pdf_two_columns_and_footnotes_read_as_paragraphs(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5, spaceAfter=6)
    height = A4[1]
    frames = [Frame(50 + index * 255, 60, 240, height - 120) for index in (0, 1)]

    def foot(canvas: object, _doc: object) -> None:
        canvas.setFont("Helvetica", 7)  # type: ignore[attr-defined]
        canvas.drawString(50, 40, "1 The survey ran from May to July 2025.")  # type: ignore[attr-defined]

    doc = BaseDocTemplate(str(tmp_path / "columns.pdf"), pagesize=A4)
    doc.addPageTemplates([PageTemplate("two", frames, onPage=foot)])
    filler = "Officers in the eight districts we visited told us that demand had grown. " * 9
    story = [Paragraph(filler + "<super>1</super>", body) for _ in range(5)]
    story.append(
        Paragraph(
            "Recommendation 1: By 31 May 2026, chief constables should make sure that every "
            "district has a trained digital media investigator on duty at all times.",
            body,
        )
    )
    doc.build(story)
    flats = [block.flat for block in read_document(tmp_path / "columns.pdf").blocks]
    assert flats[-1].startswith("Recommendation 1: By 31 May 2026, chief constables should make sure")
    assert flats[-1].endswith("on duty at all times.")
    assert not any("survey ran" in flat for flat in flats)
    assert all(flat.endswith("grown.") for flat in flats[:-1])


def test_pdf_labels_with_values_across_the_page_are_not_two_columns() -> None:
    fields = [("Date:", "4 May 2025"), ("Report by:", "Head of Audit"), ("Subject:", "Vetting"),
              ("Agenda item:", "9"), ("Classification:", "OFFICIAL"), ("Author:", "Ann Lee")]  # fmt: skip
    words = [word for row, (label, value) in enumerate(fields)
             for word in (_word(label, 60, 100 + 14 * row), _word(value, 330, 100 + 14 * row))]  # fmt: skip
    lines = [" ".join(str(word["text"]) for word in group) for _, group in reading_lines(words, 595)]
    assert lines == [f"{label} {value}" for label, value in fields]


def test_saved_text_in_two_columns_reads_one_column_then_the_other() -> None:
    left = [
        "About this review",
        "",
        "We reviewed how the eight forces in the region",
        "handle reports of missing children, and spoke",
        "to officers, staff and families in each force",
        "between January and March 2025 about it all.",
        "",
        "Most forces had improved since our last review.",
        "",
        "Each force told us what it had changed.",
    ]
    right = [
        "Recommendation 1: By 31 March 2026, chief",
        "constables should make sure that every missing",
        "child is risk assessed by a trained supervisor.",
        "",
        "Recommendation 2: The College of Policing",
        "should update its guidance on return home",
        "interviews by the end of 2026 at the latest.",
        "",
        "",
        "",
    ]
    lines = ["Missing children: a regional review", ""] + [
        f" {a:<52}{b}" for a, b in zip(left, right, strict=True)
    ]
    flats = [block.flat for block in parse_text("\n".join(lines)).blocks]
    assert flats == [
        "Missing children: a regional review",
        "About this review",
        "We reviewed how the eight forces in the region handle reports of missing children, and spoke to "
        "officers, staff and families in each force between January and March 2025 about it all.",
        "Most forces had improved since our last review.",
        "Each force told us what it had changed.",
        "Recommendation 1: By 31 March 2026, chief constables should make sure that every missing child is "
        "risk assessed by a trained supervisor.",
        "Recommendation 2: The College of Policing should update its guidance on return home interviews by "
        "the end of 2026 at the latest.",
    ]


def test_a_text_table_of_items_and_dates_is_not_two_columns() -> None:
    rows = [
        f"The force should review its policy number {n} on custody.      {n} March 2026" for n in range(1, 12)
    ]
    flat = " ".join(block.flat for block in parse_text("\n".join(rows)).blocks)
    assert all(f"number {n} on custody. {n} March 2026" in flat for n in range(1, 12))


def test_a_title_line_filling_only_the_left_half_is_in_the_band_above_the_columns() -> None:
    title = ["A", "long", "title", "set", "across"]
    words = [_word(word, 60 + 45 * index, 40, size=16) for index, word in enumerate(title)]
    words.append(_word("wrapped", 60, 60, size=16))
    for row in range(8):
        top = 110 + 14 * row
        words += [_word(f"left{row}", 60, top), _word("column", 110, top), _word("text", 160, top)]
        words += [_word(f"right{row}", 320, top), _word("column", 370, top)]
    placed = [
        (column, " ".join(str(word["text"]) for word in group)) for column, group in reading_lines(words, 595)
    ]
    assert placed[:2] == [(0, "A long title set across"), (0, "wrapped")]
    assert placed[2] == (1, "left0 column text")


def test_pdf_leaflet_runs_on_across_columns_and_pages_without_its_furniture(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    frames = [Frame(50 + index * 255, 60, 240, A4[1] - 130) for index in (0, 1)]

    def furniture(canvas: object, doc: object) -> None:
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(50, A4[1] - 40, "Harbour patrols: a summary")  # type: ignore[attr-defined]
        canvas.drawString(50, 36, "Marine policing review")  # type: ignore[attr-defined]
        canvas.drawRightString(545, 36, f"Page {doc.page}")  # type: ignore[attr-defined]

    doc = BaseDocTemplate(str(tmp_path / "leaflet.pdf"), pagesize=A4)
    doc.addPageTemplates([PageTemplate("two", frames, onPage=furniture)])
    filler = "Crews on the four harbour launches told us that their shifts had grown longer each year, " * 6
    filler = filler.rstrip(", ") + "."  # one sentence: a break inside it runs on
    ask = (
        "Recommendation 1: By 31 October 2026, chief constables should make sure that every launch "
        "crew has a trained first aider and a working defibrillator on board whenever it is at sea. "
    )
    story = [Paragraph("The crews we met", body)]
    story += [Paragraph(filler, body, bulletText="\u2022") for _ in range(2)]
    story += [Paragraph(filler, body) for _ in range(15)] + [Paragraph(ask, body)]
    doc.build(story)
    blocks = read_document(tmp_path / "leaflet.pdf").blocks
    flats = [block.flat for block in blocks]
    assert [block.bullet for block in blocks[1:4]] == [True, True, False]  # '(cid:127)': a bullet
    assert flats[-1] == ask.strip()
    assert all(flat == filler.strip() for flat in flats[1:-1])
    assert not any("Page" in flat or "Marine" in flat or "Harbour" in flat for flat in flats)


def _layout(left: list[str], right: list[str], width: int = 52) -> list[str]:
    return [f" {a:<{width}}{b}".rstrip() for a, b in zip_longest(left, right, fillvalue="")]


def test_saved_text_runs_on_across_the_column_and_the_page_break_without_its_footer() -> None:
    left = ["Findings", "", *["The launch crews we spoke to said that they had"] * 6, "",
            "Recommendation 1: By 31 May 2026, chief", "constables should make sure that every"]  # fmt: skip
    right = ["launch crew has a trained first aider on board", "whenever it is at sea.", "",
             *["Crews told us the shifts were far too long and"] * 6, "",
             "Recommendation 2: The College of Policing", "should publish guidance on marine"]  # fmt: skip
    footer = " Marine policing review" + " " * 60 + "Page {n}"
    first = ["Harbour patrols: a summary", "", *_layout(left, right), "", footer.format(n=1)]
    second = ["Harbour patrols: a summary", "", " policing by the end of 2026.", "", footer.format(n=2)]
    flats = [block.flat for block in parse_text("\n".join(first) + "\f" + "\n".join(second)).blocks]
    assert "Recommendation 1: By 31 May 2026, chief constables should make sure that every launch crew has a " \
        "trained first aider on board whenever it is at sea." in flats  # fmt: skip
    assert flats[-1] == (
        "Recommendation 2: The College of Policing should publish guidance on marine policing by the end of 2026."
    )
    assert not any("Marine" in flat or "Page" in flat for flat in flats)


def test_saved_text_of_labels_with_their_values_across_the_page_is_not_two_columns() -> None:
    fields = [("Report to:", "Audit and Risk Panel"), ("Date:", "4 May 2025"), ("Author:", "Head of Audit"),
              ("Subject:", "Vetting"), ("Agenda item:", "9"), ("Classification:", "OFFICIAL"),
              ("Contact:", "ann.lee@example.org"), ("Appendices:", "None"), ("Decision:", "For noting"),
              ("Version:", "Final"), ("Pages:", "4")]  # fmt: skip
    text = "\n".join(f" {label:<50}{value}" for label, value in fields)
    flats = [block.flat for block in parse_text(text).blocks]
    assert all(f"{label} {value}" in " ".join(flats) for label, value in fields)


def test_saved_text_keeps_a_title_running_across_the_gap_and_joins_words_hyphenated_at_line_ends() -> None:
    left = ["What we saw", *["Officers on late shifts told us the town was"] * 5, "busy in the early hours of every weekend.", "",
            "Recommendation 1: By 30 June 2026, forces", "should plan each of its weekend night-", "time operations with the council."]  # fmt: skip
    right = [*["Volunteers at the safe haven helped people"] * 8]
    title = " Policing the night-time town centre: an inspection"  # its last word crosses the gap
    text = "\n".join([title, "summary", "", *_layout(left, right, width=50)])
    flats = [block.flat for block in parse_text(text).blocks]
    assert flats[0] == "Policing the night-time town centre: an inspection summary"
    assert (
        "Recommendation 1: By 30 June 2026, forces should plan each of its weekend night-time operations with the council."
        in flats
    )
