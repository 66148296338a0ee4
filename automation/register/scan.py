"""What calamine does not say about a sheet's cells, found in one streamed pass over its XML.

calamine reads values; it does not say which cells hold a formula rather than a typed value,
which formulas have no saved value, or which cells hold an Excel error. Those are read from
the sheet's XML as it is unpacked, a little at a time, so that a sheet of a few
hundred megabytes (a 200,000-row register) is never held in memory whole.

A register has a formula in every row of a few columns (RAG, Due): those ``watched``
columns' formulas are found by one search each. A block holding any other formula is then
looked at formula by formula; in a block whose formulas are all in watched columns, there
are none elsewhere. Which columns are watched changes how fast, never what is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

CHUNK = 128 << 10  # larger blocks scan no faster, and leave more memory with the allocator
_FORMULA = re.compile(rb"<f[ />]")
_LETTERS = re.compile(r"[A-Z]{1,3}")
# an error cell and, when saved, the error Excel shows (#DIV/0!, #N/A, ...)
_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*?t="e"[^>]*>'
    rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?(?:<v>(#[A-Z0-9/!?_]{1,15})</v>)?"
)
_END = b"</sheetData>"


@dataclass
class CellScan:
    """Formula and error cells of one sheet."""

    formulas: dict[str, set[int]] = field(default_factory=dict)  # column letters -> rows
    unsaved: dict[int, set[str]] = field(default_factory=dict)  # row -> letters, no saved value
    errors: list[tuple[str, str]] = field(default_factory=list)  # A1 reference, error shown

    def unsaved_in(self, columns: set[str]) -> dict[int, set[str]]:
        found = {row: letters & columns for row, letters in self.unsaved.items()}
        return {row: letters for row, letters in found.items() if letters}


def scan_stream(stream: IO[bytes], watched: Iterable[str] = ()) -> CellScan:
    return scan_blocks(_blocks(iter(lambda: stream.read(CHUNK), b"")), watched)


def scan_blocks(blocks: Iterable[bytes], watched: Iterable[str] = ()) -> CellScan:
    """Formula and error cells; those in ``watched`` columns (letters) found by one search each."""
    scan = CellScan()
    searches = [(c, _watch(c)) for c in sorted(set(watched)) if _LETTERS.fullmatch(c)]
    for block in blocks:
        found = sum(_watched(block, column, search, scan) for column, search in searches)
        if len(_FORMULA.findall(block)) > found:
            _formulas(block, scan)
        if b't="e"' in block:
            scan.errors += [(a1.decode(), shown.decode()) for a1, shown in _ERROR_CELL.findall(block)]
    return scan


def _watch(column: str) -> re.Pattern[bytes]:
    """Each formula in ``column``: its row, and the start of its saved value if it has one."""
    cell = rb'<c r="' + column.encode() + rb'([0-9]+)"[^>]*>'
    return re.compile(cell + rb"<f(?:[^>]*/>|[^>]*>[^<]*</f>)(<v>[^<])?")


def _watched(block: bytes, column: str, search: re.Pattern[bytes], scan: CellScan) -> int:
    """The formulas of one watched column in ``block``, recorded; how many."""
    found = search.findall(block)
    if found:
        rows = scan.formulas.setdefault(column, set())
        for row, value in found:
            rows.add(int(row))
            if not value:
                scan.unsaved.setdefault(int(row), set()).add(column)
    return len(found)


def _blocks(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The cell data in blocks that each end just before a cell starts (or at its end), so
    that no cell is split between two blocks."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        end = data.find(_END)
        if end >= 0:
            yield data[:end]
            return
        cut = data.rfind(b"<c ")
        if cut <= 0:
            carry = data
            continue
        yield data[:cut]
        carry = data[cut:]
    if carry:
        yield carry


def _formulas(block: bytes, scan: CellScan) -> None:
    formulas, unsaved = scan.formulas, scan.unsaved
    for match in _FORMULA.finditer(block):
        at = match.start()
        start = block.rfind(b'<c r="', 0, at) + 6
        if start < 6:
            continue
        ref = block[start : block.find(b'"', start)]
        letters = ref.rstrip(b"0123456789")
        row = int(ref[len(letters) :] or 0)
        column = letters.decode()
        formulas.setdefault(column, set()).add(row)
        end = block.find(b"</c>", at)
        value = block.find(b"<v>", at, end if end >= 0 else len(block))
        if value < 0 or block[value + 3 : value + 4] == b"<":
            unsaved.setdefault(row, set()).add(column)
