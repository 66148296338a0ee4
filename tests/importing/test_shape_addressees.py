"""Who must act: whole names with 'and' inside them, only the main clause's subject, bodies
named without a usual head noun, and 'the agency' in a report about an agency."""

from __future__ import annotations

import pytest

from automation.importing.addressees import find_addressees
from automation.importing.document import Block
from automation.importing.layout import continues
from tests.importing.shapes import items


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("Police and crime commissioners should fund victim services.", ["Police and crime commissioners"]),
        ("Fire and rescue services should fit smoke alarms.", ["Fire and rescue services"]),
        (
            "The Home Office and the Department for Culture, Media and Sport should review the law.",
            ["Home Office", "Department for Culture, Media and Sport"],
        ),
        (
            "The Ministry of Justice and the Home Office should agree a plan.",
            ["Ministry of Justice", "Home Office"],
        ),
        ("Urgently, the NPCC should agree how forces should record drone sightings.", ["NPCC"]),
        (
            "Chief constables should agree a protocol with each trust, setting out: when the trust will "
            "call the police; and what the trust will share.",
            ["Chief constables"],
        ),
        ("Within a year, NHS England should staff every custody suite.", ["NHS England"]),
        ("Integrated care boards should commission more beds.", ["Integrated care boards"]),
        ("The Forensic Science Regulator should publish a code.", ["Forensic Science Regulator"]),
        ("Within a year, a review of the unit should be carried out by the force.", ["The force"]),
        ("A protocol should be agreed by the NPCC and the CPS within six months.", ["NPCC", "CPS"]),
        ("Figures should be published by the Home Office every quarter.", ["Home Office"]),
        ("The plan should be approved by 31 May 2026.", []),
        ("Funding should be provided to victim services.", []),
        (
            "By June 2026, chief constables, with their local authority partners, should review the protocol.",
            ["Chief constables", "Local authority partners"],
        ),
    ],
)
def test_the_bodies_that_must_act(text: str, bodies: list[str]) -> None:
    assert find_addressees(text) == bodies


def test_the_agency_is_the_agency_the_report_is_about() -> None:
    text = (
        "# An inspection of the National Fraud Agency's intelligence work\n\nPublished: 2 June 2025\n\n"
        "## Recommendations\n\n**Recommendation 1:** By 31 March 2026, the agency should review its triage.\n"
    )
    (found,) = items(text, markdown=True)
    assert (found["addressees"], found["applies_to_force"]) == (["National Fraud Agency"], False)


def test_a_name_cut_by_a_break_is_joined_and_a_statement_without_a_stop_is_not() -> None:
    cut = Block("5.9. The NCA should give guidance on the Investigatory Powers", number="5.9")
    assert continues(cut, Block("Act 2016, specifically the term 'authorised purposes'."))
    statement = Block(
        "The service hasn't done enough to make sure that complaints are identified and dealt with"
    )
    assert not continues(statement, Block("Staff told us they did not feel confident."))


@pytest.mark.parametrize(
    ("title", "ask", "bodies", "binds"),
    [
        ("Fernmoor Fire and Rescue Authority: protection", "the authority should audit", ["Fernmoor Fire and Rescue Authority"], True),
        ("Fernmoor Fire and Rescue Authority: protection", "the organisation should audit", ["Fernmoor Fire and Rescue Authority"], True),
        ("Fernmoor Constabulary: custody", "the constabulary should audit", ["Fernmoor Constabulary"], True),
        ("Fernmoor Constabulary: custody", "the authority should audit", ["Authority"], False),
        ("Custody healthcare: a thematic review", "the organisation should audit", [], False),
    ],
)  # fmt: skip
def test_the_authority_or_the_organisation_is_the_body_the_paper_is_about(
    title: str, ask: str, bodies: list[str], binds: bool
) -> None:
    text = f"# {title}\n\nPublished: 1 May 2025\n\n## Recommendations\n\nBy June 2026, {ask} its records.\n"
    (found,) = items(text, markdown=True)
    assert (found["addressees"], found["applies_to_force"]) == (bodies, binds)
