"""The verifying re-read: what the saved copy holds, read back from its bytes.

Loading a large sheet with openpyxl costs more than saving it, so the copy is read in two
parts. openpyxl itself loads the package with the cells taken out of every sheet (settings,
drop-downs, rules, tables, names, notes, links and the style tables, all in a moment); the
cells are read from the sheets' XML by a strict scanner that knows how openpyxl writes them
(``<c r="B7" s="3" t="inlineStr"><is><t>text</t></is></c>``) and parses anything it does not
recognise as XML, interpreting every value as openpyxl's own reader does. The result is the
``BookState`` a full openpyxl load would give (the tests compare the two), in a fraction of
the time. Anything that cannot be read at all raises ``Unverifiable``: the write is refused.
"""

from __future__ import annotations

import re
import warnings
from io import BytesIO
from typing import Any
from xml.etree import ElementTree as ET

from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils.cell import column_index_from_string
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import DataTableFormula
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from .package import MAIN, Package, cell_data
from .state import (
    BLANK_VALUE,
    STYLE,
    VALUE,
    BookState,
    CellSig,
    Coord,
    SheetState,
    Styles,
    comment_sig,
    date_sig,
    link_sig,
    names_of,
    rich_sig,
    row_sig,
    sheet_state,
)

_TOKEN = re.compile(  # a cell (its text inline when it is plain), a row's start or end
    rb'<c r="([A-Z]{1,3})([0-9]+)"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?\s*'
    rb'(?:/>|><is><t(?: xml:space="preserve")?>([^<\r]+)</t></is></c>|>([^<]*(?:<(?!/c>)[^<]*)*)</c>)'
    rb"|<row\b([^>]*?)(/?)>"
    rb"|(</row>)"
    rb"|(\s+|<|[^<\s]+)"  # anything else: spaces, or a cell in another form (see _gap)
)
_INLINE = re.compile(rb'<is><t(?: xml:space="preserve")?>([^<\r]+)</t></is>')
_FORMULA = re.compile(rb"<f>([^<\r]*)</f>(?:<v></v>|<v\s*/>)?")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_FALSE = (None, "", "false", "f", "0")


class Unverifiable(Exception):
    """The saved copy holds XML this reader cannot follow."""


def reread(package: Package, interned: dict[Any, Any]) -> BookState:
    """The state of the saved workbook ``package`` (``interned`` shares signatures with the
    state it is compared with)."""
    parts = package.sheets
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the fidelity check hears them from the save
            wb = load_workbook(BytesIO(package.without_cells(set(parts.values()))), rich_text=True)
    except Exception as exc:  # openpyxl raises many types for a damaged package
        raise Unverifiable(f"openpyxl cannot open it ({type(exc).__name__}: {exc})") from exc
    styles = Styles(wb, interned)
    sheets = {}
    for ws in wb.worksheets:
        xml = package.read(parts[ws.title])
        sheets[ws.title] = _sheet(ws, Scanner(wb, styles, _merged_coords(ws)).scan(xml), styles)
    return BookState(sheets=sheets, order=tuple(wb.sheetnames), names=names_of(wb))


def _merged_coords(ws: Worksheet) -> set[Coord]:
    return {coord for rng in ws.merged_cells.ranges for coord in rng.cells}


def _sheet(ws: Worksheet, scanned: Scanned, styles: Styles) -> SheetState:
    """The scanned cells with what openpyxl bound to the cell-less sheet: notes, links, and
    the cells of merged ranges, whose borders openpyxl derives from the range's corners."""
    cells = scanned.cells
    notes = {
        coord: (comment_sig(cell.comment), link_sig(cell.hyperlink))
        for coord, cell in ws._cells.items()
        if cell.comment is not None or cell.hyperlink is not None
    }
    for rng in list(ws.merged_cells.ranges):
        _merged(ws, rng, scanned, styles)
    default = (BLANK_VALUE, styles.of(None), None, None)
    for coord, (comment, link) in notes.items():
        now = cells.get(coord, default)
        cells[coord] = (now[VALUE], now[STYLE], comment, link)
    state = sheet_state(ws, cells, styles)
    state.ranges["row heights"] = scanned.rows
    return state


def _merged(ws: Worksheet, rng: Any, scanned: Scanned, styles: Styles) -> None:
    """Bind one merged range as a full load does: the saved cells first, then the range,
    which replaces all but its top-left cell and passes borders on from the corners."""
    for coord in rng.cells:
        ws._cells.pop(coord, None)
        if coord in scanned.style_ids:
            ws._cells[coord] = Cell(ws, row=coord[0], column=coord[1], style_array=scanned.style_array(coord))
    ws._clean_merge_range(MergedCellRange(ws, rng.coord))
    default = styles.of(None)
    for coord in rng.cells:
        cell = ws._cells.get(coord)
        value = BLANK_VALUE
        if isinstance(cell, Cell):  # the top-left cell keeps its value
            value = scanned.cells.get(coord, (BLANK_VALUE,))[VALUE]
        style = styles.of(cell._style) if cell is not None else default
        scanned.cells.pop(coord, None)
        if value is not BLANK_VALUE or style is not default:
            scanned.cells[coord] = (value, style, None, None)


