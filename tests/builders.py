"""Small builders for tests: items, publications and real workbooks on disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from automation.core.model import Item, Kind, Owner, Publication, Settings, Status
from automation.register.schema import REGISTER
from automation.register.template import write_register

PUB = "Inspection of the demo force"
PUBLISHED = date(2021, 7, 13)
COLUMNS = {column.key: n for n, column in enumerate(REGISTER.columns, start=1)}


def item(**changes: Any) -> Item:
    values: dict[str, Any] = dict(
        publication=PUB,
        ref="Recommendation 1",
        row=2,
        kind=Kind.RECOMMENDATION,
        status=Status.IN_PROGRESS,
        owner="Dana Whitfield",
        text="The force should do a thing.",
        sheet="Register",
        columns=COLUMNS,
    )
    values.update(changes)
    return Item(**values)


def owners() -> list[Owner]:
    return [
        Owner(
            "Dana Whitfield",
            "dana.whitfield@demo.police.uk",
            "Head of Public Protection",
            "mark.ellison@demo.police.uk",
        ),
        Owner("Tom Brennan", "tom.brennan@demo.police.uk", "Head of Crime", "mark.ellison@demo.police.uk"),
    ]


def publications() -> list[Publication]:
    return [Publication(PUB, PUBLISHED, "Inspection", "", True)]


def workbook(path: Path, items: list[Item], settings: Settings = Settings()) -> Path:  # noqa: B008
    write_register(path, items=items, owners=owners(), publications=publications(), settings=settings)
    return path


def edit(path: Path, cells: dict[str, Any], sheet: str = "Register") -> Path:
    """Set cells with openpyxl, as an officer typing in Excel would."""
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path
