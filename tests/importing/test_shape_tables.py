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


REPORT_LINES = """\
Subject: Inspection reports, October to December 2025
Date: 22 January 2026

1. Purpose
1.1. This paper lists the reports published in the quarter.

2. Reports
Report A: Digital forensics: an inspection of how forces examine devices
2.1. On 6th October HMICFRS published its inspection of digital forensics.
- Recommendation 1: By 31 March 2026, chief constables should clear their backlogs of devices.
Report B: Tarnside Police: a vetting revisit
2.2. On 2nd December HMICFRS published a letter to Tarnside Police.
- Recommendation 1: Within three months, the force should re-vet its contractors.
Report C: The annual assessment of policing
2.3. On 9th December HMICFRS published its annual assessment. It makes no recommendations.

3. Recommendation
3.1. The committee is asked to note this report.
"""


def test_report_lines_each_head_a_report_whose_refs_start_again() -> None:
    data = extraction(REPORT_LINES)
    assert [
        (pub["title"], pub["published"], refs(pub["items"]), [item["deadline"] for item in pub["items"]])
        for pub in data["publications"]
    ] == [
        (
            "Digital forensics: an inspection of how forces examine devices",
            "2025-10-06",
            ["Recommendation 1"],
            ["2026-03-31"],
        ),
        ("Tarnside Police: a vetting revisit", "2025-12-02", ["Recommendation 1"], ["2026-03-02"]),
        ("The annual assessment of policing", "2025-12-09", [], []),
    ]


def test_a_label_in_the_text_column_gives_the_ref() -> None:
    text = (
        "Inspection of Northvale Police\nPublished: 1 May 2026\n\n"
        "Recommendation\tOwner\tDeadline\n"
        "Recommendation 4: The force should review its call handling.\tHead of Contact\t30/09/2026\n"
        "Area for improvement 2: The force should audit its files.\tHead of Crime\t\n"
    )
    found = items(text)
    assert [(item["ref"], item["kind"], item["text"], item["deadline"]) for item in found] == [
        ("Recommendation 4", "recommendation", "The force should review its call handling.", "2026-09-30"),
        ("AFI 2", "area for improvement", "The force should audit its files.", None),
    ]
    assert all(item["addressees"] == ["Northvale Police"] for item in found)


RESPONSE_PAGE = """<html><body><main>
<h1>Police and Crime Commissioner's response to the HMICFRS report: Protecting older victims</h1>
<p>HMICFRS published <em>Protecting older victims</em> on 4 March 2025. It made two recommendations
and one area for improvement for Kestrel Constabulary.</p>
<table><thead><tr><th>Recommendation</th><th>Chief Constable's response</th><th>Commissioner's comments</th></tr></thead>
<tr><td><p><strong>Recommendation 1</strong></p><p>By 31 May 2025, chief constables should make sure that
older victims are offered a specialist officer.</p></td><td><p>Accepted. Training starts in April.</p></td>
<td><p>I welcome this.</p></td></tr>
<tr><td><p><strong>Recommendation 2</strong></p><p>The College of Policing should update its guidance.</p></td>
<td><p>Noted.</p></td><td><p>Noted.</p></td></tr></table>
<table><tr><th>Area for improvement</th><th>Chief Constable's response</th></tr>
<tr><td><p>Area for improvement 1</p><p>The force should record the age of every victim.</p></td>
<td><p>Accepted.</p></td></tr></table>
</main></body></html>"""


def test_labels_on_their_own_line_in_a_cell_give_the_ref_and_answers_beside_make_a_response(
    tmp_path: Path,
) -> None:
    (tmp_path / "response.html").write_text(RESPONSE_PAGE, encoding="utf-8")
    data = to_json_dict(extract_file(tmp_path / "response.html"))
    (publication,) = data["publications"]
    assert publication["kind"] == "response" and publication["published"] == "2025-03-04"
    assert [(item["ref"], item["ref_made_up"], item["text"][:30]) for item in publication["items"]] == [
        ("Recommendation 1", False, "By 31 May 2025, chief constabl"),
        ("Recommendation 2", False, "The College of Policing should"),
        ("AFI 1", False, "The force should record the ag"),
    ]
    assert publication["items"][0]["addressees"] == ["Chief constables"]  # 'May' is the month
    assert publication["items"][2]["addressees"] == ["Kestrel Constabulary"]


