"""Composition shared by the command line and the scheduler: each job is one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.errors import RegisterLayoutError
from automation.problems import Problem, Severity
from automation.register.load import Register, load_register
from automation.status import StatusReport, status_report
from automation.validate import validate


@dataclass(frozen=True)
class Checked:
    """A register read and validated; ``register`` is None when its layout is unusable."""

    register: Register | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)


def check_register(path: Path) -> Checked:
    """Read and validate. A missing sheet or column becomes a problem, not an exception;
    an unreadable file still raises RegisterUnreadable."""
    try:
        register = load_register(path)
    except RegisterLayoutError as exc:
        return Checked(None, (Problem(Severity.ERROR, "", "", "", exc.what, exc.fix),))
    return Checked(register, tuple(validate(register)))


def register_status(path: Path, today: date) -> StatusReport:
    """Ratings of every item on ``today``; raises RegisterLayoutError if it cannot rate."""
    return status_report(load_register(path), today)
