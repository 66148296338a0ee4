"""Plain text and Markdown: paragraphs, headings, lists and tables from the lines.

A blank line ends a paragraph. A line that starts with a bullet, a number, a ``#`` or a
memo field ('Date: ...') starts one. Text written one paragraph a line, without blank
lines, keeps each line apart, so a title line is never glued onto the paragraph after
it; only hard-wrapped text (every long line stopping near the same width) joins its
lines again. Bullet glyphs in the middle of a line ('• one. • two') start new bullets.
Tab-separated rows (a table copied out of Word) and ``| a | b |`` rows become tables.
In Markdown, ``**bold**`` lines are emphasised blocks and the asterisks go; footnote
markers ('[^4]') and the footnotes themselves are left out. A line
underlined with ``===`` or ``---`` is a heading; lines after ``>`` are quoted words.
Text saved from a paginated document loses its page furniture first (``text_pages``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from automation.core.errors import CannotRun
from automation.importing.document import Block, BlockKind, Document, table_block
from automation.importing.markers import split_markers, split_mid_line_bullets, starts_block
from automation.importing.normalise import clean_text, decode_bytes
from automation.importing.readers.hyphens import document_words, join_line
from automation.importing.readers.text_pages import without_page_furniture

SUFFIXES = (".txt", ".md", ".markdown")
_TERMINAL = re.compile(r"[.:;?!][\"'\u2019\u201d)\]*]*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_PIPE_SEPARATOR = re.compile(r"^\|?[\s:|-]+\|?$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<text>.+?)\1:?$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_ENUMERATION = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s")
_QUOTE = re.compile(r"^\s*>\s?")
_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_TAB = "\x1f"  # a tab, kept through the clean-up: it separates a copied table's cells
_RUNS = re.compile(r" {2,}")


def read(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CannotRun(f"cannot read the file: {error.strerror}", where=str(path)) from error
    markdown = path.suffix.casefold() in (".md", ".markdown")
    return parse_text(decode_bytes(data), source=str(path), markdown=markdown)


def parse_text(text: str, source: str = "", markdown: bool = False) -> Document:
    """Blocks from text (see the module's note)."""
    text = _without_footnotes(text) if markdown else text
    cells = clean_text(without_page_furniture(text).replace("\t", _TAB)).split("\n")
    lines = [line if _TAB in line.strip(_TAB + " ") else line.replace(_TAB, "  ") for line in cells]
    width = _wrap_width(lines)
    words = document_words([[line.strip() for line in lines]])
    blocks: list[Block] = []
    group: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if table := _table_rows(lines, index):
            if group:
                blocks.extend(_blocks(group, markdown, words))
                group = []
            blocks.append(table_block(table[0]))
            index = table[1]
            continue
        if group and len(group) == 1 and _underlines(group[0], line, markdown):
            blocks.append(Block(group[0].strip(), BlockKind.HEADING, level=1 if line.startswith("=") else 2))
            group, index = [], index + 1
            continue
        if group and (not line.strip() or not _continues(group[-1], line, width, markdown)):
            blocks.extend(_blocks(group, markdown, words))
            group = []
        if line.strip():
            group.append(line)
        index += 1
    if group:
        blocks.extend(_blocks(group, markdown, words))
    return Document(tuple(blocks), source)


def _without_footnotes(text: str) -> str:
    """Markdown without its footnotes: '[^4]' markers go from the words, and the notes
    ('[^4]: Organised retail crime is ...', with their indented lines) go altogether."""
    kept: list[str] = []
    in_note = False
    for line in text.split("\n"):
        if _FOOTNOTE.match(line):
            in_note = True
        elif in_note and (line.startswith(("    ", "\t")) or not line.strip()):
            continue
        else:
            in_note = False
            kept.append(_FOOTNOTE_MARK.sub("", line))
    return "\n".join(kept)


def _underlines(text: str, line: str, markdown: bool) -> bool:
    """A setext underline: in plain text only one about as long as the line above it."""
    if not _SETEXT.match(line):
        return False
    return markdown or len(line.strip()) >= max(3.0, len(text.strip()) * 0.6)


def _wrap_width(lines: list[str]) -> int:
    """The width text was hard-wrapped at, or 0 when its lines are whole paragraphs: in
    hard-wrapped text most long lines come near the width. A few lines longer than the
    rest (a table's rows, a long title) are lines of their own and do not set it: the
    width is where the most lines end close under it."""
    lengths = [len(line.rstrip()) for line in lines if len(line.strip()) > 20]
    if len(lengths) < 4:
        return 0
    allowed = [w for w in set(lengths) if sum(1 for length in lengths if length > w) * 5 <= len(lengths)]
    width = max(allowed, key=lambda w: (sum(1 for length in lengths if w * 0.8 <= length <= w), w))
    near = [line.rstrip() for line in lines if width * 0.8 <= len(line.rstrip()) <= width]
    running_on = sum(1 for line in near if not _TERMINAL.search(line))  # cut mid-sentence
    return width if width <= 100 and len(near) * 2 >= len(lengths) and running_on * 2 >= len(near) else 0


def _continues(previous: str, line: str, width: int, markdown: bool) -> bool:
    """Whether ``line`` goes on with the paragraph whose last line is ``previous``."""
    if starts_block(line) or _BOLD_LINE.match(previous.strip()) or _BOLD_LINE.match(line.strip()):
        return False
    if bool(_QUOTE.match(previous)) != bool(_QUOTE.match(line)):
        return False  # quoted words start and end a paragraph
    previous, line = _QUOTE.sub("", previous, count=1), _QUOTE.sub("", line, count=1)
    if width:  # a longer line was never wrapped, unless what follows it starts in lower case
        return len(previous) >= width * 0.6 and (len(previous) <= width or line.lstrip()[:1].islower())
    if markdown and previous.endswith("  "):
        return False
    if previous.rstrip().endswith(":") and _ENUMERATION.match(line.lstrip()):
        return True  # 'should assure themselves that:' then '1) their officers ...'
    if _TERMINAL.search(previous.rstrip()):
        return False
    first = line.lstrip()[:1]
    return first.islower() or (first.isdigit() and len(previous.strip()) >= 40)  # 'more than' + '24 hours'


def _table_rows(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """The rows of a tab-separated or pipe table starting at ``start``, and where it ends."""
    rows: list[list[str]] = []
    index = start
    pipe = lines[start].lstrip().startswith("|")
    while index < len(lines):
        line = lines[index].strip()
        if pipe and line.startswith("|"):
            if not _PIPE_SEPARATOR.match(line):
                rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif not pipe and _TAB in line and len([c for c in line.split(_TAB) if c.strip()]) >= 2:
            rows.append(line.split(_TAB))
        else:
            break
        index += 1
    if len(rows) < 2 or (not pipe and len({len(row) for row in rows}) > 2):
        return None
    return rows, index


def _blocks(lines: list[str], markdown: bool, words: set[str]) -> list[Block]:
    lines = [_RUNS.sub(" ", line.replace(_TAB, " ")) if _TAB in line else line for line in lines]
    quoted = all(_QUOTE.match(line) for line in lines)
    if quoted:
        lines = [_QUOTE.sub("", line, count=1) for line in lines]
    first = lines[0]
    indent = len(first) - len(first.lstrip())
    markers = split_markers(first.strip())
    text = markers.text
    for line in lines[1:]:
        text = join_line(text, line.strip(), words)
    text = text.strip()
    bold = False
    if markdown:
        if match := _BOLD_LINE.match(" ".join(text.split())):
            bold, text = True, match.group("text").strip()
            inner = split_markers(text)
            if inner.number and not markers.number:
                markers = replace(markers, number=inner.number, marker=inner.marker)
                text = inner.text
        text = _ITALIC.sub(r"\2", _EMPHASIS.sub(r"\2", text))
    if markers.heading_level:
        return [Block(text.strip("*_ "), BlockKind.HEADING, markers.number, level=markers.heading_level)]
    level = indent // 2 if markdown else 0
    listed = markers.bullet or markers.number.isalpha() or (markdown and indent and markers.number)
    kind = BlockKind.LIST_ITEM if listed else BlockKind.PARAGRAPH
    block = Block(
        text, kind, markers.number, markers.bullet, min(level, 4), markers.marker, bold, quoted=quoted
    )
    return _split_mid_line(block)


def _split_mid_line(block: Block) -> list[Block]:
    parts = split_mid_line_bullets(block.text) if "\n" not in block.text else [block.text]
    if len(parts) < 2:
        return [block]
    first = replace(block, text=parts[0])
    rest = [
        Block(part, BlockKind.LIST_ITEM, bullet=True, level=block.level, marker="\u2022")
        for part in parts[1:]
    ]
    return [first, *rest]
