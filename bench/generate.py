"""Realistic registers of any size, for benchmarks.

``make_register(path, rows, owners=300, seed=0)`` writes, through the same
``write_register`` that ``tracker init`` uses, a register as a large force might hold it on
1 October 2021 (``AS_OF``): many publications of 10-40 items each, a few hundred owners with
uneven workloads, every status in plausible proportions (older reports mostly closed),
dates spread around the as-of date, blank optional cells, a few deadlines only in words
("By March 2022", "Immediately") and item texts of 100-400 characters.

The same rows, owners and seed always give the same bytes. ``cached_register`` keeps files
in ``bench/out/`` (git-ignored), keyed by rows, owners, seed and ``GENERATOR_VERSION``, so
re-runs do not regenerate.

Command line::

    python bench/generate.py ROWS OUT.xlsx [--owners N] [--seed S] [--fresh]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from automation.core.deadlines import add_months
from automation.core.model import Item, Kind, Owner, Publication, Status
from automation.register.template import write_register

AS_OF = date(2021, 10, 1)
DEFAULT_OWNERS = 300
DEFAULT_SEED = 0
GENERATOR_VERSION = 3  # bump whenever the output changes, so cached files are rebuilt
OUT_DIR = Path(__file__).resolve().parent / "out"
DOMAIN = "example.police.uk"
CREATED = datetime.combine(AS_OF, clock_time(9, 0))

_FIRST = (
    "Aisha",
    "Alex",
    "Amir",
    "Amy",
    "Andrew",
    "Angela",
    "Ben",
    "Bethan",
    "Carl",
    "Catherine",
    "Chloe",
    "Chris",
    "Claire",
    "Craig",
    "Dana",
    "Daniel",
    "David",
    "Deborah",
    "Dylan",
    "Eleanor",
    "Emma",
    "Fatima",
    "Fiona",
    "Gareth",
    "Gemma",
    "Graham",
    "Hannah",
    "Harjit",
    "Helen",
    "Ian",
    "Imran",
    "Jack",
    "James",
    "Jane",
    "Jasmine",
    "Joanne",
    "Jonathan",
    "Karen",
    "Kate",
    "Kieran",
    "Laura",
    "Lee",
    "Liam",
    "Louise",
    "Mark",
    "Martin",
    "Megan",
    "Michelle",
    "Mohammed",
    "Natalie",
    "Neil",
    "Nicola",
    "Owen",
    "Paul",
    "Priya",
    "Rachel",
    "Rhys",
    "Richard",
    "Rob",
    "Ruth",
    "Sam",
    "Sarah",
    "Simon",
    "Sophie",
    "Stephen",
    "Tom",
    "Tracey",
    "Usman",
    "Victoria",
    "Wendy",
    "Zoe",
)
_LAST = (
    "Adams",
    "Ahmed",
    "Ali",
    "Bailey",
    "Baker",
    "Begum",
    "Bennett",
    "Booth",
    "Brennan",
    "Brown",
    "Campbell",
    "Carter",
    "Chapman",
    "Clarke",
    "Collins",
    "Cooper",
    "Davies",
    "Edwards",
    "Ellison",
    "Evans",
    "Fisher",
    "Fletcher",
    "Green",
    "Griffiths",
    "Hall",
    "Harris",
    "Hill",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Jenkins",
    "Johnson",
    "Jones",
    "Kaur",
    "Khan",
    "King",
    "Lewis",
    "Lloyd",
    "Marshall",
    "Martin",
    "Mason",
    "Mitchell",
    "Moore",
    "Morgan",
    "Morris",
    "Murphy",
    "Okafor",
    "Owen",
    "Parker",
    "Patel",
    "Phillips",
    "Powell",
    "Price",
    "Rahman",
    "Roberts",
    "Robinson",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "Whitfield",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
)
_ROLES = (
    "Head of Public Protection",
    "Head of Crime",
    "Head of Intelligence",
    "Economic Crime Lead",
    "Head of Criminal Justice",
    "Head of Local Policing",
    "Head of Contact Management",
    "Head of Professional Standards",
    "Head of Digital Forensics",
    "Head of Learning and Development",
    "Head of Information Management",
    "Custody Manager",
    "Detective Chief Inspector",
    "Chief Inspector, Neighbourhoods",
    "Superintendent, Response",
    "Vulnerability Coordinator",
    "Force Crime Registrar",
    "Performance Analyst",
    "Policy Officer",
    "Safeguarding Hub Manager",
)
_EXECUTIVES = (
    ("Mark Ellison", "ACC Crime"),
    ("Claire Booth", "ACC Local Policing"),
    ("Priya Shah", "Deputy Chief Constable"),
    ("Richard Owen", "ACC Operations"),
    ("Helen Carter", "Director of Finance"),
    ("James Okafor", "Director of People"),
    ("Ruth Morgan", "Chief Superintendent, Public Protection"),
    ("Imran Hussain", "Director of Digital"),
)
_TOPICS = (
    "the police response to domestic abuse",
    "child protection",
    "vulnerability",
    "the police response to rape",
    "custody services",
    "crime data integrity",
    "digital forensics",
    "the police response to fraud",
    "serious and organised crime",
    "stop and search",
    "neighbourhood policing",
    "police legitimacy",
    "disclosure",
    "the use of police bail",
    "victims' services",
    "counter-terrorism policing",
    "the police response to stalking and harassment",
    "roads policing",
    "mental health",
    "the handling of complaints",
    "vetting and counter-corruption",
    "the contact centre",
    "missing children",
    "modern slavery and human trafficking",
    "hate crime",
    "integrated offender management",
    "the police response to violence against women and girls",
    "cyber-dependent crime",
    "the police response to burglary, robbery and theft",
    "management of registered sex offenders",
    "out-of-court disposals",
    "firearms licensing",
)
_TYPES = (  # publication type, title pattern, weight
    ("PEEL inspection", "PEEL {year}: An inspection of {force} – {topic}", 4),
    ("Thematic inspection", "An inspection of {topic} ({year})", 4),
    ("Joint inspection", "A joint thematic inspection of {topic} ({year})", 3),
    ("Review", "A review of {topic} in {force} ({year})", 2),
    ("Super-complaint", "Super-complaint: {topic} ({year})", 1),
    ("Annual assessment", "State of Policing {year}: {topic}", 1),
)
_FORCES = ("Northshire Police", "the force", "Northshire Constabulary", "the Northshire force")
_KINDS = (  # kind, ref prefix, weight
    (Kind.RECOMMENDATION, "Recommendation", 40),
    (Kind.AREA_FOR_IMPROVEMENT, "AFI", 32),
    (Kind.CAUSE_OF_CONCERN, "Cause of concern", 8),
    (Kind.ACTION, "Action", 20),
)
_ACTORS = (
    "chief constables",
    "the force",
    "forces",
    "the College of Policing",
    "the National Police Chiefs' Council lead",
    "police and crime commissioners",
    "the Home Office",
)
_VERBS = (
    "review",
    "make sure that",
    "establish",
    "improve",
    "put in place",
    "evaluate",
    "develop and publish",
    "strengthen",
    "audit",
    "introduce",
)
_OBJECTS = (
    "its arrangements for supervising investigations",
    "the quality of risk assessments",
    "how it records and shares information with partner agencies",
    "the training given to call handlers and supervisors",
    "its governance of the action plan",
    "the way it identifies repeat victims",
    "how it allocates crimes to officers with the right skills",
    "the timeliness of its digital device examinations",
    "its use of ancillary orders",
    "the recording of protected characteristics",
    "the standard of case files sent to the CPS",
    "its approach to safeguarding vulnerable people in custody",
)
_OUTCOMES = (
    "victims receive a consistent service",
    "risk is identified and managed at the earliest opportunity",
    "officers understand and apply the guidance",
    "performance is monitored and improvements are sustained",
    "the public can have confidence in the service",
    "decisions are recorded and can be scrutinised",
    "children are protected from harm",
    "investigations are effective and timely",
)
_TAILS = (
    "This should include a review of current demand and capacity.",
    "Progress should be reported to the force's business assurance meeting.",
    "The force should consult its partners and the office of the police and crime commissioner.",
    "It should take account of the relevant authorised professional practice.",
    "Any changes should be evaluated to understand their effect on outcomes for victims.",
)
_PROGRESS = (
    "Working group set up; terms of reference agreed at the last assurance meeting.",
    "Gap analysis complete; action plan drafted and awaiting approval.",
    "Policy revised and out for consultation with the Police Federation and staff networks.",
    "Training package commissioned from the learning and development team.",
    "Data collection changes specified; awaiting the records management system release.",
    "Dip sample of 40 cases completed; findings to the next performance board.",
    "Delayed by operational demand; revised plan to be presented to the lead.",
)
_EVIDENCE = (
    "Revised policy published on the intranet; briefing to all supervisors.",
    "Audit of 50 cases attached to the assurance meeting papers.",
    "Training completion report (92% of staff) and course materials.",
    "Minutes of the strategic board approving the new process.",
)
_TEXT_DEADLINES = (  # words only, no date in the Deadline column
    "By March 2022",
    "Immediately",
    "With immediate effect",
    "Within six months",
    "Within 12 months of publication",
    "By the end of 2022",
    "By September 2021",
    "As soon as possible",
    "By 31 December 2021",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NOTES = (
    "Extension to the target date agreed by the DCC at the assurance meeting.",
    "Linked to the force's vulnerability improvement plan.",
    "National work led by the NPCC; the force will adopt the outcome.",
    "Owner changed after restructure.",
)


@dataclass(frozen=True)
class Generated:
    items: list[Item]
    owners: list[Owner]
    publications: list[Publication]


def _email(name: str, taken: set[str]) -> str:
    base = name.lower().replace(" ", ".").replace("'", "")
    address, n = f"{base}@{DOMAIN}", 1
    while address in taken:
        n += 1
        address = f"{base}{n}@{DOMAIN}"
    taken.add(address)
    return address


def _owners(rng: random.Random, count: int) -> list[Owner]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in seen:  # a few hundred people: add a middle initial rather than repeat
            name = f"{name.split()[0]} {chr(65 + rng.randrange(26))}. {name.split()[1]}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    taken: set[str] = set()
    emails = [_email(name, taken) for name in names]
    managers = emails[: max(1, count // 12)]  # the first few are everyone else's managers
    owners = []
    for i, (name, address) in enumerate(zip(names, emails, strict=True)):
        manager = "" if rng.random() < 0.03 else rng.choice(managers)
        if manager == address:
            manager = emails[(i + 1) % count] if count > 1 else ""
        role = "" if rng.random() < 0.05 else rng.choice(_ROLES)
        owners.append(Owner(name, address, role, manager))
    return owners


def _publication(rng: random.Random, taken: set[str]) -> Publication:
    kind, pattern, _ = rng.choices(_TYPES, weights=[w for *_, w in _TYPES])[0]
    published = AS_OF - timedelta(days=int(rng.triangular(5, 2600, 400)))
    title = pattern.format(year=published.year, force=rng.choice(_FORCES), topic=rng.choice(_TOPICS))
    title = title[0].upper() + title[1:]
    base, n = title, 1
    while title.casefold() in taken:
        n += 1
        title = f"{base} – part {n}"
    taken.add(title.casefold())
    link = (
        ""
        if rng.random() < 0.3
        else ("https://www.justiceinspectorates.gov.uk/hmicfrs/publications/report-" + str(len(taken)))
    )
    tracked = None if rng.random() < 0.1 else rng.random() < 0.8
    return Publication(title, published, kind, link, tracked)


def _text(rng: random.Random, kind: Kind) -> str:
    actor = rng.choice(_ACTORS)
    when = f"By {rng.choice(_MONTHS)} {rng.randint(2015, 2023)}, " if rng.random() < 0.4 else ""
    if kind is Kind.CAUSE_OF_CONCERN:
        text = (
            f"The force's approach to {rng.choice(_TOPICS)} is a cause of concern: it does not "
            f"adequately {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}."
        )
    elif kind is Kind.AREA_FOR_IMPROVEMENT:
        text = f"The force should {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}."
    else:
        text = (
            f"{when}{actor} should {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} so that "
            f"{rng.choice(_OUTCOMES)}."
        )
    target = rng.randint(100, 400)
    tails = list(_TAILS)
    rng.shuffle(tails)
    while len(text) < target and tails:
        text += " " + tails.pop()
    while len(text) < 100:  # pragma: no cover - the tails alone are long enough
        text += " " + rng.choice(_TAILS)
    if len(text) > 400:
        text = text[:399].rsplit(" ", 1)[0] + "."
    return text[0].upper() + text[1:]


def _status(rng: random.Random, age_days: int, applies: bool) -> Status:
    if not applies:
        return Status.FOR_INFORMATION
    closed = min(0.85, 0.15 + age_days / 2200)  # older reports are mostly closed
    rest = 1 - closed
    weights = (
        (Status.CLOSED, closed),
        (Status.IN_PROGRESS, rest * 0.55),
        (Status.NOT_STARTED, rest * 0.17),
        (Status.AWAITING_SIGN_OFF, rest * 0.18),
        (Status.SUPERSEDED, rest * 0.10),
    )
    return rng.choices([s for s, _ in weights], weights=[w for _, w in weights])[0]


def _between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _deadline(rng: random.Random, published: date) -> tuple[date | None, str]:
    """The inspectorate's deadline: a date (often also as written), words only, or none."""
    roll = rng.random()
    if roll < 0.40:
        due = add_months(published, rng.choice((3, 6, 6, 9, 12, 12, 18, 24)))
        due = date(due.year, due.month, 1) - timedelta(days=1) if rng.random() < 0.5 else due
        return due, ("" if rng.random() < 0.5 else f"By {due.day} {_MONTHS[due.month - 1]} {due.year}")
    if roll < 0.49:
        return None, rng.choice(_TEXT_DEADLINES)
    return None, ""


