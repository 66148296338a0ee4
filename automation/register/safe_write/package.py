"""A workbook's zip package, read once: parts, content types, relationships, sheets.

A sheet's XML is nearly all ``<sheetData>`` (the cells); its settings (views, columns,
drop-downs, rules, extensions...) sit around it. ``settings_xml`` gives the sheet with its
cells taken out, so that the settings of a 50 MB sheet can be parsed in a moment.
"""

from __future__ import annotations

import posixpath
import re
from functools import cached_property
from io import BytesIO
from xml.etree import ElementTree as ET
from zipfile import ZIP_STORED, ZipFile

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OFFICE_DOC_REL = "officeDocument"
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(/?)>")


class Package:
    """The parts of one .xlsx/.xlsm held in memory; each part is inflated at most once."""

    def __init__(self, data: bytes) -> None:
        self.zip = ZipFile(BytesIO(data))
        self.names = self.zip.namelist()
        self._parts: dict[str, bytes] = {}

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def read(self, part: str) -> bytes:
        if part not in self._parts:
            self._parts[part] = self.zip.read(part)
        return self._parts[part]

    def has(self, part: str) -> bool:
        return part in self._names_set

    @cached_property
    def _names_set(self) -> set[str]:
        return set(self.names)

    @cached_property
    def content_types(self) -> dict[str, str]:
        """Part name -> content type, from [Content_Types].xml (overrides, then defaults)."""
        root = ET.fromstring(self.read("[Content_Types].xml"))
        defaults = {
            e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(f"{CT}Default")
        }
        overrides = {
            e.get("PartName", "").lstrip("/"): e.get("ContentType", "") for e in root.iter(f"{CT}Override")
        }
        out = {}
        for part in self.names:
            ext = part.rsplit(".", 1)[-1].lower()
            out[part] = overrides.get(part) or defaults.get(ext, f"(.{ext} file)")
        return out

    def relationships(self, part: str) -> list[tuple[str, str]]:
        """(type, absolute target) for each internal relationship of ``part``."""
        return [(kind, target) for _, kind, target in self._relationships(part)]

    def _relationships(self, part: str) -> list[tuple[str, str, str]]:
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return []
        out = []
        for rel in ET.fromstring(self.read(rels)).iter(f"{PKG_RELS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out.append((rel.get("Id", ""), rel.get("Type", ""), posixpath.normpath(path)))
        return out

    @cached_property
    def sheets(self) -> dict[str, str]:
        """Sheet name -> worksheet part path."""
        book = next(t for kind, t in self.relationships("") if kind.endswith("/" + OFFICE_DOC_REL))
        targets = {rid: target for rid, _, target in self._relationships(book)}
        root = ET.fromstring(self.read(book))
        return {s.get("name", ""): targets.get(s.get(REL_ID, ""), "") for s in root.iter(f"{MAIN}sheet")}

    def settings_xml(self, part: str) -> bytes:
        """The sheet's XML with its cells (the content of ``<sheetData>``) taken out."""
        return without_cells(self.read(part))

    def without_cells(self, parts: set[str]) -> bytes:
        """A copy of the package whose sheets in ``parts`` have no cells (stored, not deflated:
        it is read once, in memory)."""
        out = BytesIO()
        with ZipFile(out, "w", ZIP_STORED) as copy:
            for info in self.zip.infolist():
                data = (
                    self.settings_xml(info.filename) if info.filename in parts else self.read(info.filename)
                )
                copy.writestr(info.filename, data)
        return out.getvalue()


def cell_data(xml: bytes) -> tuple[int, int]:
    """Where the content of ``<sheetData>`` starts and ends; an empty span when there is none."""
    found = _SHEET_DATA.search(xml)
    if found is None or found.group(1):
        return (0, 0)
    prefix = xml[found.start() + 1 : found.start() + 1 + xml[found.start() + 1 :].index(b"sheetData")]
    end = xml.rfind(b"</" + prefix + b"sheetData>")
    if end < found.end():
        return (0, 0)
    return (found.end(), end)


def without_cells(xml: bytes) -> bytes:
    start, end = cell_data(xml)
    return xml[:start] + xml[end:] if end > start else xml
