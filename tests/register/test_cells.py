"""The cell helpers: raw workbook values turned into typed values, with a problem when one
will not go."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from automation.core.model import CellRef, Kind, Status
from automation.core.problems import Problem, Severity
from automation.register import cells

WHERE = CellRef("Register", 7, 8)


def convert(function, value):
    problems: list[Problem] = []
    return function(value, WHERE, problems), problems


@pytest.mark.parametrize(
    "value, expected",
    [(date(2021, 8, 31), date(2021, 8, 31)), (datetime(2021, 8, 31, 17, 30), date(2021, 8, 31)), ("", None)],
)
def test_real_dates_and_blanks_need_no_comment(value, expected):
    assert convert(cells.as_date, value) == (expected, [])


def test_a_date_typed_as_text_is_read_day_first_and_warned_about():
    found, [problem] = convert(cells.as_date, "04/05/2021")
    assert found == date(2021, 5, 4)
    assert (problem.severity, problem.where, problem.value) == (Severity.WARNING, "Register!H7", "04/05/2021")
    assert "Excel's RAG formula cannot use" in problem.message


def test_a_month_alone_is_its_last_day_and_says_so():
    found, [problem] = convert(cells.as_date, "February 2024")
    assert found == date(2024, 2, 29)
    assert problem.severity is Severity.WARNING and "read as 29/02/2024" in problem.message


@pytest.mark.parametrize(
    "value, message",
    [
        ("31/02/2021", "is not a date"),
        ("soon", "is not a date"),
        (44439, "is a number, not a date"),
        (True, "is not a date"),
    ],
)
def test_what_is_not_a_date_is_an_error_with_a_fix(value, message):
    found, [problem] = convert(cells.as_date, value)
    assert found is None
    assert (problem.severity, problem.message) == (Severity.ERROR, message)
    assert problem.fix


@pytest.mark.parametrize(
    "value, expected", [("Yes", True), (" no ", False), ("Y", True), (True, True), ("", None)]
)
def test_yes_and_no_in_their_usual_spellings(value, expected):
    assert convert(cells.as_yes_no, value) == (expected, [])


def test_anything_else_is_not_yes_or_no():
    found, [problem] = convert(cells.as_yes_no, "maybe")
    assert found is None and problem.message == "is not Yes or No"


@pytest.mark.parametrize("value", ["Area for improvement", "area for improvement", "AREA_FOR_IMPROVEMENT"])
def test_kinds_match_loosely(value):
    assert convert(cells.as_kind, value) == (Kind.AREA_FOR_IMPROVEMENT, [])


def test_an_unknown_kind_lists_the_choices():
    found, [problem] = convert(cells.as_kind, "Suggestion")
    assert found is None and "Recommendation, Cause of concern" in problem.fix


def test_statuses_match_the_list_in_any_case():
    assert convert(cells.as_status, "closed") == (Status.CLOSED, [])
    assert convert(cells.as_status, "Complete \u2013 awaiting sign-off") == (Status.AWAITING_SIGN_OFF, [])


def test_a_near_miss_status_suggests_the_right_one():
    found, [problem] = convert(cells.as_status, "Complete - awaiting sign-off")
    assert found is None
    assert "did you mean 'Complete \u2013 awaiting sign-off'?" in problem.message


@pytest.mark.parametrize(
    ("value", "status"), [("Closed ", Status.CLOSED), ("  In  progress ", Status.IN_PROGRESS)]
)
def test_stray_spaces_in_a_status_are_trimmed_as_excel_trims_them_with_a_warning(value, status):
    found, [problem] = convert(cells.as_status, value)
    assert found is status
    assert problem.severity is Severity.WARNING
    assert problem.message == f"has stray spaces; read as '{status.label}' (the RAG formula trims them too)"


def test_a_non_breaking_space_is_not_trimmed_as_excel_does_not_trim_it():
    found, [problem] = convert(cells.as_status, "Closed\u00a0")
    assert found is None and problem.severity is Severity.ERROR


def test_a_status_of_only_spaces_is_an_error():
    found, [problem] = convert(cells.as_status, "   ")
    assert found is None and problem.message == "holds only spaces"


def test_excel_error_values_are_recognised_and_reported():
    assert cells.is_excel_error(" #n/a ") and not cells.is_excel_error("N/A") and not cells.is_excel_error(3)
    problem = cells.excel_error_problem(WHERE, "#REF!")
    assert (problem.severity, problem.where, problem.value) == (Severity.ERROR, "Register!H7", "#REF!")


@pytest.mark.parametrize(
    "value, text", [("  padded  ", "padded"), (3.0, "3"), (date(2021, 1, 2), "02/01/2021")]
)
def test_text_is_trimmed_and_other_values_shown_as_an_officer_would_read_them(value, text):
    assert cells.as_text(value) == text
