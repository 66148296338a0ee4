"""Recommendations set out in a table: ref, text, deadline and who must act as columns, in
Word, PDF and HTML, and a table flattened to text by copying it out of Word."""

from make_corpus import Doc, Item, Pub

CC = ("Chief constables",)

# --- Word: a Deadline column and a Responsible column --------------------------------------

WS = "Westshire Police"
DA_TITLE = f"{WS} – action plan: An inspection of the police response to domestic abuse (2024)"
DA_ROWS = (
    (
        "R1",
        "Chief constables should make sure that domestic abuse risk assessments are reviewed by a supervisor "
        "within 24 hours.",
        "31 October 2024",
        "2024-10-31",
        CC,
        "Chief constables",
    ),
    (
        "R2",
        "Chief constables should make sure that officers record the voice of the child at every domestic abuse "
        "incident where children are present.",
        "31 December 2024",
        "2024-12-31",
        CC,
        "Chief constables",
    ),
    (
        "R3",
        "The NPCC lead for domestic abuse should publish guidance on the use of body-worn video at domestic abuse "
        "incidents.",
        "March 2025",
        "2025-03-31",
        ("NPCC lead for domestic abuse",),
        "NPCC lead for domestic abuse",
    ),
    (
        "R4",
        "The College of Policing should update its authorised professional practice on domestic abuse.",
        "Immediately",
        "immediate",
        ("College of Policing",),
        "College of Policing",
    ),
    (
        "AFI 1",
        "The force should improve the timeliness of its response to domestic abuse incidents graded as "
        "priority.",
        "",
        None,
        (WS,),
        WS,
    ),
    (
        "AFI 2",
        "The force should make sure that its use of domestic abuse protection notices is monitored.",
        "n/a",
        None,
        (WS,),
        WS,
    ),
)

WORD_TABLE = Doc(
    name="action-plan-table",
    fmt="docx",
    shape="Word table with Ref, Recommendation, Deadline and Responsible columns; empty and 'n/a' deadlines",
    source=f"""
# {DA_TITLE}
Published by HMICFRS: 4 July 2024
This action plan lists the recommendations made to chief constables and the areas for improvement for the force, with the deadline set by HMICFRS and the body responsible.
| Ref | Recommendation | Deadline | Responsible |
{chr(10).join(f"| {ref} | {text} | {phrase} | {who} |" for ref, text, phrase, _, _, who in DA_ROWS)}
Progress against each item will be reported to the Business Assurance Meeting every month.
""",
    paper=dict(title=DA_TITLE, dated="2024-07-04"),
    publications=[
        Pub(
            DA_TITLE,
            "2024-07-04",
            "inspection",
            items=[
                Item(
                    ref,
                    text,
                    "area for improvement" if ref.startswith("AFI") else "recommendation",
                    deadline_text=phrase or None if phrase != "n/a" else None,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who in (CC, (WS,)),
                )
                for ref, text, phrase, due, who, _ in DA_ROWS
            ],
        ),
    ],
)

# --- PDF: an annex table of imperative recommendations, across a page break ---------------

