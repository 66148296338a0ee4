"""The demonstration register shipped as ``tracker.xlsx``, rebuilt by ``tracker demo``.

Its items are the 93 of the example Joint Audit Committee paper (July to September 2021);
owners, target dates, statuses and updates are invented, deterministically, for a demo
force as it stood on 1 October 2021. Every owner email is in the example.police.uk domain.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from automation.deadlines import add_months
from automation.model import Item, Kind, Owner, Publication, Status
from automation.register.template import write_register

AS_OF = date(2021, 10, 1)
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
_EXECUTIVES = {"Mark Ellison": "ACC Crime", "Claire Booth": "ACC Local Policing",
               "Priya Shah": "Deputy Chief Constable"}  # fmt: skip
_PUBLICATION_OWNERS = {3: ("Tom Brennan",), 5: ("Aisha Rahman",), 6: ("Gareth Lloyd",),
                       7: ("Helen Price", "Dana Whitfield"), 8: ("Dana Whitfield", "Owen Hughes")}
_TYPES = {"inspection": "Inspection", "joint inspection": "Joint inspection", "review": "Review",
          "super-complaint": "Super-complaint", "annual assessment": "Annual assessment"}
_PROGRESS = (
    "Working group set up; terms of reference agreed at the last assurance meeting.",
    "Gap analysis against the recommendation complete; action plan drafted for approval.",
    "Policy revised and out for consultation with the Police Federation and staff networks.",
    "Training package commissioned from the learning and development team.",
    "Data collection changes specified; awaiting the records management system release.",
)  # fmt: skip


def email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@" + DOMAIN


def load_example() -> dict[str, Any]:
    text = resources.files("automation").joinpath("data/example-paper-items.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def demo_owners() -> list[Owner]:
    return [Owner(name, email(name), role, email(manager)) for name, role, manager in _OWNERS]


def demo_publications(data: dict[str, Any]) -> list[Publication]:
    return [
        Publication(p["title"], date.fromisoformat(p["published"]), _TYPES.get(p["kind"], "Other"),
                    "", p["tracked_via_business_assurance"])
        for p in data["publications"]
    ]  # fmt: skip


def _progress(n: int, published: date, owner: str) -> dict[str, Any]:
    """A plausible state for the n-th force item: a deterministic mix of every status."""
    pattern = n % 9
    last = AS_OF - timedelta(days=(5, 12, 40, 19, 3, 60, 8, 26, 15)[pattern])
    last = max(last, published + timedelta(days=2))
    if pattern == 4:
        return {"status": Status.CLOSED, "last_update": last, "date_closed": last,
                "progress": "Completed and reviewed at the Business Assurance Meeting.",
                "evidence": "Revised policy published on the intranet; briefing to all supervisors.",
                "signed_off_by": "Priya Shah (DCC)"}  # fmt: skip
    if pattern == 7:
        return {"status": Status.AWAITING_SIGN_OFF, "last_update": last,
                "progress": "Actions complete; evidence submitted for sign-off.",
                "evidence": "Audit of 50 cases attached to the assurance meeting papers."}  # fmt: skip
    if pattern == 5:
        return {"status": Status.NOT_STARTED, "last_update": None, "progress": ""}
    return {"status": Status.IN_PROGRESS, "last_update": last,
            "progress": f"{_PROGRESS[n % len(_PROGRESS)]} ({owner.split()[0]})"}  # fmt: skip


def _target(deadline: Any, published: date, n: int) -> date | None:
    if deadline == "immediate":
        return published + timedelta(days=(30, 60, 90)[n % 3])
    if deadline is None:
        return add_months(published, (4, 6, 9)[n % 3])
    return None


def _item(p: dict[str, Any], raw: dict[str, Any], n: int, published: date) -> Item:
    deadline = raw["deadline"]
    common = dict(
        publication=p["title"], ref=raw["ref"], row=0, kind=Kind.parse(raw["kind"]),
        parent_ref=raw["parent_ref"] or "", cause_for_concern=raw["cause_for_concern"],
        text=raw["text"], addressees="; ".join(raw["addressees"]),
        applies_to_force=raw["applies_to_force"], deadline_text=raw["deadline_text"] or "",
        deadline_date=date.fromisoformat(deadline) if deadline not in (None, "immediate") else None,
    )  # fmt: skip
    if not raw["applies_to_force"]:
        return Item(**common, status=Status.FOR_INFORMATION, owner=GOVERNANCE,
                    progress="National item: noted; watching for guidance that follows.",
                    last_update=published + timedelta(days=7))  # fmt: skip
    owners = _PUBLICATION_OWNERS[p["seq"]]
    owner = owners[n % len(owners)]
    manager = next(m for name, _, m in _OWNERS if name == owner)
    return Item(**common, owner=owner, executive_lead=f"{manager} ({_EXECUTIVES[manager]})",
                target_date=_target(deadline, published, n),
                **_progress(n, published, owner))  # fmt: skip


def demo_items(data: dict[str, Any]) -> list[Item]:
    items = []
    for p in data["publications"]:
        published = date.fromisoformat(p["published"])
        for n, raw in enumerate(p["items"]):
            items.append(_item(p, raw, n + p["seq"], published))
    return items


def build_demo(path: Path) -> int:
    """Write the demo register to ``path``; returns the number of items."""
    data = load_example()
    items = demo_items(data)
    write_register(path, items=items, owners=demo_owners(), publications=demo_publications(data),
                   created=datetime.combine(AS_OF, time(9, 0)))
    return len(items)
