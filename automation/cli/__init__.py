"""The ``tracker`` command: a thin layer over the library.

Each command parses its options, calls one library function, prints through ``views``, and
maps errors to exit codes: 0 done, 1 problems found or the job failed, 2 could not run.
Commands live by area (register, mail, import, unattended running); heavy modules are
imported inside commands so that ``tracker --help`` stays fast.
"""

from __future__ import annotations

import click

from automation import __version__
from automation.cli import (
    import_commands,
    mail_commands,
    ops_commands,
    register_commands,
    report_commands,
    returns_commands,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """Keep a force's HMICFRS recommendations register up to date: validate it, rate every
    item Blue/Red/Amber/Green, and chase owners by email."""


for area in (
    register_commands,
    mail_commands,
    returns_commands,
    import_commands,
    report_commands,
    ops_commands,
):
    for command in area.COMMANDS:
        main.add_command(command)
