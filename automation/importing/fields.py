"""An item's fields read from its words once it is found: its deadline (a table's column
wins; a bullet takes its lead-in's), who must act ('the force' is the body the document is
about, 'the agency' the agency), whether that binds the force, and a publication whose
items are all addressed to one body ('All of the recommendations are addressed to ...')."""

from __future__ import annotations

import re
from datetime import date

from automation.core.model import Kind
from automation.importing.addressees import applies_to_force, clause_addressees, find_addressees, single_body
from automation.importing.bodies import display_name
from automation.importing.candidates import Candidate
from automation.importing.phrases import deadline_value, find_deadline, resolve
from automation.importing.result import ExtractedItem
from automation.importing.subject import resolves

_ADDRESSED = re.compile(
    r"\b(?:all|each|every|both)\b[^.]*?\baddressed\s+(?:solely\s+|only\s+)?to\s+(?P<who>[^.:;]+)",
    re.I,
)
_RELATIVE = re.compile(r"\bwithin\b", re.I)
_RECOMMEND_THAT = re.compile(r"\brecommends?\s+that\s*:\s*$", re.I)


def finish_item(
    candidate: Candidate,
    published: date | None,
    reference: date | None,
    override: str | None,
    body: str | None = None,
    anchor: date | None = None,
    agency: str | None = None,
) -> ExtractedItem:
    """The item with its deadline and addressees read from its words (a table's columns
    win). A bullet that names nobody ('improve how it ...') takes both from its lead-in
    ('By 30 September 2021, the service should:'); a cause of concern that names nobody is
    about the body the document is about; 'the force' is that body, 'the agency' the
    agency it is about."""
    addressees = _addressees(candidate, override, body)
    if agency is not None:
        addressees = list(
            dict.fromkeys(display_name(agency) if name == "The agency" else name for name in addressees)
        )
    if candidate.deadline_given:
        phrase = candidate.deadline_text
    else:
        phrase = find_deadline(candidate.text) or find_deadline(candidate.lead_in or "")
    relative = bool(phrase and _RELATIVE.search(phrase))
    deadline = resolve(phrase, (anchor or published) if relative else published, reference)
    binds = applies_to_force(addressees) or (body is not None and body in addressees)
    return ExtractedItem(
        ref=candidate.ref,
        kind=candidate.kind,
        text=candidate.text,
        parent_ref=candidate.parent_ref,
        cause_for_concern=candidate.cause_for_concern,
        para=candidate.para,
        deadline_text=phrase,
        deadline=deadline_value(deadline),
        addressees=tuple(addressees),
        applies_to_force=binds,
        ref_made_up=candidate.ref_made_up,
        confidence=candidate.confidence,
        reason=candidate.reason,
    )


def _addressees(candidate: Candidate, override: str | None, body: str | None) -> list[str]:
    if candidate.addressees is not None:
        found = list(candidate.addressees)  # a table's column said
    else:
        going_on = bool(_RECOMMEND_THAT.search(candidate.lead_in or ""))  # its clauses name who acts
        found = (
            (clause_addressees(candidate.text) if going_on else [])
            or find_addressees(candidate.text)
            or find_addressees(candidate.lead_in or "")
        )
    if override is not None:
        found = [override]
    if not found and candidate.kind is Kind.CAUSE_OF_CONCERN and body:
        found = [body]
    resolved = (body if body and resolves(name, body) else name for name in found)
    return list(dict.fromkeys(name for name in resolved if name != "The organisation"))  # names nobody known


def addressed_to(texts: list[str], found: list[Candidate]) -> str | None:
    """'All of the recommendations are addressed to the Ministry of Justice': one body only."""
    item_texts = {item.text for item in found}
    for text in texts:
        if any(text.endswith(item) for item in item_texts):
            continue
        for match in _ADDRESSED.finditer(text):
            if body := single_body(match.group("who")):
                return body
    return None
