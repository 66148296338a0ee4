"""Cause-of-concern and revisit letters: To: blocks, named causes, lead-ins, 'the force',
'the service' and 'the trust' resolved to the body the letter is written to."""

from make_corpus import Doc, Item, Pub

# --- a cause-of-concern letter as plain text, one paragraph a line ----------------------

WS = "Westshire Police"
WS_CAUSE = "Risk assessment of missing children"
WS_BULLETS = (
    "make sure that every report of a missing child is risk assessed by a trained supervisor;",
    "introduce a daily review of all open missing child investigations by an inspector; and",
    "brief all call handlers on the updated missing persons guidance.",
)
WS_AUDIT = (
    "By 30 September 2024, the force should put in place a process to audit the quality of return home "
    "interviews, and report the results to its chief officer group every quarter."
)
WS_PLAN_LEAD = "The force should prepare its action plan for missing children:"
WS_PLAN_CONDITIONS = (
    "with the local safeguarding children partnership;",
    "after the audit of return home interviews is complete.",
)
WS_STATEMENT = (
    "Westshire Police needs to improve how it assesses and manages the risk to children who go missing "
    "from home or care"
)

MISSING_LETTER = f"""OFFICIAL

To: Chief Constable Rachel Dunmore
Westshire Police
Police Headquarters, Beacon Way, Westbury WS4 2PQ

From: Lorna Achebe, His Majesty's Inspector of Constabulary

Date: 14 March 2024

Subject: Cause of concern – Westshire Police's response to missing children

Dear Chief Constable,
During our PEEL 2023–25 inspection of Westshire Police we examined how the force responds when children are reported missing. I am writing to tell you that we have identified a cause of concern, and to set out the recommendations we are making to address it. We issued these recommendations to the force on 11 March 2024 at our feedback meeting.
Cause of concern
{WS_CAUSE}
{WS_STATEMENT}
We found that call handlers did not always ask the questions set out in the force's own guidance. In 11 of the 40 cases we reviewed, a child assessed as low risk had in fact been missing on several occasions before. Supervisors told us they did not have time to review every assessment.
Recommendations
Within 28 days, the force should:
• {WS_BULLETS[0]}
• {WS_BULLETS[1]}
• {WS_BULLETS[2]}
{WS_AUDIT}
{WS_PLAN_LEAD}
• {WS_PLAN_CONDITIONS[0]}
• {WS_PLAN_CONDITIONS[1]}
We will revisit the force in the autumn to assess its progress. The force told us it intends to appoint a missing persons coordinator, which we welcome.
Yours sincerely,
Lorna Achebe
His Majesty's Inspector of Constabulary
"""


def _ws(ref: str, text: str, **fields: object) -> Item:
    defaults: dict[str, object] = dict(
        parent_ref=WS_CAUSE, cause_for_concern=True, addressees=(WS,), applies_to_force=True, ref_made_up=True
    )
    defaults.update(fields)
    return Item(ref, text, **defaults)  # type: ignore[arg-type]


MISSING = Doc(
    name="cause-of-concern-letter-missing-children",
    fmt="txt",
    shape="cause of concern letter; lead-in bullets; condition bullets; 'the force' from the To: block; "
    "a relative deadline from the date the items were issued",
    source=MISSING_LETTER,
    paper=dict(
        title="Cause of concern – Westshire Police's response to missing children",
        to="Chief Constable Rachel Dunmore, Westshire Police, Police Headquarters, Beacon Way, Westbury WS4 2PQ",
        **{"from": "Lorna Achebe, His Majesty's Inspector of Constabulary"},
        dated="2024-03-14",
    ),
    publications=[
        Pub(
            "Cause of concern – Westshire Police's response to missing children",
            "2024-03-14",
            "letter",
            items=[
                Item(
                    WS_CAUSE,
                    WS_STATEMENT,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(WS,),
                    applies_to_force=True,
                ),
                *[
                    _ws(f"Recommendation 1.{n}", text, deadline_text="Within 28 days", deadline="2024-04-08")
                    for n, text in enumerate(WS_BULLETS, start=1)
                ],
                _ws(
                    "Recommendation 1.4",
                    WS_AUDIT,
                    deadline_text="By 30 September 2024",
                    deadline="2024-09-30",
                ),
                _ws("Recommendation 1.5", " ".join([WS_PLAN_LEAD, *WS_PLAN_CONDITIONS])),
            ],
        )
    ],
)

# --- a revisit letter to a fire and rescue service, in Word ------------------------------

EM = "Eastmoor Fire and Rescue Service"
EM_STATEMENT = "The service hasn't made enough progress in making sure it has an effective risk-based inspection programme."
EM_BULLETS = (
    "make sure its risk-based inspection programme prioritises the highest-risk premises;",
    "make sure it has enough qualified protection staff to deliver the programme; and",
    "put in place quality assurance of its fire safety audits.",
)
EM_IMMEDIATE = (
    "The service should also, with immediate effect, make sure that it responds to building consultations "
    "within the statutory timescales."
)