def _item(
    rng: random.Random,
    pub: Publication,
    ref: str,
    kind: Kind,
    parent: str,
    concern: bool,
    owners: list[Owner],
    weights: list[float],
    leads: list[str],
) -> Item:
    published = pub.published or AS_OF
    age = (AS_OF - published).days
    applies = rng.random() > 0.14
    status = _status(rng, age, applies)
    deadline_date, deadline_text = _deadline(rng, published)
    addressees = rng.choice(
        (
            "Chief constables",
            "All forces",
            "Northshire Police",
            "",
            "Chief constables; police and crime commissioners",
            "The force",
        )
    )
    common = dict(
        publication=pub.title,
        ref=ref,
        row=0,
        kind=kind,
        parent_ref=parent,
        cause_for_concern=concern,
        text=_text(rng, kind),
        addressees=addressees,
        applies_to_force=applies,
        deadline_text=deadline_text,
        deadline_date=deadline_date,
    )
    if status is Status.FOR_INFORMATION:
        return Item(
            **common,
            status=status,
            owner=owners[0].name,
            progress="National item: noted; watching for guidance that follows.",
            last_update=_between(rng, published, min(AS_OF, published + timedelta(days=30))),
        )
    owner = rng.choice(leads) if rng.random() < 0.8 else rng.choices(owners, weights)[0].name
    owner = "" if rng.random() < 0.015 else owner
    executive = "" if rng.random() < 0.08 else "{} ({})".format(*rng.choice(_EXECUTIVES))
    target = None
    if rng.random() < 0.7:
        target = add_months(published, rng.choice((3, 6, 9, 12, 12, 18, 24, 30)))
        if deadline_date is not None and target > deadline_date:
            target = deadline_date  # the force agrees a date no later than the deadline ...
        if rng.random() < 0.1:  # ... unless an extension was agreed
            target = add_months(target, rng.choice((3, 6)))
    notes = rng.choice(_NOTES) if rng.random() < 0.12 else ""
    recent = AS_OF - timedelta(days=int(rng.expovariate(1 / 25)))  # some go stale (> 28 days)
    last = max(recent, published + timedelta(days=3))
    last = min(last, AS_OF)
    extra: dict[str, object] = {}
    if status is Status.CLOSED:
        closed = _between(rng, published + timedelta(days=30), AS_OF)
        extra = dict(
            last_update=closed,
            date_closed=closed,
            evidence=rng.choice(_EVIDENCE),
            progress="Completed and reviewed at the business assurance meeting.",
            signed_off_by="" if rng.random() < 0.05 else "{} ({})".format(*rng.choice(_EXECUTIVES)),
            signed_off_on=closed,
        )
    elif status is Status.AWAITING_SIGN_OFF:
        extra = dict(
            last_update=last,
            evidence=rng.choice(_EVIDENCE),
            progress="Actions complete; evidence submitted for sign-off.",
        )
    elif status is Status.IN_PROGRESS:
        extra = dict(
            last_update=last if rng.random() < 0.95 else None,
            progress=f"{rng.choice(_PROGRESS)} ({owner.split(' ')[0] or 'unassigned'})",
        )
    elif status is Status.NOT_STARTED:
        extra = dict(last_update=None if rng.random() < 0.8 else last, progress="")
    else:  # superseded
        extra = dict(last_update=last, progress="")
        notes = f"Superseded by a later recommendation ({rng.randint(2019, 2021)})."
    return Item(
        **common,
        owner=owner,
        executive_lead=executive,
        target_date=target,
        notes=notes,
        status=status,
        **extra,
    )


