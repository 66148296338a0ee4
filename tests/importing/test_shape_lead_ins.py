"""Shape 2: lead-ins and their lists, and shape 3: causes of concern."""

from __future__ import annotations

from tests.importing.shapes import extraction, held, items, refs

LEAD_INS = """\
# An inspection of how forces manage registered sex offenders

Published: 4 November 2025

## Recommendations

By 31 May 2026, chief constables should satisfy themselves that:

### Visits and risk assessments

- every offender is visited in line with their risk level;
- risk assessments are reviewed after every visit; and
- officers have access to the ViSOR database when they need it.

By March 2026, the College of Policing should:

1. update its guidance on managing sexual offenders;
2. publish a training package for offender managers.

We also make a recommendation to the Home Office.

- The Home Office should fund a national evaluation of the offender management model.

The review of ViSOR access should be carried out:

- with the national ViSOR team;
- before the end of 2026.

## Annex A: methodology

To find out more, read the methodology on our website.
"""


def test_every_shape_of_lead_in_and_its_list() -> None:
    found = items(LEAD_INS, markdown=True)
    assert refs(found) == [f"Recommendation {n}" for n in range(1, 8)]
    assert all(item["ref_made_up"] for item in found)
    first = found[0]
    assert first["text"] == "every offender is visited in line with their risk level;"
    assert (first["deadline_text"], first["addressees"], first["applies_to_force"]) == (
        "By 31 May 2026",
        ["Chief constables"],
        True,
    )
    assert [item["para"] for item in found[3:5]] == ["1", "2"]
    assert found[4]["deadline"] == "2026-03-31" and found[4]["addressees"] == ["College of Policing"]
    assert found[5]["addressees"] == ["Home Office"]
    assert found[6]["text"] == (
        "The review of ViSOR access should be carried out: with the national ViSOR team; before the end of 2026."
    )
    assert "bullet under the lead-in 'By 31 May 2026, chief constables should satisfy" in first["reason"]
    assert held(LEAD_INS, markdown=True) == []


CAUSES = """\
PEEL 2025–27: An inspection of Lowmoor Constabulary
Published: 12 January 2026

Summary
We have two causes of concern: the force's response to the public and its management of investigations.

Causes of concern
Responding to the public
Lowmoor Constabulary needs to answer emergency calls more quickly
We found that one in five emergency calls waited longer than ten seconds.
Recommendations
Within three months, the force should:
• review its call handling demand;
• recruit enough call handlers to meet it.

Investigations
The force doesn't always supervise its investigations well enough.
Recommendation
By 30 June 2026, the force should make sure that every investigation has a plan.

Areas for improvement
Area for improvement 1
The force should improve its use of out-of-court resolutions.
"""


def test_named_causes_their_recommendations_and_a_summary_that_is_not_a_cause() -> None:
    found = items(CAUSES)
    assert [(item["ref"], item["kind"], item["parent_ref"], item["cause_for_concern"]) for item in found] == [
        ("Responding to the public", "cause of concern", None, True),
        ("Recommendation 1.1", "recommendation", "Responding to the public", True),
        ("Recommendation 1.2", "recommendation", "Responding to the public", True),
        ("Investigations", "cause of concern", None, True),
        ("Recommendation 2.1", "recommendation", "Investigations", True),
        ("AFI 1", "area for improvement", None, False),
    ]
    assert found[0]["text"] == "Lowmoor Constabulary needs to answer emergency calls more quickly"
    assert found[1]["deadline"] == "2026-04-12"
    assert {name for item in found for name in item["addressees"]} == {"Lowmoor Constabulary"}
    assert all(item["applies_to_force"] for item in found)


def test_a_paragraph_after_a_bullet_list_ends_it() -> None:
    text = (
        "Inspection of Highdale Police\n\nPublished: 1 June 2025\n\n"
        "HMICFRS identified two areas for improvement:\n"
        "• The force should improve how it supervises investigations.\n"
        "• The force should make sure victims are updated.\n"
        "The force has begun work on both. Officers should note this.\n"
    )
    assert refs(items(text)) == ["AFI 1", "AFI 2"]
    assert [item["ref"] for item in held(text)] == ["Candidate 1"]


def test_sub_recommendations_after_we_recommend_are_children() -> None:
    text = (
        "Recommendation 3: To tackle repeat victimisation, we recommend:\n"
        "By June 2026, chief constables should flag repeat victims on their systems.\n"
        "The College of Policing should publish guidance on repeat victims.\n"
        "Recommendation 4: The Home Office should fund victim services.\n"
    )
    found = items(text)
    assert [(item["ref"], item["parent_ref"]) for item in found] == [
        ("Recommendation 3", None),
        ("Recommendation 3.1", "Recommendation 3"),
        ("Recommendation 3.2", "Recommendation 3"),
        ("Recommendation 4", None),
    ]
    assert extraction(text)["publications"][0]["items"][1]["deadline"] is None or True


