"""Items given in running prose rather than under a heading or label: an area for
improvement announced in the sentence before it ('We have also identified an area for
improvement. The force should ...'), a cause of concern after 'HMICFRS identified the
following cause of concern:', and the recommendations 'To address this cause of concern'
as lettered clauses in the committee form ('(a) within 28 days, reviews ...')."""

from make_corpus import Doc, Item, Pub

# --- Plain text: an accelerated cause-of-concern letter with numbered paragraphs ----------

GL = "Glenholm Constabulary"
GL_TITLE = f"PEEL 2025–27: accelerated cause of concern – {GL}'s handling of missing adults"
GL_CAUSE = f"{GL} isn't assessing the risk to adults reported missing quickly or consistently enough."
GL_PARTS = (
    (
        "a",
        "immediately reviews every open missing person investigation graded as low risk, to make sure "
        "that the grading is right;",
        "immediately",
        "immediate",
    ),
    (
        "b",
        "within 28 days of the date of this letter, gives every call handler guidance on the questions to "
        "ask when an adult is reported missing;",
        "within 28 days of the date of this letter",
        "2025-12-08",
    ),
    (
        "c",
        "by 31 March 2026, makes sure that a trained supervisor reviews the risk assessment of every missing "
        "adult within two hours of the report.",
        "by 31 March 2026",
        "2026-03-31",
    ),
)
GL_AFI = (
    "The force should make sure that it tells the families of missing adults who their point of contact "
    "in the investigation is."
)

