"""Problems found in a register: collected, never raised (the csvkit habit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from automation.core.model import CellRef, FastEnum, quoted_sheet
from automation.core.text import clip, plural


class Severity(FastEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """What is wrong, where, the value found, and how to fix it."""

    severity: Severity
    sheet: str
    cell: str  # A1 reference, or "" when the problem is the whole sheet or file
    value: str
    message: str
    fix: str
    row: int = 0  # the sheet row, 0 when not about one row

    @classmethod
    def at(cls, severity: Severity, where: CellRef, value: Any, message: str, fix: str) -> Problem:
        return cls(severity, where.sheet, where.a1, show(value), message, fix, where.row)

    @property
    def where(self) -> str:
        if not self.cell:
            return self.sheet
        return f"{quoted_sheet(self.sheet)}!{self.cell}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "where": self.where,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
        }


def show(value: Any) -> str:
    """A cell value as an officer would recognise it in a message."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def error(where: CellRef, value: Any, message: str, fix: str) -> Problem:
    return Problem.at(Severity.ERROR, where, value, message, fix)


def warning(where: CellRef, value: Any, message: str, fix: str) -> Problem:
    return Problem.at(Severity.WARNING, where, value, message, fix)


def problem_counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return errors, len(problems) - errors


def problems_text(problems: Sequence[Problem], path: Path) -> str:
    """Problems as aligned lines with their fixes, then the counts: for the terminal and emails."""
    lines = []
    width = max((len(p.where) for p in problems), default=0)
    for p in problems:
        value = f'"{clip(p.value, 40)}" ' if p.value else ""
        lines.append(f"{p.severity.value:<8} {p.where:<{width}}  {value}{p.message}")
        if p.fix:
            lines.append(f"{'':<8} {'':<{width}}  fix: {p.fix}")
    errors, warnings = problem_counts(problems)
    verdict = "no problems" if not problems else f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    lines.append(f"{path}: {verdict}")
    return "\n".join(lines)
