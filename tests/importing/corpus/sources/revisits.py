"""Earlier items shown again for their progress, beside the new ones: a revisit letter that
quotes the cause it set ('In March 2024 we said:') and tables its old recommendations with
an assessment, and a report that recalls its 2022 cause of concern (the quotation not set
apart) and tables its 2022 areas for improvement with their progress."""

from make_corpus import Doc, Item, Pub

# --- Markdown: a revisit letter, the old cause quoted, old recommendations in a table -----

FD = "Fendale Constabulary"
FD_TITLE = f"{FD}: revisit of the cause of concern about the management of registered sex offenders"
FD_AFI = (
    "The force should make sure that the risk management plan of every registered sex offender is updated "
    "after each home visit."
)
FD_REC = (
    "By 30 June 2026, the force should make sure that its offender managers can examine the devices of "
    "registered sex offenders at home visits, and that they are trained to do so."
)

REVISIT_MD = Doc(
    name="revisit-letter-earlier-items",
    fmt="md",
    shape="a revisit letter in Markdown: the cause of concern it set quoted after 'In March 2024 we said:', "
    "its 2024 recommendations in a table with an assessment column, one new area for improvement after a "
    "lead-in whose first sentence names a recommendation, one new labelled recommendation",
    source=f"""**His Majesty's Inspectorate of Constabulary and Fire & Rescue Services**

**To:** Chief Constable Rhona Beale, {FD}
**From:** Callum Ashby, HM Inspector of Constabulary
**Date:** 4 February 2026

Dear Chief Constable,

## {FD_TITLE}

In March 2024 we wrote to you about how {FD} manages registered sex offenders. We returned in
December 2025 to see what had changed. Thank you for the help your officers gave us.

## The cause of concern

In March 2024 we said:

> The force doesn't manage the risk posed by registered sex offenders well enough, and too many of
> them have not been visited when their risk level says they should be.

## What we found

| 2024 recommendation | Our assessment |
|---|---|
| Within three months, the force should visit every registered sex offender who is overdue a visit. | Met |
| Within six months, the force should make sure that each offender manager has a caseload they can manage. | Partly met |
| Within six months, the force should review the quality of its risk management plans. | Not met |

Caseloads have fallen to 48 offenders for each manager, from 71. The force should be proud of that.

Recommendation 3 has not been met: plans are reviewed, but not kept up to date. We have therefore
identified an area for improvement that the force must address:

- {FD_AFI}

We also make a new recommendation.

**Recommendation 4:** {FD_REC}

We have closed the cause of concern. Please tell me by 6 March 2026 who will lead this work.

Yours sincerely,

Callum Ashby
HM Inspector of Constabulary
""",
    paper=dict(
        title=FD_TITLE,
        to=f"Chief Constable Rhona Beale, {FD}",
        **{"from": "Callum Ashby, HM Inspector of Constabulary"},
        dated="2026-02-04",
    ),
    publications=[
        Pub(
            FD_TITLE,
            "2026-02-04",
            "letter",
            items=[
                Item(
                    "AFI 1",
                    FD_AFI,
                    "area for improvement",
                    addressees=(FD,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                Item(
                    "Recommendation 4",
                    FD_REC,
                    deadline_text="By 30 June 2026",
                    deadline="2026-06-30",
                    addressees=(FD,),
                    applies_to_force=True,
                ),
            ],
        ),
    ],
)

# --- PDF: a report recalling its 2022 cause and tabling its 2022 areas for improvement ----

WM = "Westmarch Police"
WM_TITLE = f"PEEL 2025–27: An inspection of {WM}"
WM_CAUSE = "The force doesn't investigate crime well enough: too many investigations are poorly supervised."
WM_RECS = (
    "Within three months, the force should make sure that every open investigation has been reviewed by a "
    "supervisor in the last 28 days.",
    "Within six months, the force should make sure that investigators have the training they need for the "
    "crimes they are given.",
)
WM_AFIS = (
    "The force should make sure that it records the ethnicity of everyone it stops and searches.",
    "The force should improve how it tells victims about the progress of their investigations.",
)

EARLIER_PDF = Doc(
    name="peel-report-earlier-items",
    fmt="pdf",
    header=f"PEEL 2025–27 – {WM}",
    footer="HMICFRS",
    shape="a PEEL report in PDF: a cause of concern with its recommendations and areas for improvement, "
    "then 'Our 2022 cause of concern' recalled after 'In our 2022 report we said:' (the quotation a plain "
    "paragraph that asks something) and a table of the 2022 areas for improvement with their progress",
    source=f"""
# {WM_TITLE}
Published: 19 March 2026
## Causes of concern
### Cause of concern 1: Investigating crime
{WM_CAUSE}
We reviewed 60 investigations; 22 had not been supervised for over a month.
**Recommendation 1:** {WM_RECS[0]}
**Recommendation 2:** {WM_RECS[1]}
### Our 2022 cause of concern
In our 2022 report we said:
The force should make sure that it answers 101 calls within its published times, and that callers who hang up are called back.
The force has addressed this cause of concern. It now answers 88 percent of 101 calls within five minutes.
## Police powers and public treatment
### Area for improvement
{WM_AFIS[0]}
## Engaging with and treating the public
### Area for improvement
{WM_AFIS[1]}
## Annex A: about the force
The force has made progress against the areas for improvement we gave it in 2022.
| Area for improvement (2022) | Progress |
| The force should improve how it records anti-social behaviour. | Addressed |
| The force should make sure that its officers understand the Victims' Code. | Not yet addressed: officers should complete the new training by April. |
""",
    paper=dict(title=WM_TITLE, dated="2026-03-19"),
    publications=[
        Pub(
            WM_TITLE,
            "2026-03-19",
            "inspection",
            items=[
                Item(
                    "Cause of concern 1",
                    WM_CAUSE,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(WM,),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 1",
                    WM_RECS[0],
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    deadline_text="Within three months",
                    deadline="2026-06-19",
                    addressees=(WM,),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 2",
                    WM_RECS[1],
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    deadline_text="Within six months",
                    deadline="2026-09-19",
                    addressees=(WM,),
                    applies_to_force=True,
                ),
                *(
                    Item(
                        f"AFI {n}",
                        text,
                        "area for improvement",
                        addressees=(WM,),
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, text in enumerate(WM_AFIS, start=1)
                ),
            ],
        ),
    ],
)

DOCS = [REVISIT_MD, EARLIER_PDF]
