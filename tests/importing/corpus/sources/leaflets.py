"""Papers laid out in two columns: a summary leaflet whose recommendations run on from one
column to the next and across the page break, and the same leaflet saved as text with
``pdftotext -layout`` (both columns side by side on each line)."""

from make_corpus import Doc, Item, Pub

DR_TITLE = "Flying safely: an inspection of how police forces use drones"
DR_PUBLISHED = "2025-11-04"
DR_RECS = (
    (
        "By 31 August 2026, chief constables should make sure that every drone flight is recorded, with its "
        "purpose, the officer who authorised it and what the footage was later used for.",
        "By 31 August 2026",
        "2026-08-31",
        ("Chief constables",),
    ),
    (
        "Within six months of the publication of this report, chief constables should publish on their "
        "forces' websites how they use drones, where they fly them and how long they keep the footage they "
        "record.",
        "Within six months of the publication of this report",
        "2026-05-04",
        ("Chief constables",),
    ),
    (
        "By 31 March 2026, the NPCC lead for drones should agree a national minimum standard for the "
        "training of police pilots and for the number of hours each pilot must fly every year to stay "
        "authorised.",
        "By 31 March 2026",
        "2026-03-31",
        ("NPCC lead for drones",),
    ),
    (
        "The College of Policing should include the use of drones in its authorised professional practice "
        "on covert and overt surveillance by 30 June 2026.",
        "by 30 June 2026",
        "2026-06-30",
        ("College of Policing",),
    ),
    (
        "The Home Office should review whether the rules on keeping drone footage should be set out in a "
        "statutory code of practice, and should publish its conclusions by 31 December 2026.",
        "by 31 December 2026",
        "2026-12-31",
        ("Home Office",),
    ),
)
DR_AFI = (
    "Forces should make sure that the footage their drones record is stored with their other digital "
    "evidence and not left on the aircraft's own memory cards."
)
_FILLER = (
    "Drones have become an everyday tool for the police. In the forces we inspected, the number of "
    "flights rose by more than half in two years, most of them to search for people who were missing or "
    "to give firearms commanders a view of an incident from above. But the governance of drones has not "
    "kept pace with that growth. In most forces, nobody at chief officer level could tell us how many "
    "flights had been made in the past year, what they had been for or what had happened to the footage."
)

DRONES_SOURCE = f"""# {DR_TITLE}

**Summary of findings and recommendations**

Published: 4 November 2025

>>>

## About this inspection

Between March and June 2025 we inspected how seven forces in England and Wales use remotely piloted aircraft, known as drones. We examined 412 flight records and interviewed 96 pilots, supervisors and senior leaders.

{_FILLER}

## What we found

* Only two of the seven forces could tell us how many hours each of their pilots had flown in the past year.
* Pilots said that they should be given more time to keep their skills current, but few had been.
* The reason a flight had been authorised was missing from a third of the records we examined.
* Few forces had told the public how they use drones or how long they keep what they film.

Forces have also started to use drones to gather evidence at the scenes of crimes and collisions. Investigators told us the footage had helped them to reconstruct events, but in three forces it was kept on the aircraft's memory cards for weeks before anyone copied it to the force's systems.

## Our recommendations

Recommendation 1: {DR_RECS[0][0]}

Recommendation 2: {DR_RECS[1][0]}

Recommendation 3: {DR_RECS[2][0]}

Two of the forces already publish this information, and neither told us that doing so had put an operation at risk.

Recommendation 4: {DR_RECS[3][0]}

Some of the forces we inspected share their aircraft and pilots with neighbouring forces. Where they do, the agreements between them did not say which force keeps the footage or who answers for a flight that goes wrong. The national standard we recommend should cover flights made for another force, and the rules on footage should say who keeps it when two forces have been involved in a flight.

Recommendation 5: {DR_RECS[4][0]}

## Area for improvement

Area for improvement 1: {DR_AFI}

## What happens next

We will follow up these recommendations through our PEEL inspections. The full report sets out the evidence behind each of them and is on our website.

===

## Annex: how we inspected

We asked each of the seven forces for its flight logs for the twelve months to February 2025, its policies on drones and the training records of its pilots. In each force we then spent three days interviewing pilots, their supervisors, the officers who authorise flights and the chief officer responsible for the drone unit.

We chose 412 flights at random from the logs and followed each of them from the request for the flight to what was done with its footage. We also held a workshop with the Civil Aviation Authority and with two forces that were not part of the inspection, to test what we had found.
"""


def _items() -> list[Item]:
    recs = [
        Item(
            f"Recommendation {number}",
            text,
            deadline_text=written,
            deadline=date,
            addressees=bodies,
            applies_to_force=bodies == ("Chief constables",),
        )
        for number, (text, written, date, bodies) in enumerate(DR_RECS, start=1)
    ]
    afi = Item("AFI 1", DR_AFI, "area for improvement", addressees=("Police forces",), applies_to_force=True)
    return [*recs, afi]


def _drones(name: str, fmt: str, shape: str, layout_text_of: str = "") -> Doc:
    return Doc(
        name=name,
        fmt=fmt,
        shape=shape,
        source=DRONES_SOURCE,
        paper=dict(title=DR_TITLE, dated=DR_PUBLISHED),
        publications=[Pub(DR_TITLE, DR_PUBLISHED, "inspection", items=_items())],
        header="HMICFRS  Drones inspection: summary",
        footer="Flying safely  |  HMICFRS",
        columns=2,
        layout_text_of=layout_text_of,
    )


DRONES_PDF = _drones(
    "drones-leaflet-two-columns",
    "pdf",
    "two-column leaflet: a title band across page 1, recommendations running on across the column "
    "and page breaks, a running header from page 2, an annex on a page of its own",
)
DRONES_TEXT = _drones(
    "drones-leaflet-two-columns-layout",
    "txt",
    "the two-column leaflet saved with pdftotext -layout: both columns side by side on each line",
    layout_text_of="drones-leaflet-two-columns.pdf",
)

DOCS = [DRONES_PDF, DRONES_TEXT]
