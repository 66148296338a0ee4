"""Every item's history: what each weekly run (or ``tracker snapshot``) saw, as changes.

The store lives in the ledger's SQLite file, in tables of its own. A snapshot records, for
every item, its status, rating, due date, owner, last-update date and latest update text;
only what differs from the item's previous state is written, so a year of weekly runs on
10,000 items stays small. The first snapshot of a store is its baseline: every item's first
state, not news. An officer who edits the register between runs loses nothing: each run
records what it saw.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from automation.core.errors import CannotRun
from automation.core.rating import RatedItem
from automation.mail.ledger_files import LedgerDb, open_ledger, open_ledger_to_read
from automation.reports.recording import write_changes

LABELS = {
    "item": "item",
    "status": "status",
    "rag": "rating",
    "due": "due date",
    "owner": "owner",
    "last_update": "last update",
    "progress": "latest update",
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS history_snapshots (
    id INTEGER PRIMARY KEY, as_of TEXT NOT NULL, taken TEXT NOT NULL, source TEXT NOT NULL,
    items INTEGER NOT NULL, changes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS history_items (
    id INTEGER PRIMARY KEY, publication TEXT NOT NULL, ref TEXT NOT NULL, present INTEGER NOT NULL,
    status TEXT, rag TEXT, due TEXT, owner TEXT, last_update TEXT, progress TEXT,
    UNIQUE (publication, ref));
CREATE TABLE IF NOT EXISTS history_changes (
    snapshot_id INTEGER NOT NULL, item_id INTEGER NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT);
CREATE INDEX IF NOT EXISTS history_changes_item ON history_changes (item_id);
CREATE INDEX IF NOT EXISTS history_changes_snapshot ON history_changes (snapshot_id);
"""


@dataclass(frozen=True)
class Snapshot:
    id: int
    as_of: date
    taken: str
    source: str  # weekly | snapshot
    items: int
    changes: int


@dataclass(frozen=True)
class Change:
    """One field of one item, as a snapshot found it changed."""

    snapshot: int
    as_of: date
    publication: str
    ref: str
    field: str  # 'item' (appeared or left the register) or one of FIELDS
    old: str
    new: str
    baseline: bool  # recorded by the store's first snapshot: a first state, not news

    @property
    def key(self) -> tuple[str, str]:
        return (self.publication, self.ref)

    @property
    def label(self) -> str:
        return LABELS[self.field]


@dataclass(frozen=True)
class Recorded:
    snapshot: Snapshot
    new: int
    changed: int
    removed: int