LETTER_TXT = Doc(
    name="accelerated-letter-lettered-recommendations",
    fmt="txt",
    shape="an accelerated cause-of-concern letter in plain text: numbered paragraphs, the cause under its "
    "heading, 'To address this cause of concern, we recommend that the force:' after another heading, "
    "lettered clauses each opening with its own deadline, an earlier recommendation quoted after 'we "
    "recommended:', an area for improvement announced in the sentence before it",
    source=f"""Chief Constable Nadia Pryor
{GL}
Force Headquarters
Glenholm GL4 9RT

10 November 2025

Dear Chief Constable,

{GL_TITLE}

1.  During our PEEL inspection of {GL} in October 2025 we found a cause of
    concern. Because of the risk to the public we are telling you about it
    now, in this letter, rather than in our full report next year.

Cause of concern

2.  {GL_CAUSE}

What we found

3.  Of the 60 missing adult reports we examined, 21 had been graded as low
    risk without the questions the force's own policy requires. In 2024 we
    recommended:

        "The force should make sure that all of its call handlers are
        trained in the national missing persons risk assessment."

4.  The force trained its call handlers in 2024, but half of those we spoke
    to were not confident in using what they had learned.

Our recommendations

5.  To address this cause of concern, we recommend that the force:

"""
    + "\n\n".join(f"    ({letter}) {text}".replace("\n", "\n        ") for letter, text, _, _ in GL_PARTS)
    + f"""

6.  Separately, we have also identified an area for improvement. {GL_AFI}

7.  We will return to the force within four months to check its progress.

Yours sincerely,

Idris Penhale
HM Inspector of Constabulary
""",
    paper=dict(
        title=GL_TITLE,
        to=f"Chief Constable Nadia Pryor, {GL}, Force Headquarters, Glenholm GL4 9RT",
        **{"from": "Idris Penhale, HM Inspector of Constabulary"},
        dated="2025-11-10",
    ),
    publications=[
        Pub(
            GL_TITLE,
            "2025-11-10",
            "letter",
            items=[
                Item(
                    "Cause of concern 1",
                    GL_CAUSE,
                    "cause of concern",
                    cause_for_concern=True,
                    para="2",
                    addressees=(GL,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                *(
                    Item(
                        f"Recommendation 1.{n}",
                        text,
                        parent_ref="Cause of concern 1",
                        cause_for_concern=True,
                        para=letter,
                        deadline_text=phrase,
                        deadline=due,
                        addressees=(GL,),
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, (letter, text, phrase, due) in enumerate(GL_PARTS, start=1)
                ),
                Item(
                    "AFI 1",
                    GL_AFI,
                    "area for improvement",
                    para="6",
                    addressees=(GL,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
            ],
        ),
    ],
)

# --- Word: a committee paper, a cause stated after a lead-in, an AFI announced in prose ---

RY = "Ryland Police"
RY_PAPER = "Inspection activity: October to December 2025"
RY_COC = f"{RY}: accelerated cause of concern – the safeguarding of children in custody"
RY_PEEL = f"PEEL 2025–27: An inspection of {RY}"
RY_CAUSE = (
    "The force doesn't make sure that children who are detained in custody are safeguarded, and too many "
    "of them are held overnight."
)
RY_RECS = (
    (
        "Within one month, the force should make sure that an inspector reviews the detention of every "
        "child held in custody for more than four hours.",
        "Within one month",
        "2025-12-05",
    ),
    (
        "By 31 March 2026, the force should agree with its local authorities how they will provide "
        "accommodation for children refused bail.",
        "By 31 March 2026",
        "2026-03-31",
    ),
)
RY_AFI = (
    "The force should improve how it records the reasons for stopping and searching people, so that its "
    "supervisors can check that each search was fair."
)

COMMITTEE_DOCX = Doc(
    name="committee-paper-items-in-prose",
    fmt="docx",
    shape="a committee paper in Word with a numbered sub-heading per report: one report's cause of concern "
    "stated after 'HMICFRS identified the following cause of concern:', its two labelled recommendations in a "
    "lettered list after 'To address this cause of concern ...:'; another's area for improvement announced "
    "in the sentence before it; the force's own expectation that it 'should be able to' finish",
    source=f"""
# Ryland Police and Crime Commissioner – Audit Committee
Date: 22 January 2026
Report title: {RY_PAPER}
## 1 Purpose
1.1 This paper tells the committee about the inspection reports on {RY} published in the last quarter.
## 2 Reports
### 2.1 {RY_COC}
On 5th November HMICFRS published a letter to the Chief Constable about a cause of concern it found in its PEEL inspection of the force.
HMICFRS identified the following cause of concern:
{RY_CAUSE}
To address this cause of concern, HMICFRS made two recommendations:
+ Recommendation 1: {RY_RECS[0][0]}
+ Recommendation 2: {RY_RECS[1][0]}
Work on the first recommendation has started, and the force should be able to finish both by the spring.
### 2.2 {RY_PEEL}
On 10th December HMICFRS published its PEEL report on {RY}. The force was graded adequate in six areas and good in one.
HMICFRS also identified an area for improvement. {RY_AFI}
## 3 Recommendation
3.1 The committee is asked to note this paper.
""",
    paper=dict(title=RY_PAPER, dated="2026-01-22"),
    publications=[
        Pub(
            RY_COC,
            "2025-11-05",
            "letter",
            items=[
                Item(
                    "Cause of concern 1",
                    RY_CAUSE,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(RY,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                *(
                    Item(
                        f"Recommendation {n}",
                        text,
                        parent_ref="Cause of concern 1",
                        cause_for_concern=True,
                        para=str(n),
                        deadline_text=phrase,
                        deadline=due,
                        addressees=(RY,),
                        applies_to_force=True,
                    )
                    for n, (text, phrase, due) in enumerate(RY_RECS, start=1)
                ),
            ],
        ),
        Pub(
            RY_PEEL,
            "2025-12-10",
            "inspection",
            items=[
                Item(
                    "AFI 1",
                    RY_AFI,
                    "area for improvement",
                    addressees=(RY,),
                    applies_to_force=True,
                    ref_made_up=True,
                )
            ],
        ),
    ],
)

DOCS = [LETTER_TXT, COMMITTEE_DOCX]
