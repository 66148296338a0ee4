"""Register and tracker pages: records, each a title line ending with its ID in brackets,
its directive, then status lines and a dated log that are not items.

    An inspection of vetting, misconduct and misogyny in the police service (VMM-R12)
    By 30 April 2023, chief constables should make sure that ...
    Status: In progress
    12/12/2024 – Review process drafted ...

Each record's item is its directive, its ref the ID; the record belongs to the report its
title names (records with the same title are one publication).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.core.model import Kind
from automation.importing import candidates as conf
from automation.importing.candidates import Candidate, quote
from automation.importing.document import Block, BlockKind
from automation.importing.grammar import directive, is_quoted_or_log

_TITLE = re.compile(r"^(?P<title>.{8,}?)\s*[(\[](?P<id>[A-Z][A-Za-z0-9]*(?:[-/._][A-Za-z0-9]+)+)[)\]]\s*$")
_FIELD = re.compile(
    r"^(?:status|owner|lead|rag|date|issued|due|target|updated?|progress|evidence|comments?)\b[^:]{0,30}:",
    re.I,
)
_KINDS = (
    (re.compile(r"afi|area", re.I), Kind.AREA_FOR_IMPROVEMENT),
    (re.compile(r"coc|cfc|cause", re.I), Kind.CAUSE_OF_CONCERN),
    (re.compile(r"(?:^|[-/._])a(?:ct(?:ion)?)?\d", re.I), Kind.ACTION),
)


@dataclass(frozen=True)
class Record:
    title: str
    ref: str
    blocks: tuple[Block, ...]


def record_title(block: Block) -> tuple[str, str] | None:
    """(title, ID) of a record's title line, or None."""
    if block.kind is BlockKind.TABLE or block.is_list:
        return None
    match = _TITLE.match(block.flat)
    if match is None or not re.search(r"\d", match.group("id")):
        return None
    return match.group("title").strip(" –-:"), match.group("id")


def split_records(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Record]] | None:
    """(front matter, records) when the document is two or more records, else None."""
    starts = [index for index, block in enumerate(blocks) if record_title(block) is not None]
    if len(starts) < 2:
        return None
    records = []
    for start, end in zip(starts, [*starts[1:], len(blocks)], strict=True):
        found = record_title(blocks[start])
        assert found is not None
        records.append(Record(found[0], found[1], blocks[start + 1 : end]))
    return blocks[: starts[0]], records


def record_item(record: Record) -> Candidate | None:
    """The record's directive as its item."""
    for block in record.blocks:
        text = block.flat
        if _FIELD.match(text) or is_quoted_or_log(text):
            continue
        if directive(text, allow_will=True) is not None:
            reason = f"the directive of the record {quote(record.ref, 30)} under its title line"
            return Candidate(record.ref, _kind(record.ref), text, conf.RECORD, reason)
    return None


def _kind(ref: str) -> Kind:
    for pattern, kind in _KINDS:
        if pattern.search(ref):
            return kind
    return Kind.RECOMMENDATION
