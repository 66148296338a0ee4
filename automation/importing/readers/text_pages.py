"""Page furniture in text saved from a paginated document (``pdftotext``, a printout).

Pages are separated by form feeds. A line at the top or foot of a page that recurs, digits
aside, on at least half the pages is a running header or footer; a 'Page 3 of 12' line or
a bare page number there is a page number. Both are dropped, and so is a 'Page N of M'
line anywhere in text without form feeds. Everything else is kept, blank lines included,
so paragraphs still end where they did.
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s+(?:of|/)\s+\d{1,4})?$", re.I
)
_PAGE_OF = re.compile(r"^page\s+\d{1,4}\s+(?:of|/)\s+\d{1,4}$", re.I)
_EDGE_LINES = 2  # non-blank lines at a page's top and foot where running heads and feet live


def without_page_furniture(text: str) -> str:
    """The text without form feeds, running headers and footers and page numbers."""
    pages = text.split("\f")
    if len(pages) < 2:
        return "\n".join(line for line in text.split("\n") if not _PAGE_OF.match(line.strip()))
    running = _running_shapes(pages)
    kept: list[str] = []
    for number, page in enumerate(pages):
        lines = page.split("\n")
        edges = _edge_indexes(lines)
        if number == 0 and edges:
            edges.discard(min(edges))  # the document's first line is its title, even when repeated
        kept.extend(
            line
            for index, line in enumerate(lines)
            if not (index in edges and (_shape(line) in running or _PAGE_NUMBER.match(line.strip())))
        )
    return "\n".join(kept)


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