def _publication_items(
    rng: random.Random, pub: Publication, count: int, owners: list[Owner], weights: list[float]
) -> list[Item]:
    leads = [o.name for o in rng.choices(owners, weights, k=rng.randint(1, 4))]
    numbers: Counter[str] = Counter()
    items: list[Item] = []
    parents: list[tuple[str, bool]] = []  # recommendations and causes of concern: (ref, concern)
    for _ in range(count):
        kind, prefix, _ = rng.choices(_KINDS, weights=[w for *_, w in _KINDS])[0]
        numbers[prefix] += 1
        ref = f"{prefix} {numbers[prefix]}"
        parent, concern = "", kind is Kind.CAUSE_OF_CONCERN
        if kind is Kind.ACTION and parents:
            parent, concern = rng.choice(parents)
        elif kind is Kind.RECOMMENDATION and rng.random() < 0.15:
            causes = [p for p in parents if p[1]]
            if causes:
                parent, concern = causes[-1]
        if kind in (Kind.RECOMMENDATION, Kind.CAUSE_OF_CONCERN):
            parents.append((ref, concern))
        items.append(_item(rng, pub, ref, kind, parent, concern, owners, weights, leads))
    return items


def generate(rows: int, owners: int = DEFAULT_OWNERS, seed: int = DEFAULT_SEED) -> Generated:
    """The register's contents, in memory: exactly ``rows`` items."""
    if rows < 0 or owners < 1:
        raise ValueError("rows must be >= 0 and owners >= 1")
    rng = random.Random(f"tracker-bench/{seed}")
    people = _owners(rng, owners)
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(people))]  # uneven workloads
    weights[0] = 0.0  # the governance officer holds the 'for information' items only
    taken: set[str] = set()
    publications: list[Publication] = []
    items: list[Item] = []
    while len(items) < rows:
        pub = _publication(rng, taken)
        publications.append(pub)
        count = min(rng.randint(10, 40), rows - len(items))
        items.extend(_publication_items(rng, pub, count, people, weights))
    publications.sort(key=lambda p: (p.published or AS_OF, p.title))
    return Generated(items, people, publications)


