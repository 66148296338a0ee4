"""The ledger's file: checked before it is opened, and every SQLite failure said as what it is.

A ledger that cannot be read is never taken for an empty one (that would send the week
again), and only a ledger that really is damaged is called damaged: a missing or read-only
folder, a full disk and a lock held by another program each get their own words and fix.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun

ROOM = 1 << 20  # bytes the ledger's disk must have free before a message is handed over
_SETTING = "or set 'ledger' in tracker.toml to a file in a folder this account can write"


class LedgerError(CannotRun):
    """The ledger cannot be read or written, and why."""


def check_file(path: Path) -> None:
    """Refuse, with the reason, a ledger that SQLite would fail on or misread as new."""
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise LedgerError(f"the ledger's folder {folder} {what}", fix=f"create the folder, {_SETTING}")
    if path.is_dir():
        raise LedgerError(f"the ledger {path} is a folder, not a file", fix=f"move it aside, {_SETTING}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LedgerError(
            f"this account cannot create files in {folder}, which the ledger needs "
            f"({path.name}, and its -wal and -shm working files beside it)",
            fix=f"give the account that runs tracker write access to {folder}, {_SETTING}",
        )
    if path.exists():
        if path.stat().st_size == 0:
            raise LedgerError(
                f"the ledger {path} is empty (0 bytes): it is not a new ledger, and nothing in it "
                "says what was already sent this week",
                fix="restore it from a backup; only if no message went out since it was created, "
                "delete it and run again",
            )
        if not os.access(path, os.R_OK | os.W_OK):
            raise LedgerError(
                f"this account may not read and write the ledger {path}",
                fix=f"give the account that runs tracker read and write access to it, {_SETTING}",
            )


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < ROOM
    except OSError:
        return False


def check_room(path: Path) -> None:
    """Refuse to go on when the ledger's disk is (nearly) full: a message handed over must
    be recordable afterwards, or the next run could not tell it went."""
    free = shutil.disk_usage(path.parent).free
    if free < ROOM:
        raise LedgerError(
            f"the disk holding the ledger {path} is full ({free // 1024} KB free)",
            fix="free some space on that disk, then run again: it sends only what is missing",
        )


_BY_TEXT = (
    ("database is locked", "SQLITE_BUSY"),
    ("database table is locked", "SQLITE_LOCKED"),
    ("disk is full", "SQLITE_FULL"),
    ("readonly database", "SQLITE_READONLY"),
    ("unable to open database file", "SQLITE_CANTOPEN"),
    ("disk I/O error", "SQLITE_IOERR"),
    ("file is not a database", "SQLITE_NOTADB"),
    ("malformed", "SQLITE_CORRUPT"),
)


def _code(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "")  # Python 3.11+
    if name:
        return str(name)
    text = str(exc)
    return next((code for words, code in _BY_TEXT if words in text), "")


def explain(exc: sqlite3.Error, path: Path, waited: float) -> LedgerError:
    """What a SQLite failure on the ledger means, in words a person can act on."""
    code = _code(exc)
    if code.startswith("SQLITE_IOERR") and _nearly_full(path):
        code = "SQLITE_FULL"  # SQLite says I/O error when it cannot even grow its working files
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return LedgerError(
            f"the ledger {path} is locked by another program (waited {waited:g} s)",
            fix="wait for the other tracker run to finish; if none is running, close whatever has "
            "the file open (a database viewer, a backup or sync tool), then run again",
        )
    if code.startswith("SQLITE_FULL"):
        return LedgerError(
            f"the disk holding the ledger {path} is full",
            fix="free some space on that disk, then run again: it sends only what is missing",
        )
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return LedgerError(
            f"the ledger {path} cannot be written ({exc}): its file or folder is read-only, "
            "or this account may not write there",
            fix=f"give the account that runs tracker write access to {path.parent}, {_SETTING}",
        )
    if code.startswith("SQLITE_IOERR"):
        return LedgerError(
            f"the disk failed while reading or writing the ledger {path} ({exc})",
            fix="check the disk or network share holding it, then run again",
        )
    if code.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return LedgerError(
            f"the ledger {path} is damaged or is not a tracker ledger ({exc})",
            fix="restore it from a backup; moving it aside starts a new ledger, which cannot "
            "tell what was already sent this week",
        )
    return LedgerError(
        f"the ledger {path} cannot be used ({exc})", fix="run again; if it persists, report it"
    )


def open_ledger(path: Path, *, busy_timeout: float = 10.0) -> LedgerDb:
    """The one way the ledger's file is opened (the runs and messages, the items' history and
    the returns all live in it): checked first, so a file SQLite would misread as a new ledger
    is refused, never silently started again. A missing ledger is started."""
    check_file(path)
    try:
        connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise explain(exc, path, busy_timeout) from exc
    db = LedgerDb(connection, path, busy_timeout)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        # WAL with synchronous=NORMAL survives a crash of this process (the failure that
        # matters here) without an fsync per message.
        db.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        db.close()
        raise
    return db


def open_ledger_to_read(path: Path, *, busy_timeout: float = 10.0) -> LedgerDb | None:
    """The ledger opened as ``open_ledger`` does, for a command that only reads it: None when
    there is no ledger file, for reading never creates one."""
    return open_ledger(path, busy_timeout=busy_timeout) if path.exists() else None


def blank_ledger(path: Path) -> LedgerDb:
    """An empty ledger in memory, standing for ``path`` where there is none yet: a command that
    only looks (a dry run) sees nothing recorded and leaves no file behind."""
    return LedgerDb(sqlite3.connect(":memory:", isolation_level=None), path, 0.0)


class LedgerDb:
    """The ledger's SQLite connection, whose every failure says what is wrong."""

    def __init__(self, db: sqlite3.Connection, path: Path, waited: float) -> None:
        self._db = db
        self._path = path
        self._waited = waited

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise explain(exc, self._path, self._waited) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        try:
            return self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise explain(exc, self._path, self._waited) from exc

    def executescript(self, script: str) -> None:
        try:
            self._db.executescript(script)
        except sqlite3.Error as exc:
            raise explain(exc, self._path, self._waited) from exc

    def __enter__(self) -> LedgerDb:
        self._db.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._db.__exit__(*exc)
        except sqlite3.Error as error:
            raise explain(error, self._path, self._waited) from error

    def close(self) -> None:
        self._db.close()
