"""Reading a workbook's values fast (python-calamine), tolerant of where things are.

Sheets and columns are found by header name wherever they sit; every value keeps its
row and column so that messages can say ``Register!K12``.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import python_calamine

from automation.core.errors import RegisterLayoutError, RegisterUnreadable
from automation.register import bounds
from automation.register.scan import CellScan, scan_blocks
from automation.register.scans import Scans, formulas_in, scan_part
from automation.register.schema import SheetSpec, normalise
from automation.register.tables import SheetTable, build_table, find_header

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


READABLE = (".xlsx", ".xlsm", ".xls", ".ods")
WRITABLE = (".xlsx", ".xlsm")
RESAVE = "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then use that file"


def is_ooxml(data: bytes) -> bool:
    """An Excel 2007+ package (.xlsx, .xlsm), as opposed to .xls or .ods. Searched from the
    end, where the zip's directory names every part: a search from the start would pass
    over the whole sheet (17 ms at 200,000 rows, on every call)."""
    return data[:4] == b"PK\x03\x04" and data.rfind(b"xl/workbook") != -1


def refuse_unwritable(path: Path) -> None:
    """tracker updates only .xlsx and .xlsm; an .xls or .ods register is read, never written,
    and every writing command says so in the same words."""
    suffix = path.suffix.lower()
    if suffix in WRITABLE:
        return
    if suffix in READABLE and path.exists():
        raise RegisterUnreadable(
            f"{path} is an {suffix.lstrip('.')} workbook: tracker can read it but can only update "
            ".xlsx and .xlsm workbooks",
            fix=RESAVE,
        )
    named = f"a {suffix} file" if suffix else "a file without an extension"
    raise RegisterUnreadable(
        f"{path} is {named}: tracker writes only .xlsx and .xlsm workbooks",
        fix="give the register's .xlsx file, or for tracker init a new name ending .xlsx",
    )


def _snapshot(path: Path) -> bytes:
    """The file's bytes, read once; Excel may be half-way through a save, so retry once."""
    if not path.exists():
        raise RegisterUnreadable(
            f"{path} does not exist",
            fix="check the path or pass --register; to start one, run tracker init (empty) "
            "or tracker demo (an example)",
        )
    if path.is_dir():
        raise RegisterUnreadable(f"{path} is a folder, not a workbook", fix="pass the .xlsx file")
    for attempt in (1, 2):
        try:
            data = path.read_bytes()
        except PermissionError as exc:
            raise RegisterUnreadable(
                f"{path} is locked by another program",
                fix="close it in Excel (or wait for its sync to finish) and try again",
            ) from exc
        except OSError as exc:
            raise RegisterUnreadable(f"{path} cannot be read: {exc.strerror}") from exc
        if data[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(data)):
            _refuse_other_packages(path, data)
            return data  # .xlsx, .xlsm or .ods
        if data.startswith(_OLE_MAGIC) and _ENCRYPTED_MARK not in data:
            return data  # an Excel 97-2003 .xls, which calamine reads
        if attempt == 1 and data[:2] == b"PK":
            time.sleep(0.5)
            continue
        raise _not_xlsx(path, data)
    raise AssertionError("unreachable")  # pragma: no cover


_OTHER_PACKAGES = (("word/", "a Word document"), ("ppt/", "a PowerPoint file"), ("visio/", "a Visio drawing"))


