"""Committee papers listing several publications (numbered sections, paragraph numbers past
x.10), a panel's inquiry in the 'That the ...' form, and a review with passive directives."""

from make_corpus import Doc, Item, Pub

CC = ("Chief constables",)
WS = "Westshire Police"
FROM = "Priya Nair – Head of Strategic Planning, Corporate Development Department"
TRACKED = "Progress against these recommendations will be tracked via the Constabulary's Business Assurance Meeting:"

# --- a committee paper as a PDF whose paragraph numbers touch the text from x.10 ---------

DA = "An inspection of the police response to domestic abuse"
DA_RECS = (
    (
        "By 31 October 2024, chief constables should make sure that domestic abuse risk assessments are reviewed by a "
        "supervisor within 24 hours.",
        "By 31 October 2024",
        "2024-10-31",
        CC,
    ),
    (
        "By 31 October 2024, chief constables should make sure that officers record the voice of the child at every "
        "domestic abuse incident where children are present.",
        "By 31 October 2024",
        "2024-10-31",
        CC,
    ),
    (
        "By 31 December 2024, chief constables should make sure that domestic abuse protection notices are considered "
        "in every eligible case.",
        "By 31 December 2024",
        "2024-12-31",
        CC,
    ),
    (
        "By 31 December 2024, the NPCC lead for domestic abuse should publish guidance on the use of body-worn video at "
        "domestic abuse incidents.",
        "By 31 December 2024",
        "2024-12-31",
        ("NPCC lead for domestic abuse",),
    ),
    (
        "By March 2025, the College of Policing should update its authorised professional practice on domestic abuse "
        "to reflect the Domestic Abuse Act 2021.",
        "By March 2025",
        "2025-03-31",
        ("College of Policing",),
    ),
    (
        "Immediately, chief constables should make sure that their forces meet the victims' code when a suspect is "
        "released.",
        "Immediately",
        "immediate",
        CC,
    ),
    (
        "By 30 June 2025, the Home Office should evaluate the funding of independent domestic violence advisers.",
        "By 30 June 2025",
        "2025-06-30",
        ("Home Office",),
    ),
    (
        "By 30 June 2025, chief constables, with local authorities, should review the provision of perpetrator "
        "programmes in their areas.",
        "By 30 June 2025",
        "2025-06-30",
        ("Chief constables", "Local authorities"),
    ),
    (
        "Within 12 months of publication, the Ministry of Justice should review how domestic abuse cases are listed in "
        "the magistrates' courts.",
        "Within 12 months of publication",
        "2025-07-04",
        ("Ministry of Justice",),
    ),
)
PEEL_WS = f"PEEL 2023–25: An inspection of {WS}"
WS_CAUSE = "The force needs to improve how it responds to calls for service from the public."
WS_CAUSE_REC = (
    "Within three months, the force should make sure that emergency calls are answered within ten seconds in line "
    "with national standards."
)
WS_AFIS = (
    "The force should improve how it records the outcome of stop and search encounters.",
    "The force should make sure that its neighbourhood teams are not routinely abstracted to cover response duties.",
    "The force should improve the quality of its crime recording for reports of anti-social behaviour.",
    "The force should make sure that it has enough trained detectives to meet demand.",
    "The force should improve how it monitors the wellbeing of officers in specialist roles.",
)
SOP = "State of Policing: The Annual Assessment of Policing in England and Wales 2023"

_da_lines = "\n".join(f"§§ Recommendation {n}: {text}" for n, (text, *_) in enumerate(DA_RECS, start=1))
_afi_lines = "\n".join(
    f"§§ {'Area for improvement' if n == 1 else 'AFI'} {n}: {text}" for n, text in enumerate(WS_AFIS, start=1)
)

