"""Finding the deadline phrase inside an item's words. Resolving it is ``deadlines.py``'s.

A phrase counts only when it says *when*: a date after 'by', 'immediately' or 'with
immediate effect', 'within N months', 'as soon as possible'. Words that only sound
urgent ('urgent review', 'swift reform', 'in a timely way') are not deadlines.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from automation.core.deadlines import resolve_deadline
from automation.core.model import Deadline, DeadlineKind
from automation.importing.result import DeadlineValue

MONTH = "|".join(
    [*calendar.month_name[1:], *(abbr for abbr in calendar.month_abbr[1:] if abbr != "May"), "Sept"]
)
_SEASON = r"(?:spring|summer|autumn|winter)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WHEN = (
    rf"(?:(?:the\s+)?end\s+of\s+)?(?:{_DAY}\s+(?:of\s+)?(?:{MONTH})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{MONTH})\.?\s+\d{{4}}|{_SEASON}\s+\d{{4}}|(?:19|20)\d{{2}}(?![\w-]|\s+[a-z])"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?!\d)"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:financial\s+|calendar\s+)?year)"
)
_NUMBER = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
# 'within six months (of publication / of this letter)' is a deadline; 'within seven days of
# its allocation' or 'within 28 days of a request' is a standard the item sets, not one.
_WITHIN = (
    rf"within\s+(?:the\s+next\s+)?{_NUMBER}\s+(?:days?|weeks?|months?|years?)"
    r"(?:\s+of\s+(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?"
    r"(?:(?:this|the|our)\s+(?:report|letter|review|inspection)(?:'s|\u2019s)\s+|its\s+)?publication"
    r"(?:\s+of\s+(?:this|the)\s+report)?"
    r"|\s+of\s+(?:the\s+date\s+of\s+)?(?:this|the|our)\s+(?:letter|report|review|inspection|revisit))?"
    r"(?!\s+of\b)"
)
_PATTERNS = (
    rf"\b(?:by|before|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before)\s+{_WHEN}\b",
    rf"\b{_WITHIN}\b",
    r"\bwith\s+immediate\s+effect\b",
    r"\bimmediately\b",
    r"\bimmediate(?=\s+(?:and\s+\w+\s+)?(?:review|action|steps?|commitment|improvements?"
    r"|priority|attention|changes?|work|plan|assessment|measures?)\b)",
    r"\bas\s+soon\s+as\s+(?:is\s+)?(?:reasonably\s+)?(?:possible|practicable)\b",
)
PHRASE = re.compile("|".join(f"(?:{pattern})" for pattern in _PATTERNS), re.IGNORECASE)
_BRACKETED_DATE = re.compile(
    rf"[(\[]\s*(?:[^()\[\]]*?\s)?(?P<when>\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}|{_DAY}\s+(?:{MONTH})\.?\s+\d{{4}})\s*[)\]]",
    re.I,
)
_NO_YEAR = re.compile(rf"^(.*?\b{_DAY}\s+(?:of\s+)?(?:{MONTH})\.?)\s*$", re.IGNORECASE)


# 'make sure that intelligence is assessed within 7 days', '... so that it can reply within
# two weeks': a time in days or weeks inside a clause after the ask is the standard the item
# sets, not its deadline, unless commas set it off ('make sure that, within 28 days, ...').
_STANDARD = re.compile(r"^within\s+(?:the\s+next\s+)?\S+\s+(?:days?|weeks?)$", re.I)
_SUBORDINATE = re.compile(r"\b(?:that|so|when|where|which|who|once|after|until|if)\b[^,;:]*$", re.I)


def find_deadline(text: str) -> str | None:
    """The first deadline phrase in ``text``, as written, or None."""
    for match in PHRASE.finditer(text):
        phrase = " ".join(match.group(0).split())
        if not (_STANDARD.match(phrase) and _SUBORDINATE.search(text[: match.start()])):
            return phrase
    return None


def resolve(phrase: str | None, published: date | None, reference: date | None = None) -> Deadline:
    """What the phrase means. A date written without a year takes the first such date on
    or after publication (else the document's date); a past deadline stays as written."""
    if not phrase:
        return Deadline.none()
    if (bracket := _BRACKETED_DATE.search(phrase)) is not None:
        found = resolve_deadline(bracket.group("when"), published)
        if found.date is not None:  # '6 months from publication (05/09/2026)': the date it works out to
            return Deadline(found.kind, found.date, phrase, interpreted=True)
    anchor = published or reference
    match = _NO_YEAR.match(phrase)
    if match and anchor is not None:
        for year in (anchor.year, anchor.year + 1):
            found = resolve_deadline(f"{match.group(1)} {year}", published)
            if found.date is not None and found.date >= anchor:
                return Deadline(found.kind, found.date, phrase, interpreted=True)
    return resolve_deadline(phrase, published)


def deadline_value(deadline: Deadline) -> DeadlineValue:
    """An item's deadline: a date, immediate, or None."""
    if deadline.kind is DeadlineKind.IMMEDIATE:
        return DeadlineKind.IMMEDIATE
    return deadline.date if deadline.kind is DeadlineKind.DATE else None