def _refuse_other_packages(path: Path, data: bytes) -> None:
    """A Word document or other Office file given where the register belongs is not damaged:
    it is the wrong file."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
    if any(name.startswith("xl/") or name in ("content.xml", "mimetype") for name in names):
        return
    what = next((kind for prefix, kind in _OTHER_PACKAGES if any(n.startswith(prefix) for n in names)), None)
    if what is None:
        return  # a workbook missing its parts: reading it says it is damaged
    raise RegisterUnreadable(
        f"{path} is {what}, not a workbook",
        fix="give the register workbook (.xlsx) itself, with --register or register = in tracker.toml",
    )


def _not_xlsx(path: Path, data: bytes) -> RegisterUnreadable:
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED_MARK in data:
        return RegisterUnreadable(
            f"{path} is protected with a password",
            fix="save an unprotected copy in Excel (File > Info > Protect Workbook)",
        )
    if not data:
        return RegisterUnreadable(f"{path} is empty", fix="restore it from a backup")
    return RegisterUnreadable(
        f"{path} is not a workbook tracker can read (.xlsx, .xlsm, .xls or .ods)", fix=RESAVE
    )


class Workbook:
    """A read-only snapshot of a workbook's cell values."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = _snapshot(path)
        if self._data[:2] == b"PK":
            bounds.check_parts(self._data, path)
        self._book = self._open()
        self.sheet_names: tuple[str, ...] = tuple(self._book.sheet_names)
        self._rows: dict[str, list[list[Any]]] = {}
        self._xml: dict[str, bytes] = {}  # only for sheets the bounds check had to unpack
        self._scans = Scans()
        self.strays: list[bounds.Stray] = []  # values far outside a table, left unread

    def _open(self) -> Any:
        try:
            return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self._data))
        except Exception as exc:  # calamine raises several unrelated types
            raise RegisterUnreadable(
                f"{self.path} is damaged and cannot be read ({type(exc).__name__}: {exc})",
                fix="open it in Excel, which can often repair it, or restore a backup",
            ) from exc

    def _bound(self, sheet: str) -> None:
        """Keep the reader's grid for ``sheet`` within bounds: stray values far outside the
        table are left out (and listed in ``strays``); a sheet still too large is refused."""
        part = self._sheet_parts.get(sheet) if is_ooxml(self._data) else None
        if part is None:
            return
        size = bounds.declared(bounds.head(self._data, part))
        if size is not None and bounds.within(*size):
            return  # the usual case: a few KB unpacked
        xml = self._sheet_xml(sheet)
        found = bounds.strays(xml, sheet, self.path)
        if found:
            self.strays += found
            self._xml[sheet] = bounds.without(xml, {s.cell for s in found})
            self._data = bounds.replace_part(self._data, part, self._xml[sheet])
            self._book = self._open()

    def rows(self, sheet: str) -> list[list[Any]]:
        """All rows of a sheet from A1, blank cells as ''."""
        if sheet not in self._rows:
            self._bound(sheet)
            try:
                found = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except Exception as exc:
                raise RegisterUnreadable(
                    f"{self.path}: sheet {sheet!r} is damaged ({exc})",
                    fix="open the workbook in Excel and save it again",
                ) from exc
            self._rows[sheet] = found
        return self._rows[sheet]

    @cached_property
    def hidden(self) -> frozenset[str]:
        """Sheets hidden in Excel (hidden or very hidden)."""
        try:
            shown = python_calamine.SheetVisibleEnum.Visible
            return frozenset(m.name for m in self._book.sheets_metadata if m.visible != shown)
        except Exception:  # an older calamine, or a format without the information
            return frozenset()

    def looks_like(self, sheet: str, spec: SheetSpec) -> int | None:
        """When ``sheet`` has a header row naming ``spec``'s required columns, how many rows
        hold data below it; else None."""
        rows = self.rows(sheet)
        header = find_header(rows, spec)
        if header is None or not all(c.key in header[1] for c in spec.required):
            return None
        return sum(1 for cells in rows[header[0] + 1 :] if any(v not in ("", None) for v in cells))

    def find_sheet(self, spec: SheetSpec) -> str | None:
        """The sheet named for ``spec``: its own name first, then an alias, in that order."""
        by_name = {normalise(s): s for s in reversed(self.sheet_names)}
        return next(
            (by_name[normalise(n)] for n in (spec.name, *spec.aliases) if normalise(n) in by_name), None
        )

    @cached_property
    def _sheet_parts(self) -> dict[str, str]:
        """Sheet name -> its XML part inside the zip."""
        with zipfile.ZipFile(io.BytesIO(self._data)) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
        targets |= {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
        parts = {}
        for tag in re.findall(r"<sheet\b[^>]*>", book):
            name = re.search(r'name="([^"]*)"', tag)
            rid = re.search(r'r:id="([^"]*)"', tag)
            if name and rid and rid.group(1) in targets:
                target = targets[rid.group(1)].lstrip("/")
                parts[_xml_unescape(name.group(1))] = target if target.startswith("xl/") else "xl/" + target
        return parts

    def _sheet_xml(self, sheet: str) -> bytes:
        if sheet not in self._xml:
            part = self._sheet_parts.get(sheet)
            with zipfile.ZipFile(io.BytesIO(self._data)) as archive:
                try:
                    self._xml[sheet] = archive.read(part) if part else b""
                except KeyError:
                    self._xml[sheet] = b""
        return self._xml[sheet]

    def prefetch_scan(self, sheet: str) -> None:
        """Start scanning ``sheet``'s XML in the background, before its values are read;
        only when it is within bounds, so that reading it will not change what is scanned."""
        part = self._sheet_parts.get(sheet) if is_ooxml(self._data) else None
        if part is None or sheet in self._rows:
            return
        head = bounds.head(self._data, part, 64 << 10)
        size = bounds.declared(head)
        if size is not None and bounds.within(*size):
            self._scans.start(sheet, self._data, part, head)

    def _scan(self, sheet: str, watched: frozenset[str] = frozenset()) -> CellScan | None:
        """The sheet's formula and error cells, from its XML streamed once (None for .xls and
        .ods, where calamine reads errors as text and formulas cannot be told apart)."""
        return self._scans.get(sheet, lambda: self._scan_now(sheet, watched))

    def _scan_now(self, sheet: str, watched: frozenset[str]) -> CellScan | None:
        part = self._sheet_parts.get(sheet) if is_ooxml(self._data) else None
        if part is None:
            return None
        if sheet in self._xml:
            return scan_blocks([self._xml[sheet]], watched)
        return scan_part(self._data, part, watched)

    def error_cells(self, sheet: str) -> list[tuple[str, str]]:
        """Cells holding Excel error values, with the error shown (#REF!, #N/A, ...; '' when
        none was saved): calamine reads them as '' in an .xlsx. None are looked for in .xls
        and .ods, where it reads them as text."""
        scan = self._scan(sheet)
        return scan.errors if scan else []

    def unsaved_formulas(
        self, sheet: str, columns: set[str], *, complete: bool = True, formulas: Iterable[str] = ()
    ) -> dict[int, set[str]]:
        """Cells in ``columns`` (letters) holding a formula with no saved value (written by a
        program that does not calculate): calamine reads them as blank. Row -> letters.
        Without ``complete``, the whole sheet is searched only when its first rows have a
        formula in those columns (a generated file has one in every row). ``formulas`` names
        the columns meant to hold a formula in every row (found faster)."""
        part = self._sheet_parts.get(sheet) if is_ooxml(self._data) else None
        if part is None or not columns:
            return {}
        if not complete and not formulas_in(bounds.head(self._data, part, 64 << 10), columns):
            return {}
        scan = self._scan(sheet, frozenset(formulas))
        return scan.unsaved_in(columns) if scan else {}

    def formula_rows(self, sheet: str, column: str) -> set[int] | None:
        """Rows whose cell in ``column`` (a letter) holds a formula, not a typed value; None
        when that cannot be told (.xls and .ods)."""
        scan = self._scan(sheet)
        return scan.formulas.get(column, set()) if scan else None

    def table(self, spec: SheetSpec, *, search: bool = True) -> SheetTable:
        """The sheet for ``spec`` with its header found by name; layout errors list what was
        found. With ``search``, a sheet of another name whose header fits will do."""
        sheet = self.find_sheet(spec) or (self._sheet_with_headers(spec) if search else None)
        if sheet is None:
            raise RegisterLayoutError(
                f"{self.path} has no {spec.name} sheet (found: {', '.join(self.sheet_names) or 'no sheets'})",
                fix=f"name the sheet '{spec.name}', or create a fresh register with tracker init",
            )
        return build_table(sheet, self.rows(sheet), spec, self.path)

    def _sheet_with_headers(self, spec: SheetSpec) -> str | None:
        for sheet in self.sheet_names:
            header = find_header(self.rows(sheet), spec)
            if header and all(c.key in header[1] for c in spec.required):
                return sheet
        return None


def _xml_unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )
