"""Committee papers and minutes in the family's styles: sections, header, overrides."""

from __future__ import annotations

from automation.importing import extract, to_json_dict
from automation.importing.readers.text import parse_text

MINUTES = """\
Joint Audit Committee – Minutes

Date: 14 October 2021

1. Apologies

1.1. Apologies were received from the Deputy Chief Constable.

2. HMICFRS update

2.1. The committee noted the update on AFI 7 from the 2019 PEEL inspection, which remains open.

2.2. AFI 7 – progress was discussed and the owner will report back in January.

2.3. AFI 8: progress was noted and the item remains amber.

3. Recommendations

3.1. It is recommended that the Committee note the content of this paper.
"""


def test_minutes_that_mention_items_create_none() -> None:
    data = to_json_dict(extract(parse_text(MINUTES)))
    assert data["publications"] == []
    assert data["paper"]["dated"] == "2021-10-14"


COMMITTEE = """\
To: Joint Audit Committee

From: Sam Patel – Governance Officer
Strategic Planning Unit

Date: January 2022

Subject: HMICFRS publications – October 2021 to December 2021

1. Police response to stalking: a joint inspection

1.1. On 2nd November, HMICFRS published “Police response to stalking: a joint inspection”.

1.2. All of the recommendations are addressed to the Home Office. Progress will be tracked through the Force’s Business Assurance Meeting:

1.3. Recommendation 1: By 31 October 2021, the Home Office should review stalking legislation.

1.4. Recommendation 2 (cause of concern): Chief constables should appoint a stalking lead immediately.

2. Policing in the pandemic: a review of the police response

2.1. On 15th December 2021, HMICFRS published “Policing in the pandemic”.

2.2. Recommendation 1 – By 31\u00a0March\u00a02022, chief constables and the College of Policing should review the use of fixed penalty notices.

3. Recommendations

3.1. It is recommended that the Committee note the content of this paper.
"""


def test_committee_paper_header_dates_and_overrides() -> None:
    data = to_json_dict(extract(parse_text(COMMITTEE)))
    assert data["paper"] == {
        "title": "HMICFRS publications – October 2021 to December 2021",
        "to": "Joint Audit Committee",
        "from": "Sam Patel – Governance Officer, Strategic Planning Unit",
        "dated": "2022-01",
        "period_start": "2021-10-01",
        "period_end": "2021-12-31",
    }
    first, second = data["publications"]
    assert (first["published"], first["kind"]) == ("2021-11-02", "joint inspection")
    assert first["tracked_via_business_assurance"] is True
    assert (second["published"], second["kind"]) == ("2021-12-15", "review")
    assert second["tracked_via_business_assurance"] is False
    past, cause = first["items"]
    assert past["deadline"] == "2021-10-31"  # before publication: kept as written
    assert cause["cause_for_concern"] is True and cause["kind"] == "recommendation"
    assert cause["addressees"] == ["Home Office"]  # 'all ... addressed to the Home Office'
    assert cause["deadline"] == "immediate"
    nbsp = second["items"][0]
    assert nbsp["text"].startswith("By 31 March 2022, chief constables")  # NBSP is a space
    assert nbsp["deadline_text"] == "By 31 March 2022"
    assert nbsp["addressees"] == ["Chief constables", "College of Policing"]
    assert nbsp["para"] == "2.2"


PEEL_IN_A_PAPER = """\
To: Joint Audit Committee

Date: 20th May 2022

Subject: HMICFRS publications – April 2022 to May 2022

1. PEEL 2021/22: An inspection of Anyshire Constabulary

1.1. On 5th May 2022, HMICFRS published “PEEL 2021/22: An inspection of Anyshire Constabulary”.

1.2. HMICFRS identified two areas for improvement:

• The force should improve how it supervises investigations.
• The force should make sure that victims are kept informed.

1.3. The force has already begun work on both. Officers should note this.
"""


def test_areas_for_improvement_listed_after_a_narrative_lead_in() -> None:
    data = to_json_dict(extract(parse_text(PEEL_IN_A_PAPER)))
    assert data["paper"]["dated"] == "2022-05-20"
    (publication,) = data["publications"]
    assert publication["published"] == "2022-05-05"
    assert [(item["ref"], item["kind"]) for item in publication["items"]] == [
        ("AFI 1", "area for improvement"),
        ("AFI 2", "area for improvement"),
    ]
    assert all(item["applies_to_force"] for item in publication["items"])
