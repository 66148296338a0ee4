"""Items written as headings, labels waiting for their item, causes named or stated, and
words that are not new items (quotations, assessments of earlier recommendations)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from automation.importing import extract_file, to_json_dict
from tests.importing.shapes import held, items, refs

PEEL_PAGE = """<html><body><main>
<h1>PEEL 2025: an inspection of Ashcombe Police</h1>
<p>Published: 9 September 2025</p>
<h2>Responding to the public</h2>
<h3>Areas for improvement</h3>
<h4>The force should make sure that callers are told when an officer will arrive</h4>
<p>Only 41 of the 90 callers we spoke to knew when to expect an officer. To put this right,
the force should review its call scripts.</p>
<h4>The force needs to record the vulnerability of every caller</h4>
<p>Call handlers recorded it in 60 percent of the calls we listened to.</p>
<h3>Good practice</h3>
<h4>The force should be proud of its rural crime team</h4>
<h2>Investigating crime</h2>
<h3>Area for improvement</h3>
<p>Some burglaries were closed without a visit, and supervisors did not check them.</p>
<h4>The force should improve the supervision of burglary investigations</h4>
<p>Supervisors told us they had too many investigations to review each week.</p>
<h2>Protecting vulnerable people</h2>
<h3>Cause of concern</h3>
<h4>Ashcombe Police needs to improve how it protects victims of stalking</h4>
<p>We found that stalking was often recorded as harassment, so victims were not referred.</p>
<h4>Recommendations</h4>
<p>Within three months of the publication of this report, the force should:</p>
<ul><li>train its investigators to recognise stalking;</li><li>audit its harassment crimes every month.</li></ul>
</main></body></html>"""


def test_headings_that_ask_are_items_and_what_follows_explains_them(tmp_path: Path) -> None:
    (tmp_path / "peel.html").write_text(PEEL_PAGE, encoding="utf-8")
    data = to_json_dict(extract_file(tmp_path / "peel.html"))
    found: list[dict[str, Any]] = data["publications"][0]["items"]
    assert [(item["ref"], item["parent_ref"], item["text"][:44]) for item in found] == [
        ("AFI 1", None, "The force should make sure that callers are "),
        ("AFI 2", None, "The force needs to record the vulnerability "),
        ("AFI 3", None, "The force should improve the supervision of "),
        ("Cause of concern 1", None, "Ashcombe Police needs to improve how it prot"),
        ("Recommendation 1.1", "Cause of concern 1", "train its investigators to recognise stalkin"),
        ("Recommendation 1.2", "Cause of concern 1", "audit its harassment crimes every month."),
    ]
    assert all(item["addressees"] == ["Ashcombe Police"] for item in found)
    assert found[4]["deadline"] == "2025-12-09"
    assert not any("call scripts" in item["text"] for item in data["publications"][0]["held_back"])


def test_a_waiting_label_takes_only_words_that_ask_something() -> None:
    text = (
        "Inspection of Ruthin Constabulary\n\nPublished: 1 May 2025\n\nArea for improvement\n\n"
        "Response times in rural areas were longer than the force's own targets.\n\n"
        "Summary\n\nThe force has improved since 2023.\n"
    )
    assert items(text) == []


REVISIT = """\
# Revisit of Ruthin Constabulary: vetting

To: Chief Constable Ada Price, Ruthin Constabulary
Date: 2 October 2025

Dear Chief Constable,

In our 2024 inspection we made two recommendations. This letter sets out our assessment.

## Our assessment of progress

### Recommendation 1

> By 31 March 2025, the force should clear its backlog of vetting renewals.

**Progress: met.** The backlog has been cleared. The force should keep it under review.

### Recommendation 2

> By 31 March 2025, the force should vet every contractor with access to its systems.

**Progress: not met.**

## Conclusion

**Area for improvement:** The force should make sure that contractors are vetted before they start work.

Yours sincerely,
"""


def test_quoted_recommendations_and_their_assessment_are_not_new_items() -> None:
    found = items(REVISIT, markdown=True)
    assert [(item["ref"], item["kind"], item["ref_made_up"]) for item in found] == [
        ("AFI 1", "area for improvement", True)
    ]
    assert (
        found[0]["text"] == "The force should make sure that contractors are vetted before they start work."
    )
    assert found[0]["addressees"] == ["Ruthin Constabulary"]
    assert held(REVISIT, markdown=True) == []


def test_a_progress_annex_of_earlier_recommendations_holds_no_items() -> None:
    text = (
        "Recommendations\n\nRecommendation 1: By June 2026, the force should publish its plan.\n\n"
        "Annex B: Progress against our 2021 recommendations\n\n"
        "Recommendation\tProgress\nThe force should train its call handlers.\tAchieved\n"
        "The force should audit its crime records.\tNot achieved\n"
    )
    assert refs(items(text)) == ["Recommendation 1"]


def test_causes_named_after_their_label_take_the_statement_below() -> None:
    text = (
        "Fire inspection 2025: Westdale Fire and Rescue Service\n\nPublished: 4 April 2025\n\n"
        "Causes of concern\n-----------------\n\n"
        "Cause of concern 1: Protection\n"
        "The service hasn't audited enough high-risk premises\n\n"
        "We found 40 premises that had never been audited.\n\n"
        "Recommendations\nBy 31 October 2025, the service should:\n"
        "- audit every high-risk premises; and\n- recruit two more fire safety inspectors.\n\n"
        "Cause of concern 2: Culture and values\n"
        "The service doesn't deal with complaints of bullying quickly enough.\n"
    )
    found = items(text)
    assert [(item["ref"], item["parent_ref"], item["text"][:38]) for item in found] == [
        ("Cause of concern 1", None, "The service hasn't audited enough high"),
        ("Recommendation 1.1", "Cause of concern 1", "audit every high-risk premises; and"),
        ("Recommendation 1.2", "Cause of concern 1", "recruit two more fire safety inspector"),
        ("Cause of concern 2", None, "The service doesn't deal with complain"),
    ]
    assert found[0]["addressees"] == ["Westdale Fire and Rescue Service"]


def test_a_cause_of_concern_label_with_a_name_makes_the_name_its_ref(tmp_path: Path) -> None:
    page = """<html><body><main><h1>Northdale Fire and Rescue Service: inspection 2025</h1>
    <p>Published: 3 March 2025</p><h2>Causes of concern</h2>
    <details><summary>Cause of concern: Keeping records up to date</summary>
    <p>The service doesn't keep its risk records up to date.</p>
    <p><strong>Recommendation</strong></p>
    <p>By 30 June 2025, the service should review every risk record.</p></details>
    <h2>Effectiveness</h2><p>The service is good.</p></main></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    found = to_json_dict(extract_file(tmp_path / "page.html"))["publications"][0]["items"]
    assert [(item["ref"], item["parent_ref"], item["ref_made_up"]) for item in found] == [
        ("Keeping records up to date", None, False),
        ("Recommendation 1.1", "Keeping records up to date", True),
    ]
    assert found[0]["text"] == "The service doesn't keep its risk records up to date."