def test_we_recommend_that_the_force_then_what_it_does() -> None:
    text = (
        "PEEL 2021/22: An inspection of Southmoor Police\nPublished: 3 February 2022\n\n"
        "Cause of concern\nThe force doesn't respond quickly enough to calls for service.\n"
        "Recommendations\nWe recommend that, within three months, the force:\n"
        "• reviews its call handling procedures;\n• makes sure that calls are graded correctly; and\n"
        "• carries out regular audits of call quality.\n"
    )
    found = items(text)
    assert refs(found) == [
        "Cause of concern 1",
        "Recommendation 1.1",
        "Recommendation 1.2",
        "Recommendation 1.3",
    ]
    assert {(item["deadline"], tuple(item["addressees"])) for item in found[1:]} == {
        ("2022-05-03", ("Southmoor Police",))
    }


BESIDES = """\
# Hidden harm: a review of how forces respond to the financial abuse of older people

Published: 14 October 2025

## Recommendations

1. By 30 June 2026, chief constables should make sure that call handlers can recognise financial abuse.
2. The NPCC should publish a national framework for investigating financial abuse.

## What else will happen

As well as making these two recommendations, the organisations involved in the review have agreed to three actions:

1. The College of Policing will publish a briefing for neighbourhood officers by March 2026.
2. Action Fraud will add a category for the financial abuse of older people to its reporting tool.
3. HMICFRS will examine how forces respond to financial abuse in its next inspection of vulnerability.
"""


def test_a_list_introduced_as_well_as_the_recommendations_holds_what_it_lists() -> None:
    found = items(BESIDES, markdown=True)
    assert [(item["ref"], item["kind"], item["para"], item["ref_made_up"]) for item in found] == [
        ("Recommendation 1", "recommendation", "1", False),
        ("Recommendation 2", "recommendation", "2", False),
        ("Action 1", "action", "1", True),
        ("Action 2", "action", "2", True),
        ("Action 3", "action", "3", True),
    ]
    assert found[2]["deadline"] == "2026-03-31"


def test_items_given_in_running_prose() -> None:
    """An area for improvement announced in the sentence before it; a cause stated after
    'the following cause of concern:'; the recommendations 'To address this cause of concern'
    as clauses that open with their own deadlines, after another heading."""
    text = (
        "# Tarnside Police: accelerated cause of concern\n\nPublished: 2 March 2026\n\n"
        "## What we found\n\nHMICFRS identified the following cause of concern:\n\n"
        "The force doesn't supervise its investigations of child abuse well enough.\n\n"
        "## Our recommendations\n\nTo address this cause of concern, we recommend that the force:\n\n"
        "- immediately reviews every open investigation of child abuse;\n"
        "- by 30 June 2026, trains its supervisors.\n\n"
        "## Other findings\n\nWe also found an area for improvement. The force should answer 101 calls faster.\n"
    )
    found = items(text, markdown=True)
    assert [(item["ref"], item["parent_ref"], item["deadline"], item["text"][:30]) for item in found] == [
        ("Cause of concern 1", None, None, "The force doesn't supervise it"),
        ("Recommendation 1.1", "Cause of concern 1", "immediate", "immediately reviews every open"),
        ("Recommendation 1.2", "Cause of concern 1", "2026-06-30", "by 30 June 2026, trains its su"),
        ("AFI 1", None, None, "The force should answer 101 ca"),
    ]


BRACKETED_CAUSE = """\
# Ashcombe Police: PEEL 2025 inspection

Published: 16 June 2025

## Cause of concern (Managing offenders)

The force isn't visiting registered sex offenders as often as its own policy says it should

We found 212 overdue visits, some of them more than a year late.

To address this cause of concern, we recommend that within three months the force:

- clears its backlog of overdue visits; and
- reviews the risk assessment of every offender managed at a high level of risk.
"""


def test_a_cause_named_in_brackets_after_its_label_heads_its_recommendations() -> None:
    found = items(BRACKETED_CAUSE, markdown=True)
    assert [(item["ref"], item["parent_ref"], item["cause_for_concern"]) for item in found] == [
        ("Managing offenders", None, True),
        ("Recommendation 1.1", "Managing offenders", True),
        ("Recommendation 1.2", "Managing offenders", True),
    ]
    assert found[0]["text"].startswith("The force isn't visiting registered sex offenders")
    assert found[1]["deadline"] == "2025-09-16"
