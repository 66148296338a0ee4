"""Rendering digests into email: Jinja2 templates (HTML for Outlook plus plain text).

Templates are autoescaped HTML and StrictUndefined, so a value from the workbook can never
become markup and a misspelt name is an error, not a blank. Officers may copy the built-in
templates into a folder of their own (``[mail] templates``); a broken template is a clear
error raised before anything is sent.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from automation.core.errors import CannotRun
from automation.core.model import RAG_COLOURS, Rag
from automation.core.problems import Problem, problems_text
from automation.core.text import clip, ddmmyyyy, plural
from automation.mail.digests import ManagerSummary, OwnerDigest


def _built_in() -> Path:
    """The built-in templates: the package ``automation.templates``, which is the checkout's
    top-level templates/ folder in an editable install and ships inside the wheel."""
    try:
        return Path(str(importlib.resources.files("automation.templates")))
    except ModuleNotFoundError:  # a broken install; Renderer says what to do
        return Path(__file__).resolve().parent / "templates"


BUILT_IN = _built_in()
EXAMPLE_CONFIG = "tracker.toml.example"
TEMPLATE_NAMES = (
    "owner_digest.html.j2",
    "owner_digest.txt.j2",
    "manager_summary.html.j2",
    "manager_summary.txt.j2",
)
NOTICE_NAMES = (
    "failure_notice.html.j2",
    "failure_notice.txt.j2",
    "validation_notice.html.j2",
    "validation_notice.txt.j2",
    "test_message.html.j2",
    "test_message.txt.j2",
)
NOTICE_PROBLEMS = 200  # a validation notice lists at most this many problems
RAG_STYLE = {rag: f"background:#{bg};color:#{fg}" for rag, (bg, fg) in RAG_COLOURS.items()}


_TEMPLATE_FIX = "correct the template, or remove your copy to use the built-in one"


class TemplateProblem(CannotRun):
    """A template is missing or broken."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def example_config() -> str:
    """The text of tracker.toml.example: inside the templates package of a wheel, beside the
    templates folder in a checkout."""
    for folder in (BUILT_IN, BUILT_IN.parent):
        if (folder / EXAMPLE_CONFIG).is_file():
            return (folder / EXAMPLE_CONFIG).read_text(encoding="utf-8")
    raise CannotRun(
        f"{EXAMPLE_CONFIG} is not installed beside {BUILT_IN}",
        fix="reinstall tracker (pip install --force-reinstall tracker)",
    )


@functools.lru_cache(maxsize=4096)
def _ddmmyyyy(value: date | None) -> str:
    """Kept: a week's emails show a few thousand distinct dates tens of thousands of times."""
    return ddmmyyyy(value, "\u2013")


_ESCAPED = ("html.j2",)  # templates autoescaped as HTML, by the end of their names
# What the compiled code of a template depends on besides its source: the cache's entries too.
_READING = (
    "trim_blocks",
    "lstrip_blocks",
    "keep_trailing_newline",
    "newline_sequence",
    "block_start_string",
    "variable_start_string",
    "comment_start_string",
    "line_statement_prefix",
    "optimized",
)


