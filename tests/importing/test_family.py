"""Small papers written in the family's styles: each judgement the extractor must make.

The example paper is one quarter of one force; these are the shapes other papers and
reports take: PEEL letters and reports, thematic and super-complaint reports, minutes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from automation.core.model import Kind
from automation.importing import extract, to_json_dict
from automation.importing.readers.text import parse_text


def _items(text: str) -> list[dict[str, Any]]:
    data = to_json_dict(extract(parse_text(text)))
    return [item for publication in data["publications"] for item in publication["items"]]


def _publication(text: str) -> dict[str, Any]:
    data = to_json_dict(extract(parse_text(text)))
    assert len(data["publications"]) == 1
    publication: dict[str, Any] = data["publications"][0]
    return publication


PEEL_LETTER = """\
PEEL spotlight report: Anyshire Constabulary’s response to vulnerable people
Published: 12 May 2021

Dear Chief Constable,

We recently inspected how Anyshire Constabulary protects vulnerable people.

Cause of concern

The constabulary doesn’t always identify repeat and vulnerable victims when they first contact it, so some are not safeguarded quickly enough.

Recommendations

By 30 September 2021, the service should:
• make sure that call handlers use the THRIVE risk assessment consistently;
• review how it records repeat victims on its systems; and
• put in place a process to audit vulnerability assessments.

Cause of concern

Investigations of domestic abuse are too often delayed and poorly supervised.

Recommendation

Within three months, the force should make sure that every domestic abuse investigation is reviewed by a supervisor.

Yours sincerely,

HM Inspector of Constabulary
"""


def test_peel_letter_bullets_share_the_lead_in_deadline_and_addressee() -> None:
    publication = _publication(PEEL_LETTER)
    assert publication["title"].startswith("PEEL spotlight report: Anyshire Constabulary’s")
    assert publication["published"] == "2021-05-12"
    assert publication["kind"] == "inspection"
    items = publication["items"]
    assert [item["ref"] for item in items] == [
        "Cause of concern 1",
        "Recommendation 1.1",
        "Recommendation 1.2",
        "Recommendation 1.3",
        "Cause of concern 2",
        "Recommendation 2.1",
    ]
    cause = items[0]
    assert cause["kind"] == "cause of concern" and cause["cause_for_concern"] is True
    assert cause["text"].startswith("The constabulary doesn’t always")
    for bullet in items[1:4]:
        assert bullet["parent_ref"] == "Cause of concern 1"
        assert bullet["kind"] == "recommendation" and bullet["cause_for_concern"] is True
        assert bullet["deadline_text"] == "By 30 September 2021"
        assert bullet["deadline"] == "2021-09-30"
        assert bullet["addressees"] == ["The service"] and bullet["applies_to_force"] is True
    assert items[2]["text"] == "review how it records repeat victims on its systems; and"
    last = items[5]
    assert last["parent_ref"] == "Cause of concern 2"
    assert (last["deadline_text"], last["deadline"]) == ("Within three months", "2021-08-12")
    assert last["addressees"] == ["Anyshire Constabulary"]  # the force the letter is about


PEEL_REPORT = """\
# PEEL 2021/22: An inspection of Westshire Police

Published 3 March 2022

## Areas for improvement

Area for improvement 1

The force should improve how it records crime, so that it complies with national standards.

Area for improvement 2

The force needs to make sure that its officers understand how to use stop and search powers fairly.

AFI 3: The force should review its approach to neighbourhood policing by the end of 2022.

## Our findings

The force has made progress since our last inspection. At the committee, progress on AFI 7 was noted.

The force should be proud of its work with partners.
"""


def test_peel_report_areas_for_improvement_in_both_forms() -> None:
    publication = _publication(PEEL_REPORT)
    assert publication["title"] == "PEEL 2021/22: An inspection of Westshire Police"
    assert publication["published"] == "2022-03-03"
    items = publication["items"]
    assert [item["ref"] for item in items] == ["AFI 1", "AFI 2", "AFI 3"]
    assert {item["kind"] for item in items} == {"area for improvement"}
    assert items[1]["text"].startswith("The force needs to make sure")
    assert [item["deadline"] for item in items] == [None, None, "2022-12-31"]
    assert items[2]["deadline_text"] == "by the end of 2022"
    # 'the force' is the force the report is about, named in its title
    assert all(item["addressees"] == ["Westshire Police"] and item["applies_to_force"] for item in items)


def test_unnumbered_afi_bullets_are_numbered_in_order() -> None:
    text = "Areas for improvement\n\n• The force should improve its call handling.\n• The force should audit crime records.\n"
    items = _items(text)
    assert [(item["ref"], item["kind"]) for item in items] == [
        ("AFI 1", "area for improvement"),
        ("AFI 2", "area for improvement"),
    ]


THEMATIC = """\
An inspection of the police response to acquisitive crime

Published: 25 August 2022

Summary

We inspected how well forces respond to burglary, robbery and theft. We make four recommendations.

Recommendations

Recommendation 1

