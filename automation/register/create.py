"""Creating registers: never silently over an existing file."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from automation.core.errors import CannotRun


def make_room(path: Path, replace: bool, now: datetime) -> Path | None:
    """Refuse to overwrite unless asked; when asked, keep a dated backup first. Only .xlsx
    and .xlsm registers are written."""
    from automation.register.read import refuse_unwritable

    refuse_unwritable(path)
    if not path.exists():
        if not path.parent.exists():
            raise CannotRun(f"folder {path.parent} does not exist", fix="create it first")
        return None
    if not replace:
        raise CannotRun(f"{path} already exists", fix="choose another name, or pass --force")
    owner_file = path.with_name("~$" + path.name)
    if owner_file.exists():
        raise CannotRun(f"{path} is open in Excel ({owner_file.name} exists)", fix="close it in Excel first")
    backup = path.with_name(f"{path.stem}.backup-{now:%Y%m%d-%H%M%S}{path.suffix}")
    shutil.copy2(path, backup)
    return backup


def create_empty(path: Path, now: datetime, *, replace: bool = False) -> Path | None:
    from automation.register.template import write_register

    backup = make_room(path, replace, now)
    write_register(path)
    return backup
