"""The publications a document holds, and each one's title, date and kind.

- A committee paper numbers a section per publication ('1. Title', '1.1. On 13th July
  2021, HMICFRS published ...'); a response numbers the recommendations it answers the
  same way, so sections count only when they say something was published.
- A page or report joining several publications gives each its heading and its own
  'Published:' line.
- Anything else is one publication: the report, letter or response itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from automation.importing.document import Block, BlockKind
from automation.importing.header import read_dated
from automation.importing.normalise import fold
from automation.importing.sections import publication_kind, published_on, split_sections, statement, unescape

_PUBLISHED_LINE = re.compile(
    r"^(?:published|first\s+published|date\s+of\s+publication|publication\s+date)\b\s*(?:on|by\s+[^:]{1,80})?\s*:?\s*"
    r"(?P<when>.+)$",
    re.I,
)
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
    starts = [
        index
        for index, block in enumerate(blocks)
        if block.kind is BlockKind.HEADING and _published_under(blocks[index + 1 : index + 3])
    ]
    levels = {blocks[index].level for index in starts}
    if len(starts) < 2 or len(levels) > 1:
        return None
    level = levels.pop()
    limits = [*starts[1:], len(blocks)]  # a part ends at the next one, or at a heading as high
    ends = [
        next((i for i in range(start + 1, limit) if _ends_part(blocks[i], level)), limit)
        for start, limit in zip(starts, limits, strict=True)
    ]
    parts = [Part(unescape(blocks[s].flat), blocks[s + 1 : e]) for s, e in zip(starts, ends, strict=True)]
    return blocks[: starts[0]], parts


def _published_under(following: tuple[Block, ...]) -> bool:
    """A 'Published:' line straight under a heading (before any other heading)."""
    for block in following:
        if block.kind is BlockKind.HEADING:
            return False
        if published_line(block.flat):
            return True
    return False


def _ends_part(block: Block, level: int) -> bool:
    return block.kind is BlockKind.HEADING and 0 < block.level <= level


def published_line(text: str) -> date | None:
    """'Published: 12 May 2021', 'Published on: 27 February 2025', 'Published by HMICFRS on ...'."""
    match = _PUBLISHED_LINE.match(" ".join(text.split()))
    if match is None:
        return None
    _, found = read_dated(match.group("when"))
    return found if found is not None and re.search(r"\d{1,2}\D", match.group("when")) else None


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
    for block in blocks[:12]:
        if block.kind is BlockKind.HEADING:
            return _without_byline(unescape(block.flat))
    for block in blocks[:12]:
        text = block.flat
        if not text or _MARKING.match(text) or ":" in text[:12] or published_line(text):
            continue
        if _ORGANISATION_ONLY.match(text) and len(text.split()) <= 8:
            continue
        return _without_byline(unescape(text))
    return blocks[0].flat if blocks else ""


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
    if response:
        return "response"
    if re.search(r"\binquiry\b", fold(title)):
        return "inquiry"
    return publication_kind(title, said, intro)
