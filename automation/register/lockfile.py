"""Lock files that leave nothing behind: filelock, plus removing the file on release.

filelock keeps a Unix lock file after release, because removing it naively races with a
process that opened the file and waits for it. Here the holder removes the file while it
still holds the lock, and an acquirer checks that the file it locked is still the one at the
path (else it was removed under it, and it tries again). So two holders can never exist,
and no ``.lock`` file stays beside the register after a run. Windows: filelock removes it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import filelock


def _held_file_is_at_path(lock: filelock.BaseFileLock, path: Path) -> bool | None:
    """True when the file we hold the lock on is still the one at ``path``; None when that
    cannot be told (another platform or filelock version), so nothing is removed."""
    fd = getattr(getattr(lock, "_context", None), "lock_file_fd", None)
    if os.name != "posix" or not isinstance(fd, int):
        return None
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


class TidyLock:
    """A lock file that is removed when released. ``acquire`` raises ``filelock.Timeout``,
    or OSError when the file cannot be created."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = filelock.FileLock(str(path))

    def acquire(self, timeout: float) -> None:
        deadline = time.monotonic() + max(timeout, 0)
        while True:
            self._lock.acquire(timeout=max(deadline - time.monotonic(), 0))
            if _held_file_is_at_path(self._lock, self.path) is not False:
                return
            self._lock.release()  # its holder removed it after we opened it: lock the new one

    def release(self) -> None:
        if _held_file_is_at_path(self._lock, self.path):
            with contextlib.suppress(OSError):
                self.path.unlink()  # while still holding it, so nobody can be waiting on it
        self._lock.release()


@contextlib.contextmanager
def held(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock file ``path`` for the block, and remove it on release."""
    lock = TidyLock(path)
    lock.acquire(timeout)
    try:
        yield
    finally:
        lock.release()
