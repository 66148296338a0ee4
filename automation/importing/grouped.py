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
from automation.importing.tables import spans_table, text_column

_PUBLISHED = re.compile(
    r"\s*(?:\((?:(?P<by>[^()]*?)[,;]\s*)?|\[|[,\u2013-]\s*)published\s*(?:on\s*)?:?\s*"
    r"(?P<when>[^)\]]+?)\s*[)\]]?\s*$",
    re.I,
)


def split_grouped_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with each grouped table of items read as its groups (see the module's note)."""
    found: list[Block] = []
    for block in blocks:
        rows = block.rows
        column = text_column(rows[0]) if block.kind is BlockKind.TABLE and len(rows) > 2 else None
        grouped = column is not None and any(spans_table(row, column) for row in rows[1:])
        found.extend(_groups(block, column) if grouped and column is not None else [block])
    return tuple(found)


def _groups(block: Block, column: int) -> list[Block]:
    header = block.rows[0]
    found: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for row in block.rows[1:]:
        if not spans_table(row, column):
            rows.append(row)
            continue
        if rows:
            found.append(table_block([header, *rows]))
            rows = []
        title, published = title_and_published(next(cell for cell in row if cell.strip()))
        found.append(Block(title, BlockKind.HEADING))
        if published:
            found.append(Block(published))
    if rows:
        found.append(table_block([header, *rows]))
    return found


def title_and_published(text: str) -> tuple[str, str]:
    """'Report on custody in Kingsmere (HMI Prisons and HMICFRS, published 14 May 2026)' ->
    the title without the bracket, and its 'Published by HMI Prisons and HMICFRS: 14 May
    2026' line ('' when the words give no date)."""
    title = " ".join(text.split())
    published = _PUBLISHED.search(title)
    if published is None:
        return title, ""
    by = f" by {published.group('by')}" if published.group("by") else ""
    return title[: published.start()].rstrip(" ,:\u2013-"), f"Published{by}: {published.group('when')}"
