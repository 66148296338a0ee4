"""The paper's own details: a letter with no memo fields, dates written on a line of the
opening, a report's date, titles without bylines, and a committee paper's own sections."""

from __future__ import annotations

from pathlib import Path

from automation.importing import extract_file, to_json_dict
from tests.importing.shapes import extraction, refs


def test_a_letter_without_memo_fields_gives_its_address_block_date_subject_and_signature(
    tmp_path: Path,
) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph().add_run("HM Inspectorate of Constabulary").bold = True
    word.add_paragraph("Chief Constable Jo Reid\nEastvale Police\nHeadquarters, Mill Road\nEastvale EV1 2AB")
    word.add_paragraph("4 March 2025")
    word.add_paragraph("Dear Chief Constable,")
    word.add_paragraph().add_run("Cause of concern – Eastvale Police: vetting").bold = True
    word.add_paragraph().add_run("Cause of concern").bold = True
    word.add_paragraph("Eastvale Police isn't vetting its new recruits before they start work.")
    word.add_paragraph(
        "Within three months of this letter, the force should vet every officer it has recruited since 2024."
    )
    word.add_paragraph("Yours sincerely,")
    word.add_paragraph("Sam Oduya\nHM Inspector of Constabulary")
    word.save(str(tmp_path / "letter.docx"))
    data = to_json_dict(extract_file(tmp_path / "letter.docx"))
    assert data["paper"] == {
        "title": "Cause of concern – Eastvale Police: vetting",
        "to": "Chief Constable Jo Reid, Eastvale Police, Headquarters, Mill Road, Eastvale EV1 2AB",
        "from": "Sam Oduya, HM Inspector of Constabulary",
        "dated": "2025-03-04",
        "period_start": None,
        "period_end": None,
    }
    (publication,) = data["publications"]
    assert (publication["kind"], publication["published"]) == ("letter", "2025-03-04")
    assert [item["deadline"] for item in publication["items"]] == [None, "2025-06-04"]


def test_a_report_with_no_date_line_is_dated_when_it_was_published() -> None:
    text = (
        "# Summary of the PEEL 2025 report for Eastvale Police\n\n"
        "_HMICFRS published the report on Tuesday 4 March 2025; this summary was written on 10 March 2025._\n\n"
        "## Areas for improvement\n\n1. The force should answer 101 calls faster.\n"
    )
    assert extraction(text, markdown=True)["paper"]["dated"] == "2025-03-04"


def test_a_byline_and_dates_under_a_title_are_not_the_title() -> None:
    text = (
        "Report on an inspection of custody in Eastvale Police\nby HM Inspectorate of Prisons\n\n"
        "2–6 June 2025\n\nPublished: 1 September 2025\n\nAreas for improvement\n\n"
        "2.1 The force should repair its cell bells.\n"
    )
    data = extraction(text)
    assert data["paper"]["title"] == "Report on an inspection of custody in Eastvale Police"
    assert data["paper"]["dated"] == "2025-09-01"


def test_a_web_page_byline_date_and_from_line_stay_apart() -> None:
    text = (
        "# Independent review of stop and search in Eastvale\n\n"
        "From: Eastvale Police and Crime Panel\n\nPublished 3 April 2025\n\n## Summary\n\nThe panel met six times.\n"
    )
    data = extraction(text, markdown=True)
    assert data["paper"]["from"] == "Eastvale Police and Crime Panel"
    assert data["paper"]["dated"] == "2025-04-03"


def test_a_committee_papers_own_sections_are_not_publications() -> None:
    text = (
        "Subject: HMICFRS reports, April to June 2025\nReport by: Head of Audit\n"
        "Security classification: OFFICIAL\n\n"
        "1. Purpose of the report\n1.1. This paper covers the reports HMICFRS published between April and June 2025.\n\n"
        "2. Summary\n2.1. HMICFRS published two reports in the quarter.\n\n"
        "3. Vetting: an inspection\n3.1. HMICFRS published this report on 2 May 2025.\n"
        "3.2. Recommendation 1: By 1 December 2025, chief constables should vet all contractors.\n\n"
        "4. Custody: an inspection\n4.1. HMICFRS published this report on 20 June 2025. It makes no recommendations.\n"
    )
    data = extraction(text)
    assert data["paper"]["from"] == "Head of Audit"
    assert [(pub["title"], pub["published"], refs(pub["items"])) for pub in data["publications"]] == [
        ("Vetting: an inspection", "2025-05-02", ["Recommendation 1"]),
        ("Custody: an inspection", "2025-06-20", []),
    ]


def test_fieldwork_dates_are_not_the_papers_date() -> None:
    text = (
        "Inspection of custody suites in Eastvale Police\n\nInspection fieldwork: 3 to 14 March 2025\n\n"
        "Summary\n\nThe suites were clean.\n"
    )
    assert extraction(text)["paper"]["dated"] is None


