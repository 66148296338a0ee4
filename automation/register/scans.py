"""Each sheet's formula and error cells (see :mod:`automation.register.scan`), found once.

The register's scan can start in the background before calamine reads the sheet's values:
calamine lets go of the interpreter while it parses, and unpacking the XML does too, so on a
machine with a second core the scan costs little more than the read.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator

from automation.register.scan import CellScan, scan_stream

_FORMULA = re.compile(rb"<f[ />]")


class Scans:
    """Sheet name -> its scan (None where formulas cannot be told, in .xls and .ods)."""

    def __init__(self) -> None:
        self._found: dict[str, CellScan | None] = {}
        self._pending: dict[str, _Background] = {}

    def start(self, sheet: str, data: bytes, part: str, head: bytes) -> None:
        """Begin scanning ``part`` of ``data`` in the background, watching the columns that
        hold formulas in ``head`` (the part's first bytes)."""
        if sheet not in self._found and sheet not in self._pending:
            watched = formula_columns(head)
            self._pending[sheet] = _Background(lambda: scan_part(data, part, watched))

    def get(self, sheet: str, make: Callable[[], CellScan | None]) -> CellScan | None:
        """The sheet's scan: the one started in the background, or ``make``'s."""
        if sheet not in self._found:
            pending = self._pending.pop(sheet, None)
            self._found[sheet] = pending.result() if pending is not None else make()
        return self._found[sheet]


def scan_part(data: bytes, part: str, watched: Iterable[str] = ()) -> CellScan:
    """The scan of one sheet's XML, unpacked from the package ``data`` as it is read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            with archive.open(part) as stream:
                return scan_stream(stream, watched)
        except KeyError:
            return CellScan()


class _Background:
    """A function run on a thread of its own; ``result`` waits for it (and raises what it
    raised)."""

    def __init__(self, work: Callable[[], CellScan]) -> None:
        self._result: CellScan | None = None
        self._error: BaseException | None = None
        self._work = work
        self._thread = threading.Thread(target=self._run, name="tracker-scan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._work()
        except BaseException as exc:  # handed to whoever asks for the result
            self._error = exc

    def result(self) -> CellScan:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def cell_at(xml: bytes, formula: int) -> tuple[bytes, int]:
    """Column letters and row of the cell holding the formula that starts at ``formula``."""
    start = xml.rfind(b'<c r="', 0, formula) + 6
    ref = xml[start : xml.find(b'"', start)]
    letters = ref.rstrip(b"0123456789")
    return letters, int(ref[len(letters) :] or 0)


def formula_starts(xml: bytes) -> Iterator[int]:
    """Where each cell formula starts, in the cell data only (conditional formats and
    validations have ``<formula>`` elements of their own, after it)."""
    stop = xml.find(b"</sheetData>")
    for match in _FORMULA.finditer(xml, 0, stop if stop >= 0 else len(xml)):
        yield match.start()


def formula_columns(xml: bytes) -> set[str]:
    """Letters of the columns holding a formula in ``xml`` (a sheet's first rows)."""
    return {cell_at(xml, at)[0].decode() for at in formula_starts(xml)}


def formulas_in(xml: bytes, columns: set[str]) -> bool:
    return not formula_columns(xml).isdisjoint(columns)
