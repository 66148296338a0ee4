"""The officer reviews before anything is written: `tracker import PAPER --review FILE.xlsx`
writes every candidate to a workbook; `tracker import --accept FILE.xlsx` adds exactly the
rows ticked Include, as edited, through the guarded write; plain `tracker import PAPER`
adds the confident items, lists the rest and warns about a publication with no items."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from automation.cli import main
from automation.register.load import load_register
from automation.register.template import write_register

PAPER = """\
Joint inspection of police custody in Eastfield

Published: 4 March 2026

Summary
Detainees are generally well treated. Forces need to be able to show that every detainee is offered legal advice.

Recommendations
Recommendation 1: By 30 June 2026, the force should review its custody staffing.
Recommendation 2: =HYPERLINK("http://example.invalid","the force should audit its records")

Annex: The Independent Custody Visitors scheme

Published: 4 March 2026
"""


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("automation.run.clock.today_in", lambda zone: date(2026, 3, 9))
    write_register(tmp_path / "tracker.xlsx")
    (tmp_path / "custody.txt").write_text(PAPER, encoding="utf-8")
    return tmp_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_review_writes_every_candidate_and_leaves_the_register_alone(folder: Path) -> None:
    before = _digest(folder / "tracker.xlsx")
    result = CliRunner().invoke(main, ["import", "custody.txt", "--review", "review.xlsx"])
    assert (result.exit_code, result.output) == (
        0,
        "custody.txt: 1 publication, 3 candidates, 2 of them preset to Include.\n"
        "Wrote review.xlsx: tick Include for the rows to add and correct any field, then run\n"
        "  tracker import --accept review.xlsx\n",
    )
    assert _digest(folder / "tracker.xlsx") == before
    sheet = openpyxl.load_workbook(folder / "review.xlsx")["Review"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(row[0], row[4], row[1]) for row in rows] == [
        ("No", "Candidate 1", 0.3),
        ("Yes", "Recommendation 1", 0.95),
        ("Yes", "Recommendation 2", 0.95),
    ]
    assert rows[1][2] == "labelled 'Recommendation 1'"
    assert rows[1][11].date() == date(2026, 6, 30)
    formula = sheet["O4"]
    assert formula.data_type == "s" and str(formula.value).startswith("=HYPERLINK(")  # text, never a formula


def test_accept_adds_exactly_the_ticked_rows_as_edited(folder: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["import", "custody.txt", "--review", "review.xlsx"])
    book = openpyxl.load_workbook(folder / "review.xlsx")
    sheet = book["Review"]
    sheet["A2"], sheet["E2"], sheet["L2"] = "Yes", "Finding 1", "31/12/2026"  # ticked and given a ref
    sheet["A4"] = "No"  # left out
    book.save(folder / "review.xlsx")
    result = runner.invoke(main, ["import", "--accept", "review.xlsx"])
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines[:5] == [
        "review.xlsx: 2 rows ticked Include, from custody.txt.",
        "Added 1 publication and 2 items to tracker.xlsx:",
        "  Ref                 Kind                  Deadline    Force  Status           Publication",
        "  Finding 1           Recommendation        31/12/2026  yes    Not started      Joint inspection of police custody in E…",
        "  Recommendation 1    Recommendation        30/06/2026  yes    Not started      Joint inspection of police custody in E…",
    ]
    assert re.fullmatch(r"Saved tracker\.xlsx; the previous version is kept as .+\.xlsx\.", lines[5])
    register = load_register(folder / "tracker.xlsx")
    assert [(item.ref, item.notes) for item in register.items] == [
        ("Finding 1", "Imported from custody.txt, reviewed in review.xlsx, on 09/03/2026; ref made up on import: "
                      "the paper does not number this item"),
        ("Recommendation 1", "Imported from custody.txt, reviewed in review.xlsx, on 09/03/2026"),
    ]  # fmt: skip


def test_accept_names_the_cells_it_cannot_read_and_writes_nothing(folder: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["import", "custody.txt", "--review", "review.xlsx"])
    book = openpyxl.load_workbook(folder / "review.xlsx")
    book["Review"]["L3"], book["Review"]["G4"] = "soon", "Wish"
    book.save(folder / "review.xlsx")
    before = _digest(folder / "tracker.xlsx")
    result = runner.invoke(main, ["import", "--accept", "review.xlsx"])
    assert (result.exit_code, result.output) == (
        2,
        "tracker: review.xlsx: the review cannot be added as it stands: Review!L3 'soon' is not a date, "
        "'Immediately' or blank; Review!G4 'Wish' is not a kind of item (correct those cells (or set Include "
        "to No for those rows), save, and run --accept again)\n",
    )
    assert _digest(folder / "tracker.xlsx") == before


def test_plain_import_adds_the_confident_items_lists_the_rest_and_warns(folder: Path) -> None:
    result = CliRunner().invoke(main, ["import", "custody.txt"])
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines[:8] == [
        "custody.txt: 1 publication, 2 items found.",
        "Added 1 publication and 2 items to tracker.xlsx:",
        "  Ref                 Kind                  Deadline    Force  Status           Publication",
        "  Recommendation 1    Recommendation        30/06/2026  yes    Not started      Joint inspection of police custody in E…",
        "  Recommendation 2    Recommendation                    no     For information  Joint inspection of police custody in E…",
        "Not added, 1 candidate below the threshold (see them with --review):",
        "  Candidate 1      30%  Forces need to be able to show that every detainee is offer…  Joint inspection of police cu…",
        lines[7],
    ]
    assert lines[7].startswith("Saved tracker.xlsx")


def test_a_publication_with_no_items_is_a_warning_naming_it(folder: Path) -> None:
    (folder / "two.md").write_text(
        "# Reports this month\n\n## Custody in Eastfield: an inspection\n\nPublished: 4 March 2026\n\n"
        "**Recommendation 1:** By 30 June 2026, the force should review its custody staffing.\n\n"
        "## State of Policing 2025\n\nPublished: 10 March 2026\n\nThe annual assessment makes no recommendations.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", "two.md", "--dry-run"])
    assert result.exit_code == 0
    assert "warning  State of Policing 2025: no items found" in result.output.splitlines()


def test_usage_mistakes_are_exit_2(folder: Path) -> None:
    runner = CliRunner()
    nothing = runner.invoke(main, ["import"])
    assert (nothing.exit_code, nothing.output) == (
        2,
        "tracker: nothing to import (give the PAPER to import, or --accept FILE.xlsx)\n",
    )
    both = runner.invoke(main, ["import", "custody.txt", "--accept", "review.xlsx"])
    assert (both.exit_code, both.output) == (
        2,
        "tracker: --accept takes the review workbook only (give no PAPER and no --review with it)\n",
    )
    (folder / "review.xlsx").write_bytes(b"")
    again = runner.invoke(main, ["import", "custody.txt", "--review", "review.xlsx"])
    assert (again.exit_code, again.output) == (
        2,
        "tracker: review.xlsx: the review workbook already exists (choose another name)\n",
    )


def test_with_no_items_the_candidates_warnings_and_notes_are_still_shown(folder: Path) -> None:
    (folder / "findings.txt").write_text(
        "Custody in Westfield: an inspection\n\nPublished: 4 March 2026\n\nSummary\n"
        "Forces need to be able to show that every detainee is offered legal advice.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", "findings.txt", "--dry-run"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "No recommendations, areas for improvement or actions were found in findings.txt; nothing was "
        "written. Is it the right file?",
        "Not added, 1 candidate below the threshold (see them with --review):",
        "  Candidate 1      30%  Forces need to be able to show that every detainee is offer…  Custody in Westfield: an insp…",
        "warning  Custody in Westfield: an inspection: no items found",
    ]


def test_a_deadline_before_publication_is_noted(folder: Path) -> None:
    (folder / "late.txt").write_text(
        "Custody in Westfield: an inspection\n\nPublished: 4 March 2026\n\nRecommendations\n"
        "Recommendation 1: By 31 January 2026, the force should review its custody staffing.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", "late.txt", "--dry-run"])
    assert (
        "note     Custody in Westfield: an inspection: Recommendation 1 is due 31/01/2026, before "
        "publication (04/03/2026); kept as written."
    ) in result.output.splitlines()


def test_a_pdf_locked_with_a_password_says_so(folder: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(folder / "locked.pdf"), encrypt="secret")
    pdf.drawString(72, 700, "Recommendation 1: The force should review its custody staffing.")
    pdf.showPage()
    pdf.save()
    result = CliRunner().invoke(main, ["import", "locked.pdf"])
    assert (result.exit_code, result.output) == (
        2,
        "tracker: locked.pdf: this PDF is locked with a password (open it with its password and save an "
        "unprotected copy, or print it to PDF, then import that)\n",
    )


def test_a_word_document_given_as_the_register_is_named_as_such(folder: Path) -> None:
    import docx

    docx.Document().save(str(folder / "paper.docx"))
    result = CliRunner().invoke(main, ["import", "custody.txt", "--register", "paper.docx", "--dry-run"])
    assert (result.exit_code, result.output) == (
        2,
        "tracker: paper.docx is a Word document, not a workbook (give the register workbook (.xlsx) "
        "itself, with --register or register = in tracker.toml)\n",
    )
