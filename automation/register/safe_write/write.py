"""The only way the toolkit writes to the officers' register: guarded, backed up, verified.

``guarded_update(path, mutate)``:

1. refuses if Excel's owner file ``~$<name>`` exists (someone has the workbook open);
2. takes ``<name>.lock`` so two tracker jobs never write at once;
3. reads the file's bytes once, hashes them and loads them with openpyxl (once);
4. runs ``mutate`` on the loaded workbook, grows tables written past, and refuses if the
   mutation did more than set values (see :mod:`automation.register.safe_write.verify`);
5. saves to a temp file in the same folder (once), and refuses if the saved package lost
   anything the original had: parts, extensions, sheet settings, drawings
   (see :mod:`automation.register.safe_write.fidelity`);
6. reads the temp file back (once, see :mod:`automation.register.safe_write.reread`) and
   checks every pre-existing cell, format, drop-down, rule, name and table is unchanged, and
   the changed cells hold the new values;
7. checks the original is still byte-identical and nobody opened it meanwhile, writes a
   timestamped, byte-identical backup of it;
8. swaps the temp file in with ``os.replace``.

Any failure removes the temp file and leaves the original byte-identical.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import filelock
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from automation.core.errors import CannotRun, WorkbookInUse, WriteRefused
from automation.register.lockfile import held

from . import verify
from .append import grow_tables_below
from .fidelity import ADD_BY_HAND, check_saved, close
from .files import check_file, load, open_package, read_bytes, sha256, write_backup
from .guards import lock_path, refuse_if_open
from .notes import keep_notes
from .package import Package
from .reread import Unverifiable, reread
from .state import BookState, snapshot


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
    by_hand: str = ADD_BY_HAND,
) -> WriteResult:
    """Apply ``mutate`` (which may only set values, append rows and add new sheets after the
    existing ones) to the workbook safely. ``by_hand`` says what the officer can do by hand
    instead when saving would lose something (the refusal's advice)."""
    path = Path(path)
    if path.is_symlink():  # the link's target is what changes; the link stays a link
        path = Path(os.path.realpath(path))
    check_file(path)
    refuse_if_open(path)
    try:
        with held(lock_path(path), lock_timeout):
            backups = backup_dir or path.parent / "backups"
            remove_leftovers(path, backups)
            return _update_locked(path, mutate, backups, now, by_hand)
    except filelock.Timeout as exc:
        raise WorkbookInUse(
            f"another tracker job holds the lock file {lock_path(path).name}",
            where=str(path),
            fix=f"wait for it to finish and run again (waited {lock_timeout:g} s)",
        ) from exc
    except OSError as exc:  # a lock or backup folder that is a file, no permission, a full disk
        raise _cannot_write(exc, path.parent) from exc


def remove_leftovers(path: Path, backups: Path) -> None:
    """Temporary copies of the register a killed update left behind (its save, and a backup
    being written). Called under the write lock, so no running update owns them."""
    for temp in (
        *path.parent.glob(f".{glob.escape(path.stem)}.*.tracker-tmp"),
        *backups.glob(f"{glob.escape(path.stem)}.backup-*{glob.escape(path.suffix)}.partial"),
    ):
        temp.unlink(missing_ok=True)


def _cannot_write(exc: OSError, folder: Path) -> CannotRun:
    where = exc.filename or folder
    return CannotRun(
        f"cannot write beside the workbook ({exc.strerror or exc}): {where}",
        fix=f"check this account can create files in {folder}, and the disk has space; "
        "the workbook was not changed",
    )


def _update_locked(
    path: Path, mutate: Callable[[Workbook], None], backup_dir: Path, now: datetime | None, by_hand: str
) -> WriteResult:
    original = read_bytes(path)
    refuse_if_open(path)
    keep_vba = path.suffix.lower() == ".xlsm"
    with open_package(original, path) as package:
        with _heard() as messages:
            wb = load(original, path, keep_vba=keep_vba, rich_text=_rich(package))
        try:
            interned: dict[object, object] = {}  # one set of signatures for all three states
            before = snapshot(wb, interned)
            mutate(wb)
            changed, intended = _after_mutate(wb, before, path, interned)
            written = _Written(intended, interned, messages, by_hand)
            temp, saved, notes = _saved_and_verified(wb, path, package, written)
        finally:
            close(wb)
    try:
        _recheck_original(path, sha256(original))
        backup = write_backup(path, original, backup_dir, now or datetime.now())
        _replace(temp, path, sha256(saved))
    finally:
        temp.unlink(missing_ok=True)
    cells = tuple(f"{title}!{get_column_letter(c)}{r}" for title, (r, c) in changed)
    return WriteResult(path=path, backup=backup, changed_cells=cells, notes=notes)


def _after_mutate(
    wb: Workbook, before: BookState, path: Path, interned: dict[object, object]
) -> tuple[list[tuple[str, tuple[int, int]]], BookState]:
    """Grow tables written past, then refuse if the mutation did more than set values."""
    grow_tables_below(wb, before)
    wb.calculation.fullCalcOnLoad = True  # openpyxl drops cached formula results
    intended = snapshot(wb, interned)
    changed, problems = verify.mutation(before, intended)
    if problems:
        raise WriteRefused(
            "the update changed more than cell values:\n" + _bullets(problems),
            where=str(path),
            fix="nothing was written; the update may only append rows or set cell values",
        )
    return changed, intended


class _Written:
    """What the update meant to write and what the load and save said about it."""

    def __init__(
        self, state: BookState, interned: dict[object, object], messages: list[str], by_hand: str
    ) -> None:
        self.state, self.interned, self.messages, self.by_hand = state, interned, messages, by_hand


def _saved_and_verified(
    wb: Workbook, path: Path, original: Package, intended: _Written
) -> tuple[Path, bytes, tuple[str, ...]]:
    """Save to a temp file beside the workbook, read it back and compare with what was
    meant, then compare the packages; the temp file, its bytes and the save's notes."""
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tracker-tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        with _heard(intended.messages):
            _save(wb, temp)
        keep_notes(original, temp)
        data = read_bytes(temp)
        with Package(data) as copy:
            _verify(copy, intended, path)
            notes = check_saved(original, copy, intended.messages, name=str(path), by_hand=intended.by_hand)
        return temp, data, notes
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _verify(copy: Package, intended: _Written, path: Path) -> None:
    try:
        after = reread(copy, intended.interned)
    except Unverifiable as exc:
        raise WriteRefused(
            f"the saved copy could not be read back to verify it: {exc}",
            where=str(path),
            fix="nothing was written; report this as a bug with the workbook attached",
        ) from exc
    problems = verify.save_problems(intended.state, after)
    if problems:
        raise WriteRefused(
            "the saved copy did not match what was meant to be written:\n" + _bullets(problems),
            where=str(path),
            fix="nothing was written; report this as a bug with the backup copy attached",
        )


@contextlib.contextmanager
def _heard(into: list[str] | None = None) -> Iterator[list[str]]:
    """openpyxl's warnings while loading or saving: the fidelity check judges them."""
    heard = [] if into is None else into
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield heard
    heard.extend(str(w.message) for w in caught)


_RUN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?r[ >]")


def _rich(package: Package) -> bool:
    """Whether any text has formatted runs (``<r>``): only then does openpyxl need its slower
    rich-text reading to keep them (plain text reads the same either way)."""
    for part, kind in package.content_types.items():
        if kind.endswith("sharedStrings+xml") or kind.endswith("worksheet+xml"):
            xml = package.read(part)
            if kind.endswith("worksheet+xml") and b"inlineStr" not in xml:
                continue  # runs in a sheet are inside inline strings
            if b"<r>" in xml or b"<r " in xml or ((b":r>" in xml or b":r " in xml) and _RUN.search(xml)):
                return True
    return False


def _save(wb: Workbook, target: Path) -> None:
    """Save and flush to disk (a seam the tests use to simulate a damaging save)."""
    wb.save(target)
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def _recheck_original(path: Path, digest: str) -> None:
    refuse_if_open(path)
    if sha256(read_bytes(path)) != digest:
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
