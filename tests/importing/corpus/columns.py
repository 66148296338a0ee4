"""Two-column PDFs for the corpus, as a leaflet or a newsletter is set: page 1 has a band
across the page (title, date, details) above two columns, later pages two columns only;
a running header from page 2, a footer and page number on every page. The text flows
from the left column to the right and on to the next page, so paragraphs break across
columns and pages where they fall.

``layout_text`` is what ``pdftotext -layout`` saves from such a PDF: both columns side by
side on each line, as a user copying a leaflet to text gets it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

_MARGIN = 50.0
_GUTTER = 22.0
_BAND = 150.0  # height of page 1's band across the page


def pdf_in_two_columns(doc: Any, path: Path, flowables: list[Any]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

    width, height = A4
    column = (width - 2 * _MARGIN - _GUTTER) / 2
    top, bottom = height - 64, 60.0

    def columns(below: float) -> list[Any]:
        return [
            Frame(_MARGIN + index * (column + _GUTTER), bottom, column, below - bottom) for index in (0, 1)
        ]

    def furniture(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if doc.header and template.page > 1:
            canvas.drawString(_MARGIN, height - 36, doc.header)
        canvas.drawString(_MARGIN, 30, doc.footer)
        canvas.drawRightString(width - _MARGIN, 30, f"Page {template.page}")
        canvas.restoreState()

    band = Frame(_MARGIN, top - _BAND, width - 2 * _MARGIN, _BAND)
    template = BaseDocTemplate(str(path), pagesize=A4, title=doc.name, author="tracker corpus")
    template.addPageTemplates(
        [
            PageTemplate("first", [band, *columns(top - _BAND - 6)], onPage=furniture),
            PageTemplate("later", columns(top), onPage=furniture),
        ]
    )
    template.build([NextPageTemplate("later"), *flowables])


def layout_text(pdf: Path) -> str:
    """The PDF's text as ``pdftotext -layout`` lays it out (poppler-utils)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        raise SystemExit("pdftotext (poppler-utils) is needed to save this PDF as text")
    done = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60)
    return done.stdout.decode("utf-8")
