"""Adding a paper's recommendations to the register: import, in one step or reviewed first."""

from __future__ import annotations

from pathlib import Path

import click

from automation.cli.options import Options, common

_XLSX = click.Path(path_type=Path, dir_okay=False)


@click.command(name="import")
@common
@click.argument("paper", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--review",
    type=_XLSX,
    metavar="FILE.xlsx",
    help="Write every candidate item to a new review workbook, with its confidence, reason and fields, "
    "for the officer to tick and edit; the register is not changed.",
)
@click.option(
    "--accept",
    type=_XLSX,
    metavar="FILE.xlsx",
    help="Add the rows ticked Include in a review workbook, as edited (no PAPER).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints the extraction itself (publications, items, held-back candidates) and writes nothing.",
)
def import_(
    options: Options, paper: Path | None, review: Path | None, accept: Path | None, dry_run: bool, fmt: str
) -> int:
    """Add the publications and items of a committee paper or inspection report (.txt, .md,
    .docx, .pdf, .html) to the register. Items the importer is sure of are added; candidates
    below the threshold are listed, not written. With --review, every candidate goes to a
    workbook for the officer to check first, and --accept adds what was ticked. New items
    are Not started (For information when they do not bind the force), with the owner left
    blank; an item already in the register is never overwritten, and differences are
    reported. The workbook is backed up first, and nothing is written while it is open in
    Excel."""
    from automation.cli.views import paper as views
    from automation.core.errors import CannotRun

    if accept is not None:
        if paper is not None or review is not None:
            raise CannotRun(
                "--accept takes the review workbook only", fix="give no PAPER and no --review with it"
            )
        return _accept(options, accept, dry_run)
    if paper is None:
        raise CannotRun("nothing to import", fix="give the PAPER to import, or --accept FILE.xlsx")
    if fmt == "json":
        from automation.importing import extract_file, to_json

        click.echo(to_json(extract_file(paper)))
        return 0
    if review is not None:
        from automation.run.paper import review_paper

        click.echo(views.review_text(review_paper(paper, review, options.today(None))))
        return 0
    from automation.run.paper import import_paper

    imported = import_paper(options.register, paper, options.today(None), dry_run=dry_run)
    if not imported.extraction.items:
        click.echo(views.nothing_found(paper, imported.extraction))
        return 1
    click.echo(views.import_text(imported, options.register, dry_run))
    return 0


def _accept(options: Options, review: Path, dry_run: bool) -> int:
    from automation.cli.views import paper as views
    from automation.run.paper import accept_review

    accepted = accept_review(options.register, review, options.today(None), dry_run=dry_run)
    click.echo(views.import_text(accepted, options.register, dry_run))
    return 0 if accepted.extraction.items else 1


COMMANDS = (import_,)
