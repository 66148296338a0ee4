from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from automation.core.deadlines import add_months, parse_date_text, resolve_deadline
from automation.core.model import DeadlineKind

PUBLISHED = date(2021, 8, 24)


@pytest.mark.parametrize(
    ("text", "kind", "expected", "interpreted"),
    [
        ("By 31 August 2021", DeadlineKind.DATE, date(2021, 8, 31), False),
        ("By 1 July 2022", DeadlineKind.DATE, date(2022, 7, 1), False),
        ("By March 2022", DeadlineKind.DATE, date(2022, 3, 31), True),
        ("By February 2024", DeadlineKind.DATE, date(2024, 2, 29), True),
        ("By 30th September 2021", DeadlineKind.DATE, date(2021, 9, 30), False),
        ("By 31st March 2022", DeadlineKind.DATE, date(2022, 3, 31), False),
        ("by the end of December 2021", DeadlineKind.DATE, date(2021, 12, 31), True),
        ("Immediately", DeadlineKind.IMMEDIATE, PUBLISHED, False),
        ("With immediate effect", DeadlineKind.IMMEDIATE, PUBLISHED, False),
        ("immediate", DeadlineKind.IMMEDIATE, PUBLISHED, False),
        (
            "within six months of the date of publication of this report",
            DeadlineKind.DATE,
            date(2022, 2, 24),
            True,
        ),
        ("within 3 months", DeadlineKind.DATE, date(2021, 11, 24), True),
        ("within twelve weeks", DeadlineKind.DATE, date(2021, 11, 16), True),
        ("By Winter 2021", DeadlineKind.NONE, None, False),
        ("as soon as possible", DeadlineKind.NONE, None, False),
        ("", DeadlineKind.NONE, None, False),
        ("By 31/02/2022", DeadlineKind.NONE, None, False),
    ],
)
def test_phrases_resolve_as_domain_says(text, kind, expected, interpreted):
    deadline = resolve_deadline(text, PUBLISHED)
    assert deadline.kind is kind
    assert deadline.date == expected
    assert deadline.interpreted is interpreted
    assert deadline.text == text.strip()


def test_vague_phrase_keeps_its_words():
    assert resolve_deadline("  By   Winter 2021 ").text == "By Winter 2021"


def test_within_months_needs_a_publication_date():
    assert resolve_deadline("within six months").kind is DeadlineKind.NONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/08/2021", date(2021, 8, 31)),
        ("03/04/2022", date(2022, 4, 3)),  # day first, never US order
        ("3/4/22", date(2022, 4, 3)),
        ("2021-08-31", date(2021, 8, 31)),
        ("31 Aug 2021", date(2021, 8, 31)),
        ("31st August 2021", date(2021, 8, 31)),
        ("Tuesday 31 August 2021", date(2021, 8, 31)),
    ],
)
def test_date_text_is_day_first(text, expected):
    assert parse_date_text(text) == (expected, False)


@pytest.mark.parametrize("text", ["31/13/2021", "29/02/2021", "August 31 2021", "soon", "44439"])
def test_not_dates(text):
    assert parse_date_text(text) is None


def test_month_only_is_end_of_month_and_interpreted():
    assert parse_date_text("March 2022") == (date(2022, 3, 31), True)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=0, max_value=48)
)
def test_add_months_lands_in_the_right_month_and_never_overshoots(start, months):
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_any_written_date_round_trips(day):
    for text in (f"By {day:%d %B %Y}", f"By {day.day}th {day:%B %Y}", f"{day:%d/%m/%Y}"):
        assert resolve_deadline(text).date == day
