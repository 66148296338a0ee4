"""Building reports from a register file and its history: one call each, for run/ jobs."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from automation.core.errors import CannotRun
from automation.core.pauses import no_gc_pauses
from automation.core.rating import StatusReport, status_report
from automation.register.load import load_register
from automation.reports.changes import FIELDS as EVENT_FIELDS
from automation.reports.changes import PeriodChanges, period_changes
from automation.reports.history import Change, HistoryStore, Recorded
from automation.reports.meeting import MeetingPack, build_meeting, extension_requests
from automation.reports.paper import Paper, PaperOptions, build_paper, quarter_end_before
from automation.reports.replay import rating_trend
from automation.reports.writers.interface import writer_for


def changes_between(history: Path, since: date, until: date) -> PeriodChanges:
    """What the history saw change after ``since`` up to ``until`` (nothing when there is no
    history file yet: reading never creates one)."""
    with HistoryStore(history, create=False) as store:
        first = store.snapshots()[:1]
        recorded_from = first[0].as_of if first else None
        found = store.changes(since=since, until=until, baseline=False, fields=EVENT_FIELDS)
    return period_changes(found, since, until, recorded_from)


def make_paper(
    register: Path,
    history: Path,
    period_from: date,
    period_to: date,
    today: date,
    *,
    since: date | None = None,
    options: PaperOptions = PaperOptions(),  # noqa: B008
) -> Paper:
    loaded = load_register(register)
    report = status_report(loaded, today)
    since = since or quarter_end_before(period_from)
    changes = changes_between(history, since, today)
    return build_paper(loaded, report, period_from, period_to, changes, options)


def render_paper(paper: Paper, fmt: str, templates_dir: Path | None = None) -> bytes:
    return writer_for(fmt).write("committee_paper", {"paper": paper}, templates_dir)


def make_meeting(
    register: Path,
    history: Path,
    today: date,
    *,
    since: date | None = None,
    options: PaperOptions = PaperOptions(),  # noqa: B008
) -> MeetingPack:
    """The assurance meeting's pack; changes since ``since`` (default four weeks ago)."""
    loaded = load_register(register)
    report = status_report(loaded, today)
    since = since or today - timedelta(weeks=4)
    changes = changes_between(history, since, today)
    return build_meeting(loaded, report, extension_requests(register), changes, options)


def render_meeting(pack: MeetingPack, fmt: str, templates_dir: Path | None = None) -> bytes:
    return writer_for(fmt).write("meeting_pack", {"pack": pack}, templates_dir)


def make_dashboard(register: Path, history: Path, today: date, marking: str = "OFFICIAL") -> bytes:
    from automation.reports.dashboard import dashboard_data, write_dashboard

    shown = frozenset(("executive_lead", "progress", "text", "kind", "cause_for_concern"))
    report = status_report(load_register(register, for_rating=True, also=shown), today)
    with HistoryStore(history, create=False) as store:
        trend = rating_trend(store)
    with no_gc_pauses():  # a line and a cell for every item: the collector would find nothing to free
        return write_dashboard(dashboard_data(report, trend, marking))


def record_snapshot(history: Path, report: StatusReport, now: datetime, source: str) -> Recorded:
    with HistoryStore(history) as store:
        return store.record(report.rated, report.as_of, now, source)


@dataclass(frozen=True)
class ItemHistory:
    """What ``tracker history`` shows: the changes, and whether anything was recorded at all."""

    ledger: Path
    changes: list[Change]
    recorded: bool  # the history holds a snapshot (a weekly run's or tracker snapshot's)


def item_history(
    history: Path, *, item: tuple[str, str] | None = None, since: date | None = None
) -> ItemHistory:
    """Changes as ``tracker history`` shows them: without the baseline, unless for one item.
    An item the history never saw is a usage error naming the nearest it did see. Reading
    never creates the ledger."""
    with HistoryStore(history, create=False) as store:
        recorded = store.latest() is not None
        if recorded and item is not None and item not in (keys := store.items()):
            raise _no_such_item(item, keys)
        return ItemHistory(
            history, store.changes(since=since, item=item, baseline=item is not None), recorded
        )


def _no_such_item(item: tuple[str, str], keys: list[tuple[str, str]]) -> CannotRun:
    near = near_items(item, keys)
    fix = "give the publication's title and the ref exactly as the register has them, as TITLE/REF"
    if near:
        fix += "; did you mean " + " or ".join(f"'{pub}/{ref}'" for pub, ref in near) + "?"
    return CannotRun(
        f"the history has no item with the publication '{item[0]}' and the ref '{item[1]}'", fix=fix
    )


def near_items(item: tuple[str, str], keys: list[tuple[str, str]], most: int = 3) -> list[tuple[str, str]]:
    """The items most like ``item``: the same ref in a publication whose title holds the
    words given, else the closest spellings of TITLE/REF."""

    def plain(text: str) -> str:
        return " ".join(text.split()).casefold()

    publication, ref = (plain(part) for part in item)
    same = [k for k in keys if plain(k[1]) == ref and publication in plain(k[0])]
    if same:
        return same[:most]
    spelt = {f"{pub}/{ref}": (pub, ref) for pub, ref in keys}
    return [spelt[s] for s in difflib.get_close_matches("/".join(item), spelt, n=most, cutoff=0.6)]
