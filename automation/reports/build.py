"""Building reports from a register file and its history: one call each, for run/ jobs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

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


def item_history(
    history: Path, *, item: tuple[str, str] | None = None, since: date | None = None
) -> list[Change]:
    """Changes as ``tracker history`` shows them: without the baseline, unless for one item."""
    with HistoryStore(history, create=False) as store:
        return store.changes(since=since, item=item, baseline=item is not None)
