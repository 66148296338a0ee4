"""From a Document to an Extraction: the paper, its publications and their items.

Pure: no files, no clock. The rules live in small modules beside this one:
``layout`` (page-break joins), ``header`` (the paper's details), ``sections`` (one per
publication), ``items`` (labels, parents, lead-ins), ``phrases`` (deadlines) and
``addressees`` (who must act).
"""

from __future__ import annotations

import re
from datetime import date

from automation.importing.addressees import applies_to_force, find_addressees, single_body
from automation.importing.document import Block, BlockKind, Document
from automation.importing.header import header_fields, read_dated, read_header
from automation.importing.items import Draft, find_items
from automation.importing.layout import join_continuations
from automation.importing.phrases import deadline_value, find_deadline, resolve
from automation.importing.result import (
    ExtractedItem,
    ExtractedPublication,
    Extraction,
    PaperInfo,
)
from automation.importing.sections import (
    Section,
    is_tracked,
    publication_kind,
    published_on,
    quoted_title,
    split_sections,
    statement,
)

_ADDRESSED = re.compile(
    r"\b(?:all|each|every|both)\b[^.]*?\baddressed\s+(?:solely\s+|only\s+)?to\s+(?P<who>[^.:;]+)",
    re.I,
)
_PUBLISHED_LINE = re.compile(
    r"^(?:published|date\s+of\s+publication|publication\s+date|date)\s*(?:on\s*)?:?\s*(?P<when>.+)$",
    re.I,
)


def extract(document: Document) -> Extraction:
    blocks = join_continuations(document.blocks)
    split = split_sections(blocks)
    if split is None:
        return _single_report(blocks)
    front, sections = split
    paper, reference = read_header(front)
    publications: list[ExtractedPublication] = []
    for section in sections:
        publication = _publication(section, len(publications) + 1, reference)
        if publication is not None:
            publications.append(publication)
    return Extraction(paper, tuple(publications), _notes(publications))


def _publication(section: Section, seq: int, reference: date | None) -> ExtractedPublication | None:
    said = statement(section)
    drafts = _unique(find_items(section.blocks))
    if not said and not drafts:
        return None
    title = section.title or quoted_title(said)
    published = published_on(said, reference) if said else None
    intro = [block.flat for block in section.blocks[:4]]
    texts = [block.flat for block in section.blocks]
    override = _addressed_to(texts, drafts)
    return ExtractedPublication(
        seq,
        title,
        published,
        publication_kind(title, said, intro),
        is_tracked(texts),
        tuple(finish(draft, published, reference, override) for draft in drafts),
    )


def _single_report(blocks: tuple[Block, ...]) -> Extraction:
    """A report, letter or minutes on its own: one publication, titled by its first heading."""
    fields = header_fields(blocks[:12])
    title = fields.get("subject") or fields.get("title") or _first_heading(blocks)
    published = _published_line(blocks[:15])
    dated, reference = read_dated(fields.get("date", "")) if "date" in fields else (None, None)
    if published is not None and dated is None:
        dated, reference = published.isoformat(), published
    paper = PaperInfo(title, fields.get("to"), fields.get("from"), dated)
    texts = [block.flat for block in blocks]
    drafts = _unique(find_items(blocks))
    said = " ".join(texts[:6])
    items = tuple(finish(draft, published, reference, None) for draft in drafts)
    publication = ExtractedPublication(
        1, title, published, publication_kind(title, said, texts[:6]), is_tracked(texts), items
    )
    return Extraction(paper, (publication,), _notes([publication]))


def finish(
    draft: Draft, published: date | None, reference: date | None, override: str | None
) -> ExtractedItem:
    """The item with its deadline and addressees read from its words.

    A bullet that names nobody ('improve how it ...') takes both from its lead-in
    ('By 30 September 2021, the service should:').
    """
    own = find_addressees(draft.text)
    lead_in = draft.lead_in if not own and draft.lead_in else None
    addressees = find_addressees(lead_in) if lead_in else own
    if override is not None:
        addressees = [override]
    phrase = find_deadline(draft.text) or (find_deadline(lead_in) if lead_in else None)
    deadline = resolve(phrase, published, reference)
    return ExtractedItem(
        ref=draft.ref,
        kind=draft.kind,
        text=draft.text,
        parent_ref=draft.parent_ref,
        cause_for_concern=draft.cause_for_concern,
        para=draft.para,
        deadline_text=phrase,
        deadline=deadline_value(deadline),
        addressees=tuple(addressees),
        applies_to_force=applies_to_force(addressees),
    )


def _addressed_to(texts: list[str], drafts: tuple[Draft, ...]) -> str | None:
    """'All of the recommendations are addressed to the Ministry of Justice': one body only."""
    item_texts = {draft.text for draft in drafts}
    for text in texts:
        if any(text.endswith(item) for item in item_texts):
            continue
        for match in _ADDRESSED.finditer(text):
            if body := single_body(match.group("who")):
                return body
    return None


def _unique(drafts: tuple[Draft, ...]) -> tuple[Draft, ...]:
    """A report that repeats its recommendations (summary, then chapters) lists each once."""
    seen: set[str] = set()
    kept = []
    for draft in drafts:
        if draft.ref not in seen:
            seen.add(draft.ref)
            kept.append(draft)
    return tuple(kept)


def _first_heading(blocks: tuple[Block, ...]) -> str:
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            return block.flat
    return blocks[0].flat if blocks else ""


def _published_line(blocks: tuple[Block, ...]) -> date | None:
    for block in blocks:
        text = block.flat
        match = _PUBLISHED_LINE.match(text)
        candidate = match.group("when") if match else text
        if match or len(text) <= 30:
            _, found = read_dated(candidate)
            if found is not None and re.search(r"\d{1,2}\D", candidate):
                return found
    return None


def _notes(publications: list[ExtractedPublication]) -> tuple[str, ...]:
    notes = []
    for publication in publications:
        for item in publication.items:
            due = item.deadline
            if isinstance(due, date) and publication.published and due < publication.published:
                notes.append(
                    f"{publication.title}: {item.ref} is due {due.isoformat()}, before "
                    f"publication ({publication.published.isoformat()}); kept as written."
                )
    return tuple(notes)
