"""Documents that join several reports, each report's items under its own heading, with
refs that start again in every report: a force's improvement register (a table grouped
by rows spanning it), a tracker in Markdown with a section and a table per report, a
panel paper in a web page with a sub-heading per report."""

from make_corpus import Doc, Item, Pub

NM = "Northmoor Constabulary"
CC = ("Chief constables",)

# --- PDF: one ruled table, a shaded row spanning it for each report ----------------------

NM_PLAN_TITLE = f"{NM} – inspection improvement register"
NM_PEEL = f"PEEL 2023–25: An inspection of {NM}"
NM_RSO = "An inspection of how the police manage registered sex offenders in the community"
NM_CUSTODY = f"Report on an unannounced inspection of police custody in {NM}"
NM_PEEL_ROWS = (
    (
        "AFI 1",
        "The force should make sure that its response officers attend emergency calls within its published "
        "times, particularly in the rural north of the county.",
        "n/a",
        "Supt Grace Ellery",
        "30/06/2025",
        "Open",
        "New shift pattern from April. The Chief Officer Team should see the first results in July.",
    ),
    (
        "AFI 2",
        "The force should improve how it records the reasons for using force, so that supervisors can check "
        "each use is justified.",
        "n/a",
        "Ch Insp Omar Biddle",
        "31/03/2025",
        "Closed",
        "Recording form changed in the body-worn video system; dip sample of 200 records passed.",
    ),
    (
        "AFI 3",
        "The force should make sure that victims of hate crime are kept up to date with their investigations "
        "in line with the Victims' Code.",
        "n/a",
        "D/Supt Rhian Colley",
        "31/12/2025",
        "Open",
        "Contact plans now part of every hate crime investigation; compliance 71%.",
    ),
)
NM_RSO_ROWS = (
    (
        "R1",
        "By 31 March 2025, chief constables should make sure that every registered sex offender has a risk "
        "management plan reviewed within the last twelve months.",
        "31/03/2025",
        "D/Supt Rhian Colley",
        "28/02/2025",
        "Overdue",
        "412 of 455 plans reviewed. The remaining plans should be complete by mid-March.",
    ),
    (
        "R3",
        "Chief constables should make sure that officers who manage registered sex offenders are trained to "
        "examine digital devices at home visits.",
        "Twelve months after publication (19/09/2025)",
        "Digital Forensics Manager",
        "31/08/2025",
        "Open",
        "Twelve officers trained; a second course is booked for June.",
    ),
)
NM_CUSTODY_ROWS = (
    (
        "AFI 1",
        "The force should make sure that detainees' property is stored securely and returned to them when "
        "they leave custody.",
        "n/a",
        "Custody Insp Leah Moreno",
        "31/05/2025",
        "Open",
        "New property lockers ordered for both suites.",
    ),
    (
        "AFI 2",
        "The force should make sure that interpreters are used whenever a detainee does not speak English "
        "well, including during the risk assessment at booking in.",
        "n/a",
        "Custody Insp Leah Moreno",
        "30/04/2025",
        "Open",
        "Telephone interpreting contract extended to the booking-in desks.",
    ),
    (
        "Rec 1",
        "The force should make sure that children are released from custody as soon as they can be, and that "
        "the local authority is asked for accommodation for every child charged and refused bail.",
        "n/a",
        "Ch Supt Martin Okoro",
        "30/09/2025",
        "Open",
        "Joint protocol with the county council drafted; it should be signed in the summer.",
    ),
)
NM_HEADER = (
    "Ref",
    "Recommendation or area for improvement",
    "Inspectorate deadline",
    "Lead officer",
    "Force date",
    "Status",
    "Commentary",
)


def _rows(rows: tuple[tuple[str, ...], ...]) -> str:
    return "\n".join(f"| {' | '.join(row)} |" for row in rows)


