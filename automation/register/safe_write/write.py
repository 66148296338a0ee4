"""The only way the toolkit writes to the officers' register: guarded, backed up, verified.

``guarded_update(path, mutate)``:

1. refuses if Excel's owner file ``~$<name>`` exists (someone has the workbook open);
2. takes ``<name>.lock`` so two tracker jobs never write at once;
3. dry-runs an openpyxl load + save of the untouched workbook and refuses if anything would be
   lost (see :mod:`automation.register.safe_write.fidelity`);
4. hashes the bytes it loaded and 5. writes a timestamped, byte-identical backup;
6. runs ``mutate`` on the loaded workbook, grows tables written past, saves to a temp file in
   the same folder;
7. reads the temp file back and checks every pre-existing cell, format, drop-down, rule, name
   and table is unchanged, and the changed cells hold the new values
   (see :mod:`automation.register.safe_write.verify`);
8. checks the original is still byte-identical and nobody opened it meanwhile;
9. swaps the temp file in with ``os.replace``.

Any failure removes the temp file and leaves the original byte-identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

import filelock
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from automation.core.errors import CannotRun, RegisterUnreadable, WorkbookInUse, WriteRefused
from automation.register.lockfile import held
from automation.register.read import refuse_unwritable

from . import verify
from .append import grow_tables_below
from .fidelity import check_round_trip, close

OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class WriteResult:
    path: Path
    backup: Path
    changed_cells: tuple[str, ...]  # e.g. ("Register!A95", ...) cells whose value was set
    notes: tuple[str, ...] = field(default=())  # harmless changes the save made


def guarded_update(
    path: Path,
    mutate: Callable[[Workbook], None],
    *,
    backup_dir: Path | None = None,
    now: datetime | None = None,
    lock_timeout: float = 10.0,
) -> WriteResult:
    """Apply ``mutate`` (which may only set values, append rows and add new sheets after the
    existing ones) to the workbook safely."""
    path = Path(path)
    _check_file(path)
    refuse_if_open(path)
    try:
        with held(lock_path(path), lock_timeout):
            return _update_locked(path, mutate, backup_dir or path.parent / "backups", now)
    except filelock.Timeout as exc:
        raise WorkbookInUse(
            f"another tracker job holds the lock file {lock_path(path).name}",
            where=str(path),
            fix=f"wait for it to finish and run again (waited {lock_timeout:g} s)",
        ) from exc
    except OSError as exc:  # a lock or backup folder that is a file, no permission, a full disk
        raise _cannot_write(exc, path.parent) from exc


def _cannot_write(exc: OSError, folder: Path) -> CannotRun:
    where = exc.filename or folder
    return CannotRun(
        f"cannot write beside the workbook ({exc.strerror or exc}): {where}",
        fix=f"check this account can create files in {folder}, and the disk has space; "
        "the workbook was not changed",
    )


def _update_locked(
    path: Path, mutate: Callable[[Workbook], None], backup_dir: Path, now: datetime | None
) -> WriteResult:
    original = _read(path)
    refuse_if_open(path)
    keep_vba = path.suffix.lower() == ".xlsm"
    wb = load(original, path, keep_vba=keep_vba)
    try:
        notes = check_round_trip(original, name=str(path), keep_vba=keep_vba)
        digest = sha256(original)
        backup = write_backup(path, original, backup_dir, now or datetime.now())
        before = verify.snapshot(wb)
        mutate(wb)
        changed, intended = _after_mutate(wb, before, path)
        _save_verified(wb, intended, path, digest, keep_vba=keep_vba)
    finally:
        close(wb)
    cells = tuple(f"{title}!{get_column_letter(c)}{r}" for title, (r, c) in changed)
    return WriteResult(path=path, backup=backup, changed_cells=cells, notes=notes)


def _after_mutate(
    wb: Workbook, before: verify.BookState, path: Path
) -> tuple[list[tuple[str, tuple[int, int]]], verify.BookState]:
    """Grow tables written past, then refuse if the mutation did more than set values."""
    grow_tables_below(wb, before)
    wb.calculation.fullCalcOnLoad = True  # openpyxl drops cached formula results
    intended = verify.snapshot(wb)
    changed = verify.changed_cells(before, intended)
    problems = verify.mutation_problems(before, intended, set(changed))
    if problems:
        raise WriteRefused(
            "the update changed more than cell values:\n" + _bullets(problems),
            where=str(path),
            fix="nothing was written; the update may only append rows or set cell values",
        )
    return changed, intended


def _save_verified(
    wb: Workbook, intended: verify.BookState, path: Path, digest: str, *, keep_vba: bool
) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tracker-tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        _save(wb, temp)
        saved = _read(temp)
        reread = load(saved, temp, keep_vba=keep_vba)
        after = verify.snapshot(reread)
        close(reread)
        problems = verify.save_problems(intended, after)
        if problems:
            raise WriteRefused(
                "the saved copy did not match what was meant to be written:\n" + _bullets(problems),
                where=str(path),
                fix="nothing was written; report this as a bug with the backup copy attached",
            )
        _recheck_original(path, digest)
        _replace(temp, path, sha256(saved))
    finally:
        temp.unlink(missing_ok=True)


def _save(wb: Workbook, target: Path) -> None:
    """Save and flush to disk (a seam the tests use to simulate a damaging save)."""
    wb.save(target)
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def _recheck_original(path: Path, digest: str) -> None:
    refuse_if_open(path)
    if sha256(_read(path)) != digest:
        raise WriteRefused(
            "the workbook was changed by someone else while the update was being prepared",
            where=str(path),
            fix="nothing was written; run again to apply the update to the new version",
        )


def _replace(temp: Path, path: Path, saved_digest: str) -> None:
    shutil.copymode(path, temp)  # mkstemp files are private (0600); keep the workbook's mode
    try:
        os.replace(temp, path)
    except PermissionError as exc:
        raise WorkbookInUse(
            "the workbook could not be replaced: another program has it open",
            where=str(path),
            fix="nothing was written; close it in Excel (or wait for sync/backup software) and run again",
        ) from exc
    _fsync_folder(path.parent)
    if sha256(path.read_bytes()) != saved_digest:
        raise WriteRefused(
            "the workbook on disk does not match the verified copy after replacing it",
            where=str(path),
            fix="restore it from the backup in the backups folder and report this as a bug",
        )


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _bullets(problems: Iterable[str]) -> str:
    return "\n".join(f"  - {p}" for p in problems)


# --------------------------------------------------------------------------- files


def owner_file(path: Path) -> Path:
    """Excel's hidden owner file, created while someone has ``path`` open."""
    return path.with_name("~$" + path.name)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def refuse_if_open(path: Path) -> None:
    owner = owner_file(path)
    if not owner.exists():
        return
    user = owner_user(owner)
    who = f"{user} has" if user else "someone has"
    raise WorkbookInUse(
        f"{who} the workbook open in Excel (owner file {owner.name} exists)",
        where=str(path),
        fix="close the workbook in Excel; if nobody has it open, the owner file is stale: "
        f"delete {owner.name} and run again",
    )


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


def _check_file(path: Path) -> None:
    refuse_unwritable(path)
    if not path.is_file():
        raise RegisterUnreadable(
            "the workbook does not exist",
            where=str(path),
            fix="check the register path in tracker.toml",
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RegisterUnreadable(
            f"the workbook cannot be read ({exc.strerror or exc})",
            where=str(path),
            fix="check the file exists and that this account may read it",
        ) from exc


def load(data: bytes, path: Path, *, keep_vba: bool) -> Workbook:
    """openpyxl workbook from bytes, with rich text; unreadable files -> RegisterUnreadable."""
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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the fidelity check reports what they are about
            return load_workbook(BytesIO(data), rich_text=True, keep_vba=keep_vba)
    except Exception as exc:  # openpyxl raises many types for a damaged package
        raise RegisterUnreadable(
            f"the workbook cannot be opened: {type(exc).__name__}: {exc}",
            where=str(path),
            fix="open it in Excel; if Excel offers to repair it, save the repaired copy",
        ) from exc


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
