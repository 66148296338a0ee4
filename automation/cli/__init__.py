"""The ``tracker`` command: a thin layer over the library.

Each command parses its options, calls one library function, prints, and maps errors to
exit codes: 0 done, 1 problems found or the job failed, 2 could not run. Heavy modules are
imported inside commands so that ``tracker --help`` stays fast.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from automation import __version__

if TYPE_CHECKING:
    from automation.run.config import Config

FORMATS_PROBLEMS = click.Choice(["text", "json"])
FORMATS_STATUS = click.Choice(["text", "json", "csv"])


class Options:
    """What every command shares: where the register and config are, and how loud to be."""

    def __init__(self, register: Path | None, config: Path | None, verbose: bool) -> None:
        self.register_arg = register
        self.config_arg = config
        self.verbose = verbose

    @functools.cached_property
    def config(self) -> Config:
        from automation.run.config import load_config

        return load_config(self.config_arg)

    @property
    def register(self) -> Path:
        return self.register_arg or self.config.register_path

    def today(self, given: date | None) -> date:
        from automation.run.clock import today_in

        return given or today_in(self.config.timezone)


def common(command: Callable[..., int | None]) -> Callable[..., None]:
    """Adds --register, --config and --verbose, and turns errors into exit codes."""

    @click.option("--verbose", "-v", is_flag=True, help="Show details, and a traceback on failure.")
    @click.option(
        "--config",
        "config",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Settings file (default: ./tracker.toml when present).",
    )
    @click.option(
        "--register",
        "register",
        type=click.Path(path_type=Path),
        help="The register workbook (default: ./tracker.xlsx).",
    )
    @functools.wraps(command)
    def wrapper(register: Path | None, config: Path | None, verbose: bool, **kwargs: Any) -> None:
        options = Options(register, config, verbose)
        sys.exit(run_safely(lambda: command(options, **kwargs), verbose))

    return wrapper


def run_safely(call: Callable[[], int | None], verbose: bool) -> int:
    from automation.core.errors import TrackerError

    try:
        return call() or 0
    except TrackerError as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"tracker: {exc.message}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("tracker: interrupted", err=True)
        return 1
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        click.echo(
            f"tracker: unexpected error ({type(exc).__name__}: {exc}); "
            "run again with --verbose for details, and please report it",
            err=True,
        )
        return 1


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """Keep a force's HMICFRS recommendations register up to date: validate it, rate every
    item Blue/Red/Amber/Green, and chase owners by email."""


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing file (a backup is kept).")
def init(path: Path, force: bool) -> None:
    """Create a fresh, empty register at PATH, ready for officers."""

    def create() -> int:
        from automation.register.create import create_empty

        backup = create_empty(path, replace=force)
        click.echo(f"Created {path}" + (f" (previous file kept as {backup})" if backup else ""))
        return 0

    sys.exit(run_safely(create, verbose=False))


@main.command()
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

    Exit code 0 when there are no errors (warnings allowed), 1 when there are errors,
    2 when the file cannot be read at all."""
    from automation.cli import views as output
    from automation.run.jobs import check_register

    checked = check_register(options.register)
    render = output.problems_json if fmt == "json" else output.problems_text
    click.echo(render(checked.problems, options.register))
    return 1 if checked.errors else 0


@main.command()
@common
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Rate as on this date, YYYY-MM-DD (default: today in Europe/London).",
)
@click.option(
    "--format",
    "fmt",
    type=FORMATS_STATUS,
    default="text",
    show_default=True,
    help="Text summary and table, JSON or CSV.",
)
def status(options: Options, today: Any, fmt: str) -> int:
    """BRAG summary: counts by rating, by publication and by owner, then every item, most
    urgent first."""
    from automation.core.pauses import no_gc_pauses
    from automation.run.jobs import status_of

    day = options.today(today.date() if today else None)
    with no_gc_pauses():  # a one-shot command: the collector would only slow big registers
        return _print_status(status_of(options.register, day), fmt, options.register)


def _print_status(report: Any, fmt: str, path: Path) -> int:
    from automation.cli import views as output

    if fmt == "json":
        click.echo(output.status_json(report))
    elif fmt == "csv":
        click.echo(output.status_csv(report))
    else:
        click.echo(output.status_text(report, path))
    return 0


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False), default="tracker.xlsx")
@click.option("--force", is_flag=True, help="Replace an existing file (a backup is kept).")
def demo(path: Path, force: bool) -> None:
    """Build the demonstration register (the example paper's 93 items, with a demo force's
    owners and progress) at PATH."""

    def build() -> int:
        from automation.run.demo import create_demo

        count, backup = create_demo(path, replace=force)
        kept = f" (previous file kept as {backup})" if backup else ""
        click.echo(f"Wrote {count} items to {path}{kept}")
        return 0

    sys.exit(run_safely(build, verbose=False))


@main.command()
@common
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Run as on this date, YYYY-MM-DD (default: today in Europe/London).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Compose everything and show who would get what; send nothing and record nothing.",
)
@click.option("--only", metavar="EMAIL", help="Send only the message(s) to this address.")
@click.option("--force", is_flag=True, help="Send again even what this week's ledger says was sent.")
def remind(options: Options, today: Any, dry_run: bool, only: str | None, force: bool) -> int:
    """The weekly job: email each owner their open items, most urgent first, and managers a
    status summary, through the configured transport (an outbox folder of .eml files unless
    tracker.toml says otherwise). A second run in the same week sends nothing new."""
    from automation.cli import views as output
    from automation.run.jobs import weekly_run

    day = options.today(today.date() if today else None)
    config = options.config
    result = weekly_run(config, options.register, day, dry_run=dry_run, only=only, force=force)
    click.echo(output.weekly_text(result, options.register))
    if result.transport == "outbox" and not dry_run and result.deliveries:
        click.echo(f"Messages are in {config.path(config.mail.outbox) / result.week}")
    return result.exit_code


@main.command(name="import")
@common
@click.argument("paper", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints the extraction itself (publications and items) and writes nothing.",
)
def import_(options: Options, paper: Path, dry_run: bool, fmt: str) -> int:
    """Add the publications and items of a committee paper or inspection report (.txt, .md,
    .docx, .pdf, .html) to the register. New items are Not started (For information when they
    do not bind the force), with the owner left blank; an item already in the register is
    never overwritten, and differences are reported. The workbook is backed up first, and
    nothing is written while it is open in Excel."""
    from automation.cli import views as output

    if fmt == "json":
        from automation.importing import extract_file, to_json

        click.echo(to_json(extract_file(paper)))
        return 0
    from automation.run.jobs import import_paper

    imported = import_paper(options.register, paper, options.today(None), dry_run=dry_run)
    if not imported.extraction.items:
        click.echo(
            f"No recommendations, areas for improvement or actions were found in {paper}; "
            "nothing was written. Is it the right file?"
        )
        return 1
    click.echo(output.import_text(imported, options.register, dry_run))
    return 0


from automation.cli.ops_commands import add_commands  # noqa: E402

add_commands(main)
