"""Reading jobs: the register read and validated, or read and rated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from automation.core.pauses import no_gc_pauses
from automation.core.problems import Problem, Severity
from automation.core.rating import StatusReport, status_report
from automation.core.register import Register
from automation.register.load import load_register


@dataclass(frozen=True)
class Checked:
    """A register read and validated."""

    register: Register
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)


def check_register(path: Path, allowed_domains: Sequence[str] | None = None) -> Checked:
    """Read and validate, with every address on the Owners sheet checked against
    ``allowed_domains`` when given. Raises RegisterUnreadable, or RegisterLayoutError when
    there is no Register sheet or a required column (nothing can run then)."""
    from automation.core.validation import validate  # not for status, which only rates

    with no_gc_pauses():  # the collector would scan every item of a large register, to no end
        register = load_register(path)
        return Checked(register, tuple(validate(register, allowed_domains)))


def status_of(path: Path, today: date) -> StatusReport:
    """Ratings of every item in the workbook at ``path`` on ``today``. Raises
    RegisterUnreadable or RegisterLayoutError when it cannot rate at all."""
    return status_report(load_register(path, for_rating=True), today)
