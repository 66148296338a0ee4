"""The import jobs: a paper's items added to the register in one step, or reviewed first.

- ``import_paper``: extract and add the items the importer is confident of; candidates
  below the threshold are reported, never written.
- ``review_paper``: extract and write every candidate to a review workbook; the register
  is not touched.
- ``accept_review``: add exactly the rows the officer ticked in that workbook, as edited.

Every write to the register is the guarded one (``importing.merge.apply_merge``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.importing.merge import MergePlan
from automation.importing.result import Extraction
from automation.register.load import ITEM_FIELDS, load_book
from automation.register.read import Workbook
from automation.register.safe_write.guards import check_writable
from automation.register.safe_write.write import WriteResult


@dataclass(frozen=True)
class Imported:
    source: Path
    extraction: Extraction
    plan: MergePlan
    written: WriteResult | None
    reviewed: Path | None = None  # the review workbook the rows came from


@dataclass(frozen=True)
class Reviewed:
    source: Path
    extraction: Extraction
    review: Path
    rows: int


def import_paper(register_path: Path, paper: Path, today: date, *, dry_run: bool = False) -> Imported:
    """Extract a paper's publications and items and append the new ones to the register
    (never overwriting an item it already has); with ``dry_run``, only plan."""
    from automation.importing import extract_file

    if not dry_run:
        check_writable(register_path)  # before the paper is read: the answer will be the same
    return _merge(register_path, extract_file(paper), paper, today, dry_run, None)


def review_paper(paper: Path, review: Path, today: date) -> Reviewed:
    """Every candidate of the paper, in a review workbook for the officer to tick and edit."""
    from automation.core.errors import CannotRun
    from automation.importing import extract_file
    from automation.importing.review import write_review

    if review.suffix.casefold() != ".xlsx":
        raise CannotRun(
            "the review workbook must be an .xlsx file", where=str(review), fix="name it e.g. review.xlsx"
        )
    if review.exists():
        raise CannotRun("the review workbook already exists", where=str(review), fix="choose another name")
    extraction = extract_file(paper)
    try:
        rows = write_review(extraction, review, paper.name, today)
    except OSError as error:
        raise CannotRun(f"cannot write the review workbook: {error.strerror}", where=str(review)) from error
    return Reviewed(paper, extraction, review, rows)


def accept_review(register_path: Path, review: Path, today: date, *, dry_run: bool = False) -> Imported:
    """Add the rows ticked Include in a review workbook, as the officer left them."""
    from automation.importing.review_read import read_review

    if not dry_run:
        check_writable(register_path)
    extraction, paper = read_review(review)
    return _merge(register_path, extraction, Path(paper or review.name), today, dry_run, review)


def _merge(
    register_path: Path, extraction: Extraction, paper: Path, today: date, dry_run: bool, review: Path | None
) -> Imported:
    from automation.importing.merge import StalePlan, apply_merge, plan_merge

    reviewed = f", reviewed in {review.name}," if review is not None else ""
    note = f"Imported from {paper.name}{reviewed} on {today:%d/%m/%Y}"
    for _ in range(3):  # another import may add items between planning and the write lock
        book = Workbook(register_path)  # read once: to plan, and for the headers to write under
        # every item field, but none of the checks a plan does not need (owners, formula cells)
        plan = plan_merge(extraction, load_book(book, for_rating=True, also=ITEM_FIELDS))
        if dry_run or plan.empty or not extraction.items:  # a paper with no items adds nothing
            return Imported(paper, extraction, plan, None, review)
        try:
            return Imported(
                paper, extraction, plan, apply_merge(register_path, plan, note, book=book), review
            )
        except StalePlan:
            continue  # plan again against the register as the other import left it
    raise StalePlan("other imports kept changing the register", fix="run the import again")
