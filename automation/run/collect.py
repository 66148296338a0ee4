"""The collect job: owners' returns from a folder or the mailbox into the register."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from automation.core.errors import CannotRun
from automation.returns.collect import Collection, collect_returns
from automation.returns.sources import FolderSource, Source
from automation.run.config import Config
from automation.run.weekly import ledger_path

MAILBOX = "mailbox:"


def open_source(config: Config, where: str, register: Path | None = None) -> Source:
    """A folder path, or ``mailbox:`` (``mailbox:FOLDER`` for another folder than
    ``[returns] folder``) read through the configured Graph or EWS transport."""
    limit = config.returns.max_attachment_mb * 1_000_000
    if where.startswith(MAILBOX):
        from automation.returns.mailbox import open_mailbox

        name = where[len(MAILBOX) :].strip() or config.returns.folder
        return open_mailbox(config, config.returns, name, config.timezone)
    if not where.strip():  # an unset variable in a script: it would collect the current folder
        raise CannotRun("SOURCE is empty", fix="pass a folder of .xlsx or .eml files, or mailbox:")
    folder = Path(where)
    if not folder.exists():
        raise CannotRun(f"{where} does not exist", fix="pass a folder of .xlsx or .eml files, or mailbox:")
    return FolderSource(folder, max_bytes=limit, timezone=config.timezone, register=register)


def collect(
    config: Config,
    register_path: Path,
    where: str,
    today: date,
    *,
    dry_run: bool = False,
    source: Source | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> Collection:
    """Collect the returns found at ``where`` into the register (one guarded write)."""
    found = source or open_source(config, where, register_path)
    try:
        return collect_returns(
            found, register_path, ledger_path(config, register_path), today, dry_run=dry_run, now=now
        )
    finally:
        close = getattr(found, "close", None)
        if callable(close):
            close()
