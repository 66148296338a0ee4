"""An immediate deadline is one value from the paper to the review workbook and back:
``DeadlineKind.IMMEDIATE`` in the extraction, 'Immediately' in the workbook, 'immediate'
in JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from automation.core.model import DeadlineKind
from automation.importing import extract
from automation.importing.json_out import to_json_dict
from automation.importing.readers.text import parse_text
from automation.importing.review import write_review
from automation.importing.review_read import read_review

PAPER = (
    "Custody in Eastfield: an inspection\nPublished: 4 March 2026\n\nRecommendations\n"
    "Recommendation 1: Immediately, the force should stop strip-searching children without "
    "an appropriate adult present.\n"
    "Recommendation 2: By 30 June 2026, the force should review its custody staffing.\n"
)


def test_an_immediate_deadline_is_the_enum_value_not_a_word() -> None:
    found = extract(parse_text(PAPER))
    deadlines = [item.deadline for item in found.publications[0].items]
    assert deadlines == [DeadlineKind.IMMEDIATE, date(2026, 6, 30)]
    items = to_json_dict(found)["publications"][0]["items"]
    assert [i["deadline"] for i in items] == ["immediate", "2026-06-30"]


def test_an_immediate_deadline_survives_the_review_workbook(tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    write_review(extract(parse_text(PAPER)), review, "custody.txt", date(2026, 3, 9))
    sheet = openpyxl.load_workbook(review)["Review"]
    assert "Immediately" in [cell.value for cell in sheet[2]]
    extraction, _ = read_review(review)
    assert [item.deadline for _, item in extraction.items] == [DeadlineKind.IMMEDIATE, date(2026, 6, 30)]
