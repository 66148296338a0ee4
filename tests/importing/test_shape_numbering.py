"""Numbers, letters and refs: lettered parts of a numbered recommendation, a letter's
paragraph numbers, lists numbered across lead-ins, repeats with cross-references, and
made-up refs that never take a number the document writes."""

from __future__ import annotations

import pytest

from automation.importing.grammar import directive
from tests.importing.shapes import items, refs

LETTERED = """\
# Safer streets: an inspection of how forces tackle street harassment

**Published:** 5 May 2025

## Our recommendations

1. By 30 November 2025, chief constables should make sure that:
   a. every report of street harassment is recorded as a crime where the law allows;
   b. victims are told what happened to their report; and
   c. patrol plans use what victims tell them.
2. By the end of 2025, the College of Policing should publish guidance on street harassment.
3. Police and crime commissioners should fund support services for victims of street harassment.
"""


def test_lettered_parts_of_a_numbered_recommendation_are_its_children() -> None:
    found = items(LETTERED, markdown=True)
    assert [(item["ref"], item["parent_ref"], item["para"], item["ref_made_up"]) for item in found] == [
        ("Recommendation 1", None, "1", False),
        ("Recommendation 1.1", "Recommendation 1", "a", True),
        ("Recommendation 1.2", "Recommendation 1", "b", True),
        ("Recommendation 1.3", "Recommendation 1", "c", True),
        ("Recommendation 2", None, "2", False),
        ("Recommendation 3", None, "3", False),
    ]
    assert found[0]["text"] == "By 30 November 2025, chief constables should make sure that:"
    assert found[2]["text"] == "victims are told what happened to their report; and"
    assert found[2]["deadline"] == "2025-11-30" and found[2]["addressees"] == ["Chief constables"]


def test_lettered_conditions_of_a_labelled_recommendation_join_its_text() -> None:
    text = (
        "Recommendations\n\nRecommendation 4\n\nBy 1 March 2026, chief constables should agree a protocol "
        "with each ambulance trust, setting out:\n\n(a) when the trust will call the police; and\n"
        "(b) what the police will share with the trust.\n"
    )
    (found,) = items(text)
    assert found["ref"] == "Recommendation 4"
    assert found["text"].endswith(
        "setting out: when the trust will call the police; and what the police will share with the trust."
    )


LETTER = """\
To:    Chief Constable Ian Moss, Fenbridge Police
Date:  3 March 2025
Subject: Cause of concern – Fenbridge Police: custody

Dear Chief Constable

1.  We visited the force's custody suites in February 2025 and looked at the
    care of detainees held for more than 24 hours. We listened to staff and
    detainees in each suite and read 60 custody records from the last year.

2.  Staff were committed and caring, but the suites were often full.

Cause of concern

3.  Detainees held for more than 24 hours are not always seen by an
    inspector, and some are not offered a shower or exercise.

Recommendations

4.  Within 28 days of the date of this letter, the force should:

    a) make sure that an inspector reviews every detainee held for more than
       24 hours; and
    b) offer every detainee held overnight a shower and exercise.

5.  By 30 June 2025, the force should review how many cells it needs.

Yours sincerely
"""


def test_a_letters_paragraph_numbers_are_paragraph_numbers_not_refs() -> None:
    found = items(LETTER)
    assert [(item["ref"], item["parent_ref"], item["para"]) for item in found] == [
        ("Cause of concern 1", None, "3"),
        ("Recommendation 1.1", "Cause of concern 1", "a"),
        ("Recommendation 1.2", "Cause of concern 1", "b"),
        ("Recommendation 1.3", "Cause of concern 1", "5"),
    ]
    assert [item["deadline"] for item in found[1:]] == ["2025-03-31", "2025-03-31", "2025-06-30"]


def test_a_list_numbered_across_lead_ins_numbers_the_documents_items() -> None:
    text = (
        "Recommendations\n\nBy 1 June 2026, chief constables should:\n\n1. review their use of section 136;\n"
        "2. train custody sergeants in mental health first aid.\n\nNHS trusts should:\n\n"
        "3. staff every custody suite with a liaison nurse.\n\n"
        "4. The Home Office should publish a mental health strategy for policing.\n"
    )
    found = items(text)
    assert [(item["ref"], item["ref_made_up"]) for item in found] == [
        ("Recommendation 1", False),
        ("Recommendation 2", False),
        ("Recommendation 3", False),
        ("Recommendation 4", False),
    ]


def test_repeats_with_cross_references_are_listed_once() -> None:
    text = (
        "Report on custody in Fenbridge Police\n\nPublished: 1 July 2025\n\n"
        "Areas for improvement\n\n2.4 The force should repair its cell call bells.\n\n"
        "2.5 The force should record the reasons for strip searches.\n\n"
        "Section 6. Summary of areas for improvement\n\nAreas for improvement\n\n"
        "6.1 The force should repair its cell call bells. (2.4)\n\n"
        "6.2 The force should record the reasons for strip searches. (2.5)\n"
    )
    found = items(text)
    assert [(item["ref"], item["para"]) for item in found] == [("AFI 1", "2.4"), ("AFI 2", "2.5")]


def test_made_up_refs_never_take_a_number_the_document_writes() -> None:
    text = (
        "Recommendations\n\nThe College of Policing should publish guidance on drones.\n\n"
        "Recommendation 1: By 2026, chief constables should train drone pilots.\n\n"
        "Recommendation 2: The Home Office should fund a national drone unit.\n"
    )
    found = items(text)
    assert refs(found) == ["Recommendation 3", "Recommendation 1", "Recommendation 2"]
    assert [item["ref_made_up"] for item in found] == [True, False, False]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("We recommend that, by 31 March 2026, the College of Policing updates its guidance.", True),
        ("By 31 May 2025, chief constables should make sure that cells are checked.", True),
        ("Custody staff should have had more training in mental health.", False),
        ("Chief constables should read the recommendations for national bodies too.", False),
        ("Forces are asked to respond to the recommendations within 56 days.", False),
        ("Each body should tell us by the end of April how it intends to respond.", False),
        ("The service should let us know who will lead the work.", False),
        ("The force should report to us on its progress every quarter.", True),
        ("The force should have enough trained staff.", True),
    ],
)
def test_asks_decided_by_the_main_clause(text: str, asks: bool) -> None:
    assert (directive(text) is not None) is asks


OWN_VOICE_ITEM = """\
# Quiet lanes: an inspection of how forces tackle rural crime

Published: 9 June 2025

## Recommendations

1. By 31 December 2025, chief constables should appoint a rural crime lead in every force.
2. We recommend that, by 30 April 2026, the NPCC agrees a national definition of rural crime.
3. The Home Office should publish figures on rural crime every year.
4. Police and crime commissioners should review the support they fund for victims in farming communities.
"""


def test_a_numbered_recommendation_in_the_inspectorates_voice_is_not_a_paragraph_number() -> None:
    found = items(OWN_VOICE_ITEM, markdown=True)
    assert [(item["ref"], item["para"], item["ref_made_up"]) for item in found] == [
        (f"Recommendation {n}", str(n), False) for n in range(1, 5)
    ]