def make_register(
    path: Path | str, rows: int, owners: int = DEFAULT_OWNERS, seed: int = DEFAULT_SEED
) -> Path:
    """Write a generated register of ``rows`` items to ``path`` (same input, same bytes)."""
    path = Path(path)
    made = generate(rows, owners, seed)
    write_register(
        path, items=made.items, owners=made.owners, publications=made.publications, created=CREATED
    )
    return path


def cache_path(rows: int, owners: int = DEFAULT_OWNERS, seed: int = DEFAULT_SEED) -> Path:
    return OUT_DIR / f"register-{rows}r-{owners}o-s{seed}-v{GENERATOR_VERSION}.xlsx"


def cached_register(
    rows: int,
    owners: int = DEFAULT_OWNERS,
    seed: int = DEFAULT_SEED,
    *,
    fresh: bool = False,
    quiet: bool = False,
) -> Path:
    """The generated register in ``bench/out/``, built only when missing (or ``fresh``)."""
    path = cache_path(rows, owners, seed)
    if fresh or not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        make_register(path, rows, owners, seed)
        if not quiet:
            print(f"generated {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a realistic register of ROWS items to OUT.")
    parser.add_argument("rows", type=int, metavar="ROWS")
    parser.add_argument("out", type=Path, metavar="OUT.xlsx")
    parser.add_argument(
        "--owners",
        type=int,
        default=DEFAULT_OWNERS,
        help=f"owners on the Owners sheet (default {DEFAULT_OWNERS})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 0)")
    parser.add_argument("--fresh", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    if args.rows < 0 or args.owners < 1:
        parser.error("ROWS must be >= 0 and --owners >= 1")
    cached = cached_register(args.rows, args.owners, args.seed, fresh=args.fresh)
    if args.out.resolve() != cached.resolve():
        shutil.copyfile(cached, args.out)
    print(f"{args.out}: {args.rows} rows, {args.owners} owners, seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
