"""Thematic and super-complaint reports: lead-ins and their lists in every form, labels
inline and on their own line, a long PDF whose paragraphs run across pages, and a page
that joins several publications."""

from make_corpus import Doc, Item, Pub

CC = ("Chief constables",)

# --- Markdown: every kind of lead-in ---------------------------------------------------------

CE_TITLE = "Time to act: an inspection of how forces protect children from criminal exploitation"
CE_FIRST = (
    "every child arrested for a drugs supply offence is screened for signs of exploitation;",
    "officers use the national referral mechanism whenever exploitation is suspected; and",
    "exploitation flags on force systems are reviewed every month.",
)
CE_NUMBERED = (
    "publish a national framework for the response to child criminal exploitation;",
    "agree minimum standards for return home interviews with the Association of Directors of Children's Services; "
    "and",
    "report to HMICFRS on progress with both.",
)
CE_COLLEGE = (
    "The College of Policing should also update its guidance on interviewing children. It should do so by "
    "31 December 2025."
)
CE_TWO = (
    "Chief constables should make sure that the views of exploited children are sought when services are designed.",
    "Chief constables should make sure that children in care who go missing are offered a return home interview "
    "within 72 hours.",
)
CE_REVIEW = (
    "Within six months of the publication of this report, chief constables should review their use of child "
    "abduction warning notices. The review should be carried out:"
)
CE_CONDITIONS = (
    "with the local safeguarding partnership;",
    "using data from the past two years; and",
    "before the force's next strategic assessment.",
)
CE_AFI = "Forces should improve the quality of the intelligence they submit about exploited children."

