"""Single inspection reports: PEEL reports and pages listing areas for improvement and
causes of concern, and a thematic report whose findings are mostly not items."""

from make_corpus import Doc, Item, Pub

# --- a PEEL report in Word: named causes of concern, lead-ins, labelled AFIs --------------

EB = "Eastbrook Constabulary"
EB_TITLE = f"PEEL 2023–25: Police effectiveness, efficiency and legitimacy – An inspection of {EB}"
EB_CAUSE_1 = f"{EB} needs to improve the supervision and quality of its investigations"
EB_BULLETS = (
    "supervisors review each investigation within seven days of its allocation and record their direction;",
    "investigations are allocated to officers with the right skills and experience; and",
    "victims are updated in line with the Code of Practice for Victims of Crime.",
)
EB_CAUSE_2 = "The force needs to improve how quickly it responds to incidents involving vulnerable people."
EB_REC_2 = (
    "Within six months of the publication of this report, the force should review how it grades calls from "
    "vulnerable people and make sure it attends them within its target times."
)
EB_AFIS = (
    "The force should improve how quickly it answers non-emergency calls.",
    "The force should make sure that it evaluates its problem-solving work so that it can share what works.",
    "The force should improve its understanding of the wellbeing needs of its workforce.",
)


def _eb(ref: str, text: str, parent: str, **fields: object) -> Item:
    return Item(
        ref,
        text,
        parent_ref=parent,
        cause_for_concern=True,
        addressees=(EB,),
        applies_to_force=True,
        ref_made_up=True,
        **fields,
    )  # type: ignore[arg-type]


EASTBROOK = Doc(
    name="peel-report-eastbrook",
    fmt="docx",
    shape="PEEL report: causes of concern under named sub-headings, a lead-in whose modal is words before "
    "the colon, labelled areas for improvement, 'the force' from the title",
    source=f"""
# {EB_TITLE}
Published: 9 May 2024
## Overall summary
We found that {EB} is adequate at most of the areas we inspected, but requires improvement at investigating crime and at protecting vulnerable people.
The force should be proud of the way it engages with its communities. Its neighbourhood teams are well known and trusted.
## Causes of concern
### Investigating crime
{EB_CAUSE_1}
We found that too many investigations lacked an investigation plan, and that supervisors did not always review them. Victims told us they were not kept up to date.
**Recommendations**
By 31 October 2024, the force should make sure that:
* {EB_BULLETS[0]}
* {EB_BULLETS[1]}
* {EB_BULLETS[2]}
### Protecting vulnerable people
{EB_CAUSE_2}
**Recommendation**
{EB_REC_2}
## Areas for improvement
### Responding to the public
**Area for improvement 1**
{EB_AFIS[0]}
### Preventing crime
**Area for improvement 2**
{EB_AFIS[1]}
### Developing a positive workplace
**Area for improvement 3**
{EB_AFIS[2]}
## About the data
Data in this report comes from a range of sources, including the Home Office and our own surveys. Forces should note that the data for 2023 is provisional.
""",
    paper=dict(title=EB_TITLE, dated="2024-05-09"),
    publications=[
        Pub(
            EB_TITLE,
            "2024-05-09",
            "inspection",
            items=[
                Item(
                    "Investigating crime",
                    EB_CAUSE_1,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(EB,),
                    applies_to_force=True,
                ),
                *[
                    _eb(
                        f"Recommendation 1.{n}",
                        text,
                        "Investigating crime",
                        deadline_text="By 31 October 2024",
                        deadline="2024-10-31",
                    )
                    for n, text in enumerate(EB_BULLETS, start=1)
                ],
                Item(
                    "Protecting vulnerable people",
                    EB_CAUSE_2,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(EB,),
                    applies_to_force=True,
                ),
                _eb(
                    "Recommendation 2.1",
                    EB_REC_2,
                    "Protecting vulnerable people",
                    deadline_text="Within six months of the publication of this report",
                    deadline="2024-11-09",
                ),
                *[
                    Item(f"AFI {n}", text, "area for improvement", addressees=(EB,), applies_to_force=True)
                    for n, text in enumerate(EB_AFIS, start=1)
                ],
            ],
        )
    ],
)

# --- a fire and rescue service inspection page: AFIs as plain paragraphs -------------------