MS_TITLE = "Hidden harms: an inspection of how the police respond to modern slavery and human trafficking"
MS_ROWS = (
    (
        "Make sure that every potential victim of modern slavery is referred to the National Referral Mechanism when "
        "they consent.",
        "Chief constables",
        "31 July 2025",
        "2025-07-31",
        CC,
    ),
    (
        "Appoint a single modern slavery lead at chief officer rank.",
        "Chief constables",
        "30 April 2025",
        "2025-04-30",
        CC,
    ),
    (
        "Review the first responder training given to frontline officers and staff, and update it where needed.",
        "College of Policing",
        "31 December 2025",
        "2025-12-31",
        ("College of Policing",),
    ),
    (
        "Publish national data on modern slavery investigations and outcomes every year.",
        "Home Office",
        "Within 12 months of publication",
        "2026-02-06",
        ("Home Office",),
    ),
    (
        "Make sure that modern slavery intelligence is shared with the Joint Slavery and Trafficking Analysis Centre.",
        "Chief constables",
        "Immediately",
        "immediate",
        CC,
    ),
    (
        "Set up a national network of modern slavery single points of contact.",
        "NPCC lead for modern slavery",
        "30 September 2025",
        "2025-09-30",
        ("NPCC lead for modern slavery",),
    ),
    (
        "Review how forces work with labour market enforcement agencies.",
        "NPCC lead for modern slavery, Gangmasters and Labour Abuse Authority",
        "31 March 2026",
        "2026-03-31",
        ("NPCC lead for modern slavery", "Gangmasters and Labour Abuse Authority"),
    ),
    (
        "Evaluate the Modern Slavery Police Transformation Programme's funding model.",
        "Home Office",
        "31 March 2026",
        "2026-03-31",
        ("Home Office",),
    ),
)
MS_NARRATIVE = (
    "Modern slavery is a hidden crime. Victims are often afraid to come forward, and many do not see themselves as "
    "victims at all. Some are moved between towns and cities by the people who exploit them; others are kept in "
    "houses, car washes, nail bars and farms within a few miles of a police station. Forces need to be alert to the "
    "signs, and officers need to understand what to do when they see them."
)

PDF_TABLE = Doc(
    name="modern-slavery-recommendations-table",
    fmt="pdf",
    header="Hidden harms – modern slavery and human trafficking",
    footer="HMICFRS",
    shape="PDF report whose recommendations are only in an annex table: imperative directives, an 'Addressed "
    "to' column, a 'By when' column with a relative deadline",
    source=f"""
# {MS_TITLE}
Published: 6 February 2025
## Summary
{MS_NARRATIVE}
We inspected six forces in 2024. We found that forces have improved how they identify victims since our last inspection in 2021, but that investigations are too often closed without a charge because victims withdraw their support. We make eight recommendations. They are listed in the table at annex A and explained in the chapters of this report.
## 1. Identifying victims
{MS_NARRATIVE}
Officers in all six forces told us that they had received first responder training, but many could not remember what it covered. In one force, fewer than half of the officers we spoke to knew how to make a referral to the National Referral Mechanism. To refer a victim, an officer needs the victim's consent, unless the victim is a child.
## 2. Investigating offences
{MS_NARRATIVE}
The quality of investigations varied widely. The best were led by specialist teams with the time and training to build cases that do not rely on the victim's evidence alone. The worst were closed within days. Forces should not close an investigation simply because the victim no longer supports it.
## Annex A: Recommendations
| No. | Recommendation | Addressed to | By when |
{chr(10).join(f"| {n} | {text} | {who} | {phrase} |" for n, (text, who, phrase, _, _) in enumerate(MS_ROWS, start=1))}
""",
    paper=dict(title=MS_TITLE, dated="2025-02-06"),
    publications=[
        Pub(
            MS_TITLE,
            "2025-02-06",
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
                for n, (text, _, phrase, due, who) in enumerate(MS_ROWS, start=1)
            ],
        ),
    ],
)

# --- HTML: a joint inspection's table with 'Lead organisation' and 'Timescale' -------------

RP_TITLE = "A joint inspection of the handling of rape cases: progress report"
RP_ROWS = (
    (
        "Police forces and CPS Areas should agree a joint case-building protocol for rape cases.",
        "Police forces; CPS",
        "By 31 March 2025",
        "2025-03-31",
        ("Police forces", "CPS"),
    ),
    (
        "The CPS should make sure that early advice is given in every rape case within 28 days of a request.",
        "CPS",
        "By 30 June 2025",
        "2025-06-30",
        ("CPS",),
    ),
    (
        "Chief constables should make sure that every rape victim is offered a referral to an independent sexual "
        "violence adviser.",
        "Chief constables",
        "Immediately",
        "immediate",
        CC,
    ),
    (
        "The NPCC and the CPS should publish joint performance data on rape cases every quarter.",
        "NPCC; CPS",
        "Within six months of publication",
        "2025-05-12",
        ("NPCC", "CPS"),
    ),
    (
        "The Ministry of Justice should review the funding of independent sexual violence advisers.",
        "Ministry of Justice",
        "By the end of 2025",
        "2025-12-31",
        ("Ministry of Justice",),
    ),
    (
        "Chief constables should make sure that digital devices taken from victims are returned within three months.",
        "Chief constables",
        "Ongoing",
        None,
        CC,
    ),
)

