"""Comparisons between workbook states (see :mod:`automation.register.safe_write.state`).

``guarded_update`` takes three states: *before* (the workbook as loaded), *intended* (after
the caller's mutation, in memory) and *after* (the saved temp file, read back by
:mod:`automation.register.safe_write.reread`). It checks

* before -> intended with :func:`mutation_problems`: the mutation only set cell values,
  grew tables / drop-down / colour ranges downwards and added sheets after the others;
  nothing else changed;
* intended -> after with :func:`save_problems`: the saved file holds exactly what was meant.

Together they prove every pre-existing cell, format, drop-down, rule, name and table is
unchanged except the cells the mutation set. Styles are compared by their serialised XML, so
the comparison works across two workbooks whose style tables are numbered differently.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from .state import (
    BLANK_VALUE,
    COMMENT,
    LINK,
    STYLE,
    STYLE_PARTS,
    VALUE,
    BookState,
    CellSig,
    Coord,
    SheetState,
)

_MAX_PROBLEMS = 20


def mutation(before: BookState, intended: BookState) -> tuple[list[tuple[str, Coord]], list[str]]:
    """The cells whose value the mutation set (in sheet, row, column order), and what it did
    beyond setting values and growing ranges downwards. Clearing a value the officers
    entered counts as damage, not as setting a value."""
    differing = {
        title: _differing(before.sheets.get(title), sheet) for title, sheet in intended.sheets.items()
    }
    changed: list[tuple[str, Coord]] = []
    for title in intended.order:
        old, new = before.sheets.get(title), intended.sheets[title]
        was = old.cell if old else (lambda _: (BLANK_VALUE,))
        changed += [(title, c) for c in sorted(differing[title]) if new.cell(c)[VALUE] != was(c)[VALUE]]
    cleared = [_cleared(before, intended, title, coord) for title, coord in changed]
    problems = [c for c in cleared if c]
    problems += _compare(before, intended, changed=set(changed), growth=True, differing=differing)
    return changed, problems[:_MAX_PROBLEMS]


def _differing(old: SheetState | None, new: SheetState) -> set[Coord]:
    """Cells whose signature differs between the two states: one pass over each."""
    if old is None:
        return set(new.cells)
    was, now = old.cells, new.cells
    if was == now and old.default == new.default:
        return set()
    found = {c for c, sig in now.items() if was.get(c, old.default) != sig}
    found.update(c for c in was.keys() - now.keys() if was[c] != new.default)
    return found


def _cleared(before: BookState, after: BookState, title: str, coord: Coord) -> str:
    old = before.sheets.get(title)
    was = old.cells.get(coord) if old else None
    now = after.sheets[title].cell(coord)
    if was is None or was[VALUE][-1] in (None, "") or now[VALUE][-1] not in (None, ""):
        return ""
    return f"cell {title}!{get_column_letter(coord[1])}{coord[0]}: value {was[VALUE][-1]!r} was cleared"


def save_problems(intended: BookState, after: BookState) -> list[str]:
    """Where the saved and re-read workbook differs from what was meant to be saved."""
    return _compare(intended, after, changed=None, growth=False)


def _compare(
    old: BookState,
    new: BookState,
    *,
    changed: set[tuple[str, Coord]] | None,
    growth: bool,
    differing: dict[str, set[Coord]] | None = None,
) -> list[str]:
    problems: list[str] = []
    added = tuple(title for title in new.order if title not in old.sheets) if growth else ()
    if old.order + added != new.order:  # an update may add sheets after the others, nothing more
        problems.append(f"sheets changed from {list(old.order)} to {list(new.order)}")
    if old.names != new.names:
        problems.append(f"defined names changed: {_dict_diff(old.names, new.names)}")
    for title, sheet in old.sheets.items():
        if title in new.sheets:
            cells = {c for t, c in (changed or set()) if t == title}
            found = differing[title] if differing is not None else _differing(sheet, new.sheets[title])
            if changed is not None:  # an update may add cells; the old ones must stay as they were
                found = {c for c in found if c in sheet.cells}
            problems += _sheet_problems(sheet, new.sheets[title], found - cells, growth)
    return problems[:_MAX_PROBLEMS]


def _sheet_problems(old: SheetState, new: SheetState, differing: set[Coord], growth: bool) -> list[str]:
    where = f"sheet '{old.title}'"
    problems = _cell_problems(old, new, differing)
    for key, value in old.ranges.items():
        if new.ranges.get(key) != value:
            problems.append(f"{where}: {key} changed from {value!r} to {new.ranges.get(key)!r}")
    problems += _list_problems(where, "data validation (drop-down)", old.validations, new.validations, growth)
    problems += _list_problems(where, "conditional formatting", old.formatting, new.formatting, growth)
    problems += _table_problems(where, old.tables, new.tables, growth)
    return problems


def _cell_problems(old: SheetState, new: SheetState, differing: set[Coord]) -> list[str]:
    problems = []
    for coord in sorted(differing):
        ref = f"{old.title}!{get_column_letter(coord[1])}{coord[0]}"
        problems.append(f"cell {ref}: {_describe(old.cell(coord), new.cell(coord))}")
        if len(problems) >= _MAX_PROBLEMS:
            break
    return problems


def _describe(was: CellSig, now: CellSig) -> str:
    if was[VALUE] != now[VALUE]:
        return f"value changed from {was[VALUE][-1]!r} to {now[VALUE][-1]!r}"
    if was[COMMENT] != now[COMMENT]:
        return f"comment changed from {was[COMMENT]!r} to {now[COMMENT]!r}"
    if was[LINK] != now[LINK]:
        return "hyperlink changed"
    parts = [label for label, a, b in zip(STYLE_PARTS, was[STYLE], now[STYLE], strict=True) if a != b]
    return f"{', '.join(parts) or 'format'} changed"


def _list_problems(where: str, label: str, old: list[Any], new: list[Any], growth: bool) -> list[str]:
    if len(old) != len(new):
        return [f"{where}: {label} rules went from {len(old)} to {len(new)}"]
    problems = []
    for (old_ref, old_rule), (new_ref, new_rule) in zip(old, new, strict=True):
        same_cells = old_ref == new_ref or (growth and _covers(new_ref, old_ref))
        if old_rule != new_rule or not same_cells:
            problems.append(f"{where}: {label} on {' '.join(old_ref)} changed (now on {' '.join(new_ref)})")
    return problems


def _table_problems(where: str, old: dict[str, Any], new: dict[str, Any], growth: bool) -> list[str]:
    if set(old) != set(new):
        return [f"{where}: tables changed from {sorted(old)} to {sorted(new)}"]
    problems = []
    for name, (ref, rest, auto) in old.items():
        new_ref, new_rest, new_auto = new[name]
        grew = growth and _grew_down(ref, new_ref) and (auto is None or _grew_down(auto, new_auto))
        if rest != new_rest or not (grew or (ref, auto) == (new_ref, new_auto)):
            problems.append(f"{where}: table '{name}' ({ref}) changed (now {new_ref})")
    return problems


def _covers(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    big = [CellRange(r) for r in outer]
    return all(any(CellRange(r).issubset(b) for b in big) for r in inner)


def _grew_down(old: str | None, new: str | None) -> bool:
    if old is None or new is None:
        return old == new
    a, b = CellRange(old), CellRange(new)
    same_top = (a.min_row, a.min_col, a.max_col) == (b.min_row, b.min_col, b.max_col)
    return same_top and b.max_row >= a.max_row


def _dict_diff(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return ", ".join(f"{k}: {old.get(k)!r} -> {new.get(k)!r}" for k in keys[:5])
