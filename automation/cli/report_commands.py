"""Reports and the items' history: snapshot, history, report paper | meeting | dashboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from automation.cli.options import Options, common, date_option, today_option


@click.command()
@common
@today_option("Record")
def snapshot(options: Options, today: date | None) -> int:
    """Record every item's status, rating, due date, owner, last update and latest update
    in the history (the weekly run does this too). Only changes are stored."""
    from automation.cli.views import reports as views
    from automation.run.clock import local_now
    from automation.run.reports import take_snapshot

    day = options.today(today)
    recorded = take_snapshot(options.config, options.register, day, local_now())
    click.echo(views.snapshot_text(recorded, options.config.ledger_for(options.register)))
    return 0


@click.command()
@common
@click.option(
    "--item",
    metavar="PUBLICATION/REF",
    callback=lambda _ctx, _param, value: _item(value),
    help="One item: its publication title, a slash, its ref.",
)
@date_option("--since", about="Only changes seen after this date")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Text, JSON or CSV.",
)
def history(options: Options, item: tuple[str, str] | None, since: date | None, fmt: str) -> int:
    """What changed, when, from what to what, as the weekly runs and snapshots saw it."""
    from automation.cli.views import reports as views
    from automation.run.reports import history_of

    found = history_of(options.config, options.register, item=item, since=since)
    render = {"json": views.history_json, "csv": views.history_csv}.get(fmt, views.history_text)
    click.echo(render(found))
    return 0


def _item(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    publication, sep, ref = text.rpartition("/")
    if not sep or not publication.strip() or not ref.strip():
        raise click.BadParameter(
            "give PUBLICATION/REF, e.g. 'A duty to protect/Recommendation 3'", param_hint="--item"
        )
    return (publication.strip(), ref.strip())


@click.group()
def report() -> None:
    """Write the committee paper, the assurance meeting pack or the dashboard."""


@report.command()
@common
@date_option("--from", "start", about="First day of the period", required=True)
@date_option("--to", "end", about="Last day of the period", required=True)
@date_option("--since", about="List changes after this date (default: the end of the quarter before --from).")
@today_option("Status")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: committee-paper-FROM-to-TO.docx).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "md"]),
    default="docx",
    show_default=True,
    help="Word or Markdown.",
)
def paper(
    options: Options,
    start: date,
    end: date,
    since: date | None,
    today: date | None,
    out: Path | None,
    fmt: str,
) -> int:
    """The committee paper: each publication of the period with its items and where each
    stands, then the register as a whole and what changed since the last paper."""
    from automation.cli.views import reports as views
    from automation.run.reports import write_paper

    day = options.today(today)
    written = write_paper(options.config, options.register, (start, end), day, since=since, out=out, fmt=fmt)
    click.echo(views.written_text(written))
    return 0


@report.command()
@common
@date_option("--since", about="List changes after this date (default: four weeks ago).")
@today_option("Status")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: meeting-pack-TODAY.docx).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "md"]),
    default="docx",
    show_default=True,
    help="Word or Markdown.",
)
def meeting(options: Options, since: date | None, today: date | None, out: Path | None, fmt: str) -> int:
    """The assurance meeting's pack: items awaiting sign-off with their evidence, red items
    with owners, target-date extensions requested, changes since the last meeting."""
    from automation.cli.views import reports as views
    from automation.run.reports import write_meeting

    day = options.today(today)
    written = write_meeting(options.config, options.register, day, since=since, out=out, fmt=fmt)
    click.echo(views.written_text(written))
    return 0


@report.command()
@common
@today_option("Rate")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Workbook to write (default: dashboard-TODAY.xlsx).",
)
def dashboard(options: Options, today: date | None, out: Path | None) -> int:
    """A separate workbook showing the register at a glance: counts and charts by rating,
    publication, owner and week, then Overdue, By owner and All items sheets."""
    from automation.cli.views import reports as views
    from automation.run.reports import write_dashboard

    day = options.today(today)
    written = write_dashboard(options.config, options.register, day, out=out)
    click.echo(views.written_text(written))
    return 0


COMMANDS = (snapshot, history, report)
