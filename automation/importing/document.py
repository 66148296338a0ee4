"""The document model every reader produces: the document's structure, in reading order.

A block is a heading (with its level), a paragraph, a list item (with its level, its
marker and the number it shows) or a table (rows of cells). Readers keep the words
verbatim (curly quotes, dashes, typos); they only normalise spaces and line ends, take
paragraph numbers and bullets off the text (kept beside it), and leave out page furniture
(running headers and footers, page numbers, menus, footnotes). Lettered and roman list
markers ('(a)', 'b)', 'iii.') are list markers like numbers and bullets. A block the source
sets apart as quoted words (a Markdown '>' line, an HTML <blockquote>, Word's Quote style) is
marked so: it restates someone else's words. All extraction works on this model, so the
rules see the same shape whatever the file format was.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE = "table"


@dataclass(frozen=True)
class Block:
    """One block of the source.

    ``text`` keeps soft line breaks as ``\\n`` (a header's address lines need them);
    ``number`` is the displayed paragraph or list number without its final dot
    (``"4.10"``, ``"3"``), or the letter of a lettered list (``"a"``, ``"iii"``); ``bullet``
    says a bullet was shown; ``level`` is the heading
    level (1 is the largest; 0 for a heading whose level the format does not say) or the
    list's nesting depth (0 outermost); ``marker`` is the number or bullet as shown
    (``"4.10."``, ``"(a)"``, ``"•"``); ``bold`` says the whole block is emphasised (a
    label line, or a heading a writer made bold instead of styling it); ``rows`` are a
    table's cells, each cell's text with its soft breaks; ``quoted`` marks words the source
    quotes (a blockquote).
    """

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    number: str = ""
    bullet: bool = False
    level: int = 0
    marker: str = ""
    bold: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    quoted: bool = False

    @property
    def flat(self) -> str:
        """The text on one line: soft line breaks become single spaces."""
        return " ".join(self.text.split())

    @property
    def is_list(self) -> bool:
        return self.kind is BlockKind.LIST_ITEM or self.bullet or self.lettered

    @property
    def lettered(self) -> bool:
        """An item of a lettered or roman-numbered list ('(a)', 'ii.')."""
        return self.number.isalpha()

    @property
    def list_number(self) -> str:
        """The number a numbered list shows ('3'), not a paragraph number ('4.10')."""
        return self.number if self.number.isdigit() else ""

    def joined(self, other: Block) -> Block:
        """This block with ``other`` appended as its continuation (a page-break split)."""
        return replace(
            self, text=f"{self.text.rstrip()} {other.text.lstrip()}", bold=self.bold and other.bold
        )


def table_block(rows: Sequence[Sequence[str]]) -> Block:
    """A table block; its text is the cells, tab-separated, one row a line (for display)."""
    kept = tuple(tuple(cell.strip() for cell in row) for row in rows if any(cell.strip() for cell in row))
    text = "\n".join("\t".join(" ".join(cell.split()) for cell in row) for row in kept)
    return Block(text, BlockKind.TABLE, rows=kept)


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    source: str = ""

    def __len__(self) -> int:
        return len(self.blocks)
