"""Sub-recommendations: a labelled recommendation whose words end 'We recommend that:' and
whose bullets or lettered clauses go on from it in the committee form ('by June 2026,
chief constables make sure that ...', 'the College of Policing publishes ...'), each with
its own deadline and addressee."""

from make_corpus import Doc, Item, Pub

YJ_TITLE = "Out of court: a joint inspection of how the police and youth justice services divert children"
YJ_PARENTS = (
    "Children who could be diverted from the criminal justice system are too often charged. We recommend that:",
    "Diversion decisions are not recorded in a way that can be checked. We recommend that:",
)
YJ_ONE = (
    (
        "by 30 June 2026, chief constables make sure that every child who admits an offence is considered for "
        "diversion before a charging decision is made;",
        "by 30 June 2026",
        "2026-06-30",
        ("Chief constables",),
    ),
    (
        "within six months, the College of Policing publishes guidance on joint decision-making with youth "
        "justice services;",
        "within six months",
        "2026-09-21",
        ("College of Policing",),
    ),
)
YJ_TWO = (
    (
        "a",
        "immediately, chief constables and youth justice services agree what each diversion "
        "decision must record;",
        "immediately",
        "immediate",
        ("Chief constables", "Youth justice services"),
    ),
    (
        "b",
        "by the end of March 2027, the Youth Justice Board publishes data on diversion outcomes for each "
        "area.",
        "by the end of March 2027",
        "2027-03-31",
        ("Youth Justice Board",),
    ),
)
YJ_THREE = (
    "By 31 December 2026, chief constables should make sure that a child's parent or carer is told of a "
    "diversion decision within 48 hours of it."
)

SUBRECS_PDF = Doc(
    name="joint-inspection-sub-recommendations",
    fmt="pdf",
    header="Out of court – joint inspection",
    footer="HMICFRS and HM Inspectorate of Probation",
    shape="a joint inspection in PDF: labelled recommendations whose words end 'We recommend that:', with "
    "sub-recommendations in bullets and in typed (a) (b) clauses, each in the committee form with its own "
    "deadline and addressee; a plain labelled recommendation; a quoted earlier recommendation",
    source=f"""
# {YJ_TITLE}
Published: 21 March 2026
## Summary
We inspected diversion in six police force areas with their youth justice services. In 2021 we recommended that:
> Chief constables should make sure that diversion is considered for every child who admits an offence.
Progress has been slow. Where a child was at risk, officers should have referred them to the youth justice service, but in 23 of 80 cases they did not.
## Recommendations
**Recommendation 1**
{YJ_PARENTS[0]}
"""
    + "\n".join(f"* {text}" for text, *_ in YJ_ONE)
    + f"""
**Recommendation 2**
{YJ_PARENTS[1]}
"""
    + "\n".join(f"({letter}) {text}" for letter, text, *_ in YJ_TWO)
    + f"""
**Recommendation 3**
{YJ_THREE}
## Diversion decisions
Decisions were made by a single officer in most cases we reviewed.
""",
    paper=dict(title=YJ_TITLE, dated="2026-03-21"),
    publications=[
        Pub(
            YJ_TITLE,
            "2026-03-21",
            "joint inspection",
            items=[
                Item("Recommendation 1", YJ_PARENTS[0]),
                *(
                    Item(
                        f"Recommendation 1.{n}",
                        text,
                        parent_ref="Recommendation 1",
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                        applies_to_force="Chief constables" in who,
                        ref_made_up=True,
                    )
                    for n, (text, phrase, due, who) in enumerate(YJ_ONE, start=1)
                ),
                Item("Recommendation 2", YJ_PARENTS[1]),
                *(
                    Item(
                        f"Recommendation 2.{n}",
                        text,
                        parent_ref="Recommendation 2",
                        para=letter,
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                        applies_to_force="Chief constables" in who,
                        ref_made_up=True,
                    )
                    for n, (letter, text, phrase, due, who) in enumerate(YJ_TWO, start=1)
                ),
                Item(
                    "Recommendation 3",
                    YJ_THREE,
                    deadline_text="By 31 December 2026",
                    deadline="2026-12-31",
                    addressees=("Chief constables",),
                    applies_to_force=True,
                ),
            ],
        ),
    ],
)

DOCS = [SUBRECS_PDF]
