"""Commands about the register itself: init, validate, status, demo."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from automation.cli.options import FORMATS_PROBLEMS, FORMATS_STATUS, Options, common, run_safely, today_option


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing file (a backup is kept).")
def init(path: Path, force: bool) -> None:
    """Create a fresh, empty register at PATH, ready for officers."""

    def create() -> int:
        from automation.cli.views import register as views
        from automation.register.create import create_empty
        from automation.run.clock import local_now

        backup = create_empty(path, local_now(), replace=force)
        click.echo(views.created(path, backup))
        return 0

    sys.exit(run_safely(create, verbose=False))


@click.command()
@common
@click.option(
    "--format",
    "fmt",
    type=FORMATS_PROBLEMS,
    default="text",
    show_default=True,
    help="Print problems as text or JSON.",
)
def validate(options: Options, fmt: str) -> int:
    """List every problem in the register, by sheet and cell, with how to fix it.

    Every address on the Owners sheet is checked against [mail] allowed_domains. Exit code
    0 when there are no errors (warnings allowed), 1 when there are errors, 2 when the file
    cannot be read, has no Register sheet or lacks a required column, or the settings are
    wrong."""
    from automation.cli.views import register as views
    from automation.run.check import check_register

    checked = check_register(options.register, options.config.mail.allowed_domains)
    render = views.problems_json if fmt == "json" else views.problems_text
    click.echo(render(checked.problems, options.register))
    return 1 if checked.errors else 0


@click.command()
@common
@today_option("Rate")
@click.option(
    "--format",
    "fmt",
    type=FORMATS_STATUS,
    default="text",
    show_default=True,
    help="Text summary and table, JSON or CSV.",
)
def status(options: Options, today: date | None, fmt: str) -> int:
    """BRAG summary: counts by rating, by publication and by owner, then every item, most
    urgent first."""
    from automation.core.pauses import no_gc_pauses
    from automation.run.check import status_of

    day = options.today(today)
    with no_gc_pauses():  # a one-shot command: the collector would only slow big registers
        report = status_of(options.register, day)
        for note in report.notes:  # on stderr, so that JSON and CSV stay clean
            click.echo(f"note: {note}", err=True)
        return _print_status(report, fmt, options.register)


def _print_status(report: Any, fmt: str, path: Path) -> int:
    from automation.cli.views import register as views

    if fmt == "json":  # megabytes with no escape codes to strip, nor a copy to add a line end
        click.echo(views.status_json(report), nl=False, color=True)
        click.echo()
    elif fmt == "csv":
        click.echo(views.status_csv(report), nl=False)
    else:
        click.echo(views.status_text(report, path))
    return 0


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False), default="tracker.xlsx")
@click.option("--force", is_flag=True, help="Replace an existing file (a backup is kept).")
def demo(path: Path, force: bool) -> None:
    """Build the demonstration register (the example paper's 93 items, with a demo force's
    owners and progress) at PATH."""

    def build() -> int:
        from automation.cli.views import register as views
        from automation.run.demo import create_demo

        count, backup = create_demo(path, replace=force)
        click.echo(views.demo_written(count, path, backup))
        return 0

    sys.exit(run_safely(build, verbose=False))


COMMANDS = (init, validate, status, demo)
