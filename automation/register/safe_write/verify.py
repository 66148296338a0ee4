"""Snapshots of what openpyxl can see in a workbook, and comparisons between them.

``guarded_update`` takes three snapshots: *before* (the workbook as loaded), *intended* (after
the caller's mutation, in memory) and *after* (the saved temp file, read back). It checks

* before -> intended with :func:`mutation_problems`: the mutation only set cell values,
  grew tables / drop-down / colour ranges downwards and added sheets after the others;
  nothing else changed;
* intended -> after with :func:`save_problems`: the saved file holds exactly what was meant.

Together they prove every pre-existing cell, format, drop-down, rule, name and table is
unchanged except the cells the mutation set. Styles are compared by their serialised XML, so
the comparison works across two workbooks whose style tables are numbered differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

Coord = tuple[int, int]
_STYLE_PARTS = ("font", "fill", "border", "alignment", "protection", "pivot", "text prefix")
_MAX_PROBLEMS = 20
_NO_STYLE = (0,) * 9


@dataclass(frozen=True)
class CellSig:
    """What a cell holds and looks like, comparable across workbooks."""

    value: Any
    style: tuple[Any, ...]
    comment: tuple[str, str] | None = None
    link: tuple[str | None, ...] | None = None


_BLANK = CellSig(value=("n", None), style=())


@dataclass
class SheetState:
    title: str
    cells: dict[Coord, CellSig]
    ranges: dict[str, Any] = field(default_factory=dict)
    validations: list[tuple[tuple[str, ...], tuple[Any, ...]]] = field(default_factory=list)
    formatting: list[tuple[tuple[str, ...], tuple[bytes, ...]]] = field(default_factory=list)
    tables: dict[str, tuple[str, tuple[Any, ...], str | None]] = field(default_factory=dict)
    default: CellSig | None = None


@dataclass
class BookState:
    sheets: dict[str, SheetState]
    order: tuple[str, ...]
    names: dict[str, tuple[Any, ...]]


# --------------------------------------------------------------------------- snapshots


def snapshot(wb: Workbook) -> BookState:
    """Everything openpyxl exposes that the officers would miss if it changed."""
    sheets = {ws.title: _sheet_state(ws) for ws in wb.worksheets}
    names = {f"workbook/{n}": _name_sig(d) for n, d in wb.defined_names.items()}
    for ws in wb.worksheets:
        names.update({f"{ws.title}/{n}": _name_sig(d) for n, d in ws.defined_names.items()})
    return BookState(sheets=sheets, order=tuple(wb.sheetnames), names=names)


def _sheet_state(ws: Worksheet) -> SheetState:
    cache: dict[tuple[int, ...], tuple[Any, ...]] = {}
    cells = {
        (cell.row, cell.column): _cell_sig(cell, cache)
        for cell in ws._cells.values()  # every cell openpyxl holds, without creating new ones
    }
    state = SheetState(title=ws.title, cells=cells)
    state.default = CellSig(value=("n", None), style=_style_sig_for(ws, _NO_STYLE, cache))
    state.ranges = _sheet_ranges(ws)
    state.validations = [
        (_sqref(dv.sqref), _serial_attrs(dv, skip={"sqref"})) for dv in ws.data_validations.dataValidation
    ]
    state.formatting = [
        (_sqref(cf.sqref), tuple(_rule_sig(rule) for rule in cf.rules)) for cf in ws.conditional_formatting
    ]
    state.tables = {table.name: _table_sig(table) for table in ws.tables.values()}
    return state


def _sheet_ranges(ws: Worksheet) -> dict[str, Any]:
    return {
        "merged cells": tuple(sorted(str(r) for r in ws.merged_cells.ranges)),
        "freeze panes": ws.freeze_panes,
        "columns": _column_sigs(ws),
        "row heights": _row_sigs(ws),
        "auto filter": ws.auto_filter.ref,
        "print area": ws.print_area,
        "print titles": (ws.print_title_rows, ws.print_title_cols),
        "sheet protection": (ws.protection.sheet, ws.protection.password),
        "visibility": ws.sheet_state,
        "tab colour": _xml(ws.sheet_properties.tabColor),
    }


def _cell_sig(cell: Any, cache: dict[tuple[int, ...], tuple[Any, ...]]) -> CellSig:
    comment = (cell.comment.text, cell.comment.author) if cell.comment else None
    link = cell.hyperlink
    link_sig = (link.target, link.location, link.tooltip) if link is not None else None
    key = tuple(cell._style) if cell._style is not None else _NO_STYLE  # None until styled
    style = _style_sig_for(cell.parent, key, cache)
    return CellSig(value=_value_sig(cell), style=style, comment=comment, link=link_sig)


def _style_sig_for(
    ws: Worksheet, key: tuple[int, ...], cache: dict[tuple[int, ...], tuple[Any, ...]]
) -> tuple[Any, ...]:
    """Serialised font/fill/border/alignment/protection + number format, cached per style id."""
    if key not in cache:
        wb = ws.parent
        font_id, fill_id, border_id, fmt_id, prot_id, align_id = key[:6]
        number_format = _number_format(wb, fmt_id)
        cache[key] = (
            number_format,
            _xml(wb._fonts[font_id]),
            _xml(wb._fills[fill_id]),
            _xml(wb._borders[border_id]),
            _xml(wb._alignments[align_id]),
            _xml(wb._protections[prot_id]),
            bool(key[6]),  # pivot button
            bool(key[7]),  # quote prefix: the leading apostrophe that keeps "=x" as text
        )
    return cache[key]


def _number_format(wb: Workbook, fmt_id: int) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    if fmt_id < 164:
        return str(BUILTIN_FORMATS.get(fmt_id, "General"))
    return str(wb._number_formats[fmt_id - 164])


def _value_sig(cell: Any) -> tuple[Any, ...]:
    kind = "s" if cell.data_type in ("s", "inlineStr", "str") else cell.data_type
    value = cell.value
    if isinstance(value, ArrayFormula):
        return ("array", value.ref, value.text)
    if isinstance(value, DataTableFormula):
        return ("datatable", tuple(sorted((k, str(v)) for k, v in dict(value).items())))
    if isinstance(value, CellRichText):
        return ("rich", tuple(_block_sig(block) for block in value))
    if isinstance(value, (datetime, date, time, timedelta)):
        return ("date", round(float(to_excel(value)), 8))
    return (kind, value)


def _block_sig(block: str | TextBlock) -> tuple[str, bytes]:
    if isinstance(block, TextBlock):
        return (block.text, _xml(block.font))
    return (str(block), b"")


def _column_sigs(ws: Worksheet) -> tuple[tuple[Any, ...], ...]:
    out: dict[int, tuple[Any, ...]] = {}
    for dim in ws.column_dimensions.values():
        sig = (
            round(float(dim.width), 4) if dim.customWidth else None,
            bool(dim.hidden),
            int(dim.outlineLevel or 0),
        )
        if sig == (None, False, 0):
            continue
        for idx in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
            out[idx] = sig
    return tuple((get_column_letter(i), *out[i]) for i in sorted(out))


def _row_sigs(ws: Worksheet) -> tuple[tuple[Any, ...], ...]:
    rows = []
    for idx, dim in ws.row_dimensions.items():
        sig = (dim.height if dim.customHeight else None, bool(dim.hidden), dim.outlineLevel or 0)
        if sig != (None, False, 0):
            rows.append((int(idx), *sig))
    return tuple(sorted(rows))


def _table_sig(table: Any) -> tuple[str, tuple[Any, ...], str | None]:
    columns = tuple(
        (
            col.name,
            col.calculatedColumnFormula.attr_text if col.calculatedColumnFormula else None,
            col.totalsRowFunction,
            col.totalsRowLabel,
        )
        for col in table.tableColumns
    )
    rest = (
        table.displayName,
        table.headerRowCount,
        table.totalsRowCount,
        _xml(table.tableStyleInfo),
        columns,
    )
    auto_filter = table.autoFilter.ref if table.autoFilter is not None else None
    return (table.ref, rest, auto_filter)


def _rule_sig(rule: Any) -> bytes:
    """A rule serialised without its style index, plus its style serialised separately."""
    saved = rule.dxfId
    try:
        rule.dxfId = None
        return _xml(rule) + b"|" + _xml(rule.dxf)
    finally:
        rule.dxfId = saved


def _name_sig(defn: Any) -> tuple[Any, ...]:
    return (defn.attr_text, defn.hidden, defn.comment, defn.localSheetId)


def _serial_attrs(obj: Any, skip: set[str]) -> tuple[Any, ...]:
    keys = [k for k in (*obj.__attrs__, *obj.__elements__) if k not in skip]
    return tuple((k, str(getattr(obj, k))) for k in keys)


def _sqref(sqref: Any) -> tuple[str, ...]:
    return tuple(sorted(str(r) for r in sqref.ranges))


def _xml(obj: Any) -> bytes:
    return b"" if obj is None else bytes(tostring(obj.to_tree()))


# --------------------------------------------------------------------------- comparisons


def changed_cells(before: BookState, after: BookState) -> list[tuple[str, Coord]]:
    """Cells whose value differs, in sheet order then row then column."""
    out: list[tuple[str, Coord]] = []
    for title in after.order:
        old, new = before.sheets.get(title), after.sheets[title]
        blank = ("n", None)
        for coord in sorted(new.cells):
            was = old.cells[coord].value if old and coord in old.cells else blank
            if new.cells[coord].value != was:
                out.append((title, coord))
    return out


def mutation_problems(before: BookState, intended: BookState, changed: set[tuple[str, Coord]]) -> list[str]:
    """What the mutation did beyond setting values and growing ranges downwards.

    Clearing a value the officers entered counts as damage, not as setting a value.
    """
    cleared = [_cleared(before, intended, title, coord) for title, coord in sorted(changed)]
    cleared = [c for c in cleared if c]
    return [*cleared, *_compare(before, intended, changed=changed, growth=True)][:_MAX_PROBLEMS]


def _cleared(before: BookState, after: BookState, title: str, coord: Coord) -> str:
    old = before.sheets.get(title)
    was = old.cells.get(coord) if old else None
    now = after.sheets[title].cells.get(coord, _BLANK)
    if was is None or was.value[-1] in (None, "") or now.value[-1] not in (None, ""):
        return ""
    return f"cell {title}!{get_column_letter(coord[1])}{coord[0]}: value {was.value[-1]!r} was cleared"


def save_problems(intended: BookState, after: BookState) -> list[str]:
    """Where the saved and re-read workbook differs from what was meant to be saved."""
    return _compare(intended, after, changed=None, growth=False)


def _compare(
    old: BookState, new: BookState, *, changed: set[tuple[str, Coord]] | None, growth: bool
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
            problems += _sheet_problems(sheet, new.sheets[title], cells, growth, changed is None)
    return problems[:_MAX_PROBLEMS]


def _sheet_problems(
    old: SheetState, new: SheetState, changed: set[Coord], growth: bool, exact: bool
) -> list[str]:
    where = f"sheet '{old.title}'"
    problems = _cell_problems(old, new, changed, exact)
    for key, value in old.ranges.items():
        if new.ranges.get(key) != value:
            problems.append(f"{where}: {key} changed from {value!r} to {new.ranges.get(key)!r}")
    problems += _list_problems(where, "data validation (drop-down)", old.validations, new.validations, growth)
    problems += _list_problems(where, "conditional formatting", old.formatting, new.formatting, growth)
    problems += _table_problems(where, old.tables, new.tables, growth)
    return problems


def _cell_problems(old: SheetState, new: SheetState, changed: set[Coord], exact: bool) -> list[str]:
    problems = []
    assert old.default is not None and new.default is not None
    coords = set(old.cells) | set(new.cells) if exact else set(old.cells)
    for coord in sorted(coords - changed):
        was, now = old.cells.get(coord, old.default), new.cells.get(coord, new.default)
        if was != now:
            ref = f"{old.title}!{get_column_letter(coord[1])}{coord[0]}"
            problems.append(f"cell {ref}: {_describe(was, now)}")
    return problems


def _describe(was: CellSig, now: CellSig) -> str:
    if was.value != now.value:
        return f"value changed from {was.value[-1]!r} to {now.value[-1]!r}"
    if was.comment != now.comment:
        return f"comment changed from {was.comment!r} to {now.comment!r}"
    if was.link != now.link:
        return "hyperlink changed"
    labels = ("number format", *_STYLE_PARTS)
    parts = [label for label, a, b in zip(labels, was.style, now.style, strict=True) if a != b]
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
