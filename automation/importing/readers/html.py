"""A web page saved from a browser: the page's own structure, without menus and scripts.

Headings (with their level), paragraphs, list items (with their depth and the numbers an
ordered list shows, letters for a lettered one) and tables (rows of cells, a cell spanning
rows or columns repeated in each) come from the DOM (BeautifulSoup with lxml). A
<summary> heads its <details> box; a <dt> and its <dd> are one line ('Published: 21 May
2025'); words in a <blockquote> are quoted. When the page has a <main> or <article>, only
that is read; navigation, banners, cookie notices, footers and asides are left out
wherever they are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun, MissingExtra
from automation.importing.document import Block, BlockKind, Document
from automation.importing.markers import split_markers
from automation.importing.normalise import clean_text
from automation.importing.readers.html_grid import table_of
from automation.importing.readers.html_text import (
    BLOCK_LEVEL,
    BLOCKS,
    BOLD,
    NESTED,
    is_bold,
    piece_words,
    run_text,
    text_of,
)
from automation.importing.readers.numbering import roman

SUFFIXES = (".html", ".htm")
_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "template",
    "iframe",
    "select",
    "dialog",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alert", "complementary"}
_DROP_CLASS = re.compile(
    r"cookie|skip-?link|breadcrumb|visually-hidden|govuk-header|govuk-footer|share|related|footnotes?\b", re.I
)
_ITEM_ENDS = ("ul", "ol", "table", "dl", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
_FOOTNOTE_MARKER = re.compile(r"^\[?(?:\d{1,3}|[*\u2020\u2021\u00a7]|[ivx]{1,4})\]?$")


def read(path: Path) -> Document:
    try:
        from bs4 import BeautifulSoup, FeatureNotFound
    except ImportError as error:
        raise MissingExtra("beautifulsoup4", "import", "Reading web pages") from error
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CannotRun(f"cannot read the file: {error.strerror}", where=str(path)) from error
    try:
        soup = BeautifulSoup(data, "lxml")
    except FeatureNotFound:  # lxml missing: Python's own parser reads saved pages too
        soup = BeautifulSoup(data, "html.parser")
    return parse_html(soup, str(path))


def parse_html(soup: Any, source: str = "") -> Document:
    for element in soup.find_all(_DROP):
        if element.name not in ("header", "footer") or not element.find_parent(["main", "article"]):
            element.decompose()
    for element in soup.find_all(_is_chrome):
        element.decompose()
    for marker in soup.find_all("sup"):
        if _FOOTNOTE_MARKER.match(marker.get_text().strip()):
            marker.decompose()  # 'practice.<sup>3</sup>': a footnote's marker, not the sentence's
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks: list[Block] = []
    _walk(root, blocks)
    return Document(tuple(blocks), source)


def _is_chrome(element: Any) -> bool:
    if getattr(element, "attrs", None) is None:
        return False
    role = str(element.get("role", "")).casefold()
    classes = " ".join(element.get("class", []) or []) + " " + str(element.get("id", ""))
    return role in _DROP_ROLES or bool(_DROP_CLASS.search(classes))


def _walk(element: Any, blocks: list[Block]) -> None:
    """Block-level children in turn; the words between them (loose text and inline elements
    such as <strong>, <a> and <span>) are one paragraph, as a browser shows them."""
    run: list[Any] = []
    for child in element.children:
        name = getattr(child, "name", None)
        if name is None or name not in BLOCK_LEVEL:
            run.append(child)
            continue
        _add_run(run, element, blocks)
        run = []
        _visit(child, blocks)
    _add_run(run, element, blocks)


def _add_run(run: list[Any], parent: Any, blocks: list[Block]) -> None:
    if text := run_text(run):
        words = [p for p in run if piece_words(p).strip()]
        bold = all(getattr(p, "name", None) in BOLD or is_bold(p) for p in words)
        blocks.append(_block(text, "p", parent, bold=bold))


def _visit(child: Any, blocks: list[Block]) -> None:
    name = child.name
    if name == "table":
        if table := table_of(child):
            blocks.append(table)
    elif name == "summary" and (text := text_of(child)):
        blocks.append(Block(" ".join(text.split()), BlockKind.HEADING))  # its level is not written
    elif name == "dl" and not child.find(list(NESTED - {"dt", "dd"})):
        blocks.extend(_block(text, "p", child) for text in _definitions(child))
    elif name in BLOCKS and not child.find(list(NESTED)):
        if text := text_of(child):
            blocks.append(_block(text, name, child))
    elif name == "li":
        _list_item_with_blocks(child, blocks)
    else:
        _walk(child, blocks)


def _list_item_with_blocks(item: Any, blocks: list[Block]) -> None:
    """An <li> holding blocks: its own words and its paragraphs up to the first list, table
    or heading in it are the item ('<li><p>By May, forces should ...</p></li>'), then the
    blocks after them (a nested list one level deeper)."""
    from bs4 import NavigableString

    parts = list(item.children)
    own: list[Any] = []
    while parts and (isinstance(parts[0], NavigableString) or not _holds_blocks(parts[0])):
        own.append(parts.pop(0))
    text = clean_text(" ".join(_piece_text(part) for part in own)).strip()
    if text:
        blocks.append(_block(" ".join(text.split()), "li", item))
    for part in parts:
        if getattr(part, "name", None) in NESTED:
            _visit(part, blocks)
        elif text := clean_text(_piece_text(part)).strip():
            blocks.append(_block(" ".join(text.split()), "p", item))


def _holds_blocks(part: Any) -> bool:
    """Whether an element in a list item is more than its words: a list, a table, a
    heading or a quote, or a paragraph holding one."""
    return part.name in _ITEM_ENDS or (part.name in NESTED and part.find(list(_ITEM_ENDS)) is not None)


def _piece_text(part: Any) -> str:
    return str(part) if getattr(part, "name", None) is None else part.get_text(" ")


def _definitions(element: Any) -> list[str]:
    """'Published: 21 November 2024' for each <dt> and the <dd>s after it."""
    lines: list[str] = []
    for part in element.find_all(["dt", "dd"]):
        text = " ".join(text_of(part).split())
        if part.name == "dt" or not lines:
            lines.append(text)
        elif text:
            term = lines[-1]
            lines[-1] = (
                f"{term}{'' if term.endswith(':') else ':'} {text}" if ":" not in term else f"{term}, {text}"
            )
    return [line for line in lines if line]


def _depth(element: Any) -> int:
    return max(0, len(element.find_parents(["ul", "ol"])) - 1)


def _block(text: str, name: str, element: Any, bold: bool | None = None) -> Block:
    if name.startswith("h") and name[1:].isdigit():
        markers = split_markers(" ".join(text.split()))
        return Block(
            markers.text, BlockKind.HEADING, markers.number, level=int(name[1:]), marker=markers.marker
        )
    bold = is_bold(element) if bold is None else bold
    quoted = element.name == "blockquote" or element.find_parent("blockquote") is not None
    if name == "li":
        parent = element.find_parent(["ol", "ul"])
        markers = split_markers(text)
        if parent is not None and parent.name == "ol":
            shown = markers.number or _ol_number(element, parent)
            marker = markers.marker or (f"{shown}." if shown else "")
            return Block(
                markers.text, BlockKind.LIST_ITEM, shown, level=_depth(element), marker=marker, bold=bold
            )
        lettered = markers.number if markers.number.isalpha() else ""
        return Block(
            markers.text,
            BlockKind.LIST_ITEM,
            lettered,
            bullet=not lettered,
            level=_depth(element),
            marker=markers.marker if lettered else "\u2022",
            bold=bold,
        )
    markers = split_markers(text)
    return Block(
        markers.text,
        BlockKind.LIST_ITEM if markers.number.isalpha() else BlockKind.PARAGRAPH,
        markers.number,
        markers.bullet,
        marker=markers.marker,
        bold=bold,
        quoted=quoted,
    )


def _ol_number(item: Any, parent: Any) -> str:
    """The number or letter an ordered list shows before ``item`` ('3', 'c', 'iv')."""
    kind = str(parent.get("type", "1"))
    try:
        start = int(parent.get("start", 1))
    except ValueError:
        start = 1
    siblings = parent.find_all("li", recursive=False)
    index = next((i for i, sibling in enumerate(siblings) if sibling is item), None)
    if index is None or kind not in ("1", "a", "A", "i", "I"):
        return ""
    value = start + index
    if kind in ("a", "A"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter if kind == "a" else letter.upper()
    if kind in ("i", "I"):
        return roman(value).lower() if kind == "i" else roman(value)
    return str(value)
