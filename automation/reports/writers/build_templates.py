"""Rebuild the built-in Word templates:
``python -m automation.reports.writers.build_templates templates/``."""

from __future__ import annotations

import sys
from pathlib import Path

from automation.reports.writers import docx_meeting_template, docx_paper_template


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("templates")
    docx_paper_template.build(folder / "committee_paper.docx")
    docx_meeting_template.build(folder / "meeting_pack.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
