"""Report jobs shared by the command line and the scheduler: history snapshots, the
committee paper, the assurance meeting pack and the dashboard. Each writes one new file,
atomically, and never the master register."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from automation.core.errors import CannotRun
from automation.core.text import plural
from automation.reports.history import Recorded
from automation.reports.paper import PaperOptions
from automation.run.config import Config

if TYPE_CHECKING:
    from automation.reports.build import ItemHistory


@dataclass(frozen=True)
class Written:
    path: Path
    what: str  # 'committee paper', 'meeting pack', 'dashboard'
    summary: str  # one line on what it holds


def paper_options(config: Config) -> PaperOptions:
    reports = config.reports
    return PaperOptions(
        to=reports.committee,
        sender=reports.author,
        department=reports.department,
        marking=config.mail.marking,
    )


def _templates(config: Config) -> Path | None:
    return config.path(config.reports.templates) if config.reports.templates else None


def _write(out: Path, data: bytes, register: Path) -> Path:
    """``data`` to ``out`` atomically; never over the register, never under an open document."""
    if out.resolve() == register.resolve():
        raise CannotRun(f"{out} is the register itself", fix="choose another --out file")
    if out.with_name("~$" + out.name).exists():
        raise CannotRun(f"{out} is open in Word or Excel", fix="close it first, or choose another --out file")
    if not out.parent.is_dir():
        raise CannotRun(f"folder {out.parent} does not exist", fix="create it first, or choose another --out")
    handle, temp = tempfile.mkstemp(prefix=".~tracker-", suffix=out.suffix, dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return out


def _check_suffix(out: Path | None, fmt: str) -> None:
    """A report's file is named for what it holds: Word in a .txt file would open as nonsense."""
    if out is not None and out.suffix.lower() != f".{fmt}":
        other = {"docx": "md", "md": "docx"}[fmt]
        raise CannotRun(
            f"{out} does not end in .{fmt}, the format asked for",
            fix=f"name the file NAME.{fmt}, or pass --format {other} for a NAME.{other} file",
        )


def write_paper(
    config: Config,
    register: Path,
    period: tuple[date, date],
    today: date,
    *,
    since: date | None = None,
    out: Path | None = None,
    fmt: str = "docx",
) -> Written:
    from automation.reports.build import make_paper, render_paper

    start, end = period
    if end < start:
        raise CannotRun(f"--to {end:%d/%m/%Y} is before --from {start:%d/%m/%Y}", fix="swap them")
    _check_suffix(out, fmt)
    paper = make_paper(
        register, config.ledger_for(register), start, end, today, since=since, options=paper_options(config)
    )
    data = render_paper(paper, fmt, _templates(config))
    out = out or Path(f"committee-paper-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.{fmt}")
    publications, items = (
        plural(len(paper.publications), "publication"),
        plural(paper.items_of_period, "item"),
    )
    summary = f"{publications}, {items} of the period"
    return Written(_write(out, data, register), "committee paper", summary)


def write_meeting(
    config: Config,
    register: Path,
    today: date,
    *,
    since: date | None = None,
    out: Path | None = None,
    fmt: str = "docx",
) -> Written:
    from automation.reports.build import make_meeting, render_meeting

    _check_suffix(out, fmt)
    pack = make_meeting(
        register, config.ledger_for(register), today, since=since, options=paper_options(config)
    )
    data = render_meeting(pack, fmt, _templates(config))
    out = out or Path(f"meeting-pack-{today:%Y-%m-%d}.{fmt}")
    summary = (
        f"{len(pack.awaiting_sign_off)} awaiting sign-off, {len(pack.red)} red, "
        f"{plural(len(pack.extensions), 'extension')} requested"
    )
    return Written(_write(out, data, register), "meeting pack", summary)


def write_dashboard(config: Config, register: Path, today: date, *, out: Path | None = None) -> Written:
    from automation.reports.build import make_dashboard

    if out is not None and out.suffix.lower() != ".xlsx":
        raise CannotRun(f"{out} does not end in .xlsx", fix="name the dashboard file NAME.xlsx")
    data = make_dashboard(register, config.ledger_for(register), today, config.mail.marking)
    out = out or Path(f"dashboard-{today:%Y-%m-%d}.xlsx")
    return Written(_write(out, data, register), "dashboard", f"the register as at {today:%d/%m/%Y}")


def take_snapshot(config: Config, register: Path, today: date, now: datetime) -> Recorded:
    """Record every item's state now (what the weekly run also does)."""
    from automation.core.rating import status_report
    from automation.register.load import load_register
    from automation.reports.build import record_snapshot

    report = status_report(load_register(register), today)
    return record_snapshot(config.ledger_for(register), report, now, "snapshot")


def history_of(
    config: Config, register: Path, *, item: tuple[str, str] | None = None, since: date | None = None
) -> ItemHistory:
    from automation.reports.build import item_history

    return item_history(config.ledger_for(register), item=item, since=since)
