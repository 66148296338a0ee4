"""The import job: a paper's publications and items added to the register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.importing.merge import MergePlan
from automation.importing.result import Extraction
from automation.register.load import load_register
from automation.register.read import refuse_unwritable
from automation.register.safe_write.write import WriteResult


@dataclass(frozen=True)
class Imported:
    source: Path
    extraction: Extraction
    plan: MergePlan
    written: WriteResult | None


def import_paper(register_path: Path, paper: Path, today: date, *, dry_run: bool = False) -> Imported:
    """Extract a paper's publications and items and append the new ones to the register
    (never overwriting an item it already has); with ``dry_run``, only plan."""
    from automation.importing import extract_file
    from automation.importing.merge import apply_merge, plan_merge

    if not dry_run:
        refuse_unwritable(register_path)  # before the paper is read: the answer will be the same
    extraction = extract_file(paper)
    plan = plan_merge(extraction, load_register(register_path))
    written = None
    if not dry_run and not plan.empty and extraction.items:  # a paper with no items adds nothing
        note = f"Imported from {paper.name} on {today:%d/%m/%Y}"
        written = apply_merge(register_path, plan, note)
    return Imported(paper, extraction, plan, written)