Q3 = Doc(
    name="committee-paper-q3-2024",
    fmt="pdf",
    hang=22.0,
    header="OFFICIAL",
    footer="Joint Audit Committee – HMICFRS publications",
    shape="committee paper listing publications; paragraph numbers from x.10 touch the text in the PDF; a "
    "cause of concern with its recommendation; a publication without items",
    source=f"""
OFFICIAL
To: Joint Audit Committee
From: Priya Nair – Head of Strategic Planning<br>Corporate Development Department
Date: October 2024
Subject: HMICFRS publications – July 2024 to September 2024
Purpose:
The purpose of this paper is to update the Committee on reports published by HMICFRS between July and September 2024 and the recommendations they contain.
§ {DA}
§§ On 4th July 2024, HMICFRS published “{DA}”.
§§ The inspection examined how well forces respond to domestic abuse, from the first call to the outcome of the investigation. HMICFRS found that forces have improved their initial response but that investigations are too often delayed.
§§ HMICFRS made 9 recommendations. {TRACKED}
{_da_lines}
§ {PEEL_WS}
§§ On 25th July, HMICFRS published “{PEEL_WS}”.
§§ The force was graded good at preventing crime and adequate in four other areas. It requires improvement at responding to the public.
§§ HMICFRS identified one cause of concern and five areas for improvement. {TRACKED}
§§ Cause of concern: {WS_CAUSE}
§§ Recommendation 1 (cause of concern): {WS_CAUSE_REC}
{_afi_lines}
§§ The force has already developed an improvement plan, which the Chief Constable will present to the Committee in December.
§ {SOP}
§§ On 12th September 2024, HMICFRS published “{SOP}”.
§§ The report sets out His Majesty's Chief Inspector of Constabulary's assessment of policing in England and Wales. It contains no recommendations.
§ Recommendations
§§ It is recommended that the Committee note the content of this paper.
""",
    paper=dict(
        title="HMICFRS publications – July 2024 to September 2024",
        to="Joint Audit Committee",
        dated="2024-10",
        period_start="2024-07-01",
        period_end="2024-09-30",
        **{"from": FROM},
    ),
    publications=[
        Pub(
            DA,
            "2024-07-04",
            "inspection",
            True,
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    para=f"1.{n + 3}",
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who[0] == "Chief constables",
                )
                for n, (text, phrase, due, who) in enumerate(DA_RECS, start=1)
            ],
        ),
        Pub(
            PEEL_WS,
            "2024-07-25",
            "inspection",
            True,
            items=[
                Item(
                    "Cause of concern 1",
                    WS_CAUSE,
                    "cause of concern",
                    cause_for_concern=True,
                    para="2.4",
                    addressees=(WS,),
                    applies_to_force=True,
                    ref_made_up=True,
                ),
                Item(
                    "Recommendation 1",
                    WS_CAUSE_REC,
                    parent_ref="Cause of concern 1",
                    cause_for_concern=True,
                    para="2.5",
                    deadline_text="Within three months",
                    deadline="2024-10-25",
                    addressees=(WS,),
                    applies_to_force=True,
                ),
                *[
                    Item(
                        f"AFI {n}",
                        text,
                        "area for improvement",
                        para=f"2.{n + 5}",
                        addressees=(WS,),
                        applies_to_force=True,
                    )
                    for n, text in enumerate(WS_AFIS, start=1)
                ],
            ],
        ),
        Pub(SOP, "2024-09-12", "annual assessment"),
    ],
)

# --- the next quarter's paper in Word, with real list numbering ---------------------------

STALK = "Police response to stalking and harassment: a super-complaint investigation"
STALK_RECS = (
    (
        "By 30 April 2025, chief constables should make sure that stalking is considered in every harassment "
        "investigation.",
        "By 30 April 2025",
        "2025-04-30",
        CC,
    ),
    (
        "By 30 April 2025, chief constables should appoint a chief officer lead for stalking.",
        "By 30 April 2025",
        "2025-04-30",
        CC,
    ),
    (
        "The Home Office should review the statutory guidance on stalking protection orders by December 2025.",
        "by December 2025",
        "2025-12-31",
        ("Home Office",),
    ),
    (
        "By 31 March 2025, the College of Policing should update its stalking training for investigators.",
        "By 31 March 2025",
        "2025-03-31",
        ("College of Policing",),
    ),
    (
        "With immediate effect, chief constables should make sure that victims are told when a suspect is released on "
        "bail.",
        "With immediate effect",
        "immediate",
        CC,
    ),
)
STALK_ACTIONS = (
    ("HMICFRS to include stalking in its PEEL inspections from 2025.", None, None, ("HMICFRS",)),
    (
        "The IOPC will publish learning from complaints about stalking by June 2025.",
        "by June 2025",
        "2025-06-30",
        ("IOPC",),
    ),
)
NCA = "An inspection of the National Crime Agency's response to child sexual abuse"
NCA_RECS = (
    (
        "By 31 May 2025, the agency should make sure that every referral is triaged within 48 hours.",
        "By 31 May 2025",
        "2025-05-31",
    ),
    (
        "Triage of referrals should be reviewed within six months of publication.",
        "within six months of publication",
        "2025-05-14",
    ),
    (
        "By 31 December 2025, the NCA, with the Home Office, should agree a long-term funding settlement for its child "
        "sexual abuse teams.",
        "By 31 December 2025",
        "2025-12-31",
    ),
)
VAWG = "Violence against women and girls: progress report"
VAWG_PARENT = "To make sure that victims are protected, we recommend:"
VAWG_CHILDREN = (
    (
        "By 30 June 2025, chief constables should make sure that every high-risk domestic abuse case is reviewed by a "
        "specialist.",
        "By 30 June 2025",
        "2025-06-30",
        CC,
    ),
    (
        "Immediately, the Home Office should publish the revised VAWG strategy.",
        "Immediately",
        "immediate",
        ("Home Office",),
    ),
    (
        "By March 2026, the College of Policing, together with the NPCC, should evaluate the Domestic Abuse Matters "
        "training.",
        "By March 2026",
        "2026-03-31",
        ("College of Policing", "NPCC"),
    ),
)

