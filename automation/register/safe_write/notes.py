"""Officers' notes (cell comments) kept whole through a guarded write.

openpyxl rewrites every note: the text survives, but each note box goes back to a default
size and place, formatted runs lose their font, and a note with no author gets the author
"None". An update never changes notes (the mutation check refuses it), so after the save
each sheet's notes part and the drawing of its note boxes are put back exactly as they were,
where the sheet still has the same notes on the same cells.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from .package import Package

_COMMENTS = "/comments"
_VML = "/vmlDrawing"
_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?comment\b[^>]*?\bref="([A-Z]+[0-9]+)"')


def _notes(package: Package) -> dict[str, tuple[str, str | None]]:
    """Sheet name -> (its notes part, the drawing of its note boxes)."""
    found = {}
    for sheet, part in package.sheets.items():
        rels = package.relationships(part)
        comments = next((t for kind, t in rels if kind.endswith(_COMMENTS) and package.has(t)), None)
        vml = next((t for kind, t in rels if kind.endswith(_VML) and package.has(t)), None)
        if comments:
            found[sheet] = (comments, vml)
    return found


def _refs(xml: bytes) -> list[bytes]:
    return sorted(_REF.findall(xml))


def keep_notes(original: Package, saved: Path) -> None:
    """Put the original notes and note boxes back into the package saved at ``saved``."""
    with Package(saved.read_bytes()) as copy:
        replace: dict[str, bytes] = {}
        now = _notes(copy)
        for sheet, (comments, vml) in _notes(original).items():
            if sheet not in now:
                continue
            new_comments, new_vml = now[sheet]
            if _refs(original.read(comments)) != _refs(copy.read(new_comments)):
                continue  # not the same notes: leave openpyxl's
            replace[new_comments] = original.read(comments)
            if vml and new_vml:
                replace[new_vml] = original.read(vml)
        if not replace:
            return
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in copy.zip.infolist():
                target.writestr(info, replace.get(info.filename) or copy.zip.read(info.filename))
    with open(saved, "wb") as handle:
        handle.write(out.getvalue())
        handle.flush()
        os.fsync(handle.fileno())
