"""A review workbook as an officer's spreadsheet saves it: opened and saved again by
LibreOffice, it still reads back, and text from the paper is still text, not a formula."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from automation.importing import extract
from automation.importing.readers.text import parse_text
from automation.importing.review import write_review
from automation.importing.review_read import read_review

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

PAPER = (
    "Custody in Eastfield: an inspection\nPublished: 4 March 2026\n\nRecommendations\n"
    "Recommendation 1: By 30 June 2026, the force should review its custody staffing.\n"
    'Recommendation 2: =HYPERLINK("http://example.invalid","the force should audit its records")\n'
)


def test_a_review_saved_again_by_libreoffice_reads_back_the_same(tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    write_review(extract(parse_text(PAPER)), review, "custody.txt", date(2026, 3, 9))
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "saved"),
            str(review),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "saved" / "review.xlsx"
    cell = openpyxl.load_workbook(saved)["Review"]["O3"]
    assert cell.data_type == "s" and str(cell.value).startswith("=HYPERLINK(")
    extraction, paper = read_review(saved)
    assert paper == "custody.txt"
    assert [(item.ref, item.deadline) for _, item in extraction.items] == [
        ("Recommendation 1", date(2026, 6, 30)),
        ("Recommendation 2", None),
    ]
