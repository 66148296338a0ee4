"""Problems found in a register: collected, never raised (the csvkit habit)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from automation.core.model import CellRef, quoted_sheet


class Severity(enum.Enum):
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
    def at(
        cls, severity: Severity, where: CellRef, value: Any, message: str, fix: str
    ) -> Problem:
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