def test_a_numbered_label_with_a_theme_is_the_ref_of_the_paragraph_below() -> None:
    text = (
        "# PEEL 2025 summary for Ruthin Constabulary\n\n_HMICFRS published its report on 3 June 2025._\n\n"
        "## Areas for improvement\n\n### Area for improvement 1 – Contact\n\n"
        "The force should answer 101 calls more quickly.\n\n*Lead: ACC Operations.*\n\n"
        "### Area for improvement 2 – Custody\n\nThe force should improve its custody records.\n"
    )
    found = items(text, markdown=True)
    assert [(item["ref"], item["ref_made_up"]) for item in found] == [("AFI 1", False), ("AFI 2", False)]


def test_short_labels_italic_restatements_and_a_capitalised_title() -> None:
    text = (
        "CUSTODY INSPECTION – WESTBRIDGE POLICE\n\nPublished: 2 June 2025\n\nRecommendations\n\n"
        "R1. The force should tell every detainee their rights on arrival.\n\n"
        "R2: The force should check every cell daily.\n\nAreas for improvement\n\n"
        "AFI-1 The force should clean its cells.\n"
    )
    found = items(text)
    assert [(item["ref"], item["ref_made_up"], item["text"]) for item in found] == [
        ("R1", False, "The force should tell every detainee their rights on arrival."),
        ("R2", False, "The force should check every cell daily."),
        ("AFI 1", False, "The force should clean its cells."),
    ]
    assert found[0]["reason"] == "labelled 'R1'"
    assert all(item["addressees"] == ["Westbridge Police"] for item in found)
    response = (
        "# Response to HMICFRS\n\n## Area for improvement 1\n\n*The force should answer 101 calls faster.*\n"
    )
    assert items(response, markdown=True)[0]["text"] == "The force should answer 101 calls faster."


def test_inline_cause_labels_state_findings_and_restated_recommendations_are_repeats() -> None:
    text = (
        "# Report on custody in Tarnside Police\n\nPublished: 2 March 2026\n\n"
        "## Causes of concern and recommendations\n\n"
        "2.4 Cause of concern: Cell call bells were not answered promptly, and detainees were left waiting.\n\n"
        "2.5 Recommendation: The force should make sure that cell call bells are answered within two minutes.\n\n"
        "2.6 Cause of concern: Detainees were not given enough to eat.\n\n"
        "2.7 Recommendation: The force should make sure that every detainee is offered a hot meal.\n\n"
        "## Treatment in custody\n\n4.1 Meals were cold.\n\n**Recommendation**\n\n"
        "4.2 The force should make sure that every detainee is offered a hot meal.\n"
    )
    assert [(item["ref"], item["parent_ref"]) for item in items(text, markdown=True)] == [
        ("Cause of concern 1", None),
        ("Recommendation 1.1", "Cause of concern 1"),
        ("Cause of concern 2", None),
        ("Recommendation 2.1", "Cause of concern 2"),
    ]


def test_a_numbered_cause_named_in_lower_case_after_a_dash_keeps_its_number() -> None:
    text = (
        "# Tarnside Fire and Rescue Service: causes of concern\n\nPublished: 2 March 2026\n\n"
        "**Cause of concern 1 – culture and values**\n\n"
        "The service hasn't done enough to make sure that its staff are treated with respect.\n"
    )
    (item,) = items(text, markdown=True)
    assert (item["ref"], item["ref_made_up"], item["kind"]) == (
        "Cause of concern 1",
        False,
        "cause of concern",
    )


def test_a_list_quoted_after_we_said_is_all_earlier_words() -> None:
    text = (
        "# Tarnside Police: revisit\n\nPublished: 3 March 2026\n\n## Areas for improvement\n\n"
        "In our 2024 report we said:\n\n- The force should answer 101 calls faster.\n"
        "- The force should repair its cell bells.\n\n"
        "The force has made progress on both. We have identified a new area for improvement:\n\n"
        "- The force should train its call handlers.\n"
    )
    assert [item["text"] for item in items(text, markdown=True)] == [
        "The force should train its call handlers."
    ]
