"""An Extraction as the JSON shape of ``tests/importing/data/*.expected.json``."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from automation.core.model import DeadlineKind
from automation.importing.result import ExtractedItem, ExtractedPublication, Extraction


def to_json_dict(extraction: Extraction) -> dict[str, Any]:
    paper = extraction.paper
    return {
        "paper": {
            "title": paper.title,
            "to": paper.to,
            "from": paper.sender,
            "dated": paper.dated,
            "period_start": _iso(paper.period_start),
            "period_end": _iso(paper.period_end),
        },
        "publications": [_publication(publication) for publication in extraction.publications],
        "notes": list(extraction.notes),
        "warnings": list(extraction.warnings),
    }


def to_json(extraction: Extraction) -> str:
    return json.dumps(to_json_dict(extraction), ensure_ascii=False, indent=2) + "\n"


def _publication(publication: ExtractedPublication) -> dict[str, Any]:
    return {
        "seq": publication.seq,
        "title": publication.title,
        "published": _iso(publication.published),
        "kind": publication.kind,
        "tracked_via_business_assurance": publication.tracked_via_business_assurance,
        "items": [_item(item) for item in publication.items],
        "held_back": [_item(item) for item in publication.held],
    }


def _item(item: ExtractedItem) -> dict[str, Any]:
    return {
        "ref": item.ref,
        "parent_ref": item.parent_ref,
        "kind": item.kind.label.casefold(),
        "cause_for_concern": item.cause_for_concern,
        "para": item.para,
        "text": item.text,
        "deadline_text": item.deadline_text,
        "deadline": item.deadline.value if item.deadline is DeadlineKind.IMMEDIATE else _iso(item.deadline),
        "addressees": list(item.addressees),
        "applies_to_force": item.applies_to_force,
        "ref_made_up": item.ref_made_up,
        "confidence": round(item.confidence, 2),
        "reason": item.reason,
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
