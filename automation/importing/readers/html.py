"""A web page saved from a browser: the page's own text, without menus and scripts.

Headings, paragraphs and list items become blocks; an ordered list's numbers are the
ones the browser shows. When the page has a <main> or <article>, only that is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun, MissingExtra
from automation.importing.document import Block, BlockKind, Document
from automation.importing.markers import split_markers
from automation.importing.normalise import clean_text

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
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alert"}
_DROP_CLASS = re.compile(
    r"cookie|skip-?link|breadcrumb|visually-hidden|govuk-header|govuk-footer|share", re.I
)
_BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "caption",
    "figcaption",
}
_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tr",
    "dl",
    "details",
    "summary",
    "center",
    "span",
    "font",
}


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
    from bs4 import NavigableString

    for child in element.children:
        name = getattr(child, "name", None)
        if name is None:
            if type(child) is not NavigableString:
                continue  # comments, doctype, CDATA
            text = clean_text(str(child)).strip()
            if text and element.name in _CONTAINERS:
                blocks.append(_block(text, "p", child))
            continue
        if name in _BLOCKS and not _has_blocks(child):
            text = _text(child)
            if text:
                blocks.append(_block(text, name, child))
        else:
            _walk(child, blocks)


def _has_blocks(element: Any) -> bool:
    return element.find(list(_BLOCKS | {"div", "ul", "ol", "table"})) is not None


def _text(element: Any) -> str:
    """The element's words as a browser shows them: whitespace runs are one space and
    only <br> breaks a line."""
    for br in element.find_all("br"):
        br.replace_with("\u2028")
    lines = clean_text(element.get_text().replace("\n", " ")).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _block(text: str, name: str, element: Any) -> Block:
    if name.startswith("h") and name[1:].isdigit():
        markers = split_markers(" ".join(text.split()))
        return Block(markers.text, BlockKind.HEADING, markers.number, level=int(name[1:]))
    if name == "li":
        parent = element.find_parent(["ol", "ul"])
        if parent is not None and parent.name == "ol":
            number = _ol_number(element, parent)
            markers = split_markers(text)
            return Block(markers.text, BlockKind.LIST_ITEM, markers.number or number)
        return Block(split_markers(text).text, BlockKind.LIST_ITEM, bullet=True)
    markers = split_markers(text)
    return Block(markers.text, BlockKind.PARAGRAPH, markers.number, markers.bullet)


def _ol_number(item: Any, parent: Any) -> str:
    if str(parent.get("type", "1")) != "1":
        return ""
    try:
        start = int(parent.get("start", 1))
    except ValueError:
        start = 1
    siblings = parent.find_all("li", recursive=False)
    index = next((i for i, sibling in enumerate(siblings) if sibling is item), None)
    return "" if index is None else str(start + index)