class HistoryStore:
    """The history tables in ``path`` (the ledger file), created on first use."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        """The history in the ledger at ``path``, opened through the ledger's checks (an empty
        or damaged ledger is refused, never started again). Without ``create``, a missing
        ledger reads as an empty history and no file is made."""
        self.path = path
        found = open_ledger(path, busy_timeout=30) if create else open_ledger_to_read(path, busy_timeout=30)
        self._db = found or LedgerDb(sqlite3.connect(":memory:", isolation_level=None), path, 0)
        try:
            self._db.executescript(SCHEMA)
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # ------------------------------------------------------------------ recording

    def record(self, rated: Iterable[RatedItem], as_of: date, now: datetime, source: str) -> Recorded:
        """Record what this run sees; only what changed since the last snapshot is written."""
        latest = self.latest()
        if latest is not None and as_of < latest.as_of:
            raise CannotRun(
                f"the history already has a snapshot as at {latest.as_of:%d/%m/%Y}, after {as_of:%d/%m/%Y}",
                fix="record snapshots in date order (leave out --today, or give a later date)",
            )
        with self._db:
            self._db.execute("BEGIN")
            cursor = self._db.execute(
                "INSERT INTO history_snapshots (as_of, taken, source, items) VALUES (?, ?, ?, 0)",
                (as_of.isoformat(), now.isoformat(timespec="seconds"), source),
            )
            snapshot_id = int(cursor.lastrowid or 0)
            written = write_changes(self._db, snapshot_id, rated)
            self._db.execute(
                "UPDATE history_snapshots SET items=?, changes=? WHERE id=?",
                (written.present, written.rows, snapshot_id),
            )
        return Recorded(self.snapshot(snapshot_id), written.new, written.changed, written.removed)

    # ------------------------------------------------------------------ reading

    def snapshot(self, snapshot_id: int) -> Snapshot:
        row = self._db.execute(
            "SELECT id, as_of, taken, source, items, changes FROM history_snapshots WHERE id=?",
            (snapshot_id,),
        ).fetchone()
        return _snapshot(row)

    def snapshots(self) -> list[Snapshot]:
        rows = self._db.execute(
            "SELECT id, as_of, taken, source, items, changes FROM history_snapshots ORDER BY id"
        ).fetchall()
        return [_snapshot(row) for row in rows]

    def latest(self) -> Snapshot | None:
        row = self._db.execute(
            "SELECT id, as_of, taken, source, items, changes FROM history_snapshots ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return _snapshot(row) if row else None

    def items(self) -> list[tuple[str, str]]:
        """(publication, ref) of every item any snapshot saw."""
        return [(pub, ref) for pub, ref in self._db.execute("SELECT publication, ref FROM history_items")]

    def changes(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        item: tuple[str, str] | None = None,
        baseline: bool = True,
        fields: Iterable[str] = (),
    ) -> list[Change]:
        """Changes seen by snapshots taken after ``since`` and on or before ``until``, oldest
        first; for one item when ``item`` is given; of only ``fields`` when given; without
        the baseline when asked."""
        sql = (
            "SELECT s.id, s.as_of, i.publication, i.ref, c.field, c.old, c.new, s.id = ("
            "SELECT MIN(id) FROM history_snapshots) FROM history_changes c"
            " JOIN history_snapshots s ON s.id = c.snapshot_id JOIN history_items i ON i.id = c.item_id"
            " WHERE 1=1"
        )
        args: list[str] = []
        if since is not None:
            sql += " AND s.as_of > ?"
            args.append(since.isoformat())
        if until is not None:
            sql += " AND s.as_of <= ?"
            args.append(until.isoformat())
        if item is not None:
            sql += " AND i.publication = ? AND i.ref = ?"
            args.extend(item)
        if fields := list(fields):
            sql += f" AND c.field IN ({', '.join('?' * len(fields))})"
            args.extend(fields)
        sql += " ORDER BY s.id, i.publication, i.ref, c.rowid"
        found = (_change(row) for row in self._db.execute(sql, args))
        return [c for c in found if baseline or not c.baseline]

    def rating_changes(
        self, *, after: int = 0, upto: int | None = None, newest_first: bool = False
    ) -> Iterator[tuple[int, int, str, str, str]]:
        """(snapshot id, item id, field, old, new) of each change of rating ('rag') or of
        presence in the register ('item') by snapshots after ``after`` up to ``upto``, in the
        order recorded (or the reverse)."""
        order = "DESC" if newest_first else "ASC"
        return self._db.execute(
            "SELECT snapshot_id, item_id, field, IFNULL(old, ''), IFNULL(new, '') FROM history_changes"
            " WHERE field IN ('rag', 'item') AND snapshot_id > ? AND snapshot_id <= ?"
            f" ORDER BY snapshot_id {order}, rowid {order}",
            (after, upto if upto is not None else 2**62),
        )

    def ratings_now(self) -> dict[int, tuple[tuple[str, str], bool, str]]:
        """Every item's (publication, ref), whether it is in the register and its rating, as
        the latest snapshot saw them, by item id. Each title and rating is held once, not
        once an item: a large register's are most of what this holds."""
        held: dict[str, str] = {"": ""}
        return {
            item_id: ((held.setdefault(pub, pub), ref), bool(present), held.setdefault(rag or "", rag or ""))
            for item_id, pub, ref, present, rag in self._db.execute(
                "SELECT id, publication, ref, present, rag FROM history_items"
            )
        }


def _snapshot(row: tuple) -> Snapshot:
    return Snapshot(row[0], date.fromisoformat(row[1]), row[2], row[3], row[4], row[5])


def _change(row: tuple) -> Change:
    snapshot, as_of, publication, ref, field, old, new, baseline = row
    return Change(
        snapshot, date.fromisoformat(as_of), publication, ref, field, old or "", new or "", bool(baseline)
    )


def iter_rows(changes: Iterable[Change]) -> Iterator[dict[str, str]]:
    """Changes as flat rows for JSON and CSV."""
    for c in changes:
        yield {
            "as_of": c.as_of.isoformat(),
            "publication": c.publication,
            "ref": c.ref,
            "field": c.label,
            "from": c.old,
            "to": c.new,
        }
