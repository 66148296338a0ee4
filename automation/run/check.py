"""Reading jobs: the register read and validated, or read and rated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.core.errors import RegisterLayoutError
from automation.core.problems import Problem, Severity
from automation.core.rating import StatusReport, status_report
from automation.core.register import Register
from automation.core.validation import validate
from automation.register.load import load_register


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


def status_of(path: Path, today: date) -> StatusReport:
    """Ratings of every item in the workbook at ``path`` on ``today``. Raises
    RegisterUnreadable or RegisterLayoutError when it cannot rate at all."""
    return status_report(load_register(path, for_rating=True), today)
