"""Register and tracker pages: each record a title line with its ID in brackets, its
directive, then a status log that is not an item. Each record belongs to the report its
title names; its ID is its ref."""

from make_corpus import Doc, Item, Pub

VMM = "An inspection of vetting, misconduct and misogyny in the police service"
VMM_12 = (
    "By 30 April 2023, chief constables should make sure that their forces have a process to review the vetting "
    "of officers and staff who are the subject of a misconduct finding."
)
VMM_23 = (
    "By 31 October 2023, chief constables should make sure that all complaints of sexual misconduct by officers "
    "are assessed by the force's counter-corruption unit."
)
STK = "Police response to stalking: a joint inspection"
STK_4 = (
    "Immediately, chief constables should make sure that stalking protection orders are considered in every "
    "stalking investigation."
)
DF = "Digital forensics: a thematic inspection"
DF_2 = "The force should reduce the time it takes to examine digital devices."
PMH = "Policing and mental health: picking up the pieces"
PMH_5 = (
    "By 31 March 2025, forces should put in place arrangements to make sure that officers are not deployed to "
    "mental health incidents where police involvement isn't needed."
)

TRACKER_TEXT = f"""Recommendations tracker – extract for the Joint Audit Committee
Westshire Police – open HMICFRS recommendations as at 31 January 2025

{VMM} (VMM-R12)
{VMM_12}
Status: In progress
12/12/2024 – Review process drafted by Professional Standards; awaiting legal advice.
03/10/2024 – Audit of 2023 cases completed; 14 cases referred for review.
Owner: Head of Professional Standards

{VMM} (VMM-R23)
{VMM_23}
Status: Complete – awaiting sign-off
20/01/2025 – All complaints since 1 April 2024 assessed; evidence submitted to the Business Assurance Meeting.
Owner: Head of Anti-Corruption Unit

{STK} (STK-R4)
{STK_4}
Status: Open
15/01/2025 – Guidance circulated to all investigators. The force should now audit compliance.
Owner: Detective Chief Superintendent, Public Protection

{DF} (DF-AFI2)
{DF_2}
Status: Open
Owner: Head of Digital Forensics

{PMH} (PMH-R5)
{PMH_5}
Status: In progress
28/01/2025 – Right Care Right Person phase 2 went live on 6 January.
"""

CC = ("Chief constables",)

TRACKER = Doc(
    name="recommendation-tracker-extract",
    fmt="txt",
    shape="tracker records: title line with the ID in brackets, the directive, a dated status log",
    source=TRACKER_TEXT,
    paper=dict(title="Recommendations tracker – extract for the Joint Audit Committee"),
    publications=[
        Pub(
            VMM,
            None,
            "inspection",
            items=[
                Item(
                    "VMM-R12",
                    VMM_12,
                    deadline_text="By 30 April 2023",
                    deadline="2023-04-30",
                    addressees=CC,
                    applies_to_force=True,
                ),
                Item(
                    "VMM-R23",
                    VMM_23,
                    deadline_text="By 31 October 2023",
                    deadline="2023-10-31",
                    addressees=CC,
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(
            STK,
            None,
            "joint inspection",
            items=[
                Item(
                    "STK-R4",
                    STK_4,
                    deadline_text="Immediately",
                    deadline="immediate",
                    addressees=CC,
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(
            DF,
            None,
            "inspection",
            items=[
                Item(
                    "DF-AFI2",
                    DF_2,
                    "area for improvement",
                    addressees=("Westshire Police",),
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(
            PMH,
            None,
            "inspection",
            items=[
                Item(
                    "PMH-R5",
                    PMH_5,
                    deadline_text="By 31 March 2025",
                    deadline="2025-03-31",
                    addressees=("Police forces",),
                    applies_to_force=True,
                ),
            ],
        ),
    ],
)

# --- the same shape as a web page -------------------------------------------------------

NF = "Northfield Police"
CDI = f"Crime data integrity inspection 2023: {NF}"
CDI_1 = "The force should make sure that reports of crime made through its online portal are recorded within 24 hours."
CDI_2 = "The force should improve how it records reports of rape, so that records are made within 24 hours of a report."
AIP = "An inspection into activism and impartiality in policing"
AIP_3 = (
    "By 31 December 2023, chief constables should review their forces' policies on officers attending public "
    "events while in uniform."
)
ACQ = "The police response to burglary, robbery and other acquisitive crime"
ACQ_1 = "By 31 August 2023, chief constables should make sure that their forces attend all domestic burglaries in person."
CUS = f"Custody inspection: {NF}"
CUS_2 = (
    "Within three months, the force should make sure detainees' medication is recorded in the custody record."
)

REGISTER_PAGE = Doc(
    name="recommendation-register-page",
    fmt="html",
    shape="register web page: records as headings with IDs in brackets, force updates as bullets, an issue "
    "date that anchors a relative deadline",
    source=f"""
# Recommendations and areas for improvement: {NF}
This page lists the recommendations and areas for improvement that we have made to {NF} and that remain open. Forces update us on their progress every quarter; the latest updates are shown below each one.
Last updated: 3 February 2025
### {CDI} (CDI23-AFI1)
{CDI_1}
**Status:** Open
**Force updates:**
* 14 January 2025: The online portal now routes reports to the crime bureau. The force should be able to evidence compliance by March.
* 7 October 2024: Additional staff recruited to the crime bureau.
### {CDI} (CDI23-AFI2)
{CDI_2}
**Status:** Open
### {AIP} (AIP-R3)
{AIP_3}
**Status:** Closed
**Force updates:**
* 2 May 2024: Policy reviewed and republished; recommendation closed by the force.
### {ACQ} (ACQ-R1)
{ACQ_1}
**Status:** Open
**Force updates:**
* 19 December 2024: Attendance at domestic burglaries now 98%; evidence to follow.
### {CUS} (CUS24-R2)
Issued: 22 July 2024
{CUS_2}
**Status:** Open
""",
    paper=dict(title=f"Recommendations and areas for improvement: {NF}"),
    publications=[
        Pub(
            CDI,
            None,
            "inspection",
            items=[
                Item("CDI23-AFI1", CDI_1, "area for improvement", addressees=(NF,), applies_to_force=True),
                Item("CDI23-AFI2", CDI_2, "area for improvement", addressees=(NF,), applies_to_force=True),
            ],
        ),
        Pub(
            AIP,
            None,
            "inspection",
            items=[
                Item(
                    "AIP-R3",
                    AIP_3,
                    deadline_text="By 31 December 2023",
                    deadline="2023-12-31",
                    addressees=CC,
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(
            ACQ,
            None,
            "inspection",
            items=[
                Item(
                    "ACQ-R1",
                    ACQ_1,
                    deadline_text="By 31 August 2023",
                    deadline="2023-08-31",
                    addressees=CC,
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(
            CUS,
            None,
            "inspection",
            items=[
                Item(
                    "CUS24-R2",
                    CUS_2,
                    deadline_text="Within three months",
                    deadline="2024-10-22",
                    addressees=(NF,),
                    applies_to_force=True,
                ),
            ],
        ),
    ],
)

DOCS = [TRACKER, REGISTER_PAGE]
