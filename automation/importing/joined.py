"""A document joining several reports, each under a heading of its own that says it was
published: a committee paper's '2.1 <title>' sub-headings or 'Report A: <title>' lines,
an improvement plan's '## 1. <title> (published 12 March 2026)' sections, a page's headings
with a 'Published:' line under each.

A heading announces a report when its own words end with '(published <date>)', or when a
'Published:' line or a statement ('On 7th May HMICFRS published ...') comes straight
under it. The announcing headings of one sort (the same heading level, or all 'Report
A:' lines) are the parts; refs start again in each, so a repeated ref under another
report's heading is that report's own item. A part ends at the next one, at a heading as
high as its own, at the paper's next numbered section ('4. Financial implications') or
at an appendix.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from automation.importing.document import Block, BlockKind
from automation.importing.grouped import title_and_published
from automation.importing.header import read_dated
from automation.importing.sections import PAPER_SECTION, says_published, unescape

_PUBLISHED_LINE = re.compile(
    r"^(?:published|first\s+published|date\s+of\s+publication|publication\s+date)\b\s*(?:on|by\s+[^:]{1,80})?\s*:?\s*"
    r"(?P<when>.+)$",
    re.I,
)
# 'Report A: An inspection of ...', 'Publication 2 – PEEL 2025: ...'
_REPORT_LINE = re.compile(
    r"^(?i:report|publication|paper)\s+(?:[A-Z]|\d{1,2})\s*(?::|[.\u2013\u2014-]\s)\s*(?P<title>\S.{9,})$"
)
_APPENDIX = re.compile(r"^(?:appendix|annex)\b", re.I)
_LOOK_AHEAD = 3  # blocks under a heading where its 'Published:' line or statement may be


@dataclass(frozen=True)
class Heading:
    index: int
    title: str
    published: str  # a 'Published: ...' line the heading's own words give, or ''
    sort: tuple[str, int]  # headings of one sort head the parts: ('heading', level) or ('line', 0)


def published_line(text: str) -> date | None:
    """'Published: 12 May 2021', 'Published on: 27 February 2025', 'Published by HMICFRS on ...'."""
    match = _PUBLISHED_LINE.match(" ".join(text.split()))
    if match is None:
        return None
    _, found = read_dated(match.group("when"))
    return found if found is not None and re.search(r"\d{1,2}\D", match.group("when")) else None


def report_headings(blocks: tuple[Block, ...]) -> list[tuple[Heading, int]] | None:
    """Each report's heading and the index its part ends at, or None when fewer than two
    headings of one sort announce a report."""
    found = [heading for index in range(len(blocks)) if (heading := _announcing(blocks, index))]
    sorts = Counter(heading.sort for heading in found)
    if not sorts or sorts.most_common(1)[0][1] < 2:
        return None
    sort = sorts.most_common(1)[0][0]
    starts = [heading for heading in found if heading.sort == sort]
    section = _section_number(blocks[: starts[0].index])
    limits = [*(heading.index for heading in starts[1:]), len(blocks)]
    return [
        (
            heading,
            next((i for i in range(heading.index + 1, limit) if _ends(blocks, i, heading, section)), limit),
        )
        for heading, limit in zip(starts, limits, strict=True)
    ]


def _announcing(blocks: tuple[Block, ...], index: int) -> Heading | None:
    block = blocks[index]
    if block.kind is BlockKind.HEADING:
        words, sort = unescape(block.flat), ("heading", block.level)
    elif (match := _report_line(block)) is not None:
        words, sort = match, ("line", 0)
    else:
        return None
    title, published = title_and_published(words)
    if PAPER_SECTION.match(title.strip(" :.")):
        return None
    if published or _announced_under(blocks[index + 1 : index + 1 + _LOOK_AHEAD]):
        return Heading(index, title, published if published_line(published) else "", sort)
    return None


def _report_line(block: Block) -> str | None:
    """The title of a 'Report A: <title>' line standing on its own (not a sentence)."""
    if block.kind is not BlockKind.PARAGRAPH or block.number or len(block.flat.split()) > 30:
        return None
    match = _REPORT_LINE.match(block.flat)
    return match.group("title") if match and not block.flat.endswith(".") else None


def _announced_under(following: tuple[Block, ...]) -> bool:
    """A 'Published:' line or a statement that it was published, before any other heading."""
    for block in following:
        if block.kind is BlockKind.HEADING or _report_line(block):
            return False
        if published_line(block.flat) or says_published(block.flat):
            return True
    return False


def _ends(blocks: tuple[Block, ...], index: int, start: Heading, section: int | None) -> bool:
    block = blocks[index]
    if (
        block.kind is BlockKind.HEADING
        and block.level > 0
        and (start.sort[0] == "line" or block.level <= start.sort[1])
    ):
        return True
    if _APPENDIX.match(block.flat) and len(block.flat.split()) <= 16:
        return True
    number = _bare_section(block)
    return section is not None and number is not None and number > section


def _bare_section(block: Block) -> int | None:
    """The number of a section heading line ('4. FINANCIAL IMPLICATIONS'), or None."""
    if not block.number.isdigit() or block.is_list or block.flat.endswith((".", ":")):
        return None
    return int(block.number) if len(block.flat.split()) <= 12 else None


def _section_number(before: tuple[Block, ...]) -> int | None:
    """The paper's numbered section the first report sits in."""
    numbers = [number for block in before if (number := _bare_section(block)) is not None]
    return numbers[-1] if numbers else None
