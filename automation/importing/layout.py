"""Undo page breaks: a paragraph split across pages or columns becomes one block again.

A block continues the one before it when it carries no number, bullet or heading of its
own and either starts in lower case, or follows a running sentence cut inside a name
('... the Investigatory Powers' / 'Act 2016, ...'). A statement that simply has no full
stop ('... are identified and dealt with') followed by a new sentence is not cut.
"""

from __future__ import annotations

import re

from automation.importing.document import Block, BlockKind

_TERMINAL = re.compile(r"[.:;?!][\"'\u2019\u201d)\]]*$")
_FIELD = re.compile(r"^[A-Z][\w ()/&-]{0,40}:(?:\s|$)")
_SENTENCE_INSIDE = re.compile(r"[,;] |\. [A-Z]")
_ASKS = re.compile(r"\b(?:should|must)\b", re.I)
_MEMO_FIELD = re.compile(r"^(?:to|cc|from|date|subject|report\s+by|author|published)\s*:", re.I)
_OWN_LINE = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+updated|date)\b|^\d{1,2}(?:\s*[-\u2013]\s*\d{1,2})?\s+[A-Z][a-z]+\s+\d{4}$",
    re.I,
)


def join_continuations(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    joined: list[Block] = []
    for block in blocks:
        if joined and continues(joined[-1], block):
            joined[-1] = joined[-1].joined(block)
        else:
            joined.append(block)
    return tuple(joined)


def continues(previous: Block, block: Block) -> bool:
    """Whether ``block`` is the rest of ``previous`` cut off by a page or column break."""
    if block.number or block.bullet or previous.bold != block.bold:
        return False
    if {block.kind, previous.kind} & {BlockKind.HEADING, BlockKind.TABLE}:
        return False
    first = block.text.lstrip()[:1]
    if first.islower():
        return True
    if previous.text.rstrip()[-1:] in '.:;?!)]"\u201d\u2019' or _FIELD.match(block.text):
        return False  # a sentence, bracket or quotation ends there
    if _MEMO_FIELD.match(previous.text) or _OWN_LINE.match(block.flat):
        return False  # 'From: ...' then 'Published 6 March 2025' or a date: lines of their own
    return first.isalnum() and _running_sentence(previous) and _cut_in_a_name(previous.text)


def _cut_in_a_name(text: str) -> bool:
    """The text stops inside a name: its last word is capitalised or joins a name's words."""
    words = text.split()
    last = words[-1] if words else ""
    return last[:1].isupper() or last.isdigit() or last in ("of", "the", "and", "for", "&")


def _running_sentence(block: Block) -> bool:
    """Body text rather than a title: long, punctuated inside, a numbered paragraph, or asking."""
    text = block.flat
    return (
        len(text) >= 150
        or "." in block.number
        or bool(_SENTENCE_INSIDE.search(text))
        or bool(_ASKS.search(text))
    )
