"""Reports as Markdown, for review and golden tests: Jinja2 over ``<name>.md.j2``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from automation.reports.writers.interface import ReportTemplateError, filters, template_path

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_text(value: object) -> str:
    """Workbook text made inert in Markdown: one line, markup characters escaped."""
    text = " ".join(str(value).split())
    text = _SPECIAL.sub(r"\\\1", text)
    return "\\" + text if (text and text[0] in "#+-") or re.match(r"\d+\.", text) else text


class MarkdownWriter:
    suffix = ".md"

    def write(self, template: str, context: dict[str, Any], templates_dir: Path | None) -> bytes:
        import jinja2

        path = template_path(f"{template}.md.j2", templates_dir)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(path.parent)),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
        )
        env.filters.update(filters(), md=md_text)
        try:
            text = env.get_template(path.name).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise ReportTemplateError(
                f"the template has a syntax error on line {exc.lineno}: {exc.message}",
                where=str(path),
                fix="correct the tag, or remove your copy to use the built-in one",
            ) from exc
        except jinja2.UndefinedError as exc:
            raise ReportTemplateError(
                f"the template uses a name the report does not have ({exc.message})",
                where=str(path),
                fix="correct the tag, or remove your copy to use the built-in one",
            ) from exc
        return re.sub(r"\n{3,}", "\n\n", text).encode("utf-8")


WRITER = MarkdownWriter()
