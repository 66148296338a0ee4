"""What a document is about and when its items were issued.

- The body a letter or report is written to or about: named in its To: block or its title
  ('Westshire Police', 'Eastmoor Fire and Rescue Service', 'Riverside Community
  Healthcare NHS Trust'). 'The force', 'the service', 'the trust', 'the authority' and
  'the organisation' in its items mean it.
- The agency a report is about ('An inspection of the National Crime Agency's ...'):
  'the agency' in its items means it. It is not a force the register's items bind.
- The date the text says the items were issued ('We issued these recommendations to the
  force on 11 March 2024', 'Issued: 22 July 2024'): relative deadlines count from it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from automation.core.deadlines import parse_date_text
from automation.importing.phrases import MONTH

_NAME_WORD = r"[A-Z][\w'\u2019&-]*"
_ORGANISATION = re.compile(
    rf"(?P<name>(?:{_NAME_WORD}\s+(?:(?:of|and|&)\s+(?:the\s+)?)?){{1,6}}?"
    r"(?P<head>Police(?:\s+Service)?|Constabulary|Fire\s+(?:and|&)\s+Rescue\s+(?:Service|Authority)"
    r"|(?:NHS\s+(?:Foundation\s+)?)?Trust))\b(?!\s+and\s+Crime)(?!\s+(?:Panel|Commissioner|Federation))"
)
_NOT_A_NAME = re.compile(
    r"^(?:(?:his|her|majesty's|majesty\u2019s|hm|chief|inspectorate|inspector|constable|officer|dear|to|the"
    r"|of|and|for|in|at|on|by|from|with|report|response|peel|inspection|an|a|cause|concern|revisit|letter"
    r"|subject|unannounced|joint|custody)\s+)+",
    re.I,
)
_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH})\.?,?\s+\d{{4}}"
_ISSUED = (
    re.compile(rf"^(?:date\s+)?issued(?:\s+on)?\s*:?\s*(?P<when>{_DATE})", re.I),
    re.compile(rf"\b(?:issued|gave|made)\b[^.]{{0,80}}?\bon\s+(?P<when>{_DATE})", re.I),
)


def subject_body(texts: Iterable[str]) -> str | None:
    """The first police force, fire and rescue service or trust the texts name."""
    return next((name for text in texts for name in _bodies_named(text)), None)


def most_named_body(texts: Iterable[str]) -> str | None:
    """The force, service or trust the texts name more often than any other: what a
    report whose opening names none ('... custody suites in Dunmere') is about."""
    found = Counter(name for text in texts for name in _bodies_named(text)).most_common(2)
    return found[0][0] if found and (len(found) == 1 or found[0][1] > found[1][1]) else None


def _bodies_named(text: str) -> Iterator[str]:
    """Each body the text names, in order; never an inspectorate ('HM Inspectorate of
    Constabulary and Fire & Rescue Services' is who wrote the report)."""
    flat = " ".join(text.split())
    if flat.isupper():
        flat = flat.title()  # 'CUSTODY INSPECTION – NORTHGATE POLICE'
    for match in _ORGANISATION.finditer(flat):
        if re.search(r"\binspector(?:ate)?\b", match.group("name"), re.I):
            continue
        name = _NOT_A_NAME.sub("", match.group("name")).strip()
        if name and name != match.group("head") and not name.startswith(match.group("head")):
            yield name


_AGENCY = re.compile(rf"(?P<name>(?:{_NAME_WORD}\s+){{1,5}}Agency)\b")


def subject_agency(texts: Iterable[str]) -> str | None:
    """The first agency the texts name ('National Crime Agency')."""
    for text in texts:
        if match := _AGENCY.search(" ".join(text.split())):
            return _NOT_A_NAME.sub("", match.group("name")).strip()
    return None


def resolves(anaphor: str, body: str | None) -> bool:
    """Whether 'the force' (or 'the service', 'the trust', 'the authority', 'the
    organisation') can mean ``body``: a force is a police force or constabulary, the
    organisation is whatever the document is about, any other bare head noun is the body
    whose name ends in it ('Brackenshire Fire and Rescue Authority' for 'the authority')."""
    words = anaphor.split()
    if body is None or not words or len(words) > 2 or (len(words) == 2 and words[0] != "The"):
        return False
    head = words[-1].casefold()
    if head == "force":
        return bool(re.search(r"\b(?:Police|Constabulary)\b", body))
    if head in ("organisation", "organization"):
        return True
    return body.split()[-1].casefold() == head


def is_force_name(name: str) -> bool:
    """'Westshire Police', 'Eastbrook Constabulary', 'Eastmoor Fire and Rescue Service'."""
    match = _ORGANISATION.fullmatch(name)
    return match is not None and not match.group("head").endswith("Trust")


def issue_date(texts: Iterable[str]) -> date | None:
    for text in texts:
        flat = " ".join(text.split())
        for pattern in _ISSUED:
            if match := pattern.search(flat):
                parsed = parse_date_text(match.group("when"))
                if parsed:
                    return parsed[0]
    return None
