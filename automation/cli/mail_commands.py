"""The weekly job: remind."""

from __future__ import annotations

from datetime import date

import click

from automation.cli.options import Options, an_address, common, today_option


@click.command()
@common
@today_option("Run")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Compose everything and show who would get what; send nothing and record nothing.",
)
@click.option(
    "--only", metavar="EMAIL", callback=an_address, help="Send only the message(s) to this address."
)
@click.option("--force", is_flag=True, help="Send again even what this week's ledger says was sent.")
def remind(options: Options, today: date | None, dry_run: bool, only: str | None, force: bool) -> int:
    """The weekly job: email each owner their open items, most urgent first, and managers a
    status summary, through the configured transport (an outbox folder of .eml files unless
    tracker.toml says otherwise). A second run in the same week sends nothing new."""
    from automation.cli.views import runs as views
    from automation.run.weekly import weekly_run

    day = options.today(today)
    result = weekly_run(options.config, options.register, day, dry_run=dry_run, only=only, force=force)
    click.echo(views.weekly_text(result, options.register))
    return result.exit_code


COMMANDS = (remind,)
