"""One error hierarchy. Every error says what is wrong, where, and how to fix it.

The command line maps each class to an exit code (``exit_code``): 1 when the job ran and
found problems or failed, 2 when it could not run at all.
"""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error the toolkit raises on purpose."""

    exit_code = 1

    def __init__(self, what: str, *, where: str = "", fix: str = "") -> None:
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.where}: {self.what}" if self.where else self.what
        if self.fix:
            text = f"{text} ({self.fix})"
        return text


class CannotRun(TrackerError):
    """The command could not start: usage, a missing file, bad configuration."""

    exit_code = 2


class ConfigError(CannotRun):
    """``tracker.toml`` is missing a value, has an unknown key or a wrong type."""


class RegisterUnreadable(CannotRun):
    """The workbook cannot be opened at all (missing, not xlsx, encrypted, locked, corrupt)."""


class RegisterLayoutError(CannotRun):
    """The workbook opens, but a required sheet or column is missing. Commands cannot run;
    ``tracker validate`` reports it as a problem instead."""


class WorkbookInUse(CannotRun):
    """Excel (or another tracker job) has the workbook open; writing now could lose edits."""


class WriteRefused(TrackerError):
    """Saving would lose something in the workbook, or the saved copy did not verify."""


class MissingExtra(CannotRun):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package, which is not installed",
            fix=f"install it with: pip install 'tracker[{extra}]'",
        )
