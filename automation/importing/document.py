"""The document model every reader produces: an ordered tuple of text blocks.

A block is one paragraph, list item or heading as the source shows it. Readers keep the
words verbatim (curly quotes, dashes, typos); they only normalise spaces and line ends.
Paragraph numbers such as ``1.4.`` and list bullets are taken off the text and kept
beside it, so that the rules see the same shape whatever the file format was.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"


@dataclass(frozen=True)
class Block:
    """One paragraph of the source.

    ``text`` keeps soft line breaks as ``\\n`` (a header's address lines need them);
    ``number`` is the displayed paragraph number without its final dot (``"1.4"``);
    ``bullet`` says a list bullet was shown; ``level`` is the heading or list level.
    """

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    number: str = ""
    bullet: bool = False
    level: int = 0

    @property
    def flat(self) -> str:
        """The text on one line: soft line breaks become single spaces."""
        return " ".join(self.text.split())

    def joined(self, other: Block) -> Block:
        """This block with ``other`` appended as its continuation (a page-break split)."""
        return replace(self, text=f"{self.text.rstrip()} {other.text.lstrip()}")


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    source: str = ""

    def __len__(self) -> int:
        return len(self.blocks)
