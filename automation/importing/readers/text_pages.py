"""Page furniture in text saved from a paginated document (``pdftotext``, a printout).

Pages are separated by form feeds. A line at the top or foot of a page that recurs, digits
aside, on at least half the pages is a running header or footer; a 'Page 3 of 12' line or
a bare page number there is a page number. Both are dropped, and so is a 'Page N of M'
line anywhere in text without form feeds. Everything else is kept, blank lines included,
so paragraphs still end where they did, except that a paragraph cut by a page break (its
last line before the break stops mid-sentence) is joined again. A page in two columns is
read one column after the other (``text_columns``).
"""

from __future__ import annotations

import re
from collections import Counter

from automation.importing.readers.text_columns import in_reading_order, runs_on

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s+(?:of|/)\s+\d{1,4})?$", re.I
)
_PAGE_OF = re.compile(r"^page\s+\d{1,4}\s+(?:of|/)\s+\d{1,4}$", re.I)
_EDGE_LINES = 2  # non-blank lines at a page's top and foot where running heads and feet live


def without_page_furniture(text: str) -> str:
    """The text without form feeds, running headers and footers and page numbers; a page in
    two columns in reading order; a paragraph cut by a page break joined again."""
    pages = text.split("\f")
    if len(pages) < 2:
        return "\n".join(
            in_reading_order([line for line in text.split("\n") if not _PAGE_OF.match(line.strip())])
        )
    running = _running_shapes(pages)
    kept: list[str] = []
    for number, page in enumerate(pages):
        body = in_reading_order(_page_body(page.split("\n"), running, first=number == 0))
        kept = _joined(kept, body)
    return "\n".join(kept)


def _page_body(lines: list[str], running: set[str], first: bool) -> list[str]:
    """The page's lines without its running header, footer and page number. Judged on the
    whole line, so a footer with its page number across two columns goes as one."""
    edges = _edge_indexes(lines)
    if first and edges:
        edges.discard(min(edges))  # the document's first line is its title, even when repeated
    return [
        line
        for index, line in enumerate(lines)
        if not (index in edges and (_shape(line) in running or _PAGE_NUMBER.match(line.strip())))
    ]


def _joined(kept: list[str], page: list[str]) -> list[str]:
    """The page's lines after those kept so far; the blank lines at the break go when the
    paragraph before it runs on into the page."""
    before = [line for line in kept if line.strip()]
    after = [line for line in page if line.strip()]
    if before and after and runs_on(before[-1], after[0]):
        while kept and not kept[-1].strip():
            kept.pop()
        return [*kept, *page[page.index(after[0]) :]]
    return [*kept, *page]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _edge_indexes(lines: list[str]) -> set[int]:
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])


def _running_shapes(pages: list[str]) -> set[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        lines = page.split("\n")
        counts.update({_shape(lines[index]) for index in _edge_indexes(lines)})
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) / 2) and shape}
