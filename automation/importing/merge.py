"""Merging an extraction into the register: append what is new, never overwrite, report
differences. The plan is pure; applying it is the one guarded write to the officers' workbook."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from automation.core.errors import TrackerError
from automation.core.model import Item, Status, column_letter
from automation.core.register import Register
from automation.importing.result import ExtractedItem, ExtractedPublication, Extraction
from automation.register import formulas
from automation.register.cells import cell_text
from automation.register.read import Workbook
from automation.register.safe_write.write import WriteResult
from automation.register.schema import PUBLICATIONS, REGISTER, ColumnType, SheetSpec

FORMULA_FIELDS = (
    "publication",
    "ref",
    "status",
    "due",
    "rag",
    "target_date",
    "deadline_date",
    "deadline_text",
    "last_update",
)
DATE_FIELDS = frozenset(c.key for c in REGISTER.columns if c.type is ColumnType.DATE)


@dataclass(frozen=True)
class Difference:
    publication: str
    ref: str
    field: str
    in_register: str
    in_document: str
    where: str


@dataclass(frozen=True)
class MergePlan:
    publications: tuple[ExtractedPublication, ...]  # not yet on the Publications sheet
    items: tuple[tuple[ExtractedPublication, ExtractedItem], ...]  # not yet on the Register
    already: int  # items the register has already
    differences: tuple[Difference, ...]

    @property
    def empty(self) -> bool:
        return not self.publications and not self.items


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _deadline_date(item: ExtractedItem) -> date | None:
    return item.deadline if isinstance(item.deadline, date) else None


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _compared(item: ExtractedItem) -> dict[str, str]:
    deadline = _deadline_date(item)
    return {
        "text": item.text,
        "kind": item.kind.label,
        "parent_ref": item.parent_ref or "",
        "cause_for_concern": _yes_no(item.cause_for_concern),
        "deadline_text": item.deadline_text or "",
        "deadline_date": deadline.strftime("%d/%m/%Y") if deadline else "",
        "addressees": "; ".join(item.addressees),
        "applies_to_force": _yes_no(item.applies_to_force),
    }


def _in_register(item: Item) -> dict[str, str]:
    return {
        "text": item.text,
        "kind": item.kind.label if item.kind else "",
        "parent_ref": item.parent_ref,
        "cause_for_concern": _yes_no(item.cause_for_concern),
        "deadline_text": item.deadline_text,
        "deadline_date": item.deadline_date.strftime("%d/%m/%Y") if item.deadline_date else "",
        "addressees": item.addressees,
        "applies_to_force": _yes_no(item.applies_to_force),
    }


def _differences(existing: Item, found: ExtractedItem) -> Iterator[Difference]:
    ours, theirs = _in_register(existing), _compared(found)
    for field, value in theirs.items():
        if field in existing.columns and _key(ours[field]) != _key(value):
            yield Difference(
                existing.publication, existing.ref, field, ours[field], value, str(existing.cell(field))
            )


def plan_merge(extraction: Extraction, register: Register) -> MergePlan:
    """What importing ``extraction`` would add; an item already there (same publication and
    ref) is never changed, only compared."""
    items = {(_key(i.publication), _key(i.ref)): i for i in register.items}
    known_pubs = {_key(p.title) for p in register.publications}
    new_pubs: list[ExtractedPublication] = []
    new_items: list[tuple[ExtractedPublication, ExtractedItem]] = []
    differences: list[Difference] = []
    already = 0
    for publication in extraction.publications:
        if not publication.title.strip():
            continue
        if _key(publication.title) not in known_pubs:
            new_pubs.append(publication)
            known_pubs.add(_key(publication.title))
        for item in publication.items:
            existing = items.get((_key(publication.title), _key(item.ref)))
            if existing is None:
                new_items.append((publication, item))
                items[(_key(publication.title), _key(item.ref))] = Item(publication.title, item.ref, 0)
            elif existing.row:
                already += 1
                differences.extend(_differences(existing, item))
    return MergePlan(tuple(new_pubs), tuple(new_items), already, tuple(differences))


def register_row(publication: ExtractedPublication, item: ExtractedItem, note: str) -> dict[str, Any]:
    """A new Register row by field: Not started when it binds the force, else For information;
    owner left blank for the officer."""
    status = Status.NOT_STARTED if item.applies_to_force else Status.FOR_INFORMATION
    return {
        "publication": publication.title,
        "ref": item.ref,
        "status": status.label,
        "deadline_date": _deadline_date(item),
        "deadline_text": item.deadline_text or "",
        "text": item.text,
        "kind": item.kind.label,
        "cause_for_concern": _yes_no(item.cause_for_concern),
        "parent_ref": item.parent_ref or "",
        "addressees": "; ".join(item.addressees),
        "applies_to_force": _yes_no(item.applies_to_force),
        "notes": f"{note}; ref made up on import: the paper does not number this item"
        if item.ref_made_up
        else note,
    }


def publication_row(publication: ExtractedPublication) -> dict[str, Any]:
    kind = publication.kind or ""
    tracked = _yes_no(publication.tracked_via_business_assurance)
    return {
        "title": publication.title,
        "published": publication.published,
        "type": kind[:1].upper() + kind[1:],
        "tracked": tracked,
    }


def _by_header(row: Mapping[str, Any], headers: Mapping[str, str]) -> dict[str, Any]:
    """Field keys to the workbook's own header text (officers may use other names); blanks
    are left unwritten, as a blank cell is what the row already has."""
    return {
        headers[key]: cell_text(value) if isinstance(value, str) else value
        for key, value in row.items()
        if key in headers and value not in ("", None)
    }


def _headers(book: Workbook, spec: SheetSpec) -> tuple[str, dict[str, str]]:
    table = book.table(spec, search=spec is REGISTER)
    return table.sheet, {key: table.headers[index] for key, index in table.columns.items()}


def _complete_rows(sheet: Any, rows: list[int], letters: Mapping[str, str], ref_header: str) -> None:
    """New rows with no row above to copy from (an emptied register) still get the RAG and
    Due formulas and day-first dates."""
    if not rows:
        return
    can_rate = all(key in letters for key in FORMULA_FIELDS)
    orphan = sheet[f"{letters['ref']}{rows[0] - 1}"].value == ref_header  # nothing above to copy
    for row in rows:
        if can_rate:
            for key, formula in (("due", formulas.due_formula), ("rag", formulas.rag_formula)):
                cell = sheet[f"{letters[key]}{row}"]
                if cell.value is None:
                    cell.value = formula(row, letters)
        for key in DATE_FIELDS & set(letters) if orphan else ():
            cell = sheet[f"{letters[key]}{row}"]
            if cell.number_format in ("General", "yyyy-mm-dd"):  # openpyxl's own default
                cell.number_format = "dd/mm/yyyy"


class StalePlan(TrackerError):
    """The register gained some of the plan's items or publications after the plan was made
    (another import ran meanwhile): nothing was written; plan again."""


def _values(sheet: Any, column: int) -> dict[int, str]:
    """Row -> text of the cells holding a value in ``column`` (1-based), without creating
    cells for the empty rows in between."""
    cells = sheet._cells
    below = (cells.get((row, column)) for row in range(1, (max(cells)[0] if cells else 0) + 1))
    return {c.row: str(c.value) for c in below if c is not None and c.value not in (None, "")}


def _refuse_if_stale(
    plan: MergePlan, sheet: Any, letters: Mapping[str, str], pub_sheet: Any, pub_headers: Mapping[str, str]
) -> None:
    """Under the write lock, check the plan against the workbook as it now is."""
    from openpyxl.utils import column_index_from_string

    titles = _values(sheet, column_index_from_string(letters["publication"]))
    refs = _values(sheet, column_index_from_string(letters["ref"]))
    present = {(_key(titles.get(row, "")), _key(ref)) for row, ref in refs.items()}
    clash = [i.ref for p, i in plan.items if (_key(p.title), _key(i.ref)) in present]
    if clash:
        raise StalePlan(
            f"the register gained {clash[0]} (and maybe more) while this import was being prepared"
        )
    pub_column = _column_of(pub_sheet, pub_headers.get("title", ""))
    known = {_key(t) for t in _values(pub_sheet, pub_column).values()} if pub_column else set()
    if any(_key(p.title) in known for p in plan.publications):
        raise StalePlan("the register gained a publication while this import was being prepared")


def _column_of(sheet: Any, header: str) -> int | None:
    return next(
        (
            col
            for (row, col), c in sheet._cells.items()
            if row <= 50 and _key(str(c.value or "")) == _key(header)
        ),
        None,
    )


def apply_merge(
    path: Path, plan: MergePlan, note: str, *, backup_dir: Path | None = None, book: Workbook | None = None
) -> WriteResult:
    """Append the plan's publications and items through the guarded write (refuses while the
    workbook is open in Excel; backs up; verifies every pre-existing cell afterwards). ``book``
    is the workbook the plan was made from, when it is still open: its headers are used."""
    from automation.register.safe_write.append import append_rows
    from automation.register.safe_write.write import guarded_update

    book = book if book is not None else Workbook(path)
    register_sheet, register_headers = _headers(book, REGISTER)
    publication_sheet, publication_headers = _headers(book, PUBLICATIONS)
    letters = {key: column_letter(index + 1) for key, index in book.table(REGISTER).columns.items()}
    items: list[Mapping[str, Any]] = [
        _by_header(register_row(p, i, note), register_headers) for p, i in plan.items
    ]
    pubs: list[Mapping[str, Any]] = [
        _by_header(publication_row(p), publication_headers) for p in plan.publications
    ]

    def mutate(workbook: Any) -> None:
        sheet = workbook[register_sheet]
        _refuse_if_stale(plan, sheet, letters, workbook[publication_sheet], publication_headers)
        append_rows(workbook[publication_sheet], pubs)
        _complete_rows(sheet, append_rows(sheet, items), letters, register_headers["ref"])

    return guarded_update(path, mutate, backup_dir=backup_dir)
