"""Import recommendations from committee papers and inspection reports.

``read_document(path)`` turns a .txt/.md/.docx/.pdf/.html file into a Document (text
blocks); ``extract(document)`` finds the publications and their items;
``extract_file(path)`` does both. ``to_json_dict`` gives the reviewed-JSON shape.
"""

from __future__ import annotations

from pathlib import Path

from automation.core.errors import CannotRun
from automation.importing.document import Block, BlockKind, Document
from automation.importing.extract import extract
from automation.importing.json_out import to_json, to_json_dict
from automation.importing.readers.interface import reader_for, supported_suffixes
from automation.importing.result import (
    ExtractedItem,
    ExtractedPublication,
    Extraction,
    PaperInfo,
)

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "ExtractedItem",
    "ExtractedPublication",
    "Extraction",
    "PaperInfo",
    "extract",
    "extract_file",
    "read_document",
    "supported_suffixes",
    "to_json",
    "to_json_dict",
]


def read_document(path: str | Path) -> Document:
    """The file's text blocks, read by the backend for its suffix."""
    path = Path(path)
    reader = reader_for(path)
    if not path.is_file():
        raise CannotRun("no such file", where=str(path), fix="check the path and try again")
    return reader.read(path)


def extract_file(path: str | Path) -> Extraction:
    return extract(read_document(path))
