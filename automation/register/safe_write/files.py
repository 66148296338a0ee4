"""The workbook's bytes: read once, checked, opened with openpyxl, hashed, and backed up
byte for byte before anything replaces it."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from openpyxl import Workbook, load_workbook

from automation.core.errors import RegisterUnreadable, WriteRefused

from .guards import check_writable
from .package import Package

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"  # Excel's Strict Open XML


def check_file(path: Path) -> None:
    check_writable(path)
    if not path.is_file():
        raise RegisterUnreadable(
            "the workbook does not exist",
            where=str(path),
            fix="check the register path in tracker.toml",
        )


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RegisterUnreadable(
            f"the workbook cannot be read ({exc.strerror or exc})",
            where=str(path),
            fix="check the file exists and that this account may read it",
        ) from exc


def open_package(data: bytes, path: Path) -> Package:
    _check_bytes(data, path)
    try:
        package = Package(data)
        package.content_types  # noqa: B018 - read now, so a damaged package is a clear error
        return package
    except Exception as exc:  # a damaged zip, or no content types
        raise _unopenable(exc, path) from exc


def load(data: bytes, path: Path, *, keep_vba: bool, rich_text: bool = True) -> Workbook:
    """openpyxl workbook from bytes; unreadable files -> RegisterUnreadable."""
    _check_bytes(data, path)
    if _strict(data):  # openpyxl would open it as a workbook with no sheets
        raise RegisterUnreadable(
            "the workbook is saved as Strict Open XML, which tracker can read but cannot update",
            where=str(path),
            fix="in Excel, File > Save As and choose Excel Workbook (.xlsx), not Strict Open XML "
            "Spreadsheet, then run again",
        )
    try:
        return load_workbook(BytesIO(data), rich_text=rich_text, keep_vba=keep_vba)
    except Exception as exc:  # openpyxl raises many types for a damaged package
        raise _unopenable(exc, path) from exc


def _strict(data: bytes) -> bool:
    try:
        with ZipFile(BytesIO(data)) as archive, archive.open("xl/workbook.xml") as part:
            return STRICT_NAMESPACE in part.read(4096)
    except (KeyError, BadZipFile, OSError):
        return False  # not where Excel puts it: openpyxl says what is wrong


def _unopenable(exc: Exception, path: Path) -> RegisterUnreadable:
    return RegisterUnreadable(
        f"the workbook cannot be opened: {type(exc).__name__}: {exc}",
        where=str(path),
        fix="open it in Excel; if Excel offers to repair it, save the repaired copy",
    )


def _check_bytes(data: bytes, path: Path) -> None:
    if data[:4] == OLE_MAGIC:
        raise RegisterUnreadable(
            "the file is password-protected (encrypted) or an old-style .xls workbook",
            where=str(path),
            fix="remove the password to open (File > Info > Protect Workbook) or Save As .xlsx",
        )
    if data[:2] != b"PK":
        raise RegisterUnreadable(
            "the file is not an Excel workbook (it is not a zip package)",
            where=str(path),
            fix="check the register path; if it is a CSV or .xls, open it in Excel and Save As .xlsx",
        )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_backup(path: Path, data: bytes, folder: Path, now: datetime) -> Path:
    """Write ``data`` (the bytes that were loaded) as a timestamped copy; verify it."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    backup = folder / f"{path.stem}.backup-{stamp}{path.suffix}"
    n = 1
    while backup.exists():
        n += 1
        backup = folder / f"{path.stem}.backup-{stamp}-{n}{path.suffix}"
    temp = backup.with_name(backup.name + ".partial")
    try:
        temp.write_bytes(data)
        shutil.copystat(path, temp)
        os.replace(temp, backup)
    finally:
        temp.unlink(missing_ok=True)
    if sha256(backup.read_bytes()) != sha256(data):
        raise WriteRefused(
            "the backup copy does not match the workbook",
            where=str(backup),
            fix="nothing was written; check the disk and run again",
        )
    return backup
