"""Replaying the history's changes of rating and presence in the register: the counts by
rating at each snapshot (the dashboard's trend), and what the weekly run needs: the ratings
its previous week's run saw and since when each item then red has been red (escalation,
'turned red' and the manager summary's change since the previous run read them), with who
that run's owner digests reached, from the ledger.

The previous run is the latest weekly snapshot of an earlier ISO week; a red streak counts
back over the latest weekly snapshot of each earlier week, as the ledger's ``ratings``
table was read before the history took its place. A ledger written before then is still
read: for the previous run while the history holds none, and for the start of a red
streak that began before the history's first weekly snapshot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from automation.core.model import Rag
from automation.mail.digests import History
from automation.mail.ledger import Ledger
from automation.mail.ledger_records import iso_week
from automation.reports.history import HistoryStore, Snapshot
from automation.reports.recording import ABSENT, PRESENT

Key = tuple[str, str]
State = dict[int, tuple[Key, bool, str]]  # item id: (key, in the register, rating)
RED = Rag.RED.value


def rating_trend(store: HistoryStore) -> list[tuple[Snapshot, dict[str, int]]]:
    """Counts by rating at each snapshot, replayed from the rating changes: one pass over
    them, keeping the counts up to date as items change rating, arrive and leave."""
    by_snapshot = {n: list(rows) for n, rows in groupby(store.rating_changes(), key=itemgetter(0))}
    rating: dict[int, str] = {}
    present: set[int] = set()
    counts: Counter[str] = Counter()
    trend = []
    for snapshot in store.snapshots():
        for _, item_id, field, _, new in by_snapshot.get(snapshot.id, ()):
            if field == "rag":
                if item_id in present:
                    counts[rating.get(item_id, "")] -= 1
                    counts[new] += 1
                rating[item_id] = new
            elif new == PRESENT and item_id not in present:
                present.add(item_id)
                counts[rating.get(item_id, "")] += 1
            elif new == ABSENT and item_id in present:
                present.discard(item_id)
                counts[rating.get(item_id, "")] -= 1
        trend.append((snapshot, {rag: n for rag, n in counts.items() if n}))
    return trend


@dataclass(frozen=True)
class PreviousRun:
    as_of: date
    ratings: dict[Key, Rag]
    red_since: dict[Key, date]
    from_the_start: frozenset[Key]  # red at every weekly snapshot the history holds


def previous_week(ledger: Ledger, history: Path, before_week: str) -> History:
    """The previous weekly run before ``before_week``, as the weekly job composes with it."""
    with HistoryStore(history, create=False) as store:
        found = previous_run(store, before_week)
    if found is None:
        return ledger.history(before_week)
    red_since = found.red_since
    if found.from_the_start:
        older = ledger.history(before_week).red_since
        red_since = {
            key: min(day, older.get(key, day)) if key in found.from_the_start else day
            for key, day in red_since.items()
        }
    return History(found.as_of, found.ratings, red_since, ledger.reached(iso_week(found.as_of)))


def previous_run(store: HistoryStore, before_week: str) -> PreviousRun | None:
    """The ratings of the latest weekly snapshot of a week before ``before_week`` and each
    red item's streak; None when the history holds no such snapshot."""
    snapshots = store.snapshots()
    marks = _week_marks(snapshots, before_week)
    if not marks:
        return None
    last = marks[0]
    state = store.ratings_now()
    for _, item_id, field, old, _ in store.rating_changes(after=last.id, newest_first=True):
        _undo(state, item_id, field, old)  # back to what that run saw
    ratings = {key: Rag(rag) for key, present, rag in state.values() if present and rag}
    red_since, from_the_start = _red_streaks(store, state, [s for s in snapshots if s.id <= last.id], marks)
    return PreviousRun(last.as_of, ratings, red_since, from_the_start)


def _week_marks(snapshots: list[Snapshot], before_week: str) -> list[Snapshot]:
    """The latest weekly snapshot of each week before ``before_week``, newest first."""
    latest: dict[str, Snapshot] = {}
    for snapshot in snapshots:  # oldest first: a later one of the same week replaces it
        week = iso_week(snapshot.as_of)
        if snapshot.source == "weekly" and week < before_week:
            latest[week] = snapshot
    return sorted(latest.values(), key=lambda s: s.id, reverse=True)


def _undo(state: State, item_id: int, field: str, old: str) -> None:
    key, present, rag = state[item_id]
    if field == "rag":
        state[item_id] = (key, present, old)
    else:
        state[item_id] = (key, old == PRESENT, rag)


def _red_streaks(
    store: HistoryStore, state: State, snapshots: list[Snapshot], marks: list[Snapshot]
) -> tuple[dict[Key, date], frozenset[Key]]:
    """Walking back from the last mark, snapshot by snapshot: an item red at the last mark
    stays in its streak while it is red at each earlier mark."""
    streaks: dict[Key, date] = {}
    red = {n: state[n] for n, (_, present, rag) in state.items() if present and rag == RED}
    marked = {s.id for s in marks}
    changes = groupby(store.rating_changes(upto=marks[0].id, newest_first=True), key=itemgetter(0))
    pending = next(changes, None)
    for snapshot in reversed(snapshots):
        if snapshot.id in marked:
            for n, (key, present, rag) in list(red.items()):
                if present and rag == RED:
                    streaks[key] = snapshot.as_of
                else:
                    del red[n]
        if not red:
            break
        while pending is not None and pending[0] >= snapshot.id:
            for _, item_id, field, old, _ in pending[1]:
                if item_id in red:
                    _undo(red, item_id, field, old)
            pending = next(changes, None)
    return streaks, frozenset(key for key, _, _ in red.values())