Q4 = Doc(
    name="committee-paper-q4-2024",
    fmt="docx",
    shape="committee paper in Word with real list numbering: a super-complaint with actions, an 'all "
    "addressed to' override, a recommendation with unnumbered sub-recommendations",
    source=f"""
To: Joint Audit Committee
From: Priya Nair – Head of Strategic Planning<br>Corporate Development Department
Date: 16 January 2025
Subject: HMICFRS publications – October 2024 to December 2024
Purpose:
The purpose of this paper is to update the Committee on reports published by HMICFRS between October and December 2024.
§ {STALK}
§§ On 8th October 2024, HMICFRS, the College of Policing and the IOPC published a super-complaint report “Police response to stalking and harassment”.
§§ The super-complaint was made by a national charity for victims of stalking. It said that the police often fail to recognise stalking and treat it as harassment instead.
§§ The report makes 5 recommendations and sets out 2 actions. {TRACKED}
{chr(10).join(f"§§ Recommendation {n}: {text}" for n, (text, *_) in enumerate(STALK_RECS, start=1))}
{chr(10).join(f"§§ Action {n}: {text}" for n, (text, *_) in enumerate(STALK_ACTIONS, start=1))}
§ {NCA}
§§ On 14th November 2024, HMICFRS published “{NCA}”.
§§ The inspection found that the agency has improved its triage of referrals, but that too many cases wait too long for action.
§§ All of the recommendations are addressed to the National Crime Agency:
{chr(10).join(f"§§ Recommendation {n}: {text}" for n, (text, *_) in enumerate(NCA_RECS, start=1))}
§ {VAWG}
§§ On 5th December 2024, HMICFRS published “{VAWG}”.
§§ HMICFRS made one recommendation with three parts. {TRACKED}
§§ Recommendation 1: {VAWG_PARENT}
{chr(10).join(f"§§ {text}" for text, *_ in VAWG_CHILDREN)}
§ Recommendations
§§ It is recommended that the Committee note the content of this paper.
""",
    paper=dict(
        title="HMICFRS publications – October 2024 to December 2024",
        to="Joint Audit Committee",
        dated="2025-01-16",
        period_start="2024-10-01",
        period_end="2024-12-31",
        **{"from": FROM},
    ),
    publications=[
        Pub(
            STALK,
            "2024-10-08",
            "super-complaint",
            True,
            items=[
                *[
                    Item(
                        f"Recommendation {n}",
                        text,
                        para=f"1.{n + 3}",
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                        applies_to_force=who == CC,
                    )
                    for n, (text, phrase, due, who) in enumerate(STALK_RECS, start=1)
                ],
                *[
                    Item(
                        f"Action {n}",
                        text,
                        "action",
                        para=f"1.{n + 8}",
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                    )
                    for n, (text, phrase, due, who) in enumerate(STALK_ACTIONS, start=1)
                ],
            ],
        ),
        Pub(
            NCA,
            "2024-11-14",
            "inspection",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    para=f"2.{n + 3}",
                    deadline_text=phrase,
                    deadline=due,
                    addressees=("NCA",),
                )
                for n, (text, phrase, due) in enumerate(NCA_RECS, start=1)
            ],
        ),
        Pub(
            VAWG,
            "2024-12-05",
            "inspection",
            True,
            items=[
                Item("Recommendation 1", VAWG_PARENT, para="3.3"),
                *[
                    Item(
                        f"Recommendation 1.{n}",
                        text,
                        parent_ref="Recommendation 1",
                        para=f"3.{n + 3}",
                        deadline_text=phrase,
                        deadline=due,
                        addressees=who,
                        applies_to_force=who == CC,
                        ref_made_up=True,
                    )
                    for n, (text, phrase, due, who) in enumerate(VAWG_CHILDREN, start=1)
                ],
            ],
        ),
    ],
)

# --- a police and crime panel's inquiry: 'That the ...' and passive directives, '1:' numbers --

