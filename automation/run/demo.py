"""The demonstration register shipped as ``tracker.xlsx``, rebuilt by ``tracker demo``.

Its items are the 93 of the example Joint Audit Committee paper (July to September 2021),
read from ``automation/data/jac-overview-hmicfrs-2021-q3.txt`` by the importer;
owners, target dates, statuses and updates are invented, deterministically, for a demo
force as it stood on 1 October 2021. Every owner email is in the example.police.uk domain.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from automation.core.deadlines import add_months
from automation.core.model import DeadlineKind, Item, Owner, Publication, Status
from automation.importing.result import ExtractedItem, ExtractedPublication, Extraction
from automation.register.create import make_room
from automation.register.template import write_register
from automation.run.clock import local_now

AS_OF = date(2021, 10, 1)
EXAMPLE_PAPER = "data/jac-overview-hmicfrs-2021-q3.txt"  # package data
DOMAIN = "example.police.uk"
GOVERNANCE = "Sam Okafor"
_OWNERS = (  # name, role, manager
    (GOVERNANCE, "Governance and Inspection Officer", "Priya Shah"),
    ("Dana Whitfield", "Head of Public Protection", "Mark Ellison"),
    ("Tom Brennan", "Head of Crime", "Mark Ellison"),
    ("Aisha Rahman", "Head of Intelligence", "Mark Ellison"),
    ("Gareth Lloyd", "Economic Crime Lead", "Mark Ellison"),
    ("Helen Price", "Head of Criminal Justice", "Claire Booth"),
    ("Owen Hughes", "Head of Local Policing", "Claire Booth"),
)
_EXECUTIVES = {
    "Mark Ellison": "ACC Crime",
    "Claire Booth": "ACC Local Policing",
    "Priya Shah": "Deputy Chief Constable",
}
_PUBLICATION_OWNERS = {
    3: ("Tom Brennan",),
    5: ("Aisha Rahman",),
    6: ("Gareth Lloyd",),
    7: ("Helen Price", "Dana Whitfield"),
    8: ("Dana Whitfield", "Owen Hughes"),
}
_TYPES = {
    "inspection": "Inspection",
    "joint inspection": "Joint inspection",
    "review": "Review",
    "super-complaint": "Super-complaint",
    "annual assessment": "Annual assessment",
}
_PROGRESS = (
    "Working group set up; terms of reference agreed at the last assurance meeting.",
    "Gap analysis against the recommendation complete; action plan drafted for approval.",
    "Policy revised and out for consultation with the Police Federation and staff networks.",
    "Training package commissioned from the learning and development team.",
    "Data collection changes specified; awaiting the records management system release.",
)


def email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@" + DOMAIN


def load_example() -> Extraction:
    """The example paper, read by the same importer ``tracker import`` uses."""
    from automation.importing import extract_file

    with resources.as_file(resources.files("automation").joinpath(EXAMPLE_PAPER)) as path:
        return extract_file(path)


def demo_owners() -> list[Owner]:
    return [Owner(name, email(name), role, email(manager)) for name, role, manager in _OWNERS]


_S55_PUBLISHED = {3: date(2021, 9, 8), 5: date(2021, 9, 20)}  # the PCC's responses so far


def demo_publications(example: Extraction) -> list[Publication]:
    """As the example paper lists them; a s.55 response is required for each report with
    items for the force, and the PCC has published some of them."""
    summaries = example_summaries()
    return [
        Publication(
            p.title,
            p.published,
            _TYPES.get(p.kind or "", "Other"),
            "",
            p.tracked_via_business_assurance,
            s55_required=any(item.applies_to_force for item in p.items),
            s55_published=_S55_PUBLISHED.get(p.seq),
            summary=summaries.get(p.title, ""),
        )
        for p in example.publications
    ]


_ITEM_START = re.compile(r"^(?:Recommendation|Area for improvement|Action|Cause)s?\b|^By\s", re.I)


def example_summaries() -> dict[str, str]:
    """Each publication's opening paragraphs in the example paper (after the 'published'
    sentence, up to its first item): the summary a governance officer would keep."""
    from automation.importing import read_document
    from automation.importing.layout import join_continuations
    from automation.importing.sections import split_sections

    with resources.as_file(resources.files("automation").joinpath(EXAMPLE_PAPER)) as path:
        split = split_sections(join_continuations(read_document(path).blocks))
    found = {}
    for section in split[1] if split else ():
        paragraphs = []
        for block in section.blocks[1:4]:
            if _ITEM_START.match(block.flat):
                break
            paragraphs.append(block.flat)
        text = " ".join(paragraphs)
        found[section.title] = text[:-1] + "." if text.endswith(":") else text
    return found


def _progress(n: int, published: date, owner: str) -> dict[str, Any]:
    """A plausible state for the n-th force item: a deterministic mix of every status."""
    pattern = n % 9
    last = AS_OF - timedelta(days=(5, 12, 40, 19, 3, 60, 8, 26, 15)[pattern])
    last = max(last, published + timedelta(days=2))
    if pattern == 4:
        return {
            "status": Status.CLOSED,
            "last_update": last,
            "date_closed": last,
            "progress": "Completed and reviewed at the Business Assurance Meeting.",
            "evidence": "Revised policy published on the intranet; briefing to all supervisors.",
            "signed_off_by": "Priya Shah (DCC)",
            "signed_off_on": last,
        }
    if pattern == 7:
        return {
            "status": Status.AWAITING_SIGN_OFF,
            "last_update": last,
            "progress": "Actions complete; evidence submitted for sign-off.",
            "evidence": "Audit of 50 cases attached to the assurance meeting papers.",
        }
    if pattern == 5:
        return {"status": Status.NOT_STARTED, "last_update": None, "progress": ""}
    return {
        "status": Status.IN_PROGRESS,
        "last_update": last,
        "progress": f"{_PROGRESS[n % len(_PROGRESS)]} ({owner.split()[0]})",
    }


def _target(deadline: Any, published: date, n: int) -> date | None:
    if deadline is DeadlineKind.IMMEDIATE:
        return published + timedelta(days=(30, 60, 90)[n % 3])
    if deadline is None:
        return add_months(published, (4, 6, 9)[n % 3])
    return None


def _item(p: ExtractedPublication, found: ExtractedItem, n: int, published: date) -> Item:
    deadline = found.deadline
    common: dict[str, Any] = dict(
        publication=p.title,
        ref=found.ref,
        row=0,
        kind=found.kind,
        parent_ref=found.parent_ref or "",
        cause_for_concern=found.cause_for_concern,
        text=found.text,
        addressees="; ".join(found.addressees),
        applies_to_force=found.applies_to_force,
        deadline_text=found.deadline_text or "",
        deadline_date=deadline if isinstance(deadline, date) else None,
    )
    if not found.applies_to_force:
        return Item(
            **common,
            status=Status.FOR_INFORMATION,
            owner=GOVERNANCE,
            progress="National item: noted; watching for guidance that follows.",
            last_update=published + timedelta(days=7),
        )
    owners = _PUBLICATION_OWNERS[p.seq]
    owner = owners[n % len(owners)]
    manager = next(m for name, _, m in _OWNERS if name == owner)
    return Item(
        **common,
        owner=owner,
        executive_lead=f"{manager} ({_EXECUTIVES[manager]})",
        target_date=_target(deadline, published, n),
        **_progress(n, published, owner),
    )


def demo_items(example: Extraction) -> list[Item]:
    items = []
    for p in example.publications:
        published = p.published or AS_OF
        for n, found in enumerate(p.items):
            items.append(_item(p, found, n + p.seq, published))
    return items


def build_demo(path: Path) -> int:
    """Write the demo register to ``path``; returns the number of items."""
    data = load_example()
    items = demo_items(data)
    write_register(
        path,
        items=items,
        owners=demo_owners(),
        publications=demo_publications(data),
        created=datetime.combine(AS_OF, time(9, 0)),
    )
    return len(items)


def create_demo(path: Path, *, replace: bool = False) -> tuple[int, Path | None]:
    """Build the demo register at ``path`` (``tracker demo``): the item count, and the backup
    of a file it replaced."""
    backup = make_room(path, replace, local_now())
    return build_demo(path), backup
