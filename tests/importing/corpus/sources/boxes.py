"""A Word report that sets its areas for improvement and its cause of concern in text boxes
(call-outs beside the findings), as forces' and inspectorates' designers often do."""

from make_corpus import Doc, Item, Pub

WV = "Wenlock Vale Police"
WV_TITLE = f"PEEL 2025–27: an inspection of {WV}"
WV_AFIS = (
    "The force should make sure that every investigation has a plan that a supervisor sets and reviews.",
    "The force should improve how quickly it sends forensic submissions, so that evidence is examined "
    "while it is still useful.",
)
WV_STATEMENT = f"{WV} needs to improve how it responds when children are reported missing from home or care"
WV_RECS = (
    "make sure that every report of a missing child is risk assessed by a supervisor within the hour;",
    "review the cases of all children who have gone missing three or more times this year; and",
    "give its call handlers training on the risks that missing children face.",
)

WV_SOURCE = f"""# {WV_TITLE}

Published: 24 February 2026

## Investigating crime

{WV} is adequate at investigating crime. We reviewed 60 investigations and found that most were thorough, but that a third had no plan and some were not supervised.

[[
**Area for improvement 1**
{WV_AFIS[0]}
]]

Forensic submissions were often delayed. In some cases, the delay meant that evidence from a phone or a scene was of no use by the time it was examined.

[[
**Area for improvement 2**
{WV_AFIS[1]}
]]

[[
**Promising practice**
The force has set up a team that reviews every rape investigation at 28 days. Other forces should consider whether a similar review would help them.
]]

## Protecting vulnerable people

We found serious weaknesses in how the force responds to missing children. Call handlers often graded reports as low risk without asking about the child's history.

[[
**Cause of concern**
{WV_STATEMENT}
**Recommendations**
Within three months, the force should:
* {WV_RECS[0]}
* {WV_RECS[1]}
* {WV_RECS[2]}
]]

## About the data

The figures in this report come from the force's own systems and from the Home Office.
"""

_BINDS = dict(addressees=(WV,), applies_to_force=True)
WENLOCK = Doc(
    name="peel-report-callout-boxes",
    fmt="docx",
    shape="Word text boxes (a drawing with its VML copy) holding the areas for improvement and a cause "
    "of concern with its lead-in and bullets",
    source=WV_SOURCE,
    paper=dict(title=WV_TITLE, dated="2026-02-24"),
    publications=[
        Pub(
            WV_TITLE,
            "2026-02-24",
            "inspection",
            items=[
                Item("AFI 1", WV_AFIS[0], "area for improvement", **_BINDS),
                Item("AFI 2", WV_AFIS[1], "area for improvement", **_BINDS),
                Item(
                    "Cause of concern 1",
                    WV_STATEMENT,
                    "cause of concern",
                    cause_for_concern=True,
                    ref_made_up=True,
                    **_BINDS,
                ),
                *[
                    Item(
                        f"Recommendation 1.{n}",
                        text,
                        parent_ref="Cause of concern 1",
                        cause_for_concern=True,
                        deadline_text="Within three months",
                        deadline="2026-05-24",
                        ref_made_up=True,
                        **_BINDS,
                    )
                    for n, text in enumerate(WV_RECS, start=1)
                ],
            ],
        )
    ],
)

DOCS = [WENLOCK]
