"""Commands for running tracker unattended: schedule, install-schedule, doctor and runs."""

from __future__ import annotations

import sys

import click

from automation.cli.options import Options, an_address, common, run_safely


@click.command("schedule", short_help="Stay running and send the weekly reminders on schedule.")
@common
@click.option(
    "--once",
    is_flag=True,
    help="Run the weekly job now, as the scheduler would "
    "(failures recorded and emailed to the register owner and IT), then exit.",
)
def schedule(options: Options, once: bool) -> int:
    """Stay running and send the weekly reminders at [schedule] day and time (default
    Monday 08:00 Europe/London), plus the daily validation digest when it is switched on.

    A run missed while this was not running is caught up at start-up; a failed run is
    emailed to [mail] register_owner and it_contact. Stop with Ctrl-C or SIGTERM. Only
    one scheduler may run per register. An operating-system timer is sturdier: see
    `tracker install-schedule`."""
    from automation.run.logs import remove_logging, setup_logging

    config = options.config
    handlers = setup_logging(config.logging, options.verbose, base_dir=config.base_dir)
    try:
        if once:
            return _run_once(options)
        from automation.run.scheduler import TrackerScheduler, stop_on_signals

        scheduler = TrackerScheduler(config, options.register)
        with stop_on_signals(scheduler.stop):
            scheduler.run()
        return 0
    finally:
        remove_logging(handlers)


def _run_once(options: Options) -> int:
    from automation.cli.views import runs as views
    from automation.run.unattended import exit_code, scheduled_weekly

    result = scheduled_weekly(options.config, options.register, options.today(None))
    if result is not None:
        click.echo(views.weekly_text(result, options.register))
    return exit_code(result)


@click.command(
    "install-schedule",
    short_help="Print a systemd timer, Windows task or crontab line for the weekly run.",
)
@common
@click.option(
    "--print",
    "kind",
    type=click.Choice(["systemd", "windows", "cron"]),
    required=True,
    help="Which scheduler to print the set-up for.",
)
def install_schedule(options: Options, kind: str) -> int:
    """Print what makes the operating system run the weekly job (`tracker schedule --once`:
    the reminders, and an email to the register owner and IT if it fails) at [schedule]
    day and time, with this machine's absolute paths: a systemd service and timer, a
    Windows Task Scheduler task (XML and the schtasks command), or a crontab line.

    systemd and Task Scheduler catch up a run missed while the machine was off; cron
    does not. The weekly run is idempotent per ISO week, so a catch-up never sends twice."""
    from automation.run.install import unit_text

    click.echo(unit_text(kind, options.config, options.register, options.config_arg), nl=False)
    return 0


@click.command("doctor", short_help="Check config, register, templates and mail settings.")
@common
@click.option(
    "--send-test",
    "send_to",
    metavar="ADDRESS",
    callback=an_address,
    help="Also send one real test message to ADDRESS (must be in [mail] allowed_domains).",
)
def doctor(options: Options, send_to: str | None) -> int:
    """Check the set-up before trusting it to run unattended: config, register, templates,
    allowed domains, transport settings and secrets (never shown). One PASS, WARN or FAIL
    line each, with how to fix it. Exit code 0 when nothing FAILs, else 1."""
    from automation.cli.views import runs as views
    from automation.run.doctor import CheckStatus, run_checks

    checks = run_checks(lambda: options.config, lambda: options.register, send_to)
    click.echo(views.doctor_text(checks))
    return 1 if any(c.status is CheckStatus.FAIL for c in checks) else 0


@click.command("example-config", short_help="Print tracker.toml.example, every setting with its default.")
def example_config() -> None:
    """Print the example settings file, every key commented out at its default, to start a
    deployment's own: tracker example-config > tracker.toml"""

    def show() -> int:
        from automation.mail.render import example_config as text

        click.echo(text(), nl=False)
        return 0

    sys.exit(run_safely(show, verbose=False))


@click.command("runs", short_help="List recent runs from the ledger.")
@common
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many of the most recent runs to show.",
)
def runs(options: Options, limit: int) -> int:
    """List recent runs from the ledger, newest first: when, outcome, messages sent,
    failed and skipped, register errors and warnings, and what went wrong."""
    from automation.cli.views import runs as views
    from automation.run.runs import recent_runs

    click.echo(views.runs_text(recent_runs(options.config, options.register, limit)))
    return 0


COMMANDS = (schedule, install_schedule, doctor, example_config, runs)
