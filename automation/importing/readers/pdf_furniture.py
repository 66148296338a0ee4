"""A PDF's page furniture: running headers and footers and page numbers.

A line in a page's top or bottom tenth that recurs (digits aside) on at least half the
pages is a running header or footer, and a page number there is one too. Each is judged
by the whole line across the page: on a page in two columns a footer with its page
number at the right margin ('Summary | HMICFRS ... Page 2') goes as one, though the
columns split it in two. A title set large is the document's, even when repeated.
"""

from __future__ import annotations

import re
from collections import Counter

from automation.importing.readers.pdf_model import Line, Page

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s+(?:of|/)\s+\d{1,4})?$", re.I
)
_EDGE = 0.1  # top and bottom tenth of a page: where running heads and feet live


def running_shapes(pages: list[Page]) -> set[str]:
    """Lines at a page's top or bottom that recur on at least half the pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(line.row or line.text) for line in page.lines if _at_edge(line, page)})
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) / 2)}


def is_furniture(line: Line, page: Page, running: set[str], body_size: float) -> bool:
    if not _at_edge(line, page) or line.size >= body_size + 1.0:
        return False  # a title set large is the document's, even when a running header repeats it
    if _shape(line.row or line.text) in running:
        return True
    return bool(_PAGE_NUMBER.match(line.text))


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _at_edge(line: Line, page: Page) -> bool:
    return line.top < page.height * _EDGE or line.bottom > page.height * (1 - _EDGE)
