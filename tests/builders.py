"""Helpers shared by the tests: where the example paper is, items, publications, real workbooks
on disk, and reading back what a run wrote."""

from __future__ import annotations

import socket
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl

from automation.core.model import Item, Kind, Owner, Publication, Settings, Status
from automation.mail.ledger import Ledger
from automation.mail.ledger_records import RunRecord
from automation.register.schema import REGISTER
from automation.register.template import write_register

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PAPER = ROOT / "automation" / "data" / "jac-overview-hmicfrs-2021-q3.txt"  # the one copy
EXPECTED_EXTRACTION = ROOT / "tests" / "data" / "jac-overview-hmicfrs-2021-q3.expected.json"
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


def plain(message: EmailMessage) -> str:
    """The plain-text part of a message, with Unix line ends."""
    body = message.get_body(("plain",))
    assert body is not None, "the message has no plain-text part"
    return str(body.get_content()).replace("\r\n", "\n")


def ledger_runs(path: Path) -> list[RunRecord]:
    """The runs a ledger file records, newest first."""
    with Ledger(path) as ledger:
        return ledger.runs()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on (for servers, and for refused connections)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
