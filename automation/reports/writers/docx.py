"""Reports as Word documents: docxtpl (Jinja2 over python-docx) over ``<name>.docx``.

The template holds the letterhead, styles, numbering and wording; a force edits its own
copy in Word. Values from the register are XML-escaped (autoescape), and a broken
template is a clear error naming the tag or name that Jinja could not understand.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from automation.core.errors import MissingExtra
from automation.reports.writers.interface import ReportTemplateError, filters, globals_, template_path

_FIX = (
    "correct it in Word (tags are {{ name }}, {% ... %} and {%p ... %}), "
    "or remove your copy to use the built-in one"
)


class DocxWriter:
    suffix = ".docx"

    def write(self, template: str, context: dict[str, Any], templates_dir: Path | None) -> bytes:
        try:
            import jinja2
            from docxtpl import DocxTemplate
        except ImportError as exc:
            raise MissingExtra("docxtpl", "reports", "Writing Word reports") from exc
        path = template_path(f"{template}.docx", templates_dir)
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
        env.filters.update(filters())
        env.globals.update(globals_())
        try:
            document = DocxTemplate(str(path))
            document.render(context, env, autoescape=True)
        except jinja2.TemplateSyntaxError as exc:
            raise ReportTemplateError(
                f"the template has a broken tag: {exc.message}", where=str(path), fix=_FIX
            ) from exc
        except jinja2.UndefinedError as exc:
            raise ReportTemplateError(
                f"the template uses a name the report does not have: {exc.message}", where=str(path), fix=_FIX
            ) from exc
        except (KeyError, ValueError, OSError) as exc:  # not a Word file, or a damaged one
            raise ReportTemplateError(
                f"the template cannot be read as a Word document ({exc})", where=str(path), fix=_FIX
            ) from exc
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


WRITER = DocxWriter()
