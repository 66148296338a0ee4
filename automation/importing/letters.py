"""A letter's own details when it has no memo fields (no 'To:', 'From:', 'Subject:'):

His Majesty's Inspectorate of Constabulary ...
Chief Constable Ann Lee            <- the address block: To (a block of lines, or in
Eastvale Police                       plain text one-line blocks, a protective marking
Headquarters, Mill Road, Eastvale EV1 2AB   above them not among them)
12 December 2024                   <- a line that is only a date: the letter's date
Dear Chief Constable,
PEEL 2025: cause of concern – ...  <- a bold line after the greeting (in plain text a
                                      short line that is no sentence): its subject
...
Yours sincerely,
Ann Other                          <- the signature: From
His Majesty's Inspector of Constabulary
"""

from __future__ import annotations

import re

from automation.core.deadlines import parse_date_text
from automation.importing.document import Block, BlockKind
from automation.importing.labels import is_heading_like

_GREETING = re.compile(r"^dear\b", re.I)
_CLOSING = re.compile(r"^yours\s+(?:sincerely|faithfully|truly)\b", re.I)
_FIELD_LIKE = re.compile(r"^[A-Z][\w ]{1,30}:\s")
_MARKING = re.compile(r"^(?:not\s+protectively\s+marked|official|secret|top\s+secret)\b", re.I)


def greeting_index(blocks: tuple[Block, ...]) -> int | None:
    return next((index for index, block in enumerate(blocks[:20]) if _GREETING.match(block.flat)), None)


def address_block(blocks: tuple[Block, ...]) -> str | None:
    """The lines of the last block of two or more short lines before the greeting; in text
    that keeps each line a block of its own, the run of short lines just above the date
    line and the greeting."""
    greeting = greeting_index(blocks)
    if greeting is None:
        return None
    for block in reversed(blocks[:greeting]):
        lines = [line.strip() for line in block.text.split("\n") if line.strip()]
        if len(lines) >= 2 and all(_address_line(line) for line in lines):
            return ", ".join(line.rstrip(",") for line in lines)
    run = _line_run(blocks[:greeting])
    return ", ".join(line.rstrip(",") for line in run) if len(run) >= 2 else None


def _line_run(blocks: tuple[Block, ...]) -> list[str]:
    """The one-line blocks of address lines that end the blocks (a date line aside)."""
    run: list[str] = []
    for block in reversed(blocks):
        text = block.flat
        if not run and parse_date_text(text) and len(text.split()) <= 5:
            continue  # the letter's date, between its address and its greeting
        if "\n" in block.text.strip() or not _address_line(text) or _MARKING.match(text):
            break
        run.insert(0, text)
    return run if len(run) <= 7 else []


def signature(blocks: tuple[Block, ...]) -> str | None:
    """The name and title under 'Yours sincerely', on one block's lines or a few short blocks."""
    closing = next((index for index, block in enumerate(blocks) if _CLOSING.match(block.flat)), None)
    if closing is None:
        return None
    lines: list[str] = []
    for block in blocks[closing + 1 : closing + 4]:
        if block.kind is BlockKind.TABLE or not all(
            _address_line(line) for line in block.text.split("\n") if line.strip()
        ):
            break
        lines += [line.strip() for line in block.text.split("\n") if line.strip()]
    return ", ".join(lines) if lines else None


def greeting_subject(blocks: tuple[Block, ...]) -> str | None:
    """A bold line or heading straight after the greeting, or in plain text a short line
    that is no sentence: the letter's subject."""
    greeting = greeting_index(blocks)
    if greeting is None or greeting + 1 >= len(blocks):
        return None
    following = blocks[greeting + 1]
    emphasised = following.bold or following.kind is BlockKind.HEADING
    short = len(following.flat.split()) <= (30 if emphasised else 14)
    heading_like = is_heading_like(following.flat) and not following.is_list and "\n" not in following.text
    return following.flat if (short and (emphasised or heading_like)) or _wrapped_subject(following) else None


def _wrapped_subject(block: Block) -> bool:
    """A subject line too long for one line, wrapped onto a second ('... accelerated cause of'
    / 'concern - management of registered sex offenders'): no sentence, no ask."""
    lines = [line for line in block.text.split("\n") if line.strip()]
    flat = block.flat
    return (
        1 < len(lines) <= 3
        and len(flat.split()) <= 30
        and not block.is_list
        and not re.search(r"[.;?!:,]$|[.;?!]\s", flat)
        and is_heading_like(lines[0].strip())
    )


def _address_line(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 80 and not line.endswith((".", ":", ";")) and not _FIELD_LIKE.match(line)
