"""Limits on what a workbook may make the reader hold in memory.

The cell reader (calamine) makes one dense grid of every sheet it reads, as wide and as tall
as the farthest cell holding a value, and unpacks every part of the package in full. So one
stray value at XFD1048576 asks for 17 billion cells, and a small file whose shared strings
unpack to gigabytes asks for as much memory: both end the process with no message. Before
the reader sees a workbook, its parts' unpacked sizes are checked against limits; before it
sees a sheet, the sheet's extent is checked. A stray cell far outside the table is left out
(and reported); anything still too large is refused with what to do.

The extent check is cheap when the sheet declares its dimension (Excel, LibreOffice and
openpyxl all write it): only the first few KB are unpacked. A sheet without one, or whose
declared dimension is too large, is scanned cell by cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from automation.core.errors import RegisterUnreadable
from automation.core.model import column_letter

MAX_PART = 512 << 20  # bytes any one part may unpack to
MAX_SHARED_STRINGS = 128 << 20  # the shared strings part, which is held whole
MAX_RATIO = 200  # unpacked / packed, for parts past RATIO_FROM (real XML packs 5-30 to 1)
RATIO_FROM = 8 << 20
MAX_ROWS = 500_000  # a value below this row, or right of this column, is a stray (a register
# of 200,000 items, the largest the benchmarks read, is well inside)
MAX_COLUMNS = 256
MAX_CELLS = 10_000_000  # of the grid the reader would make for one sheet
_HEAD = 16 << 10
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})?([0-9]*):?([A-Z]{1,3})?([0-9]*)"')
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/>|>(.*?)</c>)', re.S)
_HAS_VALUE = re.compile(rb"<v>|<v [^>]*>|<is>")


@dataclass(frozen=True)
class Stray:
    """A value outside the bounds, left out of what is read."""

    sheet: str
    cell: str


def column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def check_parts(data: bytes, path: object) -> None:
    """Refuse a package any part of which would unpack to too much (a zip bomb, or a
    workbook far larger than any register)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            limit = MAX_SHARED_STRINGS if info.filename.endswith("sharedStrings.xml") else MAX_PART
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limit or (info.file_size > RATIO_FROM and ratio > MAX_RATIO):
                raise RegisterUnreadable(
                    f"{path}: its part {info.filename} would unpack to {info.file_size >> 20:,} MB "
                    f"(from {info.compress_size >> 10:,} KB), more than tracker reads "
                    f"({limit >> 20} MB, at most {MAX_RATIO} times its packed size)",
                    fix="it may be damaged or made to exhaust memory: open it in Excel and check "
                    "it, or restore the register from a backup",
                )


def declared(head: bytes) -> tuple[int, int] | None:
    """(last row, last column) a sheet declares in its ``<dimension>``, when it does."""
    found = _DIMENSION.search(head)
    if not found:
        return None
    first_col, first_row, last_col, last_row = found.groups()
    col = last_col or first_col
    row = last_row or first_row
    if not col or not row:
        return None
    return int(row), column_number(col)


def within(rows: int, columns: int) -> bool:
    return rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= MAX_CELLS


def strays(xml: bytes, sheet: str, path: object) -> list[Stray]:
    """Values outside the bounds; refuses a sheet whose values inside them still make too
    large a grid."""
    found: list[Stray] = []
    last_row = last_col = 0
    for match in _CELL.finditer(xml):
        if match.group(3) == b"/>" or not _HAS_VALUE.search(match.group(4) or b""):
            continue  # formatting only: the reader skips it
        col, row = column_number(match.group(1)), int(match.group(2))
        if row > MAX_ROWS or col > MAX_COLUMNS:
            found.append(Stray(sheet, f"{match.group(1).decode()}{row}"))
            continue
        last_row, last_col = max(last_row, row), max(last_col, col)
    if last_row * last_col > MAX_CELLS:
        far = f"{column_letter(last_col)}{last_row}"
        raise RegisterUnreadable(
            f"{path}: sheet {sheet!r} has values as far as {far} ({last_row:,} rows by {last_col} "
            f"columns), more than tracker reads ({MAX_CELLS:,} cells)",
            fix="clear the cells beyond the register's table (select the empty rows and columns "
            "past it in Excel and delete them), then save",
        )
    return found


def without(xml: bytes, cells: set[str]) -> bytes:
    """The sheet's XML with those cells taken out."""

    def keep(match: re.Match[bytes]) -> bytes:
        ref = (match.group(1) + match.group(2)).decode()
        return b"" if ref in cells else match.group(0)

    return _CELL.sub(keep, xml)


def replace_part(data: bytes, part: str, xml: bytes) -> bytes:
    """The package with one part replaced (the others copied as they are)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, xml if info.filename == part else source.read(info.filename))
    return out.getvalue()


def head(data: bytes, part: str, size: int = _HEAD) -> bytes:
    """The first ``size`` bytes of a part, unpacked (16 KB hold its ``<dimension>``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
        return stream.read(size)
