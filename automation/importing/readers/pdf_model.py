"""A PDF page as the layout reads it: positioned lines of text and the tables found on it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    column: int = 0  # 0: across the page; 1, 2: the left and right columns
    row: str = ""  # the whole line across the page, when the columns split it


@dataclass(frozen=True)
class PageTable:
    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[PageTable, ...] = ()
    table_text: tuple[
        tuple[float, int], ...
    ] = ()  # (size, letters) of the words in its tables: body text too
