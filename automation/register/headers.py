"""Values under a blank header: a column whose header was cleared or lost to a merged cell
(an officer tidying the header row) is never read, so say where it is."""

from __future__ import annotations

from automation.core.model import CellRef, column_letter
from automation.core.problems import Problem, warning
from automation.register.tables import SheetTable


def headerless_columns(table: SheetTable) -> list[Problem]:
    """A warning for each column between named ones whose header cell is blank but which
    holds values below it, at its first value."""
    named = [i for i, header in enumerate(table.headers) if header]
    if not named:
        return []
    gaps = [i for i in range(named[0], named[-1]) if not table.headers[i]]
    found = []
    for index in gaps:
        first = next((n for n, row in table.rows if index < len(row) and _filled(row[index])), None)
        if first is not None:
            header = CellRef(table.sheet, table.header_row, index + 1)
            found.append(
                warning(
                    CellRef(table.sheet, first, index + 1),
                    "",
                    f"column {column_letter(index + 1)} has values but no header in {header}, so "
                    "tracker does not read it",
                    f"type the column's header in {header} (unmerge the cell if it is merged)",
                )
            )
    return found


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))
