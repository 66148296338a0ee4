"""From a Document to an Extraction: the paper, its publications and their items.

Pure: no files, no clock. First the kind of document is recognised: a register or
tracker of records (``records``); a committee paper or page joining several publications
(``parts``); a response restating recommendations; a letter; a single report. Then each
publication's blocks are walked (``walker``, ``tables``) for candidates, each with a
confidence and a reason; those at or above the threshold are its items, the rest are held
back for review. Last, each item's deadline and addressees are read (``fields``, ``phrases``,
``addressees``), 'the force' resolved to the body the document is about (``subject``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from automation.core.text import ddmmyyyy
from automation.importing.candidates import THRESHOLD
from automation.importing.document import Block, BlockKind, Document
from automation.importing.fields import addressed_to, finish_item
from automation.importing.grouped import split_grouped_tables
from automation.importing.header import front_date, header_fields, read_dated, read_header
from automation.importing.labels import is_answer, is_answer_heading
from automation.importing.layout import join_continuations
from automation.importing.letters import address_block, greeting_subject, signature
from automation.importing.parts import (
    Part,
    document_title,
    is_letter,
    kind_of,
    part_published,
    published_line,
    split_parts,
)
from automation.importing.records import Record, record_item, split_records
from automation.importing.refs import settle
from automation.importing.result import ExtractedItem, ExtractedPublication, Extraction, PaperInfo
from automation.importing.sections import Section, is_tracked, quoted_title, statement
from automation.importing.subject import issue_date, most_named_body, subject_agency, subject_body
from automation.importing.walker import Walker

_RESPONSE_TITLE = re.compile(
    r"^(?:the\s+)?(?:\w+\s+){0,4}?response\s*:|(?:'s|\u2019s)\s+response\b|\bresponds?\s+to\b"
    r"|\bresponse\s+(?:(?:of|from|by)\s+[^\"\u201c]{3,120}?\s+)?to\s+(?:the\s+|our\s+|this\s+|an?\s+)?"
    r"(?:[\w'\u2019&-]+\s+){0,4}?"
    r"(?:report|recommendations?|inspection|review|letter|hmicfrs|hmic|inspectorate|committee|inquiry"
    r"|super-complaint|peel)\b",
    re.I,
)


@dataclass(frozen=True)
class Setting:
    """What every publication of one document shares."""

    paper: PaperInfo
    reference: date | None  # the date years left unwritten come from
    to: str  # the To: block
    front: tuple[str, ...]  # the document's opening texts, where its subject may be named
    letter: bool = False
    letter_date: date | None = None
    response: bool = False


def extract(document: Document) -> Extraction:
    blocks = split_grouped_tables(join_continuations(document.blocks))
    records = split_records(blocks)
    if records is not None:
        return _from_records(*records)
    split = split_parts(blocks)
    if split is not None:
        return _from_parts(*split)
    return _single(blocks)


def _from_parts(front: tuple[Block, ...], parts: list[Part]) -> Extraction:
    paper, reference = read_header(front)
    if paper.title is None and front:
        paper = replace(paper, title=document_title(front))
    if paper.dated is None:
        dated, reference = front_date(front)
        paper = replace(paper, dated=dated)
    setting = Setting(paper, reference, header_fields(front).get("to", ""), tuple(b.flat for b in front[:4]))
    publications: list[ExtractedPublication] = []
    warnings: list[str] = []
    for part in parts:
        found = _publication(part, len(publications) + 1, setting, part.numbered, warnings)
        if found is not None:
            publications.append(found)
    return _extraction(paper, publications, warnings)


def _single(blocks: tuple[Block, ...]) -> Extraction:
    """A report, letter or response on its own: one publication."""
    fields = header_fields(blocks[:14])
    letter = is_letter(blocks)
    if letter:
        fields = _letter_fields(blocks, fields)
    title = fields.get("subject") or fields.get("title") or document_title(blocks)
    dated, reference = read_dated(fields.get("date", "")) if "date" in fields else (None, None)
    published = next((found for block in blocks[:15] if (found := published_line(block.flat))), None)
    if published is not None and dated is None:
        dated, reference = published.isoformat(), published
    on_a_line, line_date = front_date(blocks) if dated is None else (None, None)
    reference = reference or line_date
    paper = PaperInfo(title, fields.get("to"), fields.get("from"), dated)
    response = _is_response(title, blocks)
    setting = Setting(
        paper,
        reference,
        fields.get("to", ""),
        tuple(b.flat for b in blocks[:4]),
        letter,
        reference if letter and (dated or on_a_line) else None,
        response,
    )
    said = any(published_line(block.flat) for block in blocks[:15])
    warnings: list[str] = []
    publication = _publication(Part(title, blocks), 1, setting, not (said or letter), warnings)
    if paper.dated is None and publication is not None and publication.published and not response:
        paper = replace(paper, dated=publication.published.isoformat())  # a report's date is its own
    elif paper.dated is None:
        paper = replace(paper, dated=on_a_line)
    return _extraction(paper, [publication] if publication else [], warnings)


def _letter_fields(blocks: tuple[Block, ...], fields: dict[str, str]) -> dict[str, str]:
    """A letter without memo fields: its address block, its signature, the bold line after
    its greeting (see ``letters``)."""
    found = dict(fields)
    if "to" not in fields and (to := address_block(blocks)):
        found["to"] = to
        if "from" not in fields and (sender := signature(blocks)):
            found["from"] = sender
    if not (fields.get("subject") or fields.get("title")) and (subject := greeting_subject(blocks)):
        found["subject"] = subject
    return found


def _from_records(front: tuple[Block, ...], records: list[Record]) -> Extraction:
    fields = header_fields(front)
    title = fields.get("subject") or fields.get("title") or document_title(front)
    dated, reference = read_dated(fields.get("date", "")) if "date" in fields else (None, None)
    paper = PaperInfo(title or None, fields.get("to"), fields.get("from"), dated)
    body = subject_body([fields.get("to", ""), title, *(block.flat for block in front[:4])])
    grouped: dict[str, list[ExtractedItem]] = {}
    for record in records:
        candidate = record_item(record)
        if candidate is None:
            continue
        texts = [block.flat for block in record.blocks]
        published = part_published(record.blocks, reference, None)
        anchor = issue_date(texts) or published or reference
        record_body = subject_body([record.title]) or body
        item = finish_item(candidate, published, reference, None, record_body, anchor)
        grouped.setdefault(record.title, []).append(item)
    publications = [
        ExtractedPublication(seq, title, None, kind_of(title, "", [], False, False), False, tuple(items))
        for seq, (title, items) in enumerate(grouped.items(), start=1)
    ]
    return _extraction(paper, publications)


def _is_response(title: str, blocks: tuple[Block, ...]) -> bool:
    """A response restates recommendations and answers them: its title says so, and it has
    answers ('Accepted.', 'Chief Constable's response', 'The Government accepts ...'), in
    its paragraphs or in a table's cells."""
    if not _RESPONSE_TITLE.search(title):
        return False  # 'the police response to missing adults' is what a report is about
    answers = sum(
        1
        for block in blocks
        for text in (block.rows[0] if block.rows else (block.flat,))  # a table's header cells too
        if is_answer(text) or ((block.rows or block.kind is BlockKind.HEADING) and is_answer_heading(text))
    )
    answers += sum(1 for block in blocks for row in block.rows[1:] for cell in row if is_answer(cell))
    return answers >= 2


def _publication(
    part: Part, seq: int, setting: Setting, require_statement: bool, warnings: list[str]
) -> ExtractedPublication | None:
    walker = Walker(response=setting.response)
    found = settle(walker.walk(part.blocks))
    said = statement(Section(None, part.blocks), part.title) if part.numbered else _said(part.blocks)
    if require_statement and not said and not any(item.included for item in found):
        return None
    title = part.title or quoted_title(said)
    warnings.extend(f"{title}: {warning}" for warning in walker.warnings)
    published = part_published(part.blocks, setting.reference, setting.letter_date)
    texts = [block.flat for block in part.blocks]
    body = subject_body([setting.to, title, setting.paper.title or "", *setting.front]) or most_named_body(
        texts
    )
    anchor = issue_date([*texts, *setting.front]) or published or setting.reference
    override = addressed_to(texts, found)
    agency = subject_agency([title, setting.paper.title or "", *setting.front])
    made = [
        replace(
            finish_item(item, published, setting.reference, override, body, anchor, agency), position=position
        )
        for position, item in enumerate(found)
    ]
    kind = kind_of(title, said, texts[:4], setting.letter, setting.response)
    return ExtractedPublication(
        seq,
        title,
        published,
        kind,
        is_tracked(texts),
        tuple(item for item in made if item.confidence >= THRESHOLD),
        tuple(item for item in made if item.confidence < THRESHOLD),
    )


def _said(blocks: tuple[Block, ...]) -> str:
    return next((block.flat for block in blocks[:4] if re.search(r"\bpublished\b", block.flat, re.I)), "")


def _extraction(
    paper: PaperInfo, publications: list[ExtractedPublication], warnings: list[str] | None = None
) -> Extraction:
    notes = []
    warnings = list(warnings or [])
    for publication in publications:
        if not publication.items:
            warnings.append(f"{publication.title}: no items found")
        for item in publication.items:
            due = item.deadline
            if isinstance(due, date) and publication.published and due < publication.published:
                notes.append(
                    f"{publication.title}: {item.ref} is due {ddmmyyyy(due)}, before "
                    f"publication ({ddmmyyyy(publication.published)}); kept as written."
                )
    return Extraction(paper, tuple(publications), tuple(notes), tuple(warnings))
