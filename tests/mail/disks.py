"""A small real disk (a tmpfs mounted for the test) that a test can fill, or make read-only.

Mounting needs root with the right to mount; where that is missing the test is skipped.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, mount: Path) -> None:
        self.mount = mount
        self.filler = mount / "filler.bin"

    def free(self) -> int:
        stat = os.statvfs(self.mount)
        return stat.f_bavail * stat.f_frsize

    def fill(self, leave: int = 0) -> None:
        """Write a real file until only ``leave`` bytes are free."""
        with open(self.filler, "ab") as handle:
            while self.free() > leave:
                try:
                    handle.write(b"\0" * min(65536, max(self.free() - leave, 4096)))
                    handle.flush()
                except OSError:
                    break

    def empty(self) -> None:
        self.filler.unlink(missing_ok=True)

    def read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.mount)], check=True)


def small_disk(tmp_path: Path, size: str = "4m") -> Iterator[SmallDisk]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode:
        pytest.skip("a small disk cannot be mounted here (needs root with the right to mount)")
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
