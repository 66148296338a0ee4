"""Documents that join several reports, each report's items under its own heading, with
refs that start again in every report: a force's improvement register (a table grouped
by rows spanning it)."""

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
        "By 30 September 2025",
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
            items=_items(NM_RSO_ROWS, {"R1": "2025-03-31", "R3": "2025-09-30"}),
        ),
        Pub(NM_CUSTODY, "2024-11-07", "joint inspection", items=_items(NM_CUSTODY_ROWS, {})),
    ],
)

DOCS = [GROUPED_PDF]
