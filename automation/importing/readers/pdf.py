"""PDF text layers (pdfplumber): lines into paragraphs, running headers, footers and page
numbers removed, words hyphenated at line ends joined again.

A scanned PDF has no text layer; it is refused with a fix rather than read as empty.
A paragraph cut by a page break is joined later, with the other readers' (``layout``).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from automation.core.errors import CannotRun, MissingExtra
from automation.importing.document import Block, BlockKind, Document
from automation.importing.markers import split_markers, starts_block
from automation.importing.normalise import clean_text

SUFFIXES = (".pdf",)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s+of\s+\d{1,4})?$", re.I)
_EDGE = 0.1  # top and bottom tenth of a page: where running heads and feet live
_KEEP_HYPHEN = frozenset(
    (
        "non",
        "pre",
        "post",
        "co",
        "multi",
        "cross",
        "anti",
        "self",
        "inter",
        "intra",
        "well",
        "full",
        "part",
        "semi",
        "cyber",
    )
)


def read(path: Path) -> Document:
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError as error:
        raise MissingExtra("pdfplumber", "import", "Reading PDF files") from error
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError) as error:
        raise CannotRun("this PDF cannot be read", where=str(path), fix="save it again as PDF") from error
    if not any(pages):
        raise CannotRun(
            "this PDF has no text layer (a scan?)",
            where=str(path),
            fix="export the paper from Word as PDF, or import the .docx itself",
        )
    return lines_to_document(pages, str(path))


def _page_lines(page: Any) -> list[dict[str, Any]]:
    height = float(page.height)
    lines = []
    for line in page.extract_text_lines(layout=False, strip=True, return_chars=False):
        text = clean_text(line["text"]).strip()
        if text:
            lines.append(
                {
                    "text": text,
                    "x0": float(line["x0"]),
                    "top": float(line["top"]),
                    "bottom": float(line["bottom"]),
                    "edge": _at_edge(line, height),
                }
            )
    return lines


def _at_edge(line: dict[str, Any], height: float) -> bool:
    return float(line["top"]) < height * _EDGE or float(line["bottom"]) > height * (1 - _EDGE)


def lines_to_document(pages: list[list[dict[str, Any]]], source: str = "") -> Document:
    """Paragraphs from each page's lines (text, x0, top, bottom, edge)."""
    running = _running_lines(pages)
    kept = [[line for line in page if not _is_furniture(line, running)] for page in pages]
    vocabulary = _vocabulary(kept)
    groups: list[list[str]] = []
    for page in kept:
        page_groups = _line_groups(page)
        if groups and page_groups and _hyphen_split(groups[-1][-1], page_groups[0][0]):
            groups[-1].extend(page_groups.pop(0))  # a word hyphenated across the page break
        groups.extend(page_groups)
    return Document(tuple(_block(group, vocabulary) for group in groups), source)


def _hyphen_split(last: str, first: str) -> bool:
    return bool(re.search(r"[A-Za-z]-$", last)) and first[:1].islower()


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _running_lines(pages: list[list[dict[str, Any]]]) -> set[str]:
    """Lines at a page's top or bottom that recur on at least half the pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(line["text"]) for line in page if line["edge"]})
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) / 2)}


def _is_furniture(line: dict[str, Any], running: set[str]) -> bool:
    if not line["edge"]:
        return False
    return _shape(line["text"]) in running or bool(_PAGE_NUMBER.match(line["text"]))


def _vocabulary(pages: list[list[dict[str, Any]]]) -> set[str]:
    words: set[str] = set()
    for page in pages:
        for line in page:
            words.update(re.findall(r"[\w'\u2019-]+", line["text"].casefold()))
    return words


def _line_groups(lines: list[dict[str, Any]]) -> list[list[str]]:
    """A page's lines grouped in paragraphs: a wider gap or a bullet or number starts one."""
    gaps = [b["top"] - a["top"] for a, b in pairwise(lines) if b["top"] > a["top"]]
    pitch = median(gaps) if gaps else 0.0
    groups: list[list[str]] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        new = previous is None or starts_block(line["text"])
        if previous is not None and pitch and line["top"] - previous["top"] > pitch * 1.4:
            new = True
        if new:
            groups.append([line["text"]])
        else:
            groups[-1].append(line["text"])
        previous = line
    return groups


def _block(lines: list[str], vocabulary: set[str]) -> Block:
    text = lines[0]
    for line in lines[1:]:
        text = _join(text, line, vocabulary)
    markers = split_markers(text)
    kind = BlockKind.LIST_ITEM if markers.bullet else BlockKind.PARAGRAPH
    return Block(markers.text, kind, markers.number, markers.bullet)


def _join(text: str, line: str, vocabulary: set[str]) -> str:
    """Lines of one paragraph: a soft break, or one word again when hyphenated across."""
    match = re.search(r"([A-Za-z]+)-$", text)
    following = re.match(r"([a-z]+)", line)
    if not match or not following:
        return f"{text}\n{line}"
    left, right = match.group(1), following.group(1)
    if _keeps_hyphen(left.casefold(), right, vocabulary):
        return f"{text}{line}"
    return f"{text[:-1]}{line}"


def _keeps_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    """'decision-' + 'making' keeps its hyphen; 'organisa-' + 'tional' does not."""
    if f"{left}{right}" in vocabulary:
        return False
    if f"{left}-{right}" in vocabulary or left in _KEEP_HYPHEN:
        return True
    return left in vocabulary and right in vocabulary and len(left) > 2 and len(right) > 2
