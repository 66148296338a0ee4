"""What of a PDF page is read, and in which runs: footnotes left out, columns apart.

- Footnotes: lines set smaller than the body below all of a page's body text, the first
  starting with its number ('1 The survey ran ...'), are not the document's text.
- Runs: consecutive lines of one column (see ``pdf_words``); each run is read like a page
  of its own, with the tables that sit in it.
"""

from __future__ import annotations

import re

from automation.importing.readers.pdf_model import Line, PageTable

_FOOTNOTE = re.compile(r"^(?:\d{1,3}|[*\u2020\u2021])\s*\S")


def without_footnotes(lines: list[Line], body_size: float) -> list[Line]:
    """The page without its footnotes: small lines below all its body text."""
    body = [line.bottom for line in lines if line.size >= body_size - 0.5]
    if not body:
        return lines
    foot = sorted((line for line in lines if line.top > max(body) and line.size <= body_size - 1.5), key=_top)
    if not foot or not _FOOTNOTE.match(foot[0].text):
        return lines
    return [line for line in lines if line not in foot]


def _top(line: Line) -> float:
    return line.top


def flows(lines: list[Line], tables: tuple[PageTable, ...]) -> list[tuple[list[Line], tuple[PageTable, ...]]]:
    """The page's runs of lines in one column, each with the tables that sit in it."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and runs[-1][-1].column == line.column:
            runs[-1].append(line)
        else:
            runs.append([line])
    if len(runs) <= 1:
        return [(runs[0] if runs else [], tables)]
    placed: list[list[PageTable]] = [[] for _ in runs]
    for table in tables:
        placed[_run_of(table, runs)].append(table)
    return [(run, tuple(found)) for run, found in zip(runs, placed, strict=True)]


def _run_of(table: PageTable, runs: list[list[Line]]) -> int:
    x0, top, x1, _ = table.bbox
    for index, run in enumerate(runs):
        overlaps = min(x1, max(line.x1 for line in run)) > max(x0, min(line.x0 for line in run))
        if overlaps and run[0].top <= top <= run[-1].bottom + 40:
            return index
    return len(runs) - 1
