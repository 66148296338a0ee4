"""Adding a paper's recommendations to the register: import."""

from __future__ import annotations

from pathlib import Path

import click

from automation.cli.options import Options, common


@click.command(name="import")
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
    from automation.cli import views

    if fmt == "json":
        from automation.importing import extract_file, to_json

        click.echo(to_json(extract_file(paper)))
        return 0
    from automation.run.paper import import_paper

    imported = import_paper(options.register, paper, options.today(None), dry_run=dry_run)
    if not imported.extraction.items:
        click.echo(views.nothing_found(paper))
        return 1
    click.echo(views.import_text(imported, options.register, dry_run))
    return 0


COMMANDS = (import_,)
