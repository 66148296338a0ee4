"""Issuing real returns from a real register, filling them in as owners do, and mailing them."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import openpyxl

from automation.core.rating import status_report
from automation.register.load import load_register
from automation.returns.issue import issue_return
from automation.returns.ledger import ReturnsLedger
from automation.returns.model import FILL_IN, READ_ONLY, IssuedReturn
from automation.returns.workbook import HEADER_ROW, return_workbook

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FIRST_ROW = HEADER_ROW + 2  # 1-based row of the first item
COLUMN = {h: openpyxl.utils.get_column_letter(n) for n, h in enumerate((*READ_ONLY, *FILL_IN), start=1)}
COLUMN |= {"Item key": "N", "Fingerprint": "O"}


def shipped_register(folder: Path) -> Path:
    """A copy of the shipped demo register."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(ROOT / "tracker.xlsx", folder / "tracker.xlsx"))


def issue(register: Path, ledger: Path, owner: str, today: date, week: str = "2021-W40") -> IssuedReturn:
    """The return an owner's digest would carry, recorded in the ledger as the weekly job does."""
    loaded = load_register(register)
    person = loaded.owner(owner)
    assert person is not None
    rated = [r for r in status_report(loaded, today).rated if r.item.owner == owner and r.item.status.is_open]
    issued = issue_return(person, rated, week=week, issued=today, register=register.name)
    with ReturnsLedger(ledger) as book:
        book.record_issued(issued)
    return issued


def blank(issued: IssuedReturn) -> bytes:
    return return_workbook(issued, "OFFICIAL")


def row_of(issued: IssuedReturn, ref: str) -> int:
    """The sheet row of the item with this ref in the return."""
    return FIRST_ROW + next(n for n, r in enumerate(issued.rows) if r.ref == ref)


def fill(data: bytes, cells: dict[str, Any]) -> bytes:
    """Type into the return with openpyxl, as an owner typing in Excel would."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        cell = book["Update"][ref]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # typed text, even '=...' (Excel users prefix an apostrophe)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def at(issued: IssuedReturn, ref: str, **columns: Any) -> dict[str, Any]:
    """Cells for one item's row: at(issued, 'Recommendation 3', update='...', status='...')."""
    names = {
        "update": "Your update",
        "status": "Proposed status",
        "evidence": "Evidence",
        "date": "Requested target date",
        "reason": "Reason for new date",
    }
    row = row_of(issued, ref)
    return {f"{COLUMN[names.get(k, k)]}{row}": v for k, v in columns.items()}


def save_in_libreoffice(path: Path, out: Path) -> Path:
    """Open and save the workbook with LibreOffice headless, as an owner using it would."""
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    saved = out / path.name
    assert done.returncode == 0 and saved.exists(), done.stderr
    return saved


def message(attachment: bytes, name: str, sender: str, sent: datetime, subject: str = "") -> bytes:
    """An owner's reply with the return attached, as an .eml file."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "tracker@example.police.uk"
    msg["Subject"] = subject or f"RE: OFFICIAL: HMICFRS recommendations ({name})"
    msg["Date"] = format_datetime(sent)
    msg.set_content("Update attached.\n")
    subtype = "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    msg.add_attachment(attachment, maintype="application", subtype=subtype, filename=name)
    return bytes(msg)