NM = "Northmoor Fire and Rescue Service"
NM_AFIS = (
    "The service should make sure its firefighters and fire control staff have good access to relevant and "
    "up-to-date risk information.",
    "The service should make sure it targets its prevention work at the people most at risk from fire.",
    "The service should evaluate its prevention activity so it understands what works.",
    "The service should make sure it has robust and sustainable plans to make best use of its fleet and estate.",
)
NM_CAUSE = "The service hasn't done enough to make sure that its staff feel able to challenge inappropriate behaviour."
NM_BULLETS = (
    "make sure all staff understand how to raise concerns, including anonymously;",
    "make sure that managers are trained to deal with concerns promptly and fairly; and",
    "monitor how concerns are dealt with, so that it can identify themes and act on them.",
)

NORTHMOOR = Doc(
    name="fire-service-inspection-page",
    fmt="html",
    shape="inspection web page: areas for improvement as plain paragraphs under headings, an unnamed cause "
    "of concern with a lead-in, findings and general statements that are not items",
    source=f"""
# {NM} 2023–25
Published on: 27 February 2025
## Effectiveness
### Understanding the risk of fire and other emergencies
{NM} is good at understanding risk.
Each fire and rescue service should identify and assess all foreseeable fire and rescue-related risks that could affect its communities. Arrangements should be put in place through the service's prevention, protection and response capabilities to prevent or mitigate these risks for the public.
#### Area for improvement
{NM_AFIS[0]}
We set out our detailed findings below. These are the basis for our judgment of the service's performance in this area.
#### The service has a good understanding of risk
The service has assessed an appropriate range of risks and threats. It told us it plans "to review every site-specific risk visit by March 2025".
### Preventing fires and other risks
{NM} requires improvement at preventing fires and other risks.
#### Areas for improvement
{NM_AFIS[1]}
{NM_AFIS[2]}
#### Prevention work is not well targeted
In our last inspection, we found that the service needed to improve how it targets its home fire safety checks. It has made little progress. Too many visits are still made to people at low risk.
### Responding to fires and other emergencies
{NM} is good at responding to fires and other emergencies. We didn't identify any areas for improvement for this question.
## Efficiency
### Making best use of resources
#### Area for improvement
{NM_AFIS[3]}
## People
### Promoting the right values and culture
#### Cause of concern
{NM_CAUSE}
#### Recommendations
By 30 June 2025, the service should:
* {NM_BULLETS[0]}
* {NM_BULLETS[1]}
* {NM_BULLETS[2]}
""",
    paper=dict(title=f"{NM} 2023–25", dated="2025-02-27"),
    publications=[
        Pub(
            f"{NM} 2023–25",
            "2025-02-27",
            "inspection",
            items=[
                *[
                    Item(
                        f"AFI {n}",
                        text,
                        "area for improvement",
                        addressees=(NM,),
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, text in enumerate(NM_AFIS, start=1)
                ],
                Item(
                    "Cause of concern 1",
                    NM_CAUSE,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(NM,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                *[
                    Item(
                        f"Recommendation 1.{n}",
                        text,
                        parent_ref="Cause of concern 1",
                        cause_for_concern=True,
                        deadline_text="By 30 June 2025",
                        deadline="2025-06-30",
                        addressees=(NM,),
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, text in enumerate(NM_BULLETS, start=1)
                ],
            ],
        )
    ],
)

# --- a force's Markdown summary of its AFIs: bullets mid-line, bold sub-headings -----------

SD = "Southdale Police"
SD_TITLE = f"PEEL 2023–25 – {SD}: summary of areas for improvement"
SD_AFIS = (
    "The force should make sure that investigations are allocated to staff with the right skills.",
    "The force should improve the supervision of investigations so that they are completed in a timely way.",
    "The force should improve how it uses protective orders, such as domestic abuse protection notices.",
    "The force should make sure it takes positive action at domestic abuse incidents.",
    "The force needs to reduce the backlog of registered sex offender visits.",
    "The force should make sure it understands the demand on its services, so that it can allocate resources "
    "effectively.",
)

SOUTHDALE = Doc(
    name="peel-areas-for-improvement-summary",
    fmt="md",
    shape="list of areas for improvement: bullet glyphs mid-line, bold sub-headings, a paragraph under a "
    "sub-heading, an internal ask that is not an item",
    source=f"""# {SD_TITLE}

Published by HMICFRS on 16 October 2024. Prepared for the {SD} Strategic Performance Board, 4 November 2024.

## Background

HMICFRS inspected {SD} in June 2024. The force was graded adequate in five areas and requires improvement in three. The inspectorate did not identify any causes of concern.

## Areas for improvement

HMICFRS identified the following areas for improvement:

**Investigating crime**
• {SD_AFIS[0]} • {SD_AFIS[1]}

**Protecting vulnerable people**

- {SD_AFIS[2]}
- {SD_AFIS[3]}

**Managing offenders and suspects**

- {SD_AFIS[4]}

**Leadership and force management**

{SD_AFIS[5]}

## Next steps

Each area for improvement has been allocated to a chief officer lead. Leads are asked to provide an update by 31 December 2024. The Board will review progress at its next meeting.
""",
    paper=dict(title=SD_TITLE, dated="2024-10-16"),
    publications=[
        Pub(
            SD_TITLE,
            "2024-10-16",
            "inspection",
            items=[
                Item(
                    f"AFI {n}",
                    text,
                    "area for improvement",
                    addressees=(SD,),
                    applies_to_force=True,
                    ref_made_up=True,
                )
                for n, text in enumerate(SD_AFIS, start=1)
            ],
        )
    ],
)

# --- a thematic report in plain text, mostly findings; labels on their own lines ----------

BWV_TITLE = "An inspection of how well the police use body-worn video"
BWV_RECS = (
    "By 31 March 2025, chief constables should make sure that supervisors review a sample of body-worn video "
    "footage of their officers' use of force every month.",
    "By 31 March 2025, chief constables should make sure that their forces record when and why a camera was not "
    "switched on at an incident where one should have been.",
    "By 30 September 2025, the National Police Chiefs' Council lead for body-worn video, working with the College "
    "of Policing, should publish national guidance on how long footage should be kept and when it should be "
    "deleted.",
)

BODY_WORN = Doc(
    name="thematic-findings-body-worn-video",
    fmt="txt",
    shape="thematic report that is mostly findings: quoted progress logs, 'forces need to', infinitives, "
    "labels on their own line with the text on the next line",
    source=f"""{BWV_TITLE}

Published: 12 September 2024

Foreword

Body-worn video is now used by almost every frontline officer in England and Wales. Used well, it helps officers to gather evidence, to de-escalate confrontations and to be held to account. We wanted to find out whether forces use it as well as they should.

We found that the technology itself is not the problem. Most forces have enough cameras. The problem is how the footage is used, kept and checked. Officers told us they were unsure when they had to switch on their cameras: "nobody has ever told us when we should record," one officer said.

Summary of findings

Our review showed that forces are not yet able to show that they review footage of their officers' use of force. In six of the eight forces we inspected, supervisors did not routinely check footage. Forces need to be able to show the public that officers' use of force is scrutinised.

We also found that the data on camera use was poor. To understand how often cameras are switched on, a force needs to compare its incident records with its footage records. Only two forces had tried to do this.

Progress since our last inspection

In 2021 we recommended that forces should publish their body-worn video policies. The following extract from one force's progress log shows the kind of update we saw:

"14/02/2023 – Policy drafted and sent to legal services. 30/06/2023 – Policy agreed at the chief officer group; the force should publish it by the end of the year. Status: amber."

Most forces have now published their policies.

Recommendations

Recommendation 1
{BWV_RECS[0]}

Recommendation 2
{BWV_RECS[1]}

Recommendation 3
{BWV_RECS[2]}

About our inspection

We inspected eight forces between January and April 2024. We interviewed 143 officers and staff and reviewed 420 pieces of footage. To find out more about our methodology, see annex A.
""",
    paper=dict(title=BWV_TITLE, dated="2024-09-12"),
    publications=[
        Pub(
            BWV_TITLE,
            "2024-09-12",
            "inspection",
            items=[
                Item(
                    "Recommendation 1",
                    BWV_RECS[0],
                    deadline_text="By 31 March 2025",
                    deadline="2025-03-31",
                    addressees=("Chief constables",),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 2",
                    BWV_RECS[1],
                    deadline_text="By 31 March 2025",
                    deadline="2025-03-31",
                    addressees=("Chief constables",),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 3",
                    BWV_RECS[2],
                    deadline_text="By 30 September 2025",
                    deadline="2025-09-30",
                    addressees=("NPCC lead for body-worn video",),
                ),
            ],
        )
    ],
)

DOCS = [EASTBROOK, NORTHMOOR, SOUTHDALE, BODY_WORN]
