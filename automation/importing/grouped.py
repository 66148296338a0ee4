"""Tables whose rows are grouped under rows spanning the table, one group per report:

    Ref | Recommendation / AFI | Owner | Target date | Status
    PEEL 2025: An inspection of Northshire Police (published 12 March 2024)
    CoC 1 | The force needs to ...
    An inspection of vetting, misconduct and misogyny (published 2 November 2022)
    R2 | By 30 April 2023, chief constables should ...

Each group reads as a heading (the spanning row, without its '(published ...)'), that
row's 'Published:' line when it gives one, and a table of the group's rows under the same
header, so a group that names its report's publication is a publication of its own.
"""

from __future__ import annotations

import re

from automation.importing.document import Block, BlockKind, table_block
from automation.importing.tables import names_items, spans_table

_PUBLISHED = re.compile(
    r"\s*[(\[,\u2013-]\s*published\s*(?:on\s*)?:?\s*(?P<when>[^)\]]+?)\s*[)\]]?\s*$", re.I
)


def split_grouped_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with each grouped table of items read as its groups (see the module's note)."""
    found: list[Block] = []
    for block in blocks:
        rows = block.rows
        grouped = (
            block.kind is BlockKind.TABLE and len(rows) > 2 and any(spans_table(row) for row in rows[1:])
        )
        found.extend(_groups(block) if grouped and names_items(rows[0]) else [block])
    return tuple(found)


def _groups(block: Block) -> list[Block]:
    header = block.rows[0]
    found: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for row in block.rows[1:]:
        if not spans_table(row):
            rows.append(row)
            continue
        if rows:
            found.append(table_block([header, *rows]))
            rows = []
        title = " ".join(next(cell for cell in row if cell.strip()).split())
        published = _PUBLISHED.search(title)
        found.append(Block(title[: published.start()] if published else title, BlockKind.HEADING))
        if published:
            found.append(Block(f"Published: {published.group('when')}"))
    if rows:
        found.append(table_block([header, *rows]))
    return found
