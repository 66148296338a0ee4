"""What openpyxl can see in a workbook, as comparable values: the states ``verify`` compares.

A cell's signature is a plain tuple ``(value, style, comment, link)``: the value as the file
holds it (``("s", text)``, ``("n", 3)``, ``("date", serial)``, ``("f", "=SUM(A1)")``...), the
style serialised (number format, font, fill, border, alignment, protection, pivot button,
quote prefix), so that two workbooks whose style tables are numbered differently compare
alike. Blank unstyled cells are left out: a cell missing from ``SheetState.cells`` is the
sheet's ``default``. Signatures are interned, so comparing two states of a large register
is mostly a matter of comparing the same tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.cell import Cell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

Coord = tuple[int, int]
CellSig = tuple[Any, ...]  # (value, style, comment, link)
VALUE, STYLE, COMMENT, LINK = range(4)
BLANK_VALUE = ("n", None)
STYLE_PARTS = ("number format", "font", "fill", "border", "alignment", "protection", "pivot", "text prefix")
_PLAIN = {str: "s", int: "n", float: "n", bool: "b"}
_KINDS = {"inlineStr": "s", "str": "s"}
_DATES = (datetime, date, time, timedelta)


@dataclass
class SheetState:
    title: str
    cells: dict[Coord, CellSig]
    default: CellSig
    ranges: dict[str, Any] = field(default_factory=dict)
    validations: list[tuple[tuple[str, ...], tuple[Any, ...]]] = field(default_factory=list)
    formatting: list[tuple[tuple[str, ...], tuple[bytes, ...]]] = field(default_factory=list)
    tables: dict[str, tuple[str, tuple[Any, ...], str | None]] = field(default_factory=dict)

    def cell(self, coord: Coord) -> CellSig:
        return self.cells.get(coord, self.default)


@dataclass
class BookState:
    sheets: dict[str, SheetState]
    order: tuple[str, ...]
    names: dict[str, tuple[Any, ...]]


class Styles:
    """Serialised styles of one workbook, by StyleArray bytes, interned across workbooks."""

    def __init__(self, wb: Workbook, interned: dict[Any, Any]) -> None:
        self.wb = wb
        self.interned = interned
        self.by_key: dict[bytes, tuple[Any, ...]] = {}

    def of(self, ids: StyleArray | None) -> tuple[Any, ...]:
        if ids is None:  # saved with no style index, which means the first cell format (xf 0)
            ids = self.wb._cell_styles[0] if len(self.wb._cell_styles) else StyleArray()
        key = ids.tobytes()
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = self._serialise(ids)
        return found

    def _serialise(self, ids: StyleArray) -> tuple[Any, ...]:
        wb = self.wb
        fmt = ids.numFmtId
        number_format = (
            str(BUILTIN_FORMATS.get(fmt, "General")) if fmt < 164 else wb._number_formats[fmt - 164]
        )
        sig = (
            str(number_format),
            xml_of(wb._fonts[ids.fontId]),
            xml_of(wb._fills[ids.fillId]),
            xml_of(wb._borders[ids.borderId]),
            xml_of(wb._alignments[ids.alignmentId]),
            xml_of(wb._protections[ids.protectionId]),
            bool(ids.pivotButton),
            bool(ids.quotePrefix),  # the leading apostrophe that keeps "=x" as text
        )
        return self.interned.setdefault(sig, sig)


def snapshot(wb: Workbook, interned: dict[Any, Any] | None = None) -> BookState:
    """Everything openpyxl holds that the officers would miss if it changed."""
    styles = Styles(wb, {} if interned is None else interned)
    sheets = {ws.title: sheet_state(ws, cells_of(ws, styles), styles) for ws in wb.worksheets}
    return BookState(sheets=sheets, order=tuple(wb.sheetnames), names=names_of(wb))


def names_of(wb: Workbook) -> dict[str, tuple[Any, ...]]:
    names = {f"workbook/{n}": _name_sig(d) for n, d in wb.defined_names.items()}
    for ws in wb.worksheets:
        names.update({f"{ws.title}/{n}": _name_sig(d) for n, d in ws.defined_names.items()})
    return names


def cells_of(ws: Worksheet, styles: Styles) -> dict[Coord, CellSig]:
    """Every cell openpyxl holds (without creating any), blank unstyled ones left out.
    One loop over perhaps 250,000 cells: kept to lookups and tuples."""
    out: dict[Coord, CellSig] = {}
    plain, kinds, by_key = _PLAIN, _KINDS, styles.by_key
    default = styles.of(None)
    epoch = ws.parent.epoch
    for coord, cell in ws._cells.items():
        value = cell._value
        if value is None or value == "":
            shown: tuple[Any, ...] = BLANK_VALUE
        elif type(value) in plain and (kind := cell.data_type) != "d":
            shown = (kinds.get(kind, kind), value)
        else:
            shown = value_sig(value, cell.data_type, epoch)
        array = cell._style
        style = by_key.get(array.tobytes()) if array is not None else default
        if style is None:
            style = styles.of(array)
        if type(cell) is Cell and (cell._comment is not None or cell._hyperlink is not None):
            out[coord] = (shown, style, comment_sig(cell._comment), link_sig(cell._hyperlink))
        elif shown is not BLANK_VALUE or style is not default:
            out[coord] = (shown, style, None, None)
    return out


def value_sig(value: Any, data_type: str, epoch: datetime = WINDOWS_EPOCH) -> tuple[Any, ...]:
    """The value as the file stores it: dates as the serial numbers openpyxl writes (to 16
    digits), to 8 decimals (under a millisecond), so that a date read back compares equal."""
    if value is None or (isinstance(value, str) and value == ""):
        return BLANK_VALUE
    if isinstance(value, ArrayFormula):
        return ("array", value.ref, value.text)
    if isinstance(value, DataTableFormula):
        return ("datatable", tuple(sorted((k, str(v)) for k, v in dict(value).items())))
    if isinstance(value, CellRichText):
        return rich_sig(value)
    if isinstance(value, _DATES):
        return date_sig(float(f"{to_excel(value, epoch):.16g}"))
    return (_KINDS.get(data_type, data_type), value)


def date_sig(serial: float) -> tuple[Any, ...]:
    return ("date", round(serial, 8))


def rich_sig(value: CellRichText) -> tuple[Any, ...]:
    """Rich text as openpyxl reads it back: plain text when it has no formatted runs."""
    if len(value) == 0:
        return BLANK_VALUE
    if len(value) == 1 and isinstance(value[0], str):
        return ("s", value[0])
    return ("rich", tuple(_block_sig(block) for block in value))


def _block_sig(block: str | TextBlock) -> tuple[str, bytes]:
    if isinstance(block, TextBlock):
        return (block.text, xml_of(block.font))
    return (str(block), b"")


def comment_sig(comment: Any) -> tuple[str, str] | None:
    return (comment.text, comment.author) if comment is not None else None


def link_sig(link: Any) -> tuple[Any, ...] | None:
    return (link.target, link.location, link.tooltip) if link is not None else None


def sheet_state(ws: Worksheet, cells: dict[Coord, CellSig], styles: Styles) -> SheetState:
    state = SheetState(title=ws.title, cells=cells, default=(BLANK_VALUE, styles.of(None), None, None))
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
        "row heights": row_sigs(ws),
        "auto filter": ws.auto_filter.ref,
        "print area": ws.print_area,
        "print titles": (ws.print_title_rows, ws.print_title_cols),
        "sheet protection": (ws.protection.sheet, ws.protection.password),
        "visibility": ws.sheet_state,
        "tab colour": xml_of(ws.sheet_properties.tabColor),
    }


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


def row_sigs(ws: Worksheet) -> tuple[tuple[Any, ...], ...]:
    rows = []
    for idx, dim in ws.row_dimensions.items():
        sig = row_sig(dim.height if dim.customHeight else None, bool(dim.hidden), dim.outlineLevel or 0)
        if sig is not None:
            rows.append((int(idx), *sig))
    return tuple(sorted(rows))


def row_sig(height: float | None, hidden: bool, level: int) -> tuple[Any, ...] | None:
    sig = (height, hidden, level)
    return None if sig == (None, False, 0) else sig


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
        xml_of(table.tableStyleInfo),
        columns,
    )
    auto_filter = table.autoFilter.ref if table.autoFilter is not None else None
    return (table.ref, rest, auto_filter)


def _rule_sig(rule: Any) -> bytes:
    """A rule serialised without its style index, plus its style serialised separately."""
    saved = rule.dxfId
    try:
        rule.dxfId = None
        return xml_of(rule) + b"|" + xml_of(rule.dxf)
    finally:
        rule.dxfId = saved


def _name_sig(defn: Any) -> tuple[Any, ...]:
    return (defn.attr_text, defn.hidden, defn.comment, defn.localSheetId)


def _serial_attrs(obj: Any, skip: set[str]) -> tuple[Any, ...]:
    keys = [k for k in (*obj.__attrs__, *obj.__elements__) if k not in skip]
    return tuple((k, str(getattr(obj, k))) for k in keys)


def _sqref(sqref: Any) -> tuple[str, ...]:
    return tuple(sorted(str(r) for r in sqref.ranges))


def xml_of(obj: Any) -> bytes:
    return b"" if obj is None else bytes(tostring(obj.to_tree()))
