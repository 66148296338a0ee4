"""Owners' returns: collect."""

from __future__ import annotations

from datetime import date

import click

from automation.cli.options import Options, common, today_option


@click.command()
@common
@click.argument("source")
@today_option("Collect")
@click.option(
    "--dry-run", is_flag=True, help="Show, per item, what would change; write, record and move nothing."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print the outcome as text or JSON.",
)
def collect(options: Options, source: str, today: date | None, dry_run: bool, fmt: str) -> int:
    """Collect owners' filled-in returns into the register. SOURCE is a folder of returned
    .xlsx files or of .eml messages carrying them, or mailbox: (mailbox:FOLDER) to read the
    mailbox folder named in tracker.toml through the Graph or EWS transport. Each return is
    checked; a refused one is listed with why. Accepted updates are written in one guarded
    write (refused while the workbook is open in Excel; backed up; verified) and logged on the
    Updates sheet. Exit code 1 when a return was refused."""
    from automation.cli.views import returns as views
    from automation.run.collect import collect as collect_job

    day = options.today(today)
    result = collect_job(options.config, options.register, source, day, dry_run=dry_run)
    click.echo(views.collect_json(result) if fmt == "json" else views.collect_text(result))
    return result.exit_code


COMMANDS = (collect,)
