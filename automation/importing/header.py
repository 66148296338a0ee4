"""The covering paper's own details: To, From, Date, Subject and the period it covers."""

from __future__ import annotations

import re
from datetime import date

from automation.core.deadlines import month_end, parse_date_text
from automation.importing.document import Block, BlockKind
from automation.importing.phrases import MONTH
from automation.importing.result import PaperInfo

_FIELD = re.compile(
    r"^(?P<name>to|cc|bcc|report to|from|report by|report of|author|report author|prepared by|date|dated"
    r"|date of meeting|meeting date|date of response|subject|title|re|report title|title of report)"
    r"\s*:\s*(?P<value>.*)$",
    re.I | re.S,
)
_NAMES = {
    "author": "from",
    "report author": "from",
    "title of report": "title",
    "date of response": "date",
    "report by": "from",
    "report of": "from",
    "prepared by": "from",
    "report to": "to",
    "dated": "date",
    "date of meeting": "date",
    "meeting date": "date",
    "re": "subject",
    "report title": "title",
}
_MONTH_YEAR = rf"(?:{MONTH})\.?\s+\d{{4}}"
_DAY_MONTH_YEAR = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_YEAR}"
_PERIOD = re.compile(
    rf"(?P<start>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTH})\.?(?:\s+\d{{4}})?)"
    rf"\s*(?:to|until|and|[-\u2013\u2014])\s*"
    rf"(?P<end>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTH})\.?\s+(?P<year>\d{{4}}))",
    re.I,
)


def read_header(blocks: tuple[Block, ...]) -> tuple[PaperInfo, date | None]:
    """The paper's details and the date that years left unwritten are taken from."""
    fields = header_fields(blocks)
    dated, reference = read_dated(fields.get("date", ""))
    title = fields.get("subject") or fields.get("title")
    texts = [title or "", *(block.flat for block in blocks)]
    start, end = next((found for text in texts if (found := read_period(text))), (None, None))
    reference = reference or end
    info = PaperInfo(title, fields.get("to"), fields.get("from"), dated, start, end)
    return info, reference


def header_fields(blocks: tuple[Block, ...]) -> dict[str, str]:
    """'Name: value' lines; a short unlabelled line straight after one continues it (not a
    heading, another 'Label: value' line, a date or a 'Published ...' line)."""
    fields: dict[str, str] = {}
    last = ""
    for block in blocks:
        if block.kind is BlockKind.HEADING or block.number:
            last = ""  # a heading or a numbered section ('1. PURPOSE') is not a From: line's address
        if block.kind is BlockKind.HEADING:
            continue
        for line in filter(None, block.text.split("\n")):
            match = _FIELD.match(line.strip())
            if match:
                name = match.group("name").casefold()
                last = _NAMES.get(name, name)
                fields.setdefault(last, match.group("value").strip())
            elif last in ("from", "to") and fields.get(last) and _is_address_line(line):
                fields[last] = f"{fields[last]}, {line.strip()}"
            elif last in ("subject", "title") and fields.get(last) and line.strip()[:1].islower():
                fields[last] = f"{fields[last]} {line.strip()}"  # a long subject wrapped onto a second line
            else:
                last = ""
    return {name: value for name, value in fields.items() if value}


_LABELLED = re.compile(r"^[A-Z][\w ]{1,30}:\s*\S")
_NOT_ADDRESS = re.compile(r"^(?:published|first\s+published|updated|last\s+updated)\b", re.I)


def _is_address_line(line: str) -> bool:
    line = line.strip()
    if _LABELLED.match(line) or _NOT_ADDRESS.match(line) or _date_line(line):
        return False
    return 0 < len(line) <= 80 and not line.endswith((".", ":", ";"))


def _date_line(line: str) -> bool:
    return bool(
        re.fullmatch(rf"(?:\d{{1,2}}\s*[-\u2013]\s*)?{_DAY_MONTH_YEAR}|{_MONTH_YEAR}", line.strip(" ."), re.I)
    )


def read_dated(text: str) -> tuple[str | None, date | None]:
    """'September 2021' -> ('2021-09', 30/09/2021); '14 September 2021' -> full date."""
    text = text.strip().rstrip(".")
    if not text:
        return None, None
    if match := re.search(_DAY_MONTH_YEAR, text, re.I):
        parsed = parse_date_text(match.group(0))
        if parsed:
            return parsed[0].isoformat(), parsed[0]
    parsed = parse_date_text(text)
    if parsed and not parsed[1]:
        return parsed[0].isoformat(), parsed[0]
    if match := re.search(_MONTH_YEAR, text, re.I):
        found = parse_date_text(match.group(0))
        if found:
            return found[0].isoformat()[:7], found[0]
    return None, None


def read_period(text: str) -> tuple[date, date] | None:
    """'July 2021 to September 2021' -> (1 July 2021, 30 September 2021)."""
    match = _PERIOD.search(text)
    if not match:
        return None
    end = parse_date_text(match.group("end"))
    start_text = match.group("start")
    if not re.search(r"\d{4}", start_text):
        start_text = f"{start_text} {match.group('year')}"
    start = parse_date_text(start_text)
    if not start or not end:
        return None
    first = start[0].replace(day=1) if start[1] else start[0]
    last = month_end(end[0].year, end[0].month) if end[1] else end[0]
    return (first, last) if first <= last else None


def date_without_year(day: int, month: int, reference: date | None) -> date | None:
    """A date written without its year: the latest one not after the reference date."""
    if reference is None:
        return None
    for year in (reference.year, reference.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= month_end(reference.year, reference.month):
            return found
    return None


_RANGE_END = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?(?:\s+[A-Za-z]+)?\s*(?:[-\u2013\u2014]|\bto|\band|\buntil)\s*$", re.I
)
_ENDS_DATED = re.compile(rf"(?:^|[\s\u00b7|,\u2013\u2014-])(?P<when>{_DAY_MONTH_YEAR})\s*$", re.I)


def front_date(blocks: tuple[Block, ...]) -> tuple[str | None, date | None]:
    """The date of a paper that has no 'Date:' field: a line of its opening that is a date or
    ends with one ('12 December 2024', 'Version 3.2 – updated 14 February 2025', 'Office of
    the Commissioner · 2 December 2024'); not a sentence, and not a range of dates."""
    for block in blocks[:12]:
        if block.kind is BlockKind.TABLE:
            continue
        for line in (line.strip() for line in block.text.split("\n")):
            match = _ENDS_DATED.search(line)
            if match is None or len(line.split()) > 16 or _RANGE_END.search(line[: match.start("when")]):
                continue  # a sentence, or the end of a range ('3 to 14 March 2025')
            return read_dated(match.group("when"))
    return None, None
