"""What every report writer does, and which one writes which format.

A writer turns a content model (the paper or the meeting pack) into bytes in one format.
Templates come from the force's own folder when it has a copy, else the built-in
``templates/`` folder, so a force can change the wording and letterhead without code.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

from automation.core.errors import CannotRun
from automation.core.text import ddmmyyyy, plural
from automation.mail.render import BUILT_IN
from automation.reports import wording

FORMATS = {"docx": "automation.reports.writers.docx", "md": "automation.reports.writers.md"}


class ReportTemplateError(CannotRun):
    """A report template is missing or broken."""


class Writer(Protocol):
    suffix: str

    def write(self, template: str, context: dict[str, Any], templates_dir: Path | None) -> bytes:
        """The document rendered from ``template`` (a name without suffix) and ``context``."""
        ...


def writer_for(fmt: str) -> Writer:
    try:
        module = importlib.import_module(FORMATS[fmt])
    except KeyError:
        raise CannotRun(f"unknown report format {fmt!r}", fix=f"use one of: {', '.join(FORMATS)}") from None
    writer: Writer = module.WRITER
    return writer


def template_path(name: str, templates_dir: Path | None) -> Path:
    """The force's copy of template ``name`` when it has one, else the built-in one."""
    for folder in (templates_dir, BUILT_IN):
        if folder is not None and (folder / name).is_file():
            return folder / name
    where = f"{templates_dir} or {BUILT_IN}" if templates_dir else str(BUILT_IN)
    raise ReportTemplateError(
        f"the report template {name} is missing",
        where=where,
        fix="copy it from the tracker's templates folder, or remove [reports] templates from tracker.toml",
    )


def filters() -> dict[str, Any]:
    """Filters every report template may use."""
    return {
        "long": wording.long_date,
        "ddmmyyyy": lambda d: ddmmyyyy(d, "–"),
        "when": wording.when,
        "items": lambda n: plural(n, "item"),
        "publications": lambda n: plural(n, "publication"),
        "force_phrase": wording.force_phrase,
        "s55_sentence": wording.s55_sentence,
        "events": wording.events_text,
        "refs": wording.refs,
    }


def globals_() -> dict[str, Any]:
    return {"rag_colour": wording.rag_colour}
