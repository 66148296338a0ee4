"""Who else holds the workbook, and whether it may be changed at all: Excel's owner file
(someone has it open), tracker's lock file, and the read-only mark."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from automation.core.errors import CannotRun, WorkbookInUse
from automation.register.read import refuse_unwritable


def owner_file(path: Path) -> Path:
    """Excel's hidden owner file, created while someone has ``path`` open."""
    return path.with_name("~$" + path.name)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def libreoffice_lock(path: Path) -> Path:
    """LibreOffice's lock file, created while someone has ``path`` open in Calc: it does not
    stop a write, and its next save would overwrite ours."""
    return path.with_name(f".~lock.{path.name}#")


def refuse_if_open(path: Path) -> None:
    lock = libreoffice_lock(path)
    if lock.exists():
        _refuse(path, "LibreOffice", "lock file", lock, _libreoffice_user(lock))
    owner = owner_file(path)
    if owner.exists():
        _refuse(path, "Excel", "owner file", owner, owner_user(owner))


def _refuse(path: Path, program: str, kind: str, marker: Path, user: str | None) -> None:
    """The workbook is open in ``program``, as the ``marker`` file beside it shows."""
    who = f"{user} has" if user else "someone has"
    raise WorkbookInUse(
        f"{who} the workbook open in {program} ({kind} {marker.name} exists)",
        where=str(path),
        fix=f"close the workbook in {program}; if nobody has it open, the {kind} is stale: "
        f"delete {marker.name} and run again",
    )


def _libreoffice_user(lock: Path) -> str | None:
    """The name in LibreOffice's lock file ('full name,user,host,date,profile;'): the full
    name when the user set one, else the account (best effort)."""
    try:
        fields = lock.read_bytes()[:1024].decode("utf-8").split(",")
    except (OSError, UnicodeDecodeError):
        return None
    name = next((f.strip() for f in fields[:2] if f.strip()), "")
    return name if name.isprintable() else None


def owner_user(owner: Path) -> str | None:
    """The user name Excel records in its owner file, if it can be read (best effort).

    Observed layout: byte 0 = length, then the name in the ANSI code page padded with spaces
    to 54 bytes; newer versions follow with a length byte, a zero byte and the name in
    UTF-16-LE (at offset 54 or 55, depending on the version).
    """
    try:
        data = owner.read_bytes()[:512]
    except OSError:
        return None
    for start in (54, 55):
        size = data[start] if len(data) > start + 1 else 0
        if size and data[start + 1] == 0 and len(data) >= start + 2 + 2 * size:
            with contextlib.suppress(UnicodeDecodeError):
                name = data[start + 2 : start + 2 + 2 * size].decode("utf-16-le").strip()
                if name and name.isprintable():
                    return name
    if data and 0 < data[0] < len(data):
        name = data[1 : 1 + data[0]].decode("cp1252", errors="replace").strip()
        if name and name.isprintable():
            return name
    return None


def check_writable(path: Path) -> None:
    """What refuses an update before any work is done: a format tracker does not write, or a
    workbook marked read-only."""
    refuse_unwritable(path)
    refuse_read_only(path)


def refuse_read_only(path: Path) -> None:
    """A workbook marked read-only (the file's Read-only box in Windows, no write permission
    elsewhere) is someone's "do not touch": the atomic swap would replace it all the same, as
    renaming needs only the folder's permission. The mode bits are read, not ``os.access``
    alone, so the mark is kept even by an account (root) the system would let write."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # a missing file is named where it is read
    if mode & 0o222 == 0:
        raise CannotRun(
            "the workbook is read-only, so tracker will not change it",
            where=str(path),
            fix="nothing was changed; if it should be updated, make it writable and run again: in "
            f"Windows, right-click it > Properties > untick Read-only; elsewhere, chmod u+w {path.name}",
        )
    if not os.access(path, os.W_OK):
        raise CannotRun(
            "this account may not write to the workbook",
            where=str(path),
            fix="nothing was changed; give the account that runs tracker permission to change it, "
            "or run tracker as an account that has it",
        )
