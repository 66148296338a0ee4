"""The typed register: items, owners, publications and settings, with reading problems."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from automation.core.errors import RegisterLayoutError
from automation.core.model import (
    CellRef,
    Item,
    Owner,
    Publication,
    Settings,
    column_letter,
)
from automation.core.pauses import no_gc_pauses
from automation.core.problems import Problem, Severity, error, warning
from automation.core.rating import SIGN_OFF_FIELDS
from automation.core.register import Register
from automation.core.updates import Update
from automation.register.book_checks import error_cells, missing_formulas, sheet_choice, strays
from automation.register.headers import headerless_columns
from automation.register.read import Workbook
from automation.register.schema import (
    OWNERS,
    PUBLICATIONS,
    REGISTER,
    SETTINGS,
    SETTINGS_SHEET,
    UPDATES,
    ColumnType,
    SheetSpec,
    normalise,
)
from automation.register.tables import SheetTable
from automation.register.typed import typed_columns, typed_rows


def _one_based(table: SheetTable) -> Mapping[str, int]:
    return {key: index + 1 for key, index in table.columns.items()}


def _extra(table: SheetTable, values: Any) -> dict[str, Any]:
    return {h: values[i] for h, i in table.extra.items() if i < len(values) and values[i] != ""}


RATING_FIELDS = frozenset(
    (
        "publication",
        "ref",
        "owner",
        "status",
        "target_date",
        "deadline_date",
        "deadline_text",
        "last_update",
        *SIGN_OFF_FIELDS,
    )
)


def _unsaved_cells(
    book: Workbook, table: SheetTable, fields: frozenset[str] | None, *, complete: bool
) -> dict[int, tuple[str, ...]]:
    """Row -> the fields whose cells hold a formula with no saved value (calamine reads
    them as blank, which they are not)."""
    keys, formulas = {}, []
    for c in REGISTER.columns:
        if c.key not in table.columns:
            continue
        letter = column_letter(table.columns[c.key] + 1)
        if c.type is ColumnType.FORMULA:
            formulas.append(letter)
        elif fields is None or c.key in fields:
            keys[letter] = c.key
    found = book.unsaved_formulas(table.sheet, set(keys), complete=complete, formulas=formulas)
    return {row: tuple(sorted(keys[letter] for letter in letters)) for row, letters in found.items()}


def _unsaved_problems(table: SheetTable, number: int, keys: tuple[str, ...]) -> list[Problem]:
    return [
        error(
            table.ref(number, key),
            "",
            "holds a formula with no saved value (written by a program that does not calculate), "
            "so tracker cannot read it",
            "open the workbook in Excel and save it: Excel saves each formula's value",
        )
        for key in keys
    ]


def _items(
    table: SheetTable,
    problems: list[Problem],
    fields: frozenset[str] | None,
    unsaved: dict[int, tuple[str, ...]],
) -> tuple[Item, ...]:
    """One Item per row with a Publication or Ref, made column by column (this is every
    command's hot path: each item costs one dict)."""
    keys, typed = typed_columns(table, REGISTER, problems, fields)
    columns: list[Any] = typed
    if "cause_for_concern" in keys:
        at = keys.index("cause_for_concern")
        columns[at] = [bool(v) for v in columns[at]]
    numbers = list(map(itemgetter(0), table.rows))
    keys += ["row", "sheet", "columns"]
    columns += [numbers, repeat(table.sheet), repeat(_one_based(table))]
    if table.extra and fields is None:
        keys.append("extra")
        columns.append([_extra(table, values) for _, values in table.rows])
    if unsaved:  # never read as blank: reported, and the item is not rated
        keys.append("unread")
        columns.append([unsaved.get(number, ()) for number in numbers])
    dropped = _rows_without_key(table, numbers, keys, columns, problems, unsaved)
    if dropped:
        columns = [_without(column, dropped) for column in columns]
    return tuple(Item.from_columns(keys, columns))


def _rows_without_key(
    table: SheetTable,
    numbers: list[int],
    keys: list[str],
    columns: list[Any],
    problems: list[Problem],
    unsaved: dict[int, tuple[str, ...]],
) -> set[int]:
    """Places of the rows with neither Publication nor Ref (not items), and the problems of
    those rows and of rows with formulas that have no saved value, in row order."""
    pubs, refs = columns[keys.index("publication")], columns[keys.index("ref")]  # required columns
    dropped: set[int] = set()
    if not all(pubs):  # searched in C: most registers have a Publication in every row
        dropped = {n for n, (p, r) in enumerate(zip(pubs, refs, strict=True)) if not p and not r}
    marked = {n for n, number in enumerate(numbers) if number in unsaved} if unsaved else set[int]()
    for n in sorted(dropped | marked):
        number = numbers[n]
        if number in unsaved:
            problems.extend(_unsaved_problems(table, number, unsaved[number]))
        if n in dropped:
            problems.append(
                warning(
                    table.ref(number, "publication"),
                    "",
                    "row has data but no Publication or Ref, so it is not an item",
                    "fill in its Publication and Ref, or clear the row",
                )
            )
    return dropped


def _without(column: Any, dropped: set[int]) -> Any:
    if isinstance(column, repeat):
        return column
    return [value for n, value in enumerate(column) if n not in dropped]


def _owners(table: SheetTable, problems: list[Problem]) -> tuple[Owner, ...]:
    columns = _one_based(table)
    return tuple(
        Owner(row=number, sheet=table.sheet, columns=columns, **row)
        for number, row in typed_rows(table, OWNERS, problems)
    )


def _publications(table: SheetTable, problems: list[Problem]) -> tuple[Publication, ...]:
    columns = _one_based(table)
    out = []
    for number, row in typed_rows(table, PUBLICATIONS, problems):
        row["tracked_at_assurance_meeting"] = row.pop("tracked", None)
        out.append(Publication(row=number, sheet=table.sheet, columns=columns, **row))
    return tuple(out)


def _updates(book: Workbook, problems: list[Problem]) -> tuple[Update, ...]:
    """The Updates sheet, when the register has one (older registers do not; the first
    ``tracker collect`` adds it)."""
    if book.find_sheet(UPDATES) is None:
        return ()
    table = _optional_table(book, UPDATES, problems)
    if table is None:
        return ()
    columns = _one_based(table)
    return tuple(
        Update(row=number, sheet=table.sheet, columns=columns, **row)
        for number, row in typed_rows(table, UPDATES, problems)
    )


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
            whole = isinstance(value, int) and not isinstance(value, bool)  # .xls holds integers
            if (whole or (isinstance(value, float) and value.is_integer())) and 0 <= value <= spec.maximum:
                values[spec.key] = int(value)
            else:
                problems.append(
                    error(
                        CellRef(sheet, number, index + 2),
                        value,
                        f"{spec.label} must be a whole number of days from 0 to {spec.maximum:,}",
                        f"type a number such as {spec.default}; until then {spec.default} is used",
                    )
                )
    return Settings(**values)


def _optional_table(book: Workbook, spec: SheetSpec, problems: list[Problem]) -> SheetTable | None:
    try:
        return book.table(spec, search=False)
    except RegisterLayoutError as exc:
        problems.append(Problem(Severity.ERROR, spec.name, "", "", exc.what, exc.fix))
        return None


ITEM_FIELDS = frozenset(c.key for c in REGISTER.columns if c.type is not ColumnType.FORMULA)


def load_register(path: Path, *, for_rating: bool = False, also: frozenset[str] = frozenset()) -> Register:
    """Read the register. Raises RegisterUnreadable or RegisterLayoutError (no Register sheet
    or required column); every other problem is collected on ``Register.problems``.

    ``for_rating`` reads only what the BRAG rules need (the rating fields of each item, the
    publications and the settings): items then carry blanks elsewhere, there are no owners,
    and formula errors are not looked for. ``tracker status`` uses it on large registers;
    ``also`` names further item fields to read with it (the dashboard's owner and update)."""
    return load_book(Workbook(path), for_rating=for_rating, also=also)


def load_book(book: Workbook, *, for_rating: bool = False, also: frozenset[str] = frozenset()) -> Register:
    """``load_register`` from a workbook already open, whose sheets it reads (once) can be
    used again (the import plans from the register and then writes by its headers)."""
    problems: list[Problem] = []
    with no_gc_pauses():
        return _load(book, book.path, problems, for_rating, also)


def _load(
    book: Workbook, path: Path, problems: list[Problem], for_rating: bool, also: frozenset[str] = frozenset()
) -> Register:
    named = book.find_sheet(REGISTER)
    if named is not None and not for_rating:  # its formulas are scanned while calamine reads it
        book.prefetch_scan(named)
    register_table = book.table(REGISTER)
    choice = sheet_choice(book, register_table)
    problems.extend(choice)
    fields = RATING_FIELDS | also if for_rating else None
    unsaved = _unsaved_cells(book, register_table, fields, complete=not for_rating)
    items = _items(register_table, problems, fields, unsaved)
    owners_table = None if for_rating else _optional_table(book, OWNERS, problems)
    publications_table = _optional_table(book, PUBLICATIONS, problems)
    owners = _owners(owners_table, problems) if owners_table else ()
    publications = _publications(publications_table, problems) if publications_table else ()
    settings = _settings(book, problems)
    updates = () if for_rating else _updates(book, problems)
    read = [t.sheet for t in (register_table, owners_table, publications_table) if t]
    problems.extend(strays(book))
    if not for_rating:
        problems.extend(error_cells(book, read))
        problems.extend(missing_formulas(book, register_table, items))
        problems.extend(headerless_columns(register_table))
    return Register(
        path,
        items,
        owners,
        publications,
        settings,
        tuple(problems),
        tuple(register_table.extra),
        updates,
        tuple(p.message for p in choice),
    )
