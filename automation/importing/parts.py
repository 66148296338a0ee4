"""The publications a document holds, and each one's title, date and kind.

- A committee paper numbers a section per publication ('1. Title', '1.1. On 13th July
  2021, HMICFRS published ...'); a response numbers the recommendations it answers the
  same way, so sections count only when they say something was published.
- A page, paper or plan joining several publications gives each a heading of its own that
  says it was published: a 'Published:' line or a statement under it, or '(published
  <date>)' in it; 'Report A: <title>' lines are such headings too (``joined``).
- Anything else is one publication: the report, letter or response itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from automation.importing.document import Block, BlockKind
from automation.importing.joined import Heading, published_line, report_headings
from automation.importing.normalise import fold
from automation.importing.sections import (
    PAPER_SECTION,
    publication_kind,
    published_on,
    split_sections,
    statement,
    unescape,
)
from automation.importing.subject import is_force_name

_MARKING = re.compile(
    r"^(?:OFFICIAL|OFFICIAL[- ]SENSITIVE|SECRET|TOP SECRET|PROTECT|RESTRICTED|NOT PROTECTIVELY MARKED)\b"
)
_ORGANISATION_ONLY = re.compile(
    r"^(?:[A-Z][\w'\u2019&-]*|of|and|for|the|&)(?:\s+(?:[A-Z][\w'\u2019&-]*|of|and|for|the|&)){0,9}$"
)
_BYLINE = re.compile(
    r"\s+by\s+(?:HM|His\s+Majesty(?:'|\u2019)s|Her\s+Majesty(?:'|\u2019)s|the\s+(?:[A-Z]\w*\s+){0,4}"
    r"(?:Inspectorate|Committee|Panel|Commissioner))\b.*$"
)
_LETTER = re.compile(r"^(?:dear\s+\w|yours\s+(?:sincerely|faithfully))", re.I)


@dataclass(frozen=True)
class Part:
    title: str
    blocks: tuple[Block, ...]
    numbered: bool = False  # a committee paper's numbered section


def split_parts(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Part]] | None:
    """(front matter, parts) when the document holds several publications, else None."""
    split = split_sections(blocks)
    if split is not None:
        front, sections = split
        said = sum(1 for section in sections if statement(section))
        if said and said * 2 >= len(sections):
            return front, [Part(section.title, section.blocks, True) for section in sections]
    return _headed_parts(blocks)


def _headed_parts(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Part]] | None:
    """Each report under its own heading (see ``joined``)."""
    found = report_headings(blocks)
    if found is None or _items_outside(blocks, found):
        return None
    parts = [
        Part(
            heading.title,
            (*((Block(heading.published),) if heading.published else ()), *blocks[heading.index + 1 : end]),
        )
        for heading, end in found
    ]
    return blocks[: found[0][0].index], parts


def _items_outside(blocks: tuple[Block, ...], found: list[tuple[Heading, int]]) -> bool:
    """Whether items lie outside the reports' parts: then the headings only recount earlier
    reports ('Our 2019 revisit: On 12 June 2019 we published ...') in a report of its own."""
    from automation.importing.walker import Walker

    starts = [heading.index for heading, _ in found]
    ends = [0, *(end for _, end in found)]
    outside = [
        block for start, end in zip([*starts, len(blocks)], ends, strict=True) for block in blocks[end:start]
    ]
    return any(item.included for item in Walker().walk(tuple(outside)))


def part_published(
    blocks: tuple[Block, ...], reference: date | None, letter_date: date | None
) -> date | None:
    """A 'Published:' line, else the opening's '... published ... on <date>', else a letter's date."""
    for block in blocks[:6]:
        if found := published_line(block.flat):
            return found
    if letter_date is not None:
        return letter_date
    for block in blocks[:8]:
        if re.search(r"\bpublished\b", block.flat, re.I) and (found := published_on(block.flat, reference)):
            return found
    return None


def is_letter(blocks: tuple[Block, ...]) -> bool:
    return any(_LETTER.match(block.flat) for block in blocks)


def document_title(blocks: tuple[Block, ...]) -> str:
    """The first heading; in a text without headings, the first line that is not a
    protective marking or only an organisation's name."""
    for index, block in enumerate(blocks[:12]):
        if block.kind is BlockKind.HEADING:
            return _without_byline(unescape(_title_set_over_headings(blocks, index)))
    for block in blocks[:12]:
        text = block.flat
        if not text or _MARKING.match(text) or ":" in text[:12] or published_line(text):
            continue
        if _ORGANISATION_ONLY.match(text) and len(text.split()) <= 8:
            continue
        return _without_byline(unescape(text))
    return blocks[0].flat if blocks else ""


_FIELD_LINE = re.compile(r"^(?:[A-Z][\w ]{1,30}:\s|by\s+[A-Z])")
_JOINS_WITH_COLON = re.compile(r"^(?:an?|the)\s", re.I)


def _title_set_over_headings(blocks: tuple[Block, ...], first: int) -> str:
    """A title set as several headings one under another, straight above its 'Published:'
    line, byline or dates ('PEEL 2025–27' / 'An inspection of Thornbury Police'): all its
    lines, a subtitle or force after a colon. A heading with text under it is a section's."""
    run = [blocks[first].flat]
    index = first + 1
    while index < len(blocks) and _title_line(blocks[index]):
        run.append(blocks[index].flat)
        index += 1
    after = blocks[index].flat if index < len(blocks) else ""
    if len(run) == 1 or not (published_line(after) or _FIELD_LINE.match(after) or _date_line(after)):
        return run[0]
    title = run[0]
    for part in run[1:]:
        colon = _JOINS_WITH_COLON.match(part) or is_force_name(part)
        title = f"{title.rstrip(':')}{': ' if colon else ' '}{part}"
    return title


def _title_line(block: Block) -> bool:
    """A heading that may carry on a title: short, and not a section's ('Summary')."""
    flat = block.flat.strip(" :.")
    return (
        block.kind is BlockKind.HEADING
        and len(flat.split()) <= 15
        and not PAPER_SECTION.match(flat)
        and not re.match(r"^(?:contents|foreword|overview|key\s+findings)$", flat, re.I)
    )


def _date_line(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s\w,\u2013-]{0,40}\d{4}", text)) and len(text.split()) <= 6


def _without_byline(title: str) -> str:
    """'Report on custody in Eastvale Police by HM Inspectorate of Prisons 3–14 March 2025':
    the title without who wrote it."""
    return _BYLINE.sub("", title).strip() or title


def kind_of(title: str, said: str, intro: list[str], letter: bool, response: bool) -> str:
    """What the publication is: letter, response, inquiry, or the example's kinds."""
    name = fold(title)
    report = re.search(r"\breport\b", name) or (
        re.search(r"\bpeel\b", name) and "cause of concern" not in name
    )
    if letter and not report:  # a PEEL report sent as a letter keeps its kind; not a cause of concern
        return "letter"
    if re.search(r"\bpublished\s+(?:a|an|its)\s+(?:[\w-]+\s+){0,2}?letter\b", fold(said)) and not report:
        return "letter"  # a committee paper: 'On 20th May HMICFRS published a letter to the Chief Constable'
    if response:
        return "response"
    if re.search(r"\binquiry\b", fold(title)):
        return "inquiry"
    return publication_kind(title, said, intro)
