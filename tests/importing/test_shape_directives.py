"""Shape 1: directives with no label and no 'Recommendations' heading, and shape 4: what
is not an item. A directive is decided by its main clause's verb, not by keywords."""

from __future__ import annotations

import pytest

from automation.importing.grammar import directive
from tests.importing.shapes import extraction, held, items, refs


@pytest.mark.parametrize(
    "text",
    [
        "By 1 May 2026, the force should publish its stop and search data.",
        "The Home Office, with the Ministry of Justice, should review the guidance.",
        "To reduce delays, chief constables must make sure that files are checked.",
        "Funding should be provided to expand the scheme.",
        "That the department publish its evaluation within a year.",
        "Review how victims are kept informed.",
        "HMICFRS to examine progress in 2026.",
        "Chief officers are asked to confirm that the policy is in place.",
        "The force needs to improve how it records crime",
        "The force should review its custody records, but not those older than five years.",
        "Review with its partners whether the protocol is working.",
    ],
)
def test_main_clause_modal_imperative_or_committee_form_is_a_directive(text: str) -> None:
    assert directive(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Our review showed the service is not yet able to show that it learns from complaints.",
        "We found that officers should have been given more training.",
        "Staff told us they should be spending more time on patrol.",
        "In 2022 we recommended that forces should publish their policies.",
        "The force should be proud of its volunteers.",
        "It should be noted that the figures are provisional.",
        "We should like to thank the officers who spoke to us.",
        "“The force should act now,” one victim said.",
        "The aim is to reduce waiting times to under an hour.",
        "The second report is expected to be published next year.",
        "The force will present its plan to the board in March.",
        "Supervisors should review every risk plan within a week, but in 14 of the 40 cases none had.",
        "Work on recommendation 1 is already complete.",
        "Status key. Complete: signed off by the board. Open: work under way.",
        "Staff should be able to find the policy on the intranet, but it is out of date.",
    ],
)
def test_findings_reports_quotes_and_infinitives_are_not_directives(text: str) -> None:
    assert directive(text) is None


RECORDS = """\
Open recommendations – extract for the Strategic Performance Board

Stalking and harassment: an inspection [SH-2023-07]
By 31 March 2024, the force should make sure that every stalking report is reviewed by a specialist.
Status: Open
02/02/2025 – The force should now check a sample of cases. Audit booked.

Crime recording inspection 2024 [CR24-AFI3]
The force should improve the recording of crimes reported by third parties.
Status: In progress
Lead: Head of Crime Bureau

Stalking and harassment: an inspection [SH-2023-09]
Within six months, chief constables should appoint a stalking coordinator.
Issued: 1 October 2023
"""


def test_records_each_belong_to_the_report_their_title_names_with_their_id_as_ref() -> None:
    data = extraction(RECORDS)
    assert [(pub["title"], refs(pub["items"])) for pub in data["publications"]] == [
        ("Stalking and harassment: an inspection", ["SH-2023-07", "SH-2023-09"]),
        ("Crime recording inspection 2024", ["CR24-AFI3"]),
    ]
    stalking, crime = data["publications"]
    assert stalking["items"][0]["text"].startswith("By 31 March 2024, the force should make sure")
    assert crime["items"][0]["kind"] == "area for improvement"
    assert stalking["items"][1]["deadline"] == "2024-04-01"  # six months from the date it was issued
    assert all(not item["ref_made_up"] for pub in data["publications"] for item in pub["items"])


INQUIRY = """\
Westborough City Council
Scrutiny review of community safety partnerships
Published: 3 March 2025

Findings
The partnership has not met since the spring. Members told us that they "want to see more officers in town centres".

The Committee recommends:
7: That the Council publish the partnership's annual plan on its website.
8: Funding should be set aside for a shared analyst post.
9: That the Chief Constable and the Council agree a joint problem-solving protocol by 30 September 2025.

Next steps
The Cabinet is asked to respond within two months.
"""


def test_committee_form_passive_directives_and_number_colon_refs() -> None:
    found = items(INQUIRY)
    assert refs(found) == ["Recommendation 7", "Recommendation 8", "Recommendation 9"]
    assert [item["addressees"] for item in found] == [["Council"], [], ["Chief constable", "Council"]]
    assert found[2]["deadline"] == "2025-09-30"
    assert found[2]["applies_to_force"] is True
    assert (
        extraction(INQUIRY)["publications"][0]["title"] == "Scrutiny review of community safety partnerships"
    )


def test_a_directive_outside_any_items_section_is_held_back_not_written() -> None:
    text = (
        "Inspection of call handling\n\nPublished: 2 June 2025\n\nSummary\n"
        "Forces need to be able to show that calls are answered promptly. We found delays at peak times.\n"
    )
    assert items(text) == []
    (candidate,) = held(text)
    assert candidate["ref"] == "Candidate 1"
    assert candidate["confidence"] < 0.5
    assert candidate["reason"] == "asks something outside any items section"


def test_the_inspectorates_recommend_that_form_and_short_labels() -> None:
    text = (
        "Recommendations\n"
        "We recommend that, by 31/03/2026, all chief constables should make sure that crime is recorded accurately.\n"
        "HMICFRS recommends that within six months the force should: review its crime bureau.\n"
        "We recommend that the Home Office publish its review by end of June 2026.\n"
        "AFI1: The force should improve how it allocates crime.\n"
        "Rec 7: The force should audit its use of stop and search.\n"
    )
    found = items(text)
    assert [(item["ref"], item["addressees"], item["deadline_text"]) for item in found] == [
        ("Recommendation 1", ["Chief constables"], "by 31/03/2026"),
        ("Recommendation 2", ["The force"], "within six months"),
        ("Recommendation 3", ["Home Office"], "by end of June 2026"),
        ("AFI 1", ["The force"], None),
        ("Rec 7", ["The force"], None),
    ]
    assert [item["deadline"] for item in found[:3]] == ["2026-03-31", None, "2026-06-30"]


def test_what_ought_to_happen_set_against_what_does_explains_an_area_for_improvement() -> None:
    text = (
        "Inspection of Tarnside Police\nPublished: 2 March 2026\n\nArea for improvement\n\n"
        "The force should improve how it plans its neighbourhood patrols.\n\n"
        "Patrol plans exist in most wards. Officers should be able to see them on their phones, "
        "but the app has not been rolled out.\n"
    )
    assert [item["text"] for item in items(text)] == [
        "The force should improve how it plans its neighbourhood patrols."
    ]


def test_a_committee_papers_own_ask_is_not_an_item() -> None:
    text = (
        "Subject: PEEL report on Tarnside Police\nDate: 4 May 2026\n\n"
        "RECOMMENDATION\n\nThe committee is asked to note the contents of this report.\n\n"
        "AREAS FOR IMPROVEMENT\n\nThe force should answer 101 calls faster.\n"
    )
    assert [item["text"] for item in items(text)] == ["The force should answer 101 calls faster."]