By 31 March 2023, all chief constables should make sure their forces attend domestic burglaries promptly and record the reasons when they don’t.

Recommendation 2

By 30 September 2023, the NPCC lead for acquisitive crime should work with the College of Policing to publish guidance on investigating robbery.

Recommendation 3 – Within 12 months of publication, the Home Office should review how acquisitive crime is recorded.

Recommendation 4: By 30 June, the College of Policing, in consultation with the NPCC, should update its authorised professional practice on investigation.

About us

HMICFRS independently assesses the effectiveness and efficiency of police forces. Forces should read our reports.
"""


def test_thematic_recommendations_and_their_addressees() -> None:
    items = _publication(THEMATIC)["items"]
    assert [item["ref"] for item in items] == [f"Recommendation {n}" for n in range(1, 5)]
    assert [item["addressees"] for item in items] == [
        ["Chief constables"],
        ["NPCC lead for acquisitive crime"],  # not the College: it is worked with
        ["Home Office"],
        ["College of Policing"],  # not the NPCC: it is consulted
    ]
    assert [item["applies_to_force"] for item in items] == [True, False, False, False]
    assert items[2]["deadline_text"] == "Within 12 months of publication"
    assert items[2]["deadline"] == "2023-08-25"
    assert items[0]["text"].endswith("record the reasons when they don’t.")


def test_deadline_without_a_year_takes_it_from_the_report() -> None:
    item = _publication(THEMATIC)["items"][3]
    assert item["deadline_text"] == "By 30 June"
    assert item["deadline"] == "2023-06-30"  # the first 30 June after publication


SUPER_COMPLAINT = """\
Super-complaint: Police response to victims of modern slavery
Published: 14 June 2022

Recommendations

Recommendation 1: Chief constables should make sure that victims are referred to support services within 24 hours.

Recommendation 2: The Home Office, with the Ministry of Justice, should review the statutory guidance.

Actions

Action 1: HMICFRS to consider modern slavery in its PEEL inspections.

Action 2: The College of Policing will update its guidance by December 2022.
"""


def test_super_complaint_actions_beside_recommendations() -> None:
    publication = _publication(SUPER_COMPLAINT)
    assert publication["kind"] == "super-complaint"
    items = publication["items"]
    assert [(item["ref"], item["kind"]) for item in items] == [
        ("Recommendation 1", "recommendation"),
        ("Recommendation 2", "recommendation"),
        ("Action 1", "action"),
        ("Action 2", "action"),
    ]
    assert items[0]["deadline"] is None  # 'within 24 hours' is a standard, not a deadline
    assert items[1]["addressees"] == ["Home Office", "Ministry of Justice"]
    assert items[2]["addressees"] == ["HMICFRS"]
    assert (items[3]["deadline_text"], items[3]["deadline"]) == ("by December 2022", "2022-12-31")


SUB_RECOMMENDATIONS = """\
Tackling violence against women and girls: a progress report
Published: 1 February 2022

Recommendation 1: Forces should do more to pursue perpetrators. We recommend:

By 31 May 2022, chief constables should review how they use protective orders.

The Home Office, together with the Ministry of Justice, should fund more perpetrator programmes as soon as possible.

To make this sustainable, we also recommend:

Immediately, the College of Policing should publish guidance on stalking.

Recommendation 2: By September 2022, the NPCC lead for domestic abuse should set national standards.

It is recommended that the Committee note the content of this report.
"""


def test_sub_recommendations_under_we_recommend_lead_ins() -> None:
    items = _items(SUB_RECOMMENDATIONS)
    assert [(item["ref"], item["parent_ref"]) for item in items] == [
        ("Recommendation 1", None),
        ("Recommendation 1.1", "Recommendation 1"),
        ("Recommendation 1.2", "Recommendation 1"),
        ("Recommendation 1.3", "Recommendation 1"),  # the second lead-in is not an item
        ("Recommendation 2", None),
    ]
    parent, first, second, third, last = items
    assert parent["text"].endswith("We recommend:")  # parents keep their lead-in
    assert parent["addressees"] == ["Police forces"] and parent["applies_to_force"]
    assert first["deadline"] == "2022-05-31" and first["addressees"] == ["Chief constables"]
    assert second["addressees"] == ["Home Office", "Ministry of Justice"]
    assert (second["deadline_text"], second["deadline"]) == ("as soon as possible", None)
    assert third["deadline"] == "immediate"
    assert last["deadline"] == "2022-09-30"


def test_curly_quotes_and_dashes_are_kept_verbatim() -> None:
    text = "Recommendation 1: The force’s “lead” – its chief officer – should act by 1 May 2024.\n"
    (item,) = _items(text)
    assert item["text"] == "The force’s “lead” – its chief officer – should act by 1 May 2024."
    assert item["deadline"] == "2024-05-01"


def test_kinds_are_the_registers_kinds() -> None:
    assert {item["kind"] for item in _items(SUPER_COMPLAINT)} <= {kind.label.casefold() for kind in Kind}
    assert date(2021, 8, 12).isoformat() == _items(PEEL_LETTER)[-1]["deadline"]