class Scanned:
    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.cells: dict[Coord, CellSig] = {}
        self.rows: tuple[tuple[Any, ...], ...] = ()
        self.style_ids: dict[Coord, int] = {}  # for the cells of merged ranges

    def style_array(self, coord: Coord) -> Any:
        return self.wb._cell_styles[self.style_ids[coord]]


class Scanner:
    """Reads the cells of one sheet's XML into signatures, as openpyxl's reader would."""

    def __init__(self, wb: Workbook, styles: Styles, merged: set[Coord]) -> None:
        self.wb, self.styles, self.merged = wb, styles, merged
        self.dates = set(wb._date_formats) | set(wb._timedelta_formats)
        self.by_id: dict[int, tuple[Any, ...]] = {}
        self.columns: dict[bytes, int] = {}
        self.default = styles.of(None)

    def style(self, style_id: int) -> tuple[Any, ...]:
        found = self.by_id.get(style_id)
        if found is None:
            found = self.by_id[style_id] = self.styles.of(self.wb._cell_styles[style_id])
        return found

    def column(self, letters: bytes) -> int:
        found = self.columns.get(letters)
        if found is None:
            found = self.columns[letters] = column_index_from_string(letters.decode())
        return found

    def scan(self, xml: bytes) -> Scanned:
        """One pass over ``<sheetData>``: each row and cell in order, nothing skipped (every
        byte falls in a token). The forms openpyxl writes are read in this loop; anything
        else is left to ``_scan_slowly``."""
        start, end = cell_data(xml)
        tokens = _TOKEN.findall(xml, start, end)
        if any(token[-1] and not token[-1].isspace() for token in tokens):
            return self._scan_slowly(xml, start, end)
        scanned = Scanned(self.wb)
        cells, default, merged, columns = scanned.cells, self.default, self.merged, self.columns
        rows: list[tuple[Any, ...]] = []
        by_s: dict[bytes, tuple[Any, ...]] = {}
        row = 0
        for letters, number, sid, kind, inline, body, row_attrs, _, row_end, space in tokens:
            if not letters:
                if not (row_end or space):
                    row = _row(row_attrs, rows)
                continue
            coord = (int(number), columns.get(letters) or self.column(letters))
            if coord[0] != row:
                raise Unverifiable(f"cell {(letters + number).decode()} is outside its row {row}")
            if inline and kind == b"inlineStr":
                text = inline.decode()
                value: tuple[Any, ...] | None = ("s", _unescape(text) if "&" in text else text)
            else:
                value = self._value(kind or None, sid, body) if body else BLANK_VALUE
            if value is None:  # not a form openpyxl writes: parse it as XML
                self._element(_cell_xml(letters, number, sid, kind, body), row, scanned)
                continue
            style = by_s.get(sid)
            if style is None:
                style = by_s[sid] = self.style(int(sid or 0))
            if coord in merged:
                scanned.style_ids[coord] = int(sid or 0)
            if value is not BLANK_VALUE or style is not default:
                cells[coord] = (value, style, None, None)
        scanned.rows = tuple(sorted(rows))
        return scanned

    def _scan_slowly(self, xml: bytes, start: int, end: int) -> Scanned:
        """The same for a sheet with a cell in another form: every cell parsed as XML."""
        scanned = Scanned(self.wb)
        rows: list[tuple[Any, ...]] = []
        row, pos = 0, start
        for found in _TOKEN.finditer(xml, start, end):
            if found.start() < pos:  # inside a cell already parsed
                continue
            pos = found.end()
            letters, *_, row_attrs, _, _, other = found.groups()
            if letters is not None:
                self._element(found.group(0), row, scanned)
            elif row_attrs is not None:
                row = _row(row_attrs, rows)
            elif other is not None and not other.isspace():
                if not xml.startswith(b"<c ", found.start()):
                    raise Unverifiable(
                        f"unexpected XML in the cells: {xml[found.start() : found.start() + 60]!r}"
                    )
                pos = _element_end(xml, found.start())
                self._element(xml[found.start() : pos], row, scanned)
        scanned.rows = tuple(sorted(rows))
        return scanned

    def _keep(self, scanned: Scanned, coord: Coord, sid: int, value: tuple[Any, ...]) -> None:
        style = self.style(sid)
        if coord in self.merged:
            scanned.style_ids[coord] = sid
        if value is not BLANK_VALUE or style is not self.default:
            scanned.cells[coord] = (value, style, None, None)

    def _value(self, kind: bytes | None, sid: bytes | None, body: bytes) -> tuple[Any, ...] | None:
        """The value of a cell in one of openpyxl's forms; None for any other form."""
        if kind == b"inlineStr":
            inline = _INLINE.fullmatch(body)
            return ("s", _text(inline.group(1))) if inline is not None else None
        if body[:3] == b"<v>" and body[-4:] == b"</v>" and body.find(b"<", 3) == len(body) - 4:
            raw = body[3:-4]
            if not raw:
                return BLANK_VALUE
            if b"\r" in raw:  # an XML parser would read a bare carriage return as a line feed
                return None
            return self._typed(kind.decode() if kind else "n", int(sid or 0), _text(raw))
        if body[:3] == b"<f>" and kind is None:
            formula = _FORMULA.fullmatch(body)
            return ("f", "=" + _text(formula.group(1))) if formula is not None else None
        return None

    def _typed(self, kind: str, sid: int, text: str | None) -> tuple[Any, ...]:
        """A ``<v>`` value as openpyxl's reader types it (dates by the cell's number format)."""
        if text is None:
            return BLANK_VALUE
        if kind == "n":
            number = float(text) if "." in text or "E" in text or "e" in text else int(text)
            return date_sig(float(number)) if sid in self.dates else ("n", number)
        if kind == "b":
            return ("b", bool(int(text)))
        if kind in ("e", "str"):
            return ("e" if kind == "e" else "s", text)
        raise Unverifiable(f"a cell of type {kind!r}, which openpyxl does not write")

    def _element(self, element: bytes, row: int, scanned: Scanned) -> None:
        """A cell the fast pattern does not cover, parsed as XML."""
        try:
            wrapped = ET.fromstring(
                b'<sheetData xmlns="' + MAIN[1:-1].encode() + b'">' + element + b"</sheetData>"
            )
        except ET.ParseError as exc:
            raise Unverifiable(f"a cell's XML cannot be parsed ({exc})") from exc
        cell = wrapped[0]
        ref = cell.get("r", "")
        letters = ref.rstrip("0123456789")
        if not letters or ref[len(letters) :] != str(row):
            raise Unverifiable(f"a cell without a position in row {row} ({ref!r})")
        coord = (row, self.column(letters.encode()))
        sid = int(cell.get("s") or 0)
        self._keep(scanned, coord, sid, self._parsed_value(cell, sid))

    def _parsed_value(self, cell: ET.Element, sid: int) -> tuple[Any, ...]:
        kind = cell.get("t", "n")
        formula = cell.find(f"{MAIN}f")
        if formula is not None:
            return _formula(formula)
        if kind == "inlineStr":
            inline = cell.find(f"{MAIN}is")
            return rich_sig(CellRichText.from_tree(inline)) if inline is not None else BLANK_VALUE
        return self._typed(kind, sid, cell.findtext(f"{MAIN}v") or None)


