"""What every command shares: --register, --config, --verbose, and errors turned into exit
codes (0 done, 1 problems found or the job failed, 2 could not run)."""

from __future__ import annotations

import contextlib
import functools
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from automation.run.config import Config

FORMATS_PROBLEMS = click.Choice(["text", "json"])
FORMATS_STATUS = click.Choice(["text", "json", "csv"])


# Excel's first day, and its last less the longest window a rating looks ahead (3,650 days)
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9989, 12, 31)


class DayParam(click.ParamType):
    """A day as officers write it (31/08/2021) or as ISO 8601 (2021-08-31)."""

    name = "date"

    def get_metavar(self, param: click.Parameter, *args: Any, **kwargs: Any) -> str:
        return "DD/MM/YYYY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        import re

        from automation.core.deadlines import parse_date_text

        if isinstance(value, date):
            return value
        text = str(value).strip()
        numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})", text)
        parsed = parse_date_text(text) if numeric else None
        if parsed is not None and not FIRST_DAY <= parsed[0] <= LAST_DAY:
            self.fail(
                f"{text} is outside the dates tracker works with "
                f"({FIRST_DAY:%d/%m/%Y} to {LAST_DAY:%d/%m/%Y})",
                param,
                ctx,
            )
        if parsed is not None:
            return parsed[0]
        if numeric:
            self.fail(f"{text} is not a real date (no such day in that month)", param, ctx)
        self.fail(f"{text!r} is not a date: write it as dd/mm/yyyy, e.g. 31/08/2021", param, ctx)


DAY = DayParam()


def an_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An address option given empty (an unset variable in a script) is a mistake: for
    ``--only`` it would send every message of the week."""
    if value is not None and not value.strip():
        raise click.BadParameter("is empty: give an email address", ctx, param)
    return value


def date_option(*decls: str, about: str, required: bool = False) -> Callable[[Callable[..., Any]], Any]:
    """A date option; its help says ``about`` and the two ways to write a date."""
    written, _, rest = about.partition(" (")
    help_text = f"{written}, dd/mm/yyyy or YYYY-MM-DD" + (f" ({rest}" if rest else ".")
    if required:  # an explicit default, even None, counts as given in click 8.2 and later
        return click.option(*decls, type=DAY, required=True, help=help_text)
    return click.option(*decls, type=DAY, default=None, help=help_text)


def today_option(verb: str) -> Callable[[Callable[..., Any]], Any]:
    """--today, for running a command as on another day."""
    return date_option(
        "--today", about=f"{verb} as on this date (default: today in the configured time zone)."
    )


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


class _TerminalSafe:
    """A text stream writing what it is given with the characters a terminal acts on shown
    escaped (``terminal_safe``): whatever a command prints, from any cell or paper, cannot
    drive the terminal. It offers no file number or byte buffer, so nothing bypasses it."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", "utf-8")
        self.errors = getattr(stream, "errors", "strict")

    def write(self, text: str | bytes) -> int:
        from automation.core.text import terminal_safe

        if isinstance(text, str):
            return int(self._stream.write(terminal_safe(text)))
        safe = terminal_safe(bytes(text).decode("utf-8", "surrogateescape"))  # e.g. the CSV, with its BOM
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            return int(self._stream.write(safe))
        self._stream.flush()
        written = int(buffer.write(safe.encode("utf-8", "surrogateescape")))
        buffer.flush()
        return written

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())

    def writable(self) -> bool:
        return True


@contextlib.contextmanager
def terminal_safe_output() -> Iterator[None]:
    """Every line a command prints goes through ``_TerminalSafe``."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalSafe(out), _TerminalSafe(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def run_safely(call: Callable[[], int | None], verbose: bool) -> int:
    with terminal_safe_output():
        return _run(call, verbose)


def _run(call: Callable[[], int | None], verbose: bool) -> int:
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
