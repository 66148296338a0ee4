"""Words of a web page's elements as a browser shows them, and which elements are blocks."""

from __future__ import annotations

from typing import Any

from automation.importing.normalise import clean_text

BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "caption",
    "figcaption",
}
NESTED = BLOCKS | {"div", "ul", "ol", "table", "section", "article", "dl"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "details",
    "summary",
    "center",
    "span",
    "font",
    "td",
    "th",
}
BOLD = ("strong", "b")
BLOCK_LEVEL = (NESTED | CONTAINERS | {"main", "header", "footer", "figure", "hr", "address"}) - {
    "span",
    "font",
}


def run_text(run: list[Any]) -> str:
    """Loose text and inline elements as one line, only <br> breaking it."""
    lines = clean_text("".join(piece_words(p) for p in run).replace("\n", " ")).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def piece_words(piece: Any) -> str:
    from bs4 import NavigableString

    name = getattr(piece, "name", None)
    if name is None:
        return str(piece) if type(piece) is NavigableString else ""  # not comments or CDATA
    if name == "br":
        return "\u2028"
    for br in piece.find_all("br"):
        br.replace_with("\u2028")
    return str(piece.get_text())


def text_of(element: Any) -> str:
    """The element's words as a browser shows them: whitespace runs are one space and
    only <br> breaks a line."""
    for br in element.find_all("br"):
        br.replace_with("\u2028")
    lines = clean_text(element.get_text().replace("\n", " ")).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def is_bold(element: Any) -> bool:
    """Whether all of the element's words are inside <strong> or <b>."""
    if getattr(element, "name", None) is None:
        return False
    words = "".join(element.get_text().split())
    bold = "".join("".join(part.get_text().split()) for part in element.find_all(BOLD))
    return bool(words) and bold == words
