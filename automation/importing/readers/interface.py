"""The reader seam: one module per file format, each turning a file into a Document.

A backend module exposes ``SUFFIXES`` and ``read(path) -> Document``. Heavy libraries are
imported inside the backend only, and a missing one raises ``MissingExtra``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol, cast

from automation.core.errors import CannotRun
from automation.importing.document import Document

_BACKENDS = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}


class Reader(Protocol):
    SUFFIXES: tuple[str, ...]

    def read(self, path: Path) -> Document: ...


def supported_suffixes() -> tuple[str, ...]:
    return tuple(_BACKENDS)


def reader_for(path: Path) -> Reader:
    """The backend for a file's suffix; an unknown suffix cannot run."""
    suffix = path.suffix.casefold()
    name = _BACKENDS.get(suffix)
    if name is None:
        hint = ".doc" if suffix == ".doc" else suffix or "(no suffix)"
        raise CannotRun(
            f"cannot read {hint} files",
            where=str(path),
            fix="save the paper as .docx, .pdf, .html or .txt and import that file",
        )
    return cast(Reader, importlib.import_module(f"automation.importing.readers.{name}"))
