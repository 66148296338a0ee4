"""Shape 5: tables of recommendations (Word, PDF, web page, flattened to text), responses
that restate each recommendation and answer it, and documents joining publications."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from automation.importing import extract_file, to_json_dict
from tests.importing.shapes import extraction, items, refs

ROWS = [
    ("Ref", "Recommendation", "Lead body", "Deadline"),
    ("1", "Chief constables should make sure that hate crime is flagged on every record.", "Chief constables",
     "31 January 2026"),
    ("2", "Publish national guidance on hate crime investigation.", "College of Policing", "Within six months"),
    ("3", "The Home Office should fund third-party reporting centres.", "Home Office", "n/a"),
]  # fmt: skip


def _check(found: list[dict[str, Any]]) -> None:
    assert refs(found) == ["Recommendation 1", "Recommendation 2", "Recommendation 3"]
    assert [item["deadline"] for item in found] == ["2026-01-31", "2026-04-10", None]
    assert [item["deadline_text"] for item in found] == ["31 January 2026", "Within six months", None]
    assert [item["addressees"] for item in found] == [
        ["Chief constables"],
        ["College of Policing"],
        ["Home Office"],
    ]
    assert [item["applies_to_force"] for item in found] == [True, False, False]
    assert all(item["reason"].startswith("row of a table with a 'Ref / Recommendation") for item in found)


def test_word_table_with_a_deadline_column(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Hate crime: an inspection of the police response", level=1)
    word.add_paragraph("Published: 10 October 2025")
    table = word.add_table(rows=0, cols=4)
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    word.save(str(tmp_path / "hate.docx"))
    _check(to_json_dict(extract_file(tmp_path / "hate.docx"))["publications"][0]["items"])


@pytest.mark.parametrize(
    "rules",
    [
        [("GRID", (0, 0), (-1, -1), 0.5, "black")],
        [("LINEABOVE", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, "black")],
    ],
    ids=["grid", "rules-between-rows-only"],
)
def test_pdf_table_comes_through_with_its_deadlines(tmp_path: Path, rules: list[Any]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    story = [
        Paragraph("Hate crime: an inspection of the police response", styles["Title"]),
        Paragraph("Published: 10 October 2025", styles["Normal"]),
        Paragraph(
            "We make three recommendations. They are set out in the table below, with who leads.",
            styles["Normal"],
        ),
        Table(
            [[Paragraph(cell, styles["Normal"]) for cell in row] for row in ROWS],
            colWidths=[40, 250, 100, 90],
            style=TableStyle(rules),
        ),
    ]
    SimpleDocTemplate(str(tmp_path / "hate.pdf"), pagesize=A4).build(story)
    data = to_json_dict(extract_file(tmp_path / "hate.pdf"))
    assert data["publications"][0]["title"] == "Hate crime: an inspection of the police response"
    _check(data["publications"][0]["items"])


def test_flattened_and_markdown_tables() -> None:
    head = "Hate crime: an inspection of the police response\nPublished: 10 October 2025\n\n"
    tabbed = head + "\n".join("\t".join(row) for row in ROWS) + "\n"
    piped = head + "\n".join(f"| {' | '.join(row)} |" for row in [ROWS[0], ("---",) * 4, *ROWS[1:]]) + "\n"
    _check(items(tabbed))
    _check(items(piped, markdown=True))


def test_a_table_that_gives_no_items_is_a_warning() -> None:
    text = "Progress report\nPublished: 1 May 2025\n\nRecommendation\tStatus\nSee annex\tOpen\n"
    data = extraction(text)
    assert data["publications"][0]["items"] == []
    assert any("a table headed 'Recommendation / Status' gave no items" in w for w in data["warnings"])


RESPONSE = """\
# Eastvale Constabulary response to HMICFRS: Police response to burglary

Date: 3 March 2026

HMICFRS published "Police response to burglary" on 8 January 2026. We restate each recommendation for chief constables below, with our response.

1. By 30 June 2026, chief constables should make sure that every burglary is attended within 24 hours.

1.1 Accepted.

1.2 The force already attends 96% of burglaries within a day. Supervisors should check the remainder every week.

2. Chief constables should make sure that forensic examination is offered to every victim.

2.1 Accepted in part. We will offer it where there is a realistic prospect of evidence.
"""


def test_a_response_restates_and_answers_and_is_not_a_committee_paper() -> None:
    data = extraction(RESPONSE, markdown=True)
    (publication,) = data["publications"]
    assert publication["kind"] == "response"
    assert publication["published"] == "2026-01-08"
    assert [(item["ref"], item["para"]) for item in publication["items"]] == [
        ("Recommendation 1", "1"),
        ("Recommendation 2", "2"),
    ]
    assert publication["held_back"] == []


JOINED = """\
# Reports published this month

## Vetting and counter-corruption: an inspection

Published: 2 February 2026

**Recommendation 1:** By 31 July 2026, chief constables should review their vetting decisions.

## The police response to fraud: a revisit

Published: 17 February 2026

HMICFRS identified one area for improvement for all forces:

- Forces should make sure fraud victims are referred to support services.
"""


def test_each_part_of_a_joined_document_is_its_own_publication() -> None:
    data = extraction(JOINED, markdown=True)
    assert [
        (pub["title"], pub["published"], pub["kind"], refs(pub["items"])) for pub in data["publications"]
    ] == [
        ("Vetting and counter-corruption: an inspection", "2026-02-02", "inspection", ["Recommendation 1"]),
        ("The police response to fraud: a revisit", "2026-02-17", "review", ["AFI 1"]),
    ]


def test_a_label_in_the_text_column_gives_the_ref() -> None:
    text = (
        "Inspection of Northvale Police\nPublished: 1 May 2026\n\n"
        "Recommendation\tOwner\tTarget date\n"
        "Recommendation 4: The force should review its call handling.\tHead of Contact\t30/09/2026\n"
        "Area for improvement 2: The force should audit its files.\tHead of Crime\t\n"
    )
    found = items(text)
    assert [(item["ref"], item["kind"], item["text"], item["deadline"]) for item in found] == [
        ("Recommendation 4", "recommendation", "The force should review its call handling.", "2026-09-30"),
        ("AFI 2", "area for improvement", "The force should audit its files.", None),
    ]
    assert all(item["addressees"] == ["Northvale Police"] for item in found)
