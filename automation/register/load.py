"""The typed register: items, owners, publications and settings, with reading problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from automation.errors import RegisterLayoutError
from automation.model import CellRef, Item, Owner, Publication, Settings
from automation.problems import Problem, Severity, error
from automation.register import cells
from automation.register.read import SheetTable, Workbook
from automation.register.schema import (
    OWNERS,
    PUBLICATIONS,
    REGISTER,
    SETTINGS,
    SETTINGS_SHEET,
    ColumnType,
    SheetSpec,
    normalise,
)  # fmt: skip

Converter = Callable[[Any, CellRef, list[Problem]], Any]
_CONVERTERS: dict[ColumnType, Converter] = {
    ColumnType.DATE: cells.as_date,
    ColumnType.YES_NO: cells.as_yes_no,
    ColumnType.KIND: cells.as_kind,
    ColumnType.STATUS: cells.as_status,
}


@dataclass(frozen=True)
class Register:
    """Everything read from the workbook. ``problems`` are those found while reading."""

    path: Path
    items: tuple[Item, ...]
    owners: tuple[Owner, ...]
    publications: tuple[Publication, ...]
    settings: Settings
    problems: tuple[Problem, ...]
    extra_columns: tuple[str, ...] = ()

    @cached_property
    def _publications(self) -> dict[str, Publication]:
        found: dict[str, Publication] = {}
        for publication in self.publications:
            found.setdefault(publication.title.casefold(), publication)
        return found

    @cached_property
    def _owners(self) -> dict[str, Owner]:
        found: dict[str, Owner] = {}
        for owner in self.owners:
            found.setdefault(owner.name.casefold(), owner)
        return found

    def publication(self, title: str) -> Publication | None:
        return self._publications.get(title.casefold())

    def owner(self, name: str) -> Owner | None:
        return self._owners.get(name.casefold())

    def published(self, item: Item) -> Any:
        found = self.publication(item.publication)
        return found.published if found else None


def _typed_rows(
    table: SheetTable, spec: SheetSpec, problems: list[Problem]
) -> list[tuple[int, dict[str, Any]]]:
    """Each row's values by field, converted by column type; problems collected."""
    plan = [
        (column.key, table.columns[column.key], _CONVERTERS.get(column.type))
        for column in spec.columns
        if column.key in table.columns and column.type is not ColumnType.FORMULA
    ]
    out = []
    for number, values in table.rows:
        row: dict[str, Any] = {}
        for key, index, convert in plan:
            value = values[index] if index < len(values) else ""
            if isinstance(value, str) and value[:1] == "#" and cells.is_excel_error(value):
                where = CellRef(table.sheet, number, index + 1)
                problems.append(cells.excel_error_problem(where, value))
                value = ""
            if convert is None:
                row[key] = value.strip() if isinstance(value, str) else cells.as_text(value)
            else:
                row[key] = convert(value, CellRef(table.sheet, number, index + 1), problems)
        out.append((number, row))
    return out


def _one_based(table: SheetTable) -> Mapping[str, int]:
    return {key: index + 1 for key, index in table.columns.items()}


def _extra(table: SheetTable, values: Any) -> dict[str, Any]:
    return {h: values[i] for h, i in table.extra.items() if i < len(values) and values[i] != ""}


def _items(table: SheetTable, problems: list[Problem]) -> tuple[Item, ...]:
    columns = _one_based(table)
    typed = _typed_rows(table, REGISTER, problems)
    items = []
    for (number, row), (_, values) in zip(typed, table.rows, strict=True):
        row["cause_for_concern"] = bool(row.get("cause_for_concern"))
        extra = _extra(table, values) if table.extra else {}
        items.append(Item(row=number, sheet=table.sheet, columns=columns, extra=extra, **row))
    return tuple(items)


def _owners(table: SheetTable, problems: list[Problem]) -> tuple[Owner, ...]:
    columns = _one_based(table)
    return tuple(
        Owner(row=number, sheet=table.sheet, columns=columns, **row)
        for number, row in _typed_rows(table, OWNERS, problems)
    )


def _publications(table: SheetTable, problems: list[Problem]) -> tuple[Publication, ...]:
    columns = _one_based(table)
    out = []
    for number, row in _typed_rows(table, PUBLICATIONS, problems):
        row["tracked_at_assurance_meeting"] = row.pop("tracked", None)
        out.append(Publication(row=number, sheet=table.sheet, columns=columns, **row))
    return tuple(out)


def _settings(book: Workbook, problems: list[Problem]) -> Settings:
    """Thresholds by their labels on the Settings sheet; defaults when absent."""
    sheet = next((s for s in book.sheet_names if normalise(s) == normalise(SETTINGS_SHEET)), None)
    values = {spec.key: spec.default for spec in SETTINGS}
    if sheet is None:
        return Settings(**values)
    labels = {normalise(spec.label): spec for spec in SETTINGS}
    for number, row in enumerate(book.rows(sheet), start=1):
        for index, cell in enumerate(row[:-1]):
            spec = labels.get(normalise(cell)) if isinstance(cell, str) else None
            if spec is None:
                continue
            value = row[index + 1]
            if isinstance(value, float) and value.is_integer() and value >= 0:
                values[spec.key] = int(value)
            else:
                problems.append(error(
                    CellRef(sheet, number, index + 2), value,
                    f"{spec.label} must be a whole number of days",
                    f"type a number such as {spec.default}; until then {spec.default} is used",
                ))  # fmt: skip
    return Settings(**values)


def _optional_table(book: Workbook, spec: SheetSpec, problems: list[Problem]) -> SheetTable | None:
    try:
        return book.table(spec, search=False)
    except RegisterLayoutError as exc:
        problems.append(Problem(Severity.ERROR, spec.name, "", "", exc.what, exc.fix))
        return None


def _error_cells(book: Workbook, sheets: list[str]) -> list[Problem]:
    found = []
    for sheet in sheets:
        for a1 in book.error_cells(sheet):
            found.append(Problem(
                Severity.ERROR, sheet, a1, "#error", "holds an Excel error value",
                "correct the formula or the cells it refers to, or clear the cell",
                int("".join(ch for ch in a1 if ch.isdigit())),
            ))  # fmt: skip
    return found


def load_register(path: Path) -> Register:
    """Read the register. Raises RegisterUnreadable or RegisterLayoutError (no Register sheet
    or required column); every other problem is collected on ``Register.problems``."""
    book = Workbook(path)
    problems: list[Problem] = []
    register_table = book.table(REGISTER)
    items = _items(register_table, problems)
    owners_table = _optional_table(book, OWNERS, problems)
    publications_table = _optional_table(book, PUBLICATIONS, problems)
    owners = _owners(owners_table, problems) if owners_table else ()
    publications = _publications(publications_table, problems) if publications_table else ()
    settings = _settings(book, problems)
    read = [t.sheet for t in (register_table, owners_table, publications_table) if t]
    problems.extend(_error_cells(book, read))
    return Register(
        path, items, owners, publications, settings, tuple(problems),
        tuple(register_table.extra),
    )  # fmt: skip