def test_a_directive_after_a_later_heading_is_not_the_causes() -> None:
    text = (
        "Dear Chief Constable,\n\nCause of concern\n\nThe force does not vet its contractors.\n\n"
        "Recommendation\n\nBy 1 June 2026, the force should vet every contractor.\n\n"
        "Next steps\n\nThe force should send us its plan by 1 March 2026.\n\nYours sincerely,\n"
    )
    found = extraction(text)["publications"][0]
    assert [(item["ref"], item["parent_ref"]) for item in found["items"]] == [
        ("Cause of concern 1", None),
        ("Recommendation 1.1", "Cause of concern 1"),
    ]


def test_a_letters_narrative_and_close_are_not_causes() -> None:
    text = (
        "Chief Fire Officer Lee Grant\nOakdale Fire and Rescue Service\nOakdale OK1 4RT\n\n8 September 2025\n\n"
        "Dear Chief Fire Officer,\n\n**Cause of concern – protection**\n\n"
        "1. We inspected the service in July 2025 and looked at its protection work.\n\n"
        "2. The service hasn't got enough qualified inspectors to audit its high-risk buildings.\n\n"
        "3. By 31 January 2026, the service should:\n\n(a) recruit four qualified inspectors; and\n\n"
        "(b) audit every high-rise building in its area.\n\n4. We will revisit the service in March 2026.\n\n"
        "Yours sincerely,\n\nJo Marsh\n"
    )
    found = extraction(text, markdown=True)["publications"][0]["items"]
    assert [(item["ref"], item["para"], item["text"][:30]) for item in found] == [
        ("Cause of concern 1", "2", "The service hasn't got enough "),
        ("Recommendation 1.1", "a", "recruit four qualified inspect"),
        ("Recommendation 1.2", "b", "audit every high-rise building"),
    ]


def test_a_numbered_section_after_the_memo_fields_is_not_the_authors_address() -> None:
    text = (
        "Report title: Inspection reports, May 2025\nAuthor: Jo Reid, Audit Liaison\n\n"
        "1. PURPOSE\n\n1.1 This paper lists the reports HMICFRS published in May 2025\n"
        "that concern the force\n"
    )
    assert extraction(text)["paper"]["from"] == "Jo Reid, Audit Liaison"


def test_a_title_set_over_several_headings_keeps_all_its_lines() -> None:
    headed = (
        "# Joint targeted inspection 2026\n\n## Tarnside Police\n\nInspection dates: 2–6 March 2026\n\n"
        "Published: 1 June 2026\n\n## Summary\n\nThe force has improved.\n"
    )
    assert (
        extraction(headed, markdown=True)["paper"]["title"]
        == "Joint targeted inspection 2026: Tarnside Police"
    )
    sections = "# Stalking: an inspection\n\n## Summary\n\nPublished: 1 June 2026 after a long delay.\n"
    assert extraction(sections, markdown=True)["paper"]["title"] == "Stalking: an inspection"


def test_a_letters_subject_wrapped_onto_a_second_line_keeps_both() -> None:
    text = (
        "Chief Constable Jo Reid\nTarnside Police\n\n4 March 2026\n\nDear Chief Constable,\n\n"
        "PEEL 2025-27 inspection of Tarnside Police: accelerated cause of concern about the\n"
        "supervision of investigations\n\n"
        "1.  We are writing to tell you about a cause of concern we found when we inspected your\n"
        "    force in February. We are publishing this letter now because of the risk to the\n"
        "    public, rather than waiting for the full report, which is due later in the year.\n\n"
        "Yours sincerely,\n\nSam Oduya\nHM Inspector of Constabulary\n"
    )
    assert extraction(text)["paper"]["title"] == (
        "PEEL 2025-27 inspection of Tarnside Police: accelerated cause of concern about the supervision of "
        "investigations"
    )


def test_report_author_and_title_of_report_fields_and_the_kinds_a_paper_says() -> None:
    text = (
        "Title of report: Inspection reports, June 2026\nReport author: Jo Reid, Audit Liaison\n"
        "Date of meeting: 9 July 2026\n\n"
        "## 2.1 Tarnside Police: accelerated cause of concern\n\n"
        "On 3rd June HMICFRS published a letter to the Chief Constable about a cause of concern.\n\n"
        "## 2.2 Custody in Tarnside\n\n"
        "On 17th June HM Inspectorate of Prisons and HMICFRS published their report on custody.\n"
    )
    data = extraction(text, markdown=True)
    assert (data["paper"]["title"], data["paper"]["from"]) == (
        "Inspection reports, June 2026",
        "Jo Reid, Audit Liaison",
    )
    assert [pub["kind"] for pub in data["publications"]] == ["letter", "joint inspection"]


def test_a_byline_naming_two_inspectorates_makes_a_joint_inspection() -> None:
    text = (
        "# Report on an inspection of custody in Tarnside\n\n"
        "by HM Inspectorate of Prisons and HM Inspectorate of Constabulary and Fire & Rescue Services\n\n"
        "Published: 2 June 2026\n\n## Areas for improvement\n\n- The force should repair its cell bells.\n"
    )
    assert extraction(text, markdown=True)["publications"][0]["kind"] == "joint inspection"