def _items(rows: tuple[tuple[str, ...], ...], dates: dict[str, str | None]) -> list[Item]:
    found = []
    for ref, text, deadline, *_ in rows:
        national = text.startswith("By 31 March 2025, chief") or text.startswith("Chief constables")
        found.append(
            Item(
                ref,
                text,
                "area for improvement" if ref.startswith("AFI") else "recommendation",
                deadline_text=None if deadline == "n/a" else deadline,
                deadline=dates.get(ref),
                addressees=CC if national else (NM,),
                applies_to_force=True,
            )
        )
    return found


GROUPED_PDF = Doc(
    name="improvement-register-grouped-rows",
    fmt="pdf",
    header=f"{NM} – OFFICIAL",
    landscape=True,
    footer="Inspection Oversight Board",
    shape="force improvement register in PDF: one ruled table over two pages, a shaded row spanning the table "
    "for each report, refs starting again in each report, an inspectorate deadline column beside the force's "
    "own date, a status key above and a totals row",
    source=f"""
# {NM_PLAN_TITLE}
Position at 28 February 2025, for the Inspection Oversight Board of 12 March 2025.
The inspectorate deadline is the date HMICFRS set; the force date is the date the responsible lead has agreed with the board. Recommendations for national bodies are kept on the register for information and are not shown.
Key to status. Closed: evidence accepted by the Inspection Oversight Board. Open: work under way. Overdue: the force date has passed without the item being closed.
| {" | ".join(NM_HEADER)} |
| {NM_PEEL} (published 8 August 2024) |
{_rows(NM_PEEL_ROWS)}
| {NM_RSO} (published 19 September 2024) |
{_rows(NM_RSO_ROWS)}
| {NM_CUSTODY} (HM Inspectorate of Prisons and HMICFRS, published 7 November 2024) |
{_rows(NM_CUSTODY_ROWS)}
| Total: 8 items – 1 closed, 6 open, 1 overdue |
""",
    paper=dict(title=NM_PLAN_TITLE),
    publications=[
        Pub(NM_PEEL, "2024-08-08", "inspection", items=_items(NM_PEEL_ROWS, {})),
        Pub(
            NM_RSO,
            "2024-09-19",
            "inspection",
            items=_items(NM_RSO_ROWS, {"R1": "2025-03-31", "R3": "2025-09-19"}),
        ),
        Pub(NM_CUSTODY, "2024-11-07", "joint inspection", items=_items(NM_CUSTODY_ROWS, {})),
    ],
)


# --- Markdown: a section per report, '(published <date>)' in its heading, a table each -------

EH = "Eastholme Police"
EH_PEEL = f"PEEL 2023–25: An inspection of {EH}"
EH_FRAUD = "Fraud: time to choose – a revisit of the police response to fraud"
EH_CUSTODY = f"Report on an unannounced inspection of police custody suites in {EH}"

