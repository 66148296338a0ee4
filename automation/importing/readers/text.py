"""Plain text and Markdown: blank lines end paragraphs; bullets and numbers start them."""

from __future__ import annotations

from pathlib import Path

from automation.core.errors import CannotRun
from automation.importing.document import Block, BlockKind, Document
from automation.importing.markers import split_markers, starts_block
from automation.importing.normalise import clean_text, decode_bytes

SUFFIXES = (".txt", ".md", ".markdown")


def read(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CannotRun(f"cannot read the file: {error.strerror}", where=str(path)) from error
    return parse_text(decode_bytes(data), source=str(path))


def parse_text(text: str, source: str = "") -> Document:
    """Blocks from text: a line that starts with a bullet, number or ``#`` opens a block;
    other lines continue the block above (kept as soft breaks); blank lines end blocks."""
    blocks: list[Block] = []
    lines: list[str] = []
    for line in clean_text(text).split("\n"):
        if lines and (not line or starts_block(line)):
            blocks.append(_block(lines))
            lines = []
        if line:
            lines.append(line)
    if lines:
        blocks.append(_block(lines))
    return Document(tuple(blocks), source)


def _block(lines: list[str]) -> Block:
    markers = split_markers(lines[0])
    text = "\n".join([markers.text, *lines[1:]]).strip()
    if markers.heading_level:
        kind = BlockKind.HEADING
    elif markers.bullet:
        kind = BlockKind.LIST_ITEM
    else:
        kind = BlockKind.PARAGRAPH
    text = text.strip("*_ ") if kind is BlockKind.HEADING else text
    return Block(text, kind, markers.number, markers.bullet, markers.heading_level)