def test_a_target_date_is_the_owners_and_an_empty_deadline_cell_leaves_the_texts() -> None:
    text = (
        "Inspection of Kestrel Constabulary\nPublished: 2 June 2025\n\n"
        "AFI\tDescription\tTarget date\tDeadline\tDirected to\n"
        "1\tThe force should audit its crime files.\t30/09/2025\t\tKestrel Constabulary\n"
        "2\tBy 31 March 2026, the force should train its call handlers.\t31/01/2026\t\tKestrel Constabulary\n"
        "3\tThe force should review its custody estate by June 2026.\t\tn/a\tKestrel Constabulary\n"
    )
    found = items(text)
    assert [(item["ref"], item["kind"], item["deadline_text"]) for item in found] == [
        ("AFI 1", "area for improvement", None),
        ("AFI 2", "area for improvement", "By 31 March 2026"),
        ("AFI 3", "area for improvement", None),
    ]
    assert all(item["addressees"] == ["Kestrel Constabulary"] for item in found)


def test_a_deadline_spanning_rows_applies_to_each(tmp_path: Path) -> None:
    page = """<html><body><main><h1>Super-complaint: stalking</h1><p>Published: 1 July 2025</p>
    <table><tr><th>No.</th><th>Recommendation</th><th>Directed to</th><th>By when</th></tr>
    <tr><th scope="row">1</th><td>Make sure that stalking is recorded.</td><td>Chief constables</td>
    <td rowspan="2">By 31 March 2026</td></tr>
    <tr><th scope="row">2</th><td>Appoint a stalking lead.</td><td>Chief constables</td></tr></table>
    </main></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    found = to_json_dict(extract_file(tmp_path / "page.html"))["publications"][0]["items"]
    assert [(item["ref"], item["deadline"], item["addressees"]) for item in found] == [
        ("Recommendation 1", "2026-03-31", ["Chief constables"]),
        ("Recommendation 2", "2026-03-31", ["Chief constables"]),
    ]


def test_rows_spanning_a_table_head_their_reports_and_dotted_refs_sit_under_theirs(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("Kestrel Constabulary – inspection action plan")
    table = word.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Ref", "Recommendation", "Owner", "Status"), strict=True):
        cell.text = text

    def spanning(text: str) -> None:
        row = table.add_row()
        row.cells[0].merge(row.cells[-1]).text = text

    def row(*texts: str) -> None:
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text

    spanning("PEEL 2025: An inspection of Kestrel Constabulary (published 4 April 2025)")
    row("CoC 1", "The force needs to improve how it supervises investigations.", "ACC Crime", "Open")
    row("CoC 1.1", "By 31 July 2025, the force should review every open investigation.", "DCI", "Open")
    row("AFI 1", "The force should record the ethnicity of everyone it stops.", "Insp", "Done")
    spanning("An inspection of police vetting (published 1 November 2024)")
    row("R3", "By 31 March 2025, chief constables should vet all contractors.", "Head of PSD", "Open")
    word.save(str(tmp_path / "plan.docx"))
    data = to_json_dict(extract_file(tmp_path / "plan.docx"))
    assert [(pub["title"], pub["published"], refs(pub["items"])) for pub in data["publications"]] == [
        ("PEEL 2025: An inspection of Kestrel Constabulary", "2025-04-04", ["CoC 1", "CoC 1.1", "AFI 1"]),
        ("An inspection of police vetting", "2024-11-01", ["R3"]),
    ]
    child = data["publications"][0]["items"][1]
    assert (child["kind"], child["parent_ref"], child["cause_for_concern"]) == (
        "recommendation",
        "CoC 1",
        True,
    )


def test_a_summary_table_of_counts_holds_no_items_and_needs_no_check() -> None:
    text = (
        "Inspections this quarter\n\nPublished: 1 April 2025\n\n"
        "Report\tRecommendations\tAreas for improvement\n"
        "Vetting inspection\t4\t0\nPEEL 2025\t0\t5\n"
    )
    data = extraction(text)
    assert data["publications"] == [] or not any(
        pub["items"] or pub["held_back"] for pub in data["publications"]
    )
    assert not any("table" in warning for warning in data["warnings"])


def test_a_report_about_the_police_response_to_something_is_not_a_response() -> None:
    text = (
        "# An inspection of the police response to burglary\n\nPublished: 3 May 2025\n\n"
        "## Recommendations\n\n**Recommendation 1**\n\nBy 1 December 2025, chief constables should attend every burglary.\n\n"
        "## Annex: Progress against our 2019 recommendations\n\n"
        "| Recommendation | Progress |\n|---|---|\n| Forces should record burglary accurately. | Achieved |\n"
        "| Forces should visit every victim. | Not achieved |\n"
    )
    data = extraction(text, markdown=True)
    assert data["publications"][0]["kind"] == "inspection"
    assert refs(data["publications"][0]["items"]) == ["Recommendation 1"]


def test_a_table_without_a_header_labelled_in_its_first_column(tmp_path: Path) -> None:
    page = """<html><body><main><h1>Joint inspection of youth justice</h1><p>Published 5 June 2025</p>
    <h2>Recommendations</h2><table>
    <tr><th scope="row">Recommendation 1</th><td>By 31 December 2025, chief constables should agree a diversion policy.</td></tr>
    <tr><th scope="row">Recommendation 2</th><td>The Youth Justice Board should publish standards.</td></tr>
    </table></main></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    found = to_json_dict(extract_file(tmp_path / "page.html"))["publications"][0]["items"]
    assert [(item["ref"], item["ref_made_up"], item["addressees"]) for item in found] == [
        ("Recommendation 1", False, ["Chief constables"]),
        ("Recommendation 2", False, ["Youth Justice Board"]),
    ]


