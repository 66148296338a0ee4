"""A committee paper's sections: one per publication, with its title, date and kind.

A paper is read as sections when it numbers them ('1. Title', then '1.1.', '1.2.', ...);
a section heading may also be a Word heading followed by its first numbered paragraph.
A section is a publication when it says something was published or it lists items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from automation.core.deadlines import parse_date_text
from automation.importing.document import Block, BlockKind
from automation.importing.header import date_without_year
from automation.importing.normalise import fold
from automation.importing.phrases import MONTH

_PUBLISHED_ON = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?",
    re.I,
)
_QUOTED = re.compile(r"[\u201c\"]\[?(?P<title>.+?)\]?(?:\([^)]*\))?[\u201d\"]")
_TRACKED = re.compile(r"\btracked\s+(?:via|through|by|at|in)\b.{0,80}?\bbusiness\s+assurance\b", re.I)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


@dataclass(frozen=True)
class Section:
    heading: Block | None
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        return unescape(self.heading.flat).rstrip(":") if self.heading else ""


def split_sections(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Section, ...]] | None:
    """(front matter, sections), or None when the document is not numbered in sections."""
    starts = [index for index in range(len(blocks)) if _opens_section(blocks, index)]
    if not starts:
        return None
    sections = [
        Section(blocks[start], blocks[start + 1 : end])
        for start, end in zip(starts, [*starts[1:], len(blocks)], strict=True)
    ]
    return blocks[: starts[0]], tuple(sections)


def _opens_section(blocks: tuple[Block, ...], index: int) -> bool:
    block = blocks[index]
    following = next((other for other in blocks[index + 1 :] if other.number), None)
    if following is None or "." not in following.number:
        return False
    if re.fullmatch(r"\d+", block.number):
        return following.number.split(".")[0] == block.number and _title_like(block)
    return (
        block.kind is BlockKind.HEADING
        and not block.number
        and following.number.endswith(".1")
        and blocks[index + 1] is following
    )


def _title_like(block: Block) -> bool:
    """A section's title ('4. Financial implications'), not a numbered item in a list
    ('2. Recommendation 2: By March, the force should ...')."""
    from automation.importing.labels import parse_label

    flat = block.flat
    label = parse_label(flat)
    return len(flat.split()) <= 40 and not flat.endswith((".", ";")) and (label is None or not label.rest)


def unescape(text: str) -> str:
    """Markdown escapes off a title: '\\(' -> '('."""
    return _ESCAPED.sub(r"\1", text)


# A committee paper's own sections: never a publication, whatever they say was published.
PAPER_SECTION = re.compile(
    r"^(?:purpose(?:\s+of\s+(?:the|this)\s+(?:report|paper))?|summary|executive\s+summary|introduction"
    r"|background|recommendations?|decisions?\s+required|risks?(?:\s+and\s+\w+)?|implications?"
    r"|financial\s+implications?|equality\s+(?:impact|implications?)|conclusions?|next\s+steps"
    r"|appendices|appendix\b.*|annex\b.*|contacts?|background\s+papers)$",
    re.I,
)


def statement(section: Section, title: str = "") -> str:
    """The paragraph that says the report was published, and when ('On 13th July 2021,
    HMICFRS published ...'): 'the reports published this quarter' says neither which nor
    when, and a paper's own sections ('Purpose of the report') are not publications."""
    if PAPER_SECTION.match(re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", (title or section.title).strip(" :."))):
        return ""
    return next((block.flat for block in section.blocks[:4] if says_published(block.flat)), "")


def says_published(text: str) -> bool:
    """'On 13th July 2021, HMICFRS published ...': that a report was published, and when."""
    return bool(re.search(r"\bpublished\b", text, re.I) and _PUBLISHED_ON.search(text))


def quoted_title(text: str) -> str:
    match = _QUOTED.search(text)
    return unescape(match.group("title")) if match else ""


def published_on(text: str, reference: date | None) -> date | None:
    """The publication date in the statement; a year left out comes from the paper."""
    match = _PUBLISHED_ON.search(text)
    if not match:
        return None
    day, month_name, year = match.group("day"), match.group("month"), match.group("year")
    if year:
        parsed = parse_date_text(f"{day} {month_name} {year}")
        return parsed[0] if parsed else None
    parsed = parse_date_text(f"{day} {month_name} 2000")
    if parsed is None:
        return None
    return date_without_year(parsed[0].day, parsed[0].month, reference)


def is_tracked(texts: list[str]) -> bool:
    """'Progress ... will be tracked via the Constabulary's Business Assurance Meeting'."""
    return any(_TRACKED.search(fold(text)) for text in texts)


def publication_kind(title: str, said: str, intro: list[str]) -> str:
    """inspection, joint inspection, review, super-complaint or annual assessment, from the
    title, then the publication statement ``said``, then the opening paragraphs."""
    name = fold(title)
    opening = fold(" ".join(intro))
    if re.search(r"\bsuper[- ]complaint", f"{name} {fold(said)}"):
        return "super-complaint"
    if "state of policing" in name or "annual assessment" in name:
        return "annual assessment"
    if re.search(r"\bjoint\b", name) and re.search(r"\b(?:inspection|thematic)\b", name):
        return "joint inspection"
    byline = " ".join(text for text in intro if re.match(r"^(?:a\s+joint\s+\w+\s+)?by\s", text, re.I))
    if len(_inspectorates(f"{said} {byline}")) >= 2:
        return "joint inspection"  # 'published by HM Inspectorate of Prisons and HMICFRS', or its byline
    if re.search(r"\b(?:review|revisit)\b", name):
        return "review"
    if re.search(r"\binspection\b|\bpeel\b", name):
        return "inspection"
    for word, kind in (
        ("joint inspection", "joint inspection"),
        ("inspection", "inspection"),
        ("review", "review"),
    ):
        if re.search(rf"\b(?:this|the)\s+{word}\b", opening):
            return kind
    return "inspection"


_INSPECTORATES = (
    ("constabulary", re.compile(r"\bHMICFRS\b|\bHMIC\b|Inspectorate\s+of\s+Constabulary", re.I)),
    ("prisons", re.compile(r"\bHMI\s*P(?:risons)?\b|Inspectorate\s+of\s+Prisons", re.I)),
    ("probation", re.compile(r"\bHMI\s*Probation\b|Inspectorate\s+of\s+Probation", re.I)),
    ("prosecution", re.compile(r"\bHMCPSI\b|Crown\s+Prosecution\s+Service\s+Inspectorate", re.I)),
    ("care", re.compile(r"\bCQC\b|Care\s+Quality\s+Commission", re.I)),
    ("ofsted", re.compile(r"\bOfsted\b", re.I)),
)


def _inspectorates(text: str) -> set[str]:
    """The inspectorates a publication statement names: two or more inspected jointly."""
    return {name for name, pattern in _INSPECTORATES if pattern.search(text)}
