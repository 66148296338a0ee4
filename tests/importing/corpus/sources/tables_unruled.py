"""A PDF whose table of recommendations has no rules at all: its columns and rows are set
out with white space only, as a table copied from a spreadsheet or typed with tab stops
often is. The deadline column holds dates, a relative timescale, 'Ongoing' and nothing."""

from make_corpus import Doc, Item, Pub

HC_TITLE = "Seen and heard: an inspection of how forces respond to hate crime"
CC = ("Chief constables",)
HC_ROWS = (
    (
        "Chief constables should make sure that every hate crime report is flagged on the force's crime system "
        "and reviewed by a supervisor.",
        "31 August 2026",
        "31 August 2026",
        "2026-08-31",
        "Chief constables",
        CC,
    ),
    (
        "The College of Policing should update its authorised professional practice on hate crime to cover "
        "online abuse.",
        "Within six months",
        "Within six months",
        "2026-09-03",
        "College of Policing",
        ("College of Policing",),
    ),
    (
        "Chief constables should make sure that victims of hate crime are offered a referral to a support "
        "service at the first contact.",
        "Ongoing",
        "Ongoing",
        None,
        "Chief constables",
        CC,
    ),
    (
        "The NPCC lead for hate crime should agree with the Crown Prosecution Service how hate crime outcomes "
        "are recorded.",
        "",
        None,
        None,
        "NPCC lead for hate crime",
        ("NPCC lead for hate crime",),
    ),
    (
        "The Home Office should publish hate crime figures for each force every quarter.",
        "31 March 2027",
        "31 March 2027",
        "2027-03-31",
        "Home Office",
        ("Home Office",),
    ),
)

HC_SOURCE = f"""# {HC_TITLE}

Published: 3 March 2026

## Summary

We inspected how six forces respond to reports of hate crime. Victims told us that they were often not taken seriously, and that officers did not always understand how much harm the abuse had done. Some forces had improved since our last inspection; others had not.

## Recommendations

The table below sets out our five recommendations, who each is for and when it should be done by.

| No. | Recommendation | Timescale | Responsible |
{chr(10).join(f"| {n} | {text} | {shown} | {who} |" for n, (text, shown, _, _, who, _) in enumerate(HC_ROWS, 1))}

Each body should tell us by the end of April 2026 how it intends to respond.

## Areas for improvement

* Forces should improve how they record the protected characteristic a hate crime was motivated by.
* Forces should make sure their neighbourhood teams know the community groups in their areas.
"""

HATE_CRIME = Doc(
    name="hate-crime-unruled-table",
    fmt="pdf",
    shape="PDF table with no rules (white space only): No. / Recommendation / Timescale / Responsible, a "
    "relative timescale, 'Ongoing' and an empty cell",
    source=HC_SOURCE,
    paper=dict(title=HC_TITLE, dated="2026-03-03"),
    publications=[
        Pub(
            HC_TITLE,
            "2026-03-03",
            "inspection",
            items=[
                *[
                    Item(
                        f"Recommendation {n}",
                        text,
                        deadline_text=written,
                        deadline=due,
                        addressees=bodies,
                        applies_to_force=bodies == CC,
                    )
                    for n, (text, _, written, due, _, bodies) in enumerate(HC_ROWS, 1)
                ],
                Item(
                    "AFI 1",
                    "Forces should improve how they record the protected characteristic a hate crime was motivated by.",
                    "area for improvement",
                    addressees=("Police forces",),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                Item(
                    "AFI 2",
                    "Forces should make sure their neighbourhood teams know the community groups in their areas.",
                    "area for improvement",
                    addressees=("Police forces",),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
            ],
        )
    ],
    header="Seen and heard – hate crime",
    footer="HMICFRS",
    ruled=False,
)

DOCS = [HATE_CRIME]