LEAD_INS = Doc(
    name="thematic-child-exploitation-lead-ins",
    fmt="md",
    shape="lead-ins: modal words before the colon, a heading between a lead-in and its bullets, numbered "
    "items after 'should:', an introducing sentence ending in a full stop, condition bullets",
    source=f"""# {CE_TITLE}

Published: 20 March 2025

## Executive summary

Children who are criminally exploited are too often treated as offenders rather than victims. We found that forces have improved their understanding of exploitation since our last inspection, but that practice on the ground is inconsistent.

## Our recommendations

To make sure that exploited children are treated as victims, chief constables should make sure that:

### Identifying exploitation

- {CE_FIRST[0]}
- {CE_FIRST[1]}
- {CE_FIRST[2]}

By 30 September 2025, the NPCC lead for child protection should:

1. {CE_NUMBERED[0]}
2. {CE_NUMBERED[1]}
3. {CE_NUMBERED[2]}

{CE_COLLEGE}

We make two further recommendations to chief constables.

- {CE_TWO[0]}
- {CE_TWO[1]}

{CE_REVIEW}

- {CE_CONDITIONS[0]}
- {CE_CONDITIONS[1]}
- {CE_CONDITIONS[2]}

## Areas for improvement

We have also identified an area for improvement for all forces. {CE_AFI}

## Methodology

We inspected six forces between June and October 2024. To find out more, read our methodology. We spoke to children who told us the police should "listen more". Forces were asked to provide data on arrests of children.
""",
    paper=dict(title=CE_TITLE, dated="2025-03-20"),
    publications=[
        Pub(
            CE_TITLE,
            "2025-03-20",
            "inspection",
            items=[
                *[
                    Item(f"Recommendation {n}", text, addressees=CC, applies_to_force=True, ref_made_up=True)
                    for n, text in enumerate(CE_FIRST, start=1)
                ],
                *[
                    Item(
                        f"Recommendation {n + 3}",
                        text,
                        para=str(n),
                        deadline_text="By 30 September 2025",
                        deadline="2025-09-30",
                        addressees=("NPCC lead for child protection",),
                        ref_made_up=True,
                    )
                    for n, text in enumerate(CE_NUMBERED, start=1)
                ],
                Item(
                    "Recommendation 7",
                    CE_COLLEGE,
                    deadline_text="by 31 December 2025",
                    deadline="2025-12-31",
                    addressees=("College of Policing",),
                    ref_made_up=True,
                ),
                *[
                    Item(
                        f"Recommendation {n + 7}",
                        text,
                        addressees=CC,
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, text in enumerate(CE_TWO, start=1)
                ],
                Item(
                    "Recommendation 10",
                    " ".join([CE_REVIEW, *CE_CONDITIONS]),
                    deadline_text="Within six months of the publication of this report",
                    deadline="2025-09-20",
                    addressees=CC,
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                Item(
                    "AFI 1",
                    CE_AFI,
                    "area for improvement",
                    addressees=("Police forces",),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
            ],
        ),
    ],
)

# --- a long PDF: headings by size, labels inline and on their own line -----------------------

NP_TITLE = "Back to basics: an inspection of neighbourhood policing"
NP = {
    "r1": "By 31 January 2025, chief constables should make sure that neighbourhood officers are not routinely taken "
    "away from their neighbourhoods to cover response duties.",
    "r2": "By 31 March 2025, the College of Policing should publish a neighbourhood policing guideline that sets out "
    "what good problem-solving looks like.",
    "r3": "Chief constables should make sure that every neighbourhood team has access to analytical support to help "
    "it understand local problems.",
    "a1": "Forces should improve how they record the outcomes of their problem-solving work.",
    "r4": "Within 12 months, the Home Office should evaluate the effect of the neighbourhood policing guarantee on "
    "public confidence.",
    "r5": "By 31 December 2024, the NPCC lead for neighbourhood policing should agree a national definition of a "
    "neighbourhood officer, so that forces report their numbers consistently.",
    "a2": "Forces should make sure that neighbourhood officers receive training in engaging with communities that "
    "have low trust in the police.",
}
_LONG = (
    "Neighbourhood officers told us that they spend much of their time covering for response colleagues. In one "
    "force, neighbourhood officers were taken away from their areas on more than half of the shifts we examined. "
    "Officers told us they should be spending more time in their neighbourhoods, and that the public notice when they "
    "are absent. Community groups said that they no longer knew who their local officer was. Police community "
    "support officers, who are not warranted, are often the only visible presence. Forces should be in no doubt that "
    "the public value visible, accessible policing, and that confidence falls when it is withdrawn. "
)

NEIGHBOURHOOD = Doc(
    name="thematic-neighbourhood-policing",
    fmt="pdf",
    header="Back to basics: an inspection of neighbourhood policing",
    footer="HMICFRS",
    shape="long PDF report: headings by size, paragraphs running across pages, labels inline and on their "
    "own line, findings full of 'should' that are not items",
    source=f"""
# {NP_TITLE}
Published: 18 July 2024
## Foreword
{_LONG * 2}
{_LONG}
## 1. The state of neighbourhood policing
{_LONG * 3}
We found that most forces could not tell us how many neighbourhood officers they had. Definitions varied between forces, and some counted officers who spent most of their time on other duties. 2,000 officers were recorded as neighbourhood officers in one region alone, but fewer than half worked in neighbourhood teams.
**Recommendation 1**
{NP["r1"]}
{_LONG * 2}
**Recommendation 2:** {NP["r2"]}
## 2. Problem-solving
{_LONG * 3}
**Recommendation 3**
{NP["r3"]}
**Area for improvement 1**
{NP["a1"]}
## 3. Confidence and trust
{_LONG * 2}
**Recommendation 4:** {NP["r4"]}
**Recommendation 5:** {NP["r5"]}
**Area for improvement 2:** {NP["a2"]}
## Annex: about this inspection
We visited eight forces. We interviewed chief officers, neighbourhood officers, police community support officers and partners. We should like to thank everyone who took part.
""",
    paper=dict(title=NP_TITLE, dated="2024-07-18"),
    publications=[
        Pub(
            NP_TITLE,
            "2024-07-18",
            "inspection",
            items=[
                Item(
                    "Recommendation 1",
                    NP["r1"],
                    deadline_text="By 31 January 2025",
                    deadline="2025-01-31",
                    addressees=CC,
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 2",
                    NP["r2"],
                    deadline_text="By 31 March 2025",
                    deadline="2025-03-31",
                    addressees=("College of Policing",),
                ),
                Item("Recommendation 3", NP["r3"], addressees=CC, applies_to_force=True),
                Item(
                    "AFI 1",
                    NP["a1"],
                    "area for improvement",
                    addressees=("Police forces",),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 4",
                    NP["r4"],
                    deadline_text="Within 12 months",
                    deadline="2025-07-18",
                    addressees=("Home Office",),
                ),
                Item(
                    "Recommendation 5",
                    NP["r5"],
                    deadline_text="By 31 December 2024",
                    deadline="2024-12-31",
                    addressees=("NPCC lead for neighbourhood policing",),
                ),
                Item(
                    "AFI 2",
                    NP["a2"],
                    "area for improvement",
                    addressees=("Police forces",),
                    applies_to_force=True,
                ),
            ],
        ),
    ],
)

# --- Markdown super-complaint: numbered lists under headings, actions as bullets -------------

SP_TITLE = "Super-complaint investigation: the police response to victims of spiking"
SP_RECS = (
    (
        "By 31 July 2025, chief constables should make sure that every report of spiking is recorded as a crime where "
        "the national crime recording standard requires it.",
        "By 31 July 2025",
        "2025-07-31",
        CC,
    ),
    (
        "By 31 July 2025, chief constables should make sure that officers take samples for toxicology testing as soon "
        "as possible after a report, using the national forensic kits.",
        "By 31 July 2025",
        "2025-07-31",
        CC,
    ),
    (
        "Chief constables should make sure that victims are kept informed of the progress of their case:",
        None,
        None,
        CC,
    ),
    (
        "By 31 October 2025, the College of Policing should publish guidance on investigating spiking.",
        "By 31 October 2025",
        "2025-10-31",
        ("College of Policing",),
    ),
    (
        "The Home Office should consider making spiking a specific criminal offence.",
        None,
        None,
        ("Home Office",),
    ),
)
SP_CONDITIONS = ("at least every 28 days; and", "whenever a suspect is arrested or released.")
SP_ACTIONS = (
    (
        "The College of Policing will include spiking in its first responder training by September 2025.",
        "by September 2025",
        "2025-09-30",
        ("College of Policing",),
    ),
    (
        "HMICFRS to examine forces' response to spiking in its next PEEL inspections.",
        None,
        None,
        ("HMICFRS",),
    ),
    ("The IOPC will publish a learning bulletin on spiking complaints.", None, None, ("IOPC",)),
)

SPIKING = Doc(
    name="super-complaint-spiking",
    fmt="md",
    shape="super-complaint: numbered recommendations under headings by addressee, a recommendation with "
    "condition sub-bullets, actions as bullets",
    source=f"""# {SP_TITLE}

Published: 23 January 2025

This is the report of our investigation into a super-complaint made by the Spiking Awareness Network, carried out jointly by HMICFRS, the College of Policing and the Independent Office for Police Conduct (IOPC).

## Summary of recommendations and actions

### Recommendations to chief constables

1. {SP_RECS[0][0]}
2. {SP_RECS[1][0]}
3. {SP_RECS[2][0]}
   - {SP_CONDITIONS[0]}
   - {SP_CONDITIONS[1]}

### Recommendations to national bodies

4. {SP_RECS[3][0]}
5. {SP_RECS[4][0]}

### Actions

- {SP_ACTIONS[0][0]}
- {SP_ACTIONS[1][0]}
- {SP_ACTIONS[2][0]}

## Background

Spiking is when someone puts alcohol or drugs into another person's drink or body without their knowledge or consent. Victims told us they felt "dismissed" when they reported it. The complainant asked us to consider whether the police should do more.
""",
    paper=dict(title=SP_TITLE, dated="2025-01-23"),
    publications=[
        Pub(
            SP_TITLE,
            "2025-01-23",
            "super-complaint",
            items=[
                *[
                    Item(
                        f"Recommendation {n}",
                        text if n != 3 else " ".join([text, *SP_CONDITIONS]),
                        para=str(n),
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                        applies_to_force=who == CC,
                    )
                    for n, (text, phrase, due, who) in enumerate(SP_RECS, start=1)
                ],
                *[
                    Item(
                        f"Action {n}",
                        text,
                        "action",
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                        ref_made_up=True,
                    )
                    for n, (text, phrase, due, who) in enumerate(SP_ACTIONS, start=1)
                ],
            ],
        ),
    ],
)

# --- a web page joining several publications, each under its own heading ---------------------

WS = "Westshire Police"
YV = "An inspection of how the police tackle serious youth violence"
YV_RECS = (
    (
        "By 31 August 2025, chief constables should make sure that their forces share information about children at "
        "risk of serious violence with partner agencies.",
        "By 31 August 2025",
        "2025-08-31",
        CC,
    ),
    (
        "By 31 August 2025, chief constables should review their use of stop and search in relation to children.",
        "By 31 August 2025",
        "2025-08-31",
        CC,
    ),
    (
        "The Home Office should evaluate the serious violence duty by March 2026.",
        "by March 2026",
        "2026-03-31",
        ("Home Office",),
    ),
)
HC = "Race and policing: the police response to hate crime"
HC_AFIS = (
    "Forces should improve the recording of hate crime flags.",
    "Forces should make sure that victims of hate crime are offered referral to support services.",
)
CU = f"An inspection of police custody: {WS}"
CU_CAUSE = f"{WS} needs to make sure that detainees are not held for longer than necessary"
CU_REC = "Within three months, the force should review its arrangements for transferring detainees to court."
CU_AFIS = (
    "The force should make sure that interpreters are used when detainees do not speak English.",
    "The force should improve the cleanliness of its cells.",
)

JOINED = Doc(
    name="quarterly-reports-page",
    fmt="html",
    shape="web page joining several publications, each under its own heading with its own 'Published' line; "
    "inline bold labels, AFI bullets after a lead-in, a labelled cause of concern",
    source=f"""
# HMICFRS reports published in February and March 2025: what they ask of us
Prepared by the Inspection Liaison Team, 2 April 2025
This page summarises each HMICFRS report published in February and March 2025 that contains recommendations for forces, and lists those recommendations.
## {YV}
Published: 13 February 2025
HMICFRS found that forces have a good understanding of serious youth violence in their areas, but that information about children at risk is not always shared with partners.
{chr(10).join(f"**Recommendation {n}:** {text}" for n, (text, *_) in enumerate(YV_RECS, start=1))}
## {HC}
Published: 27 February 2025
HMICFRS made no new recommendations but identified two areas for improvement for all forces:
* {HC_AFIS[0]}
* {HC_AFIS[1]}
## {CU}
Published: 19 March 2025
HM Inspectorate of Prisons and HMICFRS carried out an unannounced inspection of custody in {WS}.
### Causes of concern and recommendations
**Cause of concern 1:** {CU_CAUSE}
**Recommendation 1:** {CU_REC}
### Areas for improvement
* {CU_AFIS[0]}
* {CU_AFIS[1]}
""",
    paper=dict(title="HMICFRS reports published in February and March 2025: what they ask of us"),
    publications=[
        Pub(
            YV,
            "2025-02-13",
            "inspection",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who == CC,
                )
                for n, (text, phrase, due, who) in enumerate(YV_RECS, start=1)
            ],
        ),
        Pub(
            HC,
            "2025-02-27",
            "inspection",
            items=[
                Item(
                    f"AFI {n}",
                    text,
                    "area for improvement",
                    addressees=("Police forces",),
                    applies_to_force=True,
                    ref_made_up=True,
                )
                for n, text in enumerate(HC_AFIS, start=1)
            ],
        ),
        Pub(
            CU,
            "2025-03-19",
            "inspection",
            items=[
                Item(
                    "Cause of concern 1",
                    CU_CAUSE,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(WS,),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 1",
                    CU_REC,
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    deadline_text="Within three months",
                    deadline="2025-06-19",
                    addressees=(WS,),
                    applies_to_force=True,
                ),
                *[
                    Item(
                        f"AFI {n}",
                        text,
                        "area for improvement",
                        addressees=(WS,),
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, text in enumerate(CU_AFIS, start=1)
                ],
            ],
        ),
    ],
)

DOCS = [LEAD_INS, NEIGHBOURHOOD, SPIKING, JOINED]