HTML_TABLE = Doc(
    name="joint-inspection-rape-table",
    fmt="html",
    shape="web page with a recommendations table: '#', 'Lead organisation' with two bodies, 'Timescale' with "
    "relative and vague phrases",
    source=f"""
# {RP_TITLE}
Published on: 12 November 2024
This is a joint report by HMICFRS and HM Crown Prosecution Service Inspectorate (HMCPSI). It follows up our 2022 inspection of how the police and the CPS handle rape cases.
## Recommendations
We make six recommendations. They are set out below, with the organisation we expect to lead on each and the timescale.
| # | Recommendation | Lead organisation | Timescale |
{chr(10).join(f"| {n} | {text} | {who} | {phrase} |" for n, (text, who, phrase, _, _) in enumerate(RP_ROWS, start=1))}
We will monitor progress against these recommendations and report again in 2026.
""",
    paper=dict(title=RP_TITLE, dated="2024-11-12"),
    publications=[
        Pub(
            RP_TITLE,
            "2024-11-12",
            "joint inspection",
            items=[
                Item(
                    f"Recommendation {n}",
                    text,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who[0] in ("Police forces", "Chief constables"),
                )
                for n, (text, _, phrase, due, who) in enumerate(RP_ROWS, start=1)
            ],
        ),
    ],
)

# --- a table flattened to text: tab-separated rows, an Owner column that is not the addressee --

EB = "Eastbrook Constabulary"
EB_TITLE = f"{EB} – HMICFRS recommendations action plan"
EB_ROWS = (
    (
        "R1",
        "The force should make sure that all crime reports are reviewed by a supervisor within 24 hours.",
        "31 August 2024",
        "2024-08-31",
        "Head of Crime",
    ),
    (
        "R2",
        "The force should improve how it manages registered sex offenders.",
        "30 November 2024",
        "2024-11-30",
        "Head of Public Protection",
    ),
    (
        "R3",
        "The force should make sure that its use of stop and search is recorded accurately.",
        "Immediately",
        "immediate",
        "Head of Operations",
    ),
    (
        "R4",
        "The force should make sure that victims are updated in line with the victims' code.",
        "Within three months of publication",
        "2024-08-09",
        "Head of Crime",
    ),
    (
        "AFI1",
        "The force should review its wellbeing provision for staff in high-risk roles.",
        "",
        None,
        "Head of People",
    ),
    (
        "AFI2",
        "The force should improve how quickly it answers non-emergency calls.",
        "March 2025",
        "2025-03-31",
        "Head of Contact",
    ),
)

FLATTENED = Doc(
    name="action-plan-flattened",
    fmt="txt",
    shape="table flattened to text (tab-separated, as copied out of Word), with an Owner column that is not "
    "who the recommendation is addressed to",
    source=f"""{EB_TITLE}
Report: PEEL 2023–25 inspection of {EB} (published 9 May 2024)
Date: 3 June 2024

Ref\tRecommendation / area for improvement\tHMICFRS deadline\tOwner
{chr(10).join(f"{ref}{chr(9)}{text}{chr(9)}{phrase}{chr(9)}{owner}" for ref, text, phrase, _, owner in EB_ROWS)}

Owners should send an update to the Strategic Planning Unit by the last Friday of each month.
""",
    paper=dict(title=EB_TITLE, dated="2024-06-03"),
    publications=[
        Pub(
            EB_TITLE,
            "2024-05-09",
            "inspection",
            items=[
                Item(
                    ref,
                    text,
                    "area for improvement" if ref.startswith("AFI") else "recommendation",
                    deadline_text=phrase or None,
                    deadline=due,
                    addressees=(EB,),
                    applies_to_force=True,
                )
                for ref, text, phrase, due, _ in EB_ROWS
            ],
        ),
    ],
)

DOCS = [WORD_TABLE, PDF_TABLE, HTML_TABLE, FLATTENED]