PCP_RECS = (
    (
        "That the Commissioner publish an annual rural crime plan, with measures agreed with rural communities.",
        None,
        None,
        ("Commissioner",),
        False,
    ),
    (
        "That the Chief Constable ensure every rural crime report is allocated to an officer with rural crime training.",
        None,
        None,
        ("Chief constable",),
        True,
    ),
    (
        "That the Commissioner and the Chief Constable report to the Panel within six months on progress with rural "
        "crime.",
        "within six months",
        "2025-05-18",
        ("Commissioner", "Chief constable"),
        True,
    ),
    (
        "Funding should be provided for a second rural crime team covering the north of the county.",
        None,
        None,
        (),
        False,
    ),
    (
        "Training on wildlife crime should be given to all call handlers by 31 March 2025.",
        "by 31 March 2025",
        "2025-03-31",
        (),
        False,
    ),
    (
        "That the force publish data on rural crime on its website every quarter.",
        None,
        None,
        ("The force",),
        True,
    ),
)
PCP_TITLE = "Scrutiny inquiry into rural and wildlife crime"

PANEL = Doc(
    name="police-and-crime-panel-inquiry",
    fmt="txt",
    shape="a panel's inquiry report: 'That the Commissioner publish ...', passive directives, '4: ...' "
    "numbering, quoted witnesses, a procedural ask that is not an item",
    source=f"""Anyshire Police and Crime Panel
{PCP_TITLE}
Report of the task and finish group
Published: 18 November 2024

Introduction
The Panel set up a task and finish group in June 2024 to examine how the Police and Crime Commissioner holds the Chief Constable to account for the response to rural and wildlife crime. The group met six times and heard from farmers, landowners, the National Farmers' Union and officers of the force's rural crime team.
Witnesses told us that they "want to see officers who understand farming". Several said that reporting crime online was difficult where broadband is poor, and that the force should "come out to the farms".

Summary of recommendations
The Panel recommends:
{chr(10).join(f"{n}: {text}" for n, (text, *_) in enumerate(PCP_RECS, start=1))}

Response
The Commissioner is asked to respond to this report within two months, as the Panel's procedure rules require.
""",
    paper=dict(title=PCP_TITLE, dated="2024-11-18"),
    publications=[
        Pub(
            PCP_TITLE,
            "2024-11-18",
            "inquiry",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=force,
                )
                for n, (text, phrase, due, who, force) in enumerate(PCP_RECS, start=1)
            ],
        ),
    ],
)

# --- an independent review as a PDF from Word: passive directives under bold labels -------

CM_TITLE = f"An independent review of {WS}'s contact management"
CM_RECS = (
    (
        "A demand model should be developed for the contact centre and used to plan shift patterns by 30 June 2025.",
        "by 30 June 2025",
        "2025-06-30",
        (),
        False,
    ),
    (
        "Funding should be provided for twelve additional call handlers in the 2025/26 budget.",
        None,
        None,
        (),
        False,
    ),
    (
        "The force should introduce a call-back service for non-emergency callers who have waited longer than ten "
        "minutes.",
        None,
        None,
        (WS,),
        True,
    ),
    (
        "The Commissioner should hold the Chief Constable to account for call answering performance at every quarterly "
        "accountability meeting.",
        None,
        None,
        ("Commissioner",),
        False,
    ),
    (
        "Within six months, the contact centre's quality assurance framework should be reviewed and extended to cover "
        "online reporting.",
        "Within six months",
        "2025-08-28",
        (),
        False,
    ),
)

REVIEW = Doc(
    name="independent-review-contact-management",
    fmt="pdf",
    pdf_engine="soffice",
    header="OFFICIAL",
    footer=CM_TITLE,
    shape="review as a PDF from Word: bold labels on their own line, passive directives, numbered headings, "
    "findings with 'needs'",
    source=f"""
# {CM_TITLE}
Commissioned by the Police and Crime Commissioner for Westshire
Date: 28 February 2025
## 1. Introduction
In September 2024 the Commissioner asked us to review how {WS} answers and deals with calls from the public. The review took place between October and December 2024. We interviewed 48 call handlers and supervisors and listened to 300 calls.
## 2. Findings
Call answering times have worsened over the past two years. Many callers abandon non-emergency calls after waiting more than ten minutes. It was clear that the force's contact centre is under-resourced. Staff told us that "something needs to change".
Demand modelling is not used to plan shifts. To plan shifts well, the contact centre needs data on when calls arrive.
## 3. Recommendations
{chr(10).join(f"**Recommendation {n}**{chr(10)}{text}" for n, (text, *_) in enumerate(CM_RECS, start=1))}
## 4. Next steps
The Commissioner will publish this report and the Chief Constable's response. We would welcome the opportunity to review progress in a year.
""",
    paper=dict(title=CM_TITLE, dated="2025-02-28"),
    publications=[
        Pub(
            CM_TITLE,
            "2025-02-28",
            "review",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=force,
                )
                for n, (text, phrase, due, who, force) in enumerate(CM_RECS, start=1)
            ],
        ),
    ],
)

DOCS = [Q3, Q4, PANEL, REVIEW]