def _cell_xml(letters: bytes, number: bytes, sid: bytes, kind: bytes, body: bytes) -> bytes:
    """A cell's XML again from the parts the pattern took (which allows no other attributes)."""
    style = b' s="' + sid + b'"' if sid else b""
    kind_attr = b' t="' + kind + b'"' if kind else b""
    return b'<c r="' + letters + number + b'"' + style + kind_attr + b">" + body + b"</c>"


def _element_end(xml: bytes, start: int) -> int:
    tag_end = xml.find(b">", start)
    if tag_end == -1:
        raise Unverifiable("a cell is not closed")
    if xml[tag_end - 1 : tag_end] == b"/":
        return tag_end + 1
    close = xml.find(b"</c>", tag_end)
    if close == -1:
        raise Unverifiable("a cell is not closed")
    return close + 4


def _row(raw: bytes, rows: list[tuple[Any, ...]]) -> int:
    """The row's number; its height, hiding and outline level added to ``rows`` if set."""
    attrs = {k.decode(): v.decode() for k, v in _ATTRIBUTE.findall(raw)}
    if "r" not in attrs:
        raise Unverifiable("a row without its number")
    number = int(attrs["r"])
    if set(attrs) - {"r", "spans"}:
        height = float(attrs["ht"]) if attrs.get("ht") else None
        sig = row_sig(height, attrs.get("hidden") not in _FALSE, int(attrs.get("outlineLevel") or 0))
        if sig is not None:
            rows.append((number, *sig))
    return number


def _formula(formula: ET.Element) -> tuple[Any, ...]:
    text = "=" + (formula.text or "")
    kind = formula.get("t")
    if kind == "array":
        return ("array", formula.get("ref"), text)
    if kind == "dataTable":
        value = DataTableFormula(**formula.attrib)
        return ("datatable", tuple(sorted((k, str(v)) for k, v in dict(value).items())))
    if kind is not None:
        raise Unverifiable(f"a {kind} formula, which openpyxl does not write")
    return ("f", text)


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return _unescape(text) if "&" in text else text


def _unescape(text: str) -> str:
    return _ENTITY.sub(_entity, text)


def _entity(found: re.Match[str]) -> str:
    name = found.group(1)
    if name[0] == "#":
        return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))
    return _NAMED[name]