SECTIONS_MD = Doc(
    name="action-tracker-sections",
    fmt="md",
    shape="force action tracker in Markdown: a '##' section per report with '(published <date>)' in its "
    "heading and its own table, refs starting again in each section, the inspectorate's deadline beside "
    "the force's own target, progress notes that say 'should', a table of counts at the end",
    source=f"""# {EH} – inspection action tracker

Strategy and Change Unit · updated 14 April 2025

Each table lists what the inspectorate asked of {EH}. *Inspectorate deadline* is the date the report
set, and *our target* is the date the lead has committed to. Items for other bodies are not tracked here.

## 1. {EH_PEEL} (published 27 June 2024)

| Ref | Area for improvement | Lead | Inspectorate deadline | Our target | Progress |
|---|---|---|---|---|---|
| AFI 1 | The force should make sure that it allocates crimes to investigators with the right skills and experience. | D/Supt Nadia Farrow | n/a | 30/09/2025 | Allocation policy redrafted; the new policy should be agreed at the May board. |
| AFI 2 | The force should improve how it identifies and supports repeat victims of anti-social behaviour. | Supt Colm Harte | n/a | 31/12/2025 | Repeat-caller flag built into the command and control system. |
| AFI 3 | The force should make sure that its workforce plan reflects the skills it will need in the next five years. | Director of People | n/a | 31/03/2026 | Skills audit under way. |

## 2. {EH_FRAUD} (published 11 September 2024)

Recommendations 2 and 4 are for the Home Office and the National Crime Agency and are not tracked here.

| No. | Recommendation | Lead | Inspectorate deadline | Our target | Progress |
|---|---|---|---|---|---|
| 1 | By 31 March 2025, chief constables should make sure that every fraud report passed to them by the national reporting centre is assessed within 28 days. | Head of Economic Crime | 31/03/2025 | 28/02/2025 | Achieved in February; 96% assessed within 28 days. |
| 3 | Chief constables should make sure that victims of fraud who are vulnerable are offered support from a specialist victim service. | Head of Victim Services | n/a | 30/06/2025 | Referral route agreed with the victims' hub. |

## 3. {EH_CUSTODY} (HMICFRS and HM Inspectorate of Prisons, published 5 December 2024)

The report set out one cause of concern and two recommendations to address it, and four areas for improvement; the two below are those the force leads on.

| Ref | Kind | Text | Lead | Inspectorate deadline | Our target | Progress |
|---|---|---|---|---|---|---|
| R1 | Recommendation | The force should make sure that detainees at risk of self-harm are checked as often as their care plan requires. | Custody Supt Ian Frome | n/a | 31/05/2025 | Observation levels audited weekly. |
| AFI 1 | Area for improvement | The force should make sure that cells are cleaned between detainees and that cleaning is recorded. | Custody Insp Ruth Vane | n/a | 30/04/2025 | New cleaning contract from 1 April. |
| AFI 2 | Area for improvement | The force should make sure that detainees can have a shower before they go to court. | Custody Insp Ruth Vane | n/a | 31/07/2025 | Showers in the north suite being repaired. |

## Summary of progress

| Report | Items | Achieved | On track | Behind |
|---|---|---|---|---|
| PEEL 2023–25 | 3 | 0 | 3 | 0 |
| Fraud revisit | 2 | 1 | 1 | 0 |
| Custody | 3 | 0 | 2 | 1 |
""",
    paper=dict(title=f"{EH} – inspection action tracker", dated="2025-04-14"),
    publications=[
        Pub(
            EH_PEEL,
            "2024-06-27",
            "inspection",
            items=[
                Item(
                    f"AFI {n}",
                    text,
                    "area for improvement",
                    addressees=(EH,),
                    applies_to_force=True,
                )
                for n, text in enumerate(
                    (
                        "The force should make sure that it allocates crimes to investigators with the right "
                        "skills and experience.",
                        "The force should improve how it identifies and supports repeat victims of anti-social "
                        "behaviour.",
                        "The force should make sure that its workforce plan reflects the skills it will need in "
                        "the next five years.",
                    ),
                    start=1,
                )
            ],
        ),
        Pub(
            EH_FRAUD,
            "2024-09-11",
            "review",
            items=[
                Item(
                    "Recommendation 1",
                    "By 31 March 2025, chief constables should make sure that every fraud report passed to them by "
                    "the national reporting centre is assessed within 28 days.",
                    deadline_text="31/03/2025",
                    deadline="2025-03-31",
                    addressees=CC,
                    applies_to_force=True,
                ),
                Item(
                    "Recommendation 3",
                    "Chief constables should make sure that victims of fraud who are vulnerable are offered support "
                    "from a specialist victim service.",
                    addressees=CC,
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(
            EH_CUSTODY,
            "2024-12-05",
            "joint inspection",
            items=[
                Item(
                    "R1",
                    "The force should make sure that detainees at risk of self-harm are checked as often as their "
                    "care plan requires.",
                    addressees=(EH,),
                    applies_to_force=True,
                ),
                Item(
                    "AFI 1",
                    "The force should make sure that cells are cleaned between detainees and that cleaning is "
                    "recorded.",
                    "area for improvement",
                    addressees=(EH,),
                    applies_to_force=True,
                ),
                Item(
                    "AFI 2",
                    "The force should make sure that detainees can have a shower before they go to court.",
                    "area for improvement",
                    addressees=(EH,),
                    applies_to_force=True,
                ),
            ],
        ),
    ],
)

# --- HTML: a panel paper, a numbered sub-heading per report and the date it was published ---

PANEL_TITLE = "Inspection reports published July to September 2025"
PN_STALKING = "Stalking and harassment: an inspection of how well the police protect victims"
PN_VETTING = "Corbridge Constabulary: vetting revisit"
PN_NCA = "An inspection of the National Crime Agency's intelligence handling"
PN_RECS = (
    (
        "By 31 January 2026, chief constables should make sure that every report of stalking is reviewed by a "
        "trained supervisor within 24 hours.",
        "By 31 January 2026",
        "2026-01-31",
        CC,
    ),
    (
        "Within 12 months of the publication of this report, the College of Policing should publish "
        "authorised professional practice on stalking protection orders.",
        "Within 12 months of the publication of this report",
        "2026-07-03",
        ("College of Policing",),
    ),
    (
        "Chief constables should make sure that victims of stalking are told, in writing, the outcome of "
        "their report.",
        None,
        None,
        CC,
    ),
)

PANEL_HTML = Doc(
    name="panel-paper-subheadings",
    fmt="html",
    shape="a police and crime panel paper as a web page: numbered sections, a numbered sub-heading per "
    "report, each opening 'On 3rd July HMICFRS published ...' without the year; refs starting again "
    "under each report; a report with no items; the panel's own ask at the end",
    source=f"""
# Corbridge Police and Crime Panel
Date of meeting: 9 October 2025
Report title: {PANEL_TITLE}
Author: Priya Lowther, Scrutiny Officer
## 1 Purpose
1.1 This report summarises the inspection reports HMICFRS published between July and September 2025 that concern Corbridge Constabulary.
## 2 Inspection reports
### 2.1 {PN_STALKING}
On 3rd July HMICFRS published its inspection of how well eight forces protect victims of stalking. Corbridge Constabulary was not one of the eight.
The report makes three recommendations. The Chief Constable has asked the Head of Public Protection to lead on them:
Recommendation 1 – {PN_RECS[0][0]}
Recommendation 2 – {PN_RECS[1][0]}
Recommendation 3 – {PN_RECS[2][0]}
### 2.2 {PN_VETTING}
On 28th August HMICFRS published a letter following its revisit of vetting in Corbridge Constabulary.
Recommendation 1 – By 30 November 2025, the force should make sure that every officer whose vetting has lapsed is re-vetted or removed from duties that need it.
The force has told the panel that it expects to finish this work early.
### 2.3 {PN_NCA}
On 16th September HMICFRS published its inspection of the National Crime Agency. The report makes four recommendations, all for the agency; none is for Corbridge Constabulary.
## 3 Recommendation
3.1 The panel is asked to note the report.
""",
    paper=dict(
        title=PANEL_TITLE,
        **{"from": "Priya Lowther, Scrutiny Officer"},
        dated="2025-10-09",
        period_start="2025-07-01",
        period_end="2025-09-30",
    ),
    publications=[
        Pub(
            PN_STALKING,
            "2025-07-03",
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
                for n, (text, phrase, due, who) in enumerate(PN_RECS, start=1)
            ],
        ),
        Pub(
            PN_VETTING,
            "2025-08-28",
            "review",
            items=[
                Item(
                    "Recommendation 1",
                    "By 30 November 2025, the force should make sure that every officer whose vetting has lapsed "
                    "is re-vetted or removed from duties that need it.",
                    deadline_text="By 30 November 2025",
                    deadline="2025-11-30",
                    addressees=("Corbridge Constabulary",),
                    applies_to_force=True,
                ),
            ],
        ),
        Pub(PN_NCA, "2025-09-16", "inspection"),
    ],
)


# --- Plain text: a board paper hard-wrapped with hanging indents, 'Publication N –' lines ----

HM = "Hallowmere Police"
HM_RAPE = "Mind the gap: an inspection of how forces support victims of rape through the courts"
HM_PEEL = f"PEEL 2025–27: An inspection of {HM}"
HM_SFO = "An inspection of the Serious Fraud Office's handling of disclosure"
HM_YOUTH = "A joint inspection of youth diversion schemes"
HM_RECS = (
    (
        "By 30 November 2025, chief constables should make sure that every victim of rape whose case is "
        "charged is offered a named officer who will stay with the case until the trial ends.",
        "By 30 November 2025",
        "2025-11-30",
        CC,
    ),
    (
        "Within six months of the publication of this report, chief constables should make sure that "
        "victims are told of any change to a trial date within one working day of the force learning of it.",
        "Within six months of the publication of this report",
        "2025-10-09",
        CC,
    ),
    (
        "By the end of March 2026, the Ministry of Justice should publish data on how long rape trials "
        "wait to be heard in each Crown Court.",
        "By the end of March 2026",
        "2026-03-31",
        ("Ministry of Justice",),
    ),
)
HM_AFIS = (
    "The force should make sure that it records the reasons why victims withdraw their support for a "
    "prosecution.",
    "The force should improve the supervision of investigations held by its neighbourhood teams.",
    "The force should make sure that it understands how much of its demand comes from people in mental "
    "health crisis.",
)


def _wrapped(text: str, first: str = "", indent: int = 6, width: int = 74) -> str:
    import textwrap

    return textwrap.fill(
        text,
        width=width,
        initial_indent=first.ljust(indent) if first else " " * indent,
        subsequent_indent=" " * indent,
    )


def _bullet(label: str, text: str) -> str:
    return _wrapped(f"{label} – {text}", first="      -", indent=8).replace("      -  ", "      - ", 1)


HM_SOURCE = "\n\n".join(
    [
        "HALLOWMERE POLICE, FIRE AND CRIME COMMISSIONER AND HALLOWMERE POLICE\nACCOUNTABILITY BOARD",
        "Report title:    Inspection reports published April to June 2025\nMeeting date:    17 July 2025\n"
        "Agenda item:     6\nAuthor:          Tomasz Verey, Inspection and Audit Liaison, Corporate Development",
        "1.  PURPOSE",
        _wrapped(
            "This paper informs the board about the reports that HM Inspectorate of Constabulary and Fire & "
            "Rescue Services published between 1 April and 30 June 2025 that concern Hallowmere Police, and "
            "the items in them that the force will act on.",
            "1.1",
        ),
        "2.  RECOMMENDATION",
        _wrapped("The board is asked to note this paper and the items the force will track.", "2.1"),
        "3.  REPORTS PUBLISHED",
        f"    Publication 1 – {HM_RAPE}",
        _wrapped(
            f'On 9th April HMICFRS published "{HM_RAPE}". It looked at six forces, not including Hallowmere, '
            "and found that too many victims withdraw before trial because they are not kept informed.",
            "3.1",
        ),
        _wrapped(
            "The report makes three recommendations, two of them for chief constables. All three will be "
            "tracked via the Constabulary's Business Assurance Meeting:",
            "3.2",
        ),
        "\n\n".join(_bullet(f"Rec {n}", text) for n, (text, *_) in enumerate(HM_RECS, start=1)),
        f"    Publication 2 – {HM_PEEL}",
        _wrapped(
            f"On 22nd May HMICFRS published its PEEL report on {HM}. The force was graded good at preventing "
            "crime and adequate in five other areas. HMICFRS found no cause of concern.",
            "3.3",
        ),
        _wrapped(
            "HMICFRS identified three areas for improvement. Each has an owner, and progress will be tracked "
            "via the Constabulary's Business Assurance Meeting:",
            "3.4",
        ),
        "\n\n".join(_bullet(f"AFI {n}", text) for n, text in enumerate(HM_AFIS, start=1)),
        _wrapped(
            "The Deputy Chief Constable has said that the supervision of neighbourhood investigations should "
            "improve once the new crime management system is live.",
            "3.5",
        ),
        f"    Publication 3 – {HM_SFO}",
        _wrapped(
            "On 3rd June HMICFRS published its inspection of the Serious Fraud Office. Its recommendations are "
            "for the Serious Fraud Office alone.",
            "3.6",
        ),
        f"    Publication 4 – {HM_YOUTH}",
        _wrapped(
            "On 26th June HMICFRS and HM Inspectorate of Probation published a joint inspection of youth "
            "diversion. It makes one recommendation and sets out one action:",
            "3.7",
        ),
        _bullet(
            "Recommendation 1",
            "By 31 January 2026, chief constables should make sure that every child eligible for diversion is "
            "referred to the youth justice service before a charging decision is made.",
        ).replace("Recommendation 1 –", "Recommendation 1:"),
        _bullet(
            "Action 1",
            "HM Inspectorate of Probation will review the quality of diversion assessments in its youth "
            "justice inspections.",
        ).replace("Action 1 –", "Action 1:"),
        "4.  FINANCIAL AND LEGAL IMPLICATIONS",
        _wrapped(
            "None arising directly from this paper. Any costs will be met from existing budgets.", "4.1"
        ),
        "APPENDIX 1 – ITEMS TRACKED BY THE BUSINESS ASSURANCE MEETING (PUBLICATION, REF, SUBJECT, OWNER)",
        "\n".join(
            [
                "  1   Rec 1   Named officer for charged rape cases          D/Supt Public Protection",
                "  1   Rec 2   Telling victims of changes to trial dates     Head of Witness Care",
                "  2   AFI 1   Recording reasons for victim withdrawal       Force Crime Registrar",
                "  2   AFI 2   Supervision of neighbourhood investigations   Supt Neighbourhoods",
                "  2   AFI 3   Mental health demand                          Head of Partnerships",
                "  4   Rec 1   Referrals before charging decisions           Head of Criminal Justice",
            ]
        ),
    ]
)

REPORT_LINES_TXT = Doc(
    name="board-paper-publication-lines",
    fmt="txt",
    shape="a board paper saved as plain text, hard-wrapped with hanging indents under numbered sections; "
    "each report introduced by a 'Publication N – <title>' line, its date without a year; 'Rec N –' and "
    "'AFI N –' bullets starting again in each report; a report with no items; the board's own ask; an "
    "appendix listing the items again",
    source=HM_SOURCE + "\n",
    paper=dict(
        title="Inspection reports published April to June 2025",
        **{"from": "Tomasz Verey, Inspection and Audit Liaison, Corporate Development"},
        dated="2025-07-17",
        period_start="2025-04-01",
        period_end="2025-06-30",
    ),
    publications=[
        Pub(
            HM_RAPE,
            "2025-04-09",
            "inspection",
            tracked=True,
            items=[
                Item(
                    f"Rec {n}",
                    text,
                    deadline_text=phrase,
                    deadline=due,
                    addressees=who,
                    applies_to_force=who == CC,
                )
                for n, (text, phrase, due, who) in enumerate(HM_RECS, start=1)
            ],
        ),
        Pub(
            HM_PEEL,
            "2025-05-22",
            "inspection",
            tracked=True,
            items=[
                Item(f"AFI {n}", text, "area for improvement", addressees=(HM,), applies_to_force=True)
                for n, text in enumerate(HM_AFIS, start=1)
            ],
        ),
        Pub(HM_SFO, "2025-06-03", "inspection"),
        Pub(
            HM_YOUTH,
            "2025-06-26",
            "joint inspection",
            items=[
                Item(
                    "Recommendation 1",
                    "By 31 January 2026, chief constables should make sure that every child eligible for "
                    "diversion is referred to the youth justice service before a charging decision is made.",
                    deadline_text="By 31 January 2026",
                    deadline="2026-01-31",
                    addressees=CC,
                    applies_to_force=True,
                ),
                Item(
                    "Action 1",
                    "HM Inspectorate of Probation will review the quality of diversion assessments in its "
                    "youth justice inspections.",
                    "action",
                    addressees=("HM Inspectorate of Probation",),
                ),
            ],
        ),
    ],
)

DOCS = [GROUPED_PDF, SECTIONS_MD, PANEL_HTML, REPORT_LINES_TXT]
