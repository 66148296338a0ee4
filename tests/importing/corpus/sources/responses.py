"""Responses that restate each recommendation and answer it: the restated recommendations
are the items; the answers ('3.1 Accepted', 'We will ...') are not, nor are their numbers
a committee paper's sections."""

from make_corpus import Doc, Item, Pub

CC = ("Chief constables",)

# --- a force's response in Word: '3.' restates, '3.1' answers ----------------------------

NF = "Northfield Police"
FRAUD_TITLE = f"{NF} response to HMICFRS: An inspection of the police response to fraud"
FRAUD = (
    (
        "By 31 March 2025, chief constables should make sure that every fraud victim receives a written crime "
        "reference number and advice on protecting themselves.",
        "By 31 March 2025",
        "2025-03-31",
        CC,
        (
            "Accepted.",
            "We will update the economic crime victim care standard and train all call handlers by "
            "February 2025.",
            "Lead: Detective Superintendent, Economic Crime.",
        ),
    ),
    (
        "By 30 June 2025, chief constables should make sure that their forces use the national fraud case management "
        "system for all fraud investigations.",
        "By 30 June 2025",
        "2025-06-30",
        CC,
        (
            "Accepted in part.",
            "The force already uses the system for 80% of investigations. We will migrate the "
            "remaining investigations once the regional licence is in place.",
        ),
    ),
    (
        "Chief constables should make sure that fraud investigators have access to specialist training.",
        None,
        None,
        CC,
        ("Accepted.", "Training places have been secured through the regional organised crime unit."),
    ),
    (
        "By 31 December 2025, chief constables should review the resourcing of their economic crime units against "
        "demand.",
        "By 31 December 2025",
        "2025-12-31",
        CC,
        (
            "Accepted.",
            "A demand review will be completed by the strategic planning unit in the new year. The review "
            "should take account of the national fraud strategy.",
        ),
    ),
    (
        "By 31 March 2025, the Home Office should review the funding of Action Fraud.",
        "By 31 March 2025",
        "2025-03-31",
        ("Home Office",),
        ("Noted. The force will adopt any guidance that follows.",),
    ),
    (
        "By 30 September 2025, the College of Policing should publish guidance on fraud investigation.",
        "By 30 September 2025",
        "2025-09-30",
        ("College of Policing",),
        ("Noted.",),
    ),
)


def _restated(first: int, last: int) -> str:
    lines = []
    for text, _, _, _, answers in FRAUD[first:last]:
        lines.append(f"§ {text}")
        lines.extend(f"§§ {answer}" for answer in answers)
    return "\n".join(lines)


FORCE_RESPONSE = Doc(
    name="force-response-fraud",
    fmt="docx",
    shape="force response in Word: each recommendation restated as a numbered paragraph and answered in "
    "numbered sub-paragraphs; a directive inside an answer that is not an item",
    source=f"""
# {FRAUD_TITLE}
Date: 5 December 2024
Author: Head of Economic Crime, {NF}
## Introduction
HMICFRS published “An inspection of the police response to fraud” on 26 September 2024. It made six recommendations, four of which are addressed to chief constables. This paper restates each recommendation that applies to the force and sets out our response. Recommendations addressed only to national bodies are listed at the end for information.
## Recommendations for chief constables
{_restated(0, 4)}
## Recommendations for national bodies (for information)
{_restated(4, 6)}
""",
    paper=dict(title=FRAUD_TITLE, dated="2024-12-05", **{"from": f"Head of Economic Crime, {NF}"}),
    publications=[
        Pub(
            FRAUD_TITLE,
            "2024-09-26",
            "response",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    para=str(n),
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who == CC,
                )
                for n, (text, phrase, due, who, _) in enumerate(FRAUD, start=1)
            ],
        ),
    ],
)

# --- a government response in Markdown: bold restated recommendations, then answers -------

GOV_TITLE = "The Government response to the Home Affairs Committee report: Police recruitment and retention"
GOV = (
    (
        4,
        "The Home Office should publish, by the end of 2025, an evaluation of the Police Uplift Programme's effect on "
        "officer numbers in every force. (Paragraph 21)",
        "by the end of 2025",
        "2025-12-31",
        ("Home Office",),
        "The Government accepts this recommendation. The Home Office will publish an evaluation of the programme by "
        "December 2025.",
    ),
    (
        5,
        "The College of Policing should review the entry routes into policing so that candidates without a degree "
        "are not deterred from applying. (Paragraph 27)",
        None,
        None,
        ("College of Policing",),
        "The Government partially accepts this recommendation. The College of Policing has already introduced a "
        "non-degree entry route.",
    ),
    (
        9,
        "Chief constables should carry out exit interviews with every officer who leaves their force voluntarily, "
        "and report the results to their police and crime commissioner annually. (Paragraph 40)",
        None,
        None,
        CC,
        "The Government agrees that understanding why officers leave is important. Forces should already be "
        "collecting this information.",
    ),
    (
        10,
        "The Home Office should, within six months of this report, set out how it will fund a national retention "
        "programme. (Paragraph 44)",
        "within six months of this report",
        "2025-06-10",
        ("Home Office",),
        "The Government does not accept this recommendation. Funding for retention is a matter for forces and PCCs.",
    ),
    (
        12,
        "Police forces must make sure that flexible working requests from officers are considered fairly and "
        "promptly. (Paragraph 51)",
        None,
        None,
        ("Police forces",),
        "The Government accepts this recommendation. The Home Office will write to chief constables to remind them "
        "of this.",
    ),
)