def test_rows_spanning_a_pdf_table_head_their_reports_whose_refs_start_again(tmp_path: Path) -> None:
    """A PDF shows a merged cell's words once, in the first column: still a group's heading."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    normal = getSampleStyleSheet()["Normal"]
    rows = [
        ("Ref", "Area for improvement or recommendation", "HMICFRS deadline", "Lead officer", "Status"),
        ("PEEL 2025: An inspection of Tarnside Police (published 3 June 2025)",),
        ("AFI 1", "The force should answer non-emergency calls more quickly.", "n/a", "Supt A Lyle", "Open"),
        ("Custody in Tarnside (HM Inspectorate of Prisons and HMICFRS, published 9 July 2025)",),
        ("AFI 1", "The force should keep cells clean.", "n/a", "Insp B Rowe", "Open"),
        ("R2", "The force should review its use of force.", "By 31 March 2026", "Insp B Rowe", "Open"),
    ]
    data = [[Paragraph(cell, normal) for cell in row] + [""] * (5 - len(row)) for row in rows]
    spans = [("SPAN", (0, index), (-1, index)) for index, row in enumerate(rows) if len(row) == 1]
    table = Table(
        data,
        colWidths=[70, 330, 110, 110, 80],
        style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), *spans]),
    )
    story = [Paragraph("Tarnside Police – action plan", getSampleStyleSheet()["Title"]), table]
    SimpleDocTemplate(str(tmp_path / "plan.pdf"), pagesize=landscape(A4)).build(story)
    data_out = to_json_dict(extract_file(tmp_path / "plan.pdf"))
    assert [
        (pub["title"], pub["published"], pub["kind"], refs(pub["items"])) for pub in data_out["publications"]
    ] == [
        ("PEEL 2025: An inspection of Tarnside Police", "2025-06-03", "inspection", ["AFI 1"]),
        ("Custody in Tarnside", "2025-07-09", "joint inspection", ["AFI 1", "R2"]),
    ]


def test_a_table_of_an_earlier_reports_items_beside_their_progress_holds_no_items() -> None:
    text = (
        "# Stop and search: two years on\n\nPublished: 3 March 2026\n\n"
        "| 2024 recommendation | National position |\n|---|---|\n"
        "| By 31 July 2024, chief constables should publish their stop and search data. | Achieved |\n"
        "| Chief constables should make sure that body-worn video is used at every search. | Not achieved |\n\n"
        "## Recommendations\n\n"
        "| No. | Recommendation | Deadline |\n|---|---|---|\n"
        "| 1 | Chief constables should review how they scrutinise searches. | By 31 December 2026 |\n"
    )
    data = extraction(text, markdown=True)
    assert [item["text"] for item in data["publications"][0]["items"]] == [
        "Chief constables should review how they scrutinise searches."
    ]
    assert data["warnings"] == []


def test_bodies_listed_with_semicolons_in_an_addressed_to_cell_are_each_an_addressee() -> None:
    text = (
        "# Cybercrime: an inspection\n\nPublished: 3 March 2026\n\n"
        "| No. | Recommendation | Addressed to |\n|---|---|---|\n"
        "| 1 | They should share intelligence on ransomware attacks. | Chief constables; Cyber resilience hubs |\n"
    )
    (item,) = items(text, markdown=True)
    assert (item["addressees"], item["applies_to_force"]) == (
        ["Chief constables", "Cyber resilience hubs"],
        True,
    )


def test_headings_recounting_earlier_reports_do_not_split_a_report_whose_items_follow() -> None:
    text = (
        "# Stalking: an inspection\n\nPublished: 3 March 2026\n\n## The 2017 report\n\n"
        "On 5 May 2017 HMICFRS published its first report on stalking.\n\n## Our 2019 revisit\n\n"
        "On 12 June 2019 we published a revisit.\n\n## Recommendations\n\n"
        "1. By 31 December 2026, chief constables should record stalking correctly.\n"
    )
    data = extraction(text, markdown=True)
    assert [(pub["title"], refs(pub["items"])) for pub in data["publications"]] == [
        ("Stalking: an inspection", ["Recommendation 1"])
    ]