REVISIT = Doc(
    name="revisit-letter-fire-service",
    fmt="docx",
    shape="revisit letter; cause of concern with a named sub-heading; bullets under a lead-in after a "
    "full stop; 'the service' from the To: block; findings that are not items",
    source=f"""
HM Inspectorate of Constabulary and Fire & Rescue Services
To: Chief Fire Officer Daniel Marsh<br>{EM}<br>Fire Service Headquarters, Station Road, Eastmoor EM1 3RT
Date: 2 October 2024
Subject: Revisit of {EM} – cause of concern on protection
Dear Chief Fire Officer,
In our 2023 inspection of {EM}, published on 18 January 2024, we identified a cause of concern about the service's fire protection work. We revisited the service between 9 and 12 September 2024 to assess its progress.
## Summary of progress
The service has made some progress. It has recruited four new fire safety inspectors and has begun to clear its backlog of high-risk premises. However, the service needs to do more. In our view, the service is not yet able to show that its risk-based inspection programme targets the buildings of highest risk.
## Cause of concern
### Protection
{EM_STATEMENT}
We have therefore revised our recommendations. By 31 March 2025, the service should:
* {EM_BULLETS[0]}
* {EM_BULLETS[1]}
* {EM_BULLETS[2]}
{EM_IMMEDIATE}
## Next steps
We will return to the service in spring 2025. The service has told us that it aims to complete its programme review by the end of the year; we will check its progress then.
Yours sincerely,
Roy Whitfield<br>His Majesty's Inspector of Fire & Rescue Services
""",
    paper=dict(
        title=f"Revisit of {EM} – cause of concern on protection",
        to=f"Chief Fire Officer Daniel Marsh, {EM}, Fire Service Headquarters, Station Road, Eastmoor EM1 3RT",
        dated="2024-10-02",
    ),
    publications=[
        Pub(
            f"Revisit of {EM} – cause of concern on protection",
            "2024-10-02",
            "letter",
            items=[
                Item(
                    "Protection",
                    EM_STATEMENT,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(EM,),
                    applies_to_force=True,
                ),
                *[
                    Item(
                        f"Recommendation 1.{n}",
                        text,
                        parent_ref="Protection",
                        cause_for_concern=True,
                        deadline_text="By 31 March 2025",
                        deadline="2025-03-31",
                        addressees=(EM,),
                        applies_to_force=True,
                        ref_made_up=True,
                    )
                    for n, text in enumerate(EM_BULLETS, start=1)
                ],
                Item(
                    "Recommendation 1.4",
                    EM_IMMEDIATE,
                    parent_ref="Protection",
                    cause_for_concern=True,
                    deadline_text="with immediate effect",
                    deadline="immediate",
                    addressees=(EM,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
            ],
        )
    ],
)

# --- a joint letter to an NHS trust about custody healthcare, as a PDF from Word ----------

TR = "Riverside Community Healthcare NHS Trust"
TR_STATEMENT = (
    "The trust needs to improve the timeliness and safety of the healthcare it provides to detainees"
)
TR_RECS = (
    "By 31 August 2024, the trust should make sure that every detainee who asks to see a healthcare "
    "professional is seen within one hour.",
    "By 31 August 2024, the trust should make sure that medicines are stored securely and that every dose "
    "given is recorded.",
    "Within three months of this letter, the trust and Northfield Police should agree a joint governance "
    "meeting to review the quality of custody healthcare.",
)

TRUST = Doc(
    name="custody-healthcare-letter-trust",
    fmt="pdf",
    pdf_engine="soffice",
    header="OFFICIAL",
    footer="Unannounced inspection of police custody – healthcare provision",
    shape="joint inspection letter to an NHS trust; an unnamed cause of concern; a numbered list of "
    "recommendations; 'the trust' from the To: block; quoted aims that are not items",
    source=f"""
HM Inspectorate of Constabulary and Fire & Rescue Services<br>Care Quality Commission
To: Ms Helen Okoro<br>Chief Executive<br>{TR}
Date: 21 June 2024
Subject: Unannounced inspection of police custody in Northfield – healthcare provision
Dear Ms Okoro,
Between 3 and 7 June 2024 we carried out an unannounced joint inspection of police custody in Northfield. The trust provides healthcare to detainees in the force's three custody suites under a contract with Northfield Police. This letter sets out our concerns about that healthcare and what we expect the trust to do.
## What we found
Detainees waited too long to see a healthcare professional. In one case, a detainee waited over four hours for an assessment after telling staff she had taken an overdose. Medicines were not always stored safely, and records of medicines given were incomplete.
We were told that the trust plans to recruit two additional paramedics "to reduce waiting times", but no date has been set. The aim is to see every detainee who asks for healthcare within one hour.
## Cause of concern
{TR_STATEMENT}
**Recommendations**
+ {TR_RECS[0]}
+ {TR_RECS[1]}
+ {TR_RECS[2]}
We have written separately to the Chief Constable of Northfield Police about the force's own findings.
Yours sincerely,
Daniel Price<br>HM Inspector of Constabulary
""",
    paper=dict(
        title="Unannounced inspection of police custody in Northfield – healthcare provision",
        to=f"Ms Helen Okoro, Chief Executive, {TR}",
        dated="2024-06-21",
    ),
    publications=[
        Pub(
            "Unannounced inspection of police custody in Northfield – healthcare provision",
            "2024-06-21",
            "letter",
            items=[
                Item(
                    "Cause of concern 1",
                    TR_STATEMENT,
                    "cause of concern",
                    cause_for_concern=True,
                    addressees=(TR,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                Item(
                    "Recommendation 1",
                    TR_RECS[0],
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    para="1",
                    deadline_text="By 31 August 2024",
                    deadline="2024-08-31",
                    addressees=(TR,),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 2",
                    TR_RECS[1],
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    para="2",
                    deadline_text="By 31 August 2024",
                    deadline="2024-08-31",
                    addressees=(TR,),
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 3",
                    TR_RECS[2],
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    para="3",
                    deadline_text="Within three months of this letter",
                    deadline="2024-09-21",
                    addressees=(TR, "Northfield Police"),
                    applies_to_force=True,
                ),
            ],
        )
    ],
)

DOCS = [MISSING, REVISIT, TRUST]