def _gov(numbers: tuple[int, ...]) -> str:
    return "\n\n".join(f"**{n}. {text}**\n\n{answer}" for n, text, _, _, _, answer in GOV if n in numbers)


GOV_RESPONSE = Doc(
    name="government-response-recruitment",
    fmt="md",
    shape="government response: bold restated recommendations keeping the committee's numbers, answers "
    "with 'will' and 'should' that are not items",
    source=f"""# {GOV_TITLE}

Presented to Parliament by the Secretary of State for the Home Department, March 2025

## Introduction

The Government welcomes the Committee's report, published on 10 December 2024. We have considered each of the Committee's recommendations carefully. The Committee's conclusions and recommendations are set out below in bold, followed by the Government's response. The numbering follows the numbering in the Committee's report.

## Recruitment

{_gov((4, 5))}

## Retention

{_gov((9, 10, 12))}

## Conclusion

The Government is grateful to the Committee for its work. We will update the Committee on progress in a year.
""",
    paper=dict(title=GOV_TITLE),
    publications=[
        Pub(
            GOV_TITLE,
            "2024-12-10",
            "response",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    para=str(n),
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who in (CC, ("Police forces",)),
                )
                for n, text, phrase, due, who, _ in GOV
            ],
        ),
    ],
)

# --- a commissioner's statutory response as a web page: headings per recommendation -------

WS = "Westshire Police"
PCC_TITLE = f"Police and Crime Commissioner's response to HMICFRS: Police race action plan inspection ({WS})"
PCC = (
    (
        "Recommendation 1",
        "recommendation",
        "By 31 May 2025, chief constables should make sure that their forces "
        "collect and analyse data on the ethnicity of people subject to use of force.",
        "By 31 May 2025",
        "2025-05-31",
        CC,
    ),
    (
        "Recommendation 2",
        "recommendation",
        "By 31 March 2026, chief constables should review their force's "
        "recruitment processes to identify and remove barriers for Black candidates.",
        "By 31 March 2026",
        "2026-03-31",
        CC,
    ),
    (
        "Recommendation 3",
        "recommendation",
        "The National Police Chiefs' Council should, with immediate effect, publish "
        "an annual report on the progress of the Police race action plan.",
        "with immediate effect",
        "immediate",
        ("NPCC",),
    ),
    (
        "AFI 1",
        "area for improvement",
        "The force should improve how it engages with Black communities when setting "
        "its policing priorities.",
        None,
        None,
        (WS,),
    ),
)

PCC_RESPONSE = Doc(
    name="commissioner-response-race-action-plan",
    fmt="html",
    shape="commissioner's response page: a heading per recommendation, the restated text, then the Chief "
    "Constable's response and the Commissioner's comments, which ask things but are not items",
    source=f"""
# {PCC_TITLE}
Date: 14 January 2025
HMICFRS published its report “An inspection of progress against the Police race action plan” on 19 November 2024. Under section 55 of the Police Act 1996, I must publish my comments on the report within 56 days. I asked the Chief Constable for his views, which I set out below alongside my own.
## Recommendation 1
{PCC[0][2]}
### Chief Constable's response
The force accepts this recommendation. Our data team will publish a use of force dashboard by April 2025.
### Commissioner's comments
I welcome this. The force should make the dashboard available to the public. I will monitor progress through my accountability board.
## Recommendation 2
{PCC[1][2]}
### Chief Constable's response
Accepted. A review will be commissioned from an independent provider.
## Recommendation 3
{PCC[2][2]}
### Chief Constable's response
This recommendation is for the NPCC. The force will contribute data as requested.
## Area for improvement 1
{PCC[3][2]}
### Chief Constable's response
Accepted. The force has set up a community reference group, which will meet every two months.
### Commissioner's comments
I am satisfied with this response. Community groups should be invited to the next meeting of my ethics panel.
""",
    paper=dict(title=PCC_TITLE, dated="2025-01-14"),
    publications=[
        Pub(
            PCC_TITLE,
            "2024-11-19",
            "response",
            items=[
                Item(
                    ref,
                    text,
                    kind,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who != ("NPCC",),
                )
                for ref, kind, text, phrase, due, who in PCC
            ],
        ),
    ],
)

DOCS = [FORCE_RESPONSE, GOV_RESPONSE, PCC_RESPONSE]
