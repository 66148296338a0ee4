"""Shape 6: fields. A lead-in's deadline and body go to its bullets; a relative deadline
counts from the date the items were issued; 'the force', 'the service' and 'the trust'
are the body the letter is written to; the publication is never page furniture; refs
are as written, and made-up ones are marked."""

from __future__ import annotations

from pathlib import Path

from automation.importing import extract_file, to_json_dict
from automation.importing.subject import subject_body
from tests.importing.builders import make_pdf
from tests.importing.shapes import extraction, items

LETTER = """\
To: Chief Fire Officer Amir Haddad
Coldwater Fire and Rescue Service
Service Headquarters, Quay Street, Coldwater CW2 8DF

Date: 20 May 2025

Subject: Cause of concern – fire safety audits

Dear Chief Fire Officer,
We gave the service our findings and these recommendations on 6 May 2025.
Cause of concern
The service isn't carrying out enough fire safety audits of high-risk buildings.
Recommendations
Within 60 days, the service should:
• review its risk-based inspection programme;
• train more fire safety inspectors.
Yours sincerely,
"""


def test_the_service_is_the_body_the_letter_is_to_and_deadlines_count_from_issue() -> None:
    found = items(LETTER)
    assert [(item["ref"], item["ref_made_up"]) for item in found] == [
        ("Cause of concern 1", True),
        ("Recommendation 1.1", True),
        ("Recommendation 1.2", True),
    ]
    assert {name for item in found for name in item["addressees"]} == {"Coldwater Fire and Rescue Service"}
    assert all(item["applies_to_force"] for item in found)
    assert [item["deadline"] for item in found[1:]] == ["2025-07-05", "2025-07-05"]  # 60 days from 6 May
    assert found[1]["deadline_text"] == "Within 60 days"
    publication = extraction(LETTER)["publications"][0]
    assert (publication["title"], publication["kind"], publication["published"]) == (
        "Cause of concern – fire safety audits",
        "letter",
        "2025-05-20",
    )


def test_subject_bodies_are_forces_services_and_trusts_not_inspectorates() -> None:
    assert subject_body(["His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"]) is None
    assert (
        subject_body(["PEEL 2025: An inspection of Greater Redbridge Police"]) == "Greater Redbridge Police"
    )
    assert subject_body(["To: Chief Executive, Millbrook Mental Health NHS Trust"]) == (
        "Millbrook Mental Health NHS Trust"
    )
    assert subject_body(["Anyshire Police and Crime Panel: scrutiny report"]) is None
    assert subject_body(["by HM Inspectorate of Prisons and HM Inspectorate of Constabulary"]) is None


def test_the_force_is_the_one_a_report_names_when_its_opening_names_none() -> None:
    text = (
        "Report on an inspection of police custody in Tarnside\n"
        "by HM Inspectorate of Prisons and HM Inspectorate of Constabulary and Fire & Rescue Services\n"
        "Published: 2 March 2026\n\n1.1 Tarnside Police has two custody suites. Eastvale Police lends it staff.\n\n"
        "1.2 Tarnside Police opened a new suite in 2025.\n\nAreas for improvement\n\n"
        "2.1 The force should repair its cell call bells.\n"
    )
    (item,) = items(text)
    assert (item["addressees"], item["applies_to_force"]) == (["Tarnside Police"], True)


def test_the_force_stays_the_force_when_the_document_names_no_force() -> None:
    (item,) = items("Recommendations\nRecommendation 1: The force should review its data.\n")
    assert item["addressees"] == ["The force"] and item["applies_to_force"]


def test_a_pdf_report_is_titled_by_its_title_not_its_running_header(tmp_path: Path) -> None:
    text = (
        "# Neighbourhood crime: an inspection of Southport Police\n\n"
        "Published: 2 September 2025\n\n"
        "1. Recommendations\n\n"
        "1.1. Recommendation 1: By 31 March 2026, the force should publish its neighbourhood plan.\n"
    )
    path = make_pdf(text, tmp_path / "report.pdf", header="OFFICIAL – Southport Police", footer="HMICFRS")
    data = to_json_dict(extract_file(path))
    assert data["paper"]["title"] != "OFFICIAL – Southport Police"
    (item,) = [item for pub in data["publications"] for item in pub["items"]]
    assert item["addressees"] == ["Southport Police"]
    assert item["deadline"] == "2026-03-31"
