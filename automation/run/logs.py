"""Logging for unattended runs: ``2026-11-30 08:00:01 INFO message`` lines to stderr and,
when ``[logging] file`` is set, to a rotating file as well.

At INFO the toolkit logs counts, weeks, file names and error messages only: never secrets,
never the text of an item (an item's text may be protectively marked).
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from automation.core.errors import ConfigError
from automation.run.config import LoggingConfig

FORMAT = "%(asctime)s %(levelname)s %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAX_BYTES = 1_000_000
BACKUPS = 5
_MARK = "_tracker_handler"


def _level(settings: LoggingConfig, verbose: bool) -> int:
    if verbose:
        return logging.DEBUG
    name = settings.level.strip().upper()
    if name not in LEVELS:
        raise ConfigError(f"[logging] level is {settings.level!r}", fix=f"use one of {', '.join(LEVELS)}")
    return int(getattr(logging, name))


def setup_logging(
    settings: LoggingConfig, verbose: bool = False, *, base_dir: Path | None = None
) -> list[logging.Handler]:
    """Send log lines to stderr (and the configured file); returns the handlers added, for
    ``remove_logging``. Calling it again replaces the handlers an earlier call added."""
    level = _level(settings, verbose)
    root = logging.getLogger()
    remove_logging([h for h in root.handlers if hasattr(h, _MARK)])
    formatter = logging.Formatter(FORMAT, DATE_FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if settings.file:
        path = Path(settings.file).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handlers.append(
                RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
            )
        except OSError as exc:
            fix = "choose a writable folder, or leave [logging] file empty"
            what = f"[logging] file {path} cannot be written ({exc.strerror or exc})"
            raise ConfigError(what, fix=fix) from exc
    previous = root.level
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.setLevel(level)
        setattr(handler, _MARK, previous)
        root.addHandler(handler)
    root.setLevel(level)
    if not verbose:
        for noisy in ("filelock", "schedule"):
            logging.getLogger(noisy).setLevel(max(level, logging.INFO))
    return handlers


def remove_logging(handlers: list[logging.Handler]) -> None:
    """Detach and close handlers that ``setup_logging`` added."""
    root = logging.getLogger()
    for handler in handlers:
        previous = getattr(handler, _MARK, None)
        if isinstance(previous, int) and not isinstance(previous, bool):
            root.setLevel(previous)
        root.removeHandler(handler)
        handler.close()
