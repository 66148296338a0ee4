"""Dates and deadline phrases, as officers and inspectors write them. Pure functions.

Numeric dates are always day first (UK order); nothing here guesses the way pandas does.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

from automation.core.model import Deadline, DeadlineKind

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}

_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?")
_WORDY = re.compile(
    rf"(?:[a-z]+day,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(rf"({_MONTH_RE})\.?,?\s+(\d{{4}})", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:by|before|no later than|not later than|on or before|until)\s+)?"
    r"(?:(?:the\s+)?end\s+of\s+)?",
    re.IGNORECASE,
)
_IMMEDIATE = re.compile(r"\bimmediate(?:ly)?\b", re.IGNORECASE)
_WITHIN = re.compile(
    rf"\bwithin\s+(?:the\s+next\s+)?(\d+|{'|'.join(_NUMBER_WORDS)})\s+(day|week|month|year)s?\b",
    re.IGNORECASE,
)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(start: date, months: int) -> date:
    """Calendar months later, clamped to the month's end (31 Aug + 6 months = 28 Feb)."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_text(text: str) -> tuple[date, bool] | None:
    """A date written as text, and whether it was interpreted (month only).

    Accepts ``31/08/2021``, ``31-08-21``, ``2021-08-31``, ``31 Aug 2021``,
    ``31st August 2021`` and ``March 2022`` (the month's last day, interpreted).
    Returns None for anything else, including impossible dates such as ``31/02/2021``.
    """
    text = text.strip()
    if match := _NUMERIC.fullmatch(text):
        day, month, year = match.groups()
        found = _safe_date(_year(year), int(month), int(day))
        return (found, False) if found else None
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        found = _safe_date(int(year), int(month), int(day))
        return (found, False) if found else None
    if match := _WORDY.fullmatch(text):
        day, month_name, year = match.groups()
        found = _safe_date(int(year), _MONTHS[month_name.casefold()], int(day))
        return (found, False) if found else None
    if match := _MONTH_ONLY.fullmatch(text):
        month_name, year = match.groups()
        return month_end(int(year), _MONTHS[month_name.casefold()]), True
    return None


def _within(match: re.Match[str], published: date) -> date:
    amount_text, unit = match.group(1).casefold(), match.group(2).casefold()
    amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS[amount_text]
    if unit == "day":
        return published + timedelta(days=amount)
    if unit == "week":
        return published + timedelta(weeks=amount)
    return add_months(published, amount * (12 if unit == "year" else 1))


@functools.lru_cache(maxsize=8192)  # a register repeats a few phrases over thousands of rows
def resolve_deadline(text: str, published: date | None = None) -> Deadline:
    """What a deadline phrase means, as DOMAIN.md sets out.

    'Immediately' or 'With immediate effect' is due on publication; 'within six months
    (of publication)' is publication plus six months; 'By March 2022' is 31/03/2022;
    'By 31 August 2021' is that date; anything vaguer keeps its words and gets no date.
    """
    phrase = " ".join(text.split())
    if not phrase:
        return Deadline.none()
    if _IMMEDIATE.search(phrase):
        return Deadline(DeadlineKind.IMMEDIATE, published, phrase)
    if match := _WITHIN.search(phrase):
        if published is None:
            return Deadline.none(phrase)
        return Deadline(DeadlineKind.DATE, _within(match, published), phrase, interpreted=True)
    body = _LEAD.sub("", phrase).rstrip(" .,;:")
    if parsed := parse_date_text(body):
        return Deadline(DeadlineKind.DATE, parsed[0], phrase, interpreted=parsed[1])
    if re.fullmatch(r"\d{4}", body):
        return Deadline(DeadlineKind.DATE, date(int(body), 12, 31), phrase, interpreted=True)
    if match := _WORDY.search(phrase):
        day, month_name, year = match.groups()
        found = _safe_date(int(year), _MONTHS[month_name.casefold()], int(day))
        if found:
            return Deadline(DeadlineKind.DATE, found, phrase)
    return Deadline.none(phrase)