def _compiled_cache(env: Any) -> Any:
    """Jinja2's cache of compiled templates, kept between runs in a folder only this user can
    write (Jinja2 refuses any other): compiling the four email templates takes about as long
    as reading a 2,500-row register, on every run. An entry is kept for each template name
    with its source's checksum, so an edited template (or an officer's copy used instead of
    the built-in one) is compiled again; the entries' names hold the Jinja2 version and how
    templates are read. A cache that cannot be used (no safe folder, a full disk, a damaged
    entry) only means compiling."""
    import hashlib

    import jinja2

    class Cache(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return super().get_cache_key(name)  # by name: one entry per template, not per folder

        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged entry (Jinja2 reads its checksum unguarded): compile
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    settings = [(name, getattr(env, name, None)) for name in _READING] + [sorted(env.extensions)]
    reading = hashlib.sha1(repr((settings, _ESCAPED)).encode()).hexdigest()[:8]
    try:
        return Cache(pattern=f"__tracker-jinja2-{jinja2.__version__}-{reading}-%s.cache")
    except (OSError, RuntimeError):  # RuntimeError: Jinja2 found no folder it deems safe
        return None


class Renderer:
    def __init__(self, marking: str, templates_dir: Path | None = None) -> None:
        import jinja2

        self.marking = marking
        if templates_dir is not None and not templates_dir.is_dir():
            raise TemplateProblem(
                f"the templates folder {templates_dir} does not exist",
                fix="check [mail] templates in tracker.toml, or remove it to use the built-in ones",
            )
        folders = [str(p) for p in (templates_dir, BUILT_IN) if p is not None]
        if not BUILT_IN.is_dir() and templates_dir is None:
            raise TemplateProblem(
                f"the built-in templates folder {BUILT_IN} is missing",
                fix="reinstall tracker (pip install --force-reinstall tracker), or set [mail] templates",
            )
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders),
            autoescape=jinja2.select_autoescape(enabled_extensions=_ESCAPED, default=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self._env.bytecode_cache = _compiled_cache(self._env)
        self._env.filters["date"] = _ddmmyyyy
        self._env.filters["plural"] = plural
        self._env.filters["clip"] = clip
        self._env.globals.update(rag_style=RAG_STYLE, Rag=Rag, marking=marking)

    def _render(self, name: str, **context: Any) -> str:
        import jinja2

        try:
            return self._env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            where = f"template {exc.filename or name} line {exc.lineno}"
            raise TemplateProblem(f"{where}: {exc.message}", fix=_TEMPLATE_FIX) from exc
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"template {name} cannot be rendered: {exc}", fix=_TEMPLATE_FIX) from exc

    def _marked(self, rendered: Rendered, what: str) -> Rendered:
        """An edited template must still carry the protective marking in both parts."""
        for part, text in (("text", rendered.text), ("HTML", rendered.html)):
            if self.marking not in text:
                raise TemplateProblem(
                    f"the {what} template's {part} part does not show the marking {self.marking}",
                    fix="keep {{ marking }} at the top of the template",
                )
        return rendered

    def owner_digest(self, digest: OwnerDigest, as_of: date, week: str) -> Rendered:
        context = {"digest": digest, "as_of": as_of, "week": week}
        escalated = " (escalated)" if digest.escalate_to else ""
        subject = (
            f"{self.marking}: HMICFRS recommendations \u2013 {plural(digest.count, 'open item')} "
            f"for you, week {week}{escalated}"
        )
        text = self._render("owner_digest.txt.j2", **context)
        html = self._render("owner_digest.html.j2", **context)
        return self._marked(Rendered(subject, text, html), "owner digest")

    def manager_summary(self, summary: ManagerSummary, week: str) -> Rendered:
        counts = summary.counts
        subject = (
            f"{self.marking}: HMICFRS recommendations status \u2013 {counts[Rag.RED]} red, "
            f"{counts[Rag.AMBER]} amber, week {week}"
        )
        context = {"summary": summary, "week": week}
        return self._marked(
            Rendered(
                subject,
                self._render("manager_summary.txt.j2", **context),
                self._render("manager_summary.html.j2", **context),
            ),
            "manager summary",
        )

    def _both(self, name: str, subject: str, what: str, **context: Any) -> Rendered:
        text = self._render(f"{name}.txt.j2", **context)
        return self._marked(Rendered(subject, text, self._render(f"{name}.html.j2", **context)), what)

    def failure_notice(self, job: str, summary: str, rows: Sequence[tuple[str, str]], week: str) -> Rendered:
        """'tracker <job> failed', for the register owner and IT: what, where, how to fix, when."""
        subject = f"{self.marking}: tracker {job} failed, week {week}"
        return self._both("failure_notice", subject, "failure notice", job=job, summary=summary, rows=rows)

    def validation_notice(self, register: str, problems: Sequence[Problem], today: date) -> Rendered:
        """The register's problems, for the register owner (the daily validation digest)."""
        errors = sum(1 for p in problems if p.is_error)
        counts = f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}"
        subject = f"{self.marking}: tracker register check \u2013 {counts}, {today:%d/%m/%Y}"
        shown = list(problems[:NOTICE_PROBLEMS])
        return self._both(
            "validation_notice",
            subject,
            "validation notice",
            register=register,
            problems=shown,
            problems_text=problems_text(shown, Path(register)),
            more=len(problems) - len(shown),
        )

    def test_message(self, address: str, transport: str) -> Rendered:
        """``tracker doctor --send-test``: proof that mail reaches ``address``."""
        subject = f"{self.marking}: tracker test message"
        return self._both("test_message", subject, "test message", address=address, transport=transport)
