"""Recording a snapshot in the items' history: one pass over the items against each item's
last recorded state, writing only what changed (a first snapshot: every item's first state)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from automation.core.rating import RatedItem
from automation.mail.ledger_files import LedgerDb

FIELDS = ("status", "rag", "due", "owner", "last_update", "progress")
PRESENT, ABSENT = "in the register", "not in the register"
_BATCH = 20_000  # change rows held before they are written

State = tuple[str, ...]  # values in FIELDS order, '' for none


def item_state(rated: RatedItem) -> State:
    item, rating = rated.item, rated.rating
    return (
        item.status.label if item.status else "",
        rating.rag.value,
        rating.due.isoformat() if rating.due else "",
        item.owner,
        item.last_update.isoformat() if item.last_update else "",
        item.progress,
    )


@dataclass(frozen=True)
class Written:
    new: int
    changed: int
    removed: int
    rows: int  # change rows written
    present: int  # items in the register now: every item seen, no other


_KNOWN = (
    "SELECT publication, ref, id, present, "
    + ", ".join(f"IFNULL({f}, '')" for f in FIELDS)
    + " FROM history_items"
)


class _ChangeRows:
    """Change rows of one snapshot, written a batch at a time: the first snapshot of a large
    register has several for each of its items."""

    def __init__(self, db: LedgerDb, snapshot_id: int) -> None:
        self._db, self._snapshot, self._rows, self._written = db, snapshot_id, list[tuple]([]), 0

    def add(self, row: tuple[int, str, str, str]) -> None:
        self._rows.append((self._snapshot, *row))
        if len(self._rows) >= _BATCH:
            self.flush()

    def extend(self, rows: Iterable[tuple[int, str, str, str]]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> int:
        """Write what is held; the number of rows written so far."""
        self._db.executemany("INSERT INTO history_changes VALUES (?, ?, ?, ?, ?)", self._rows)
        self._written += len(self._rows)
        self._rows.clear()
        return self._written


def write_changes(db: LedgerDb, snapshot_id: int, rated: Iterable[RatedItem]) -> Written:
    """One pass over the items against every item's last recorded state; the new items and
    the change rows are written in batches as they come, then the changed items and the
    items gone, one statement each."""
    known = {row[:2]: row for row in db.execute(_KNOWN)}  # (pub, ref, id, present, *state)
    rows = _ChangeRows(db, snapshot_id)
    updates: list[tuple[str, ...]] = []
    fresh: list[tuple[str, ...]] = []  # (pub, ref, *state) of items never seen before
    seen: set[tuple[str, str]] = set()
    new = 0
    for r in rated:
        key = r.item.key
        if key in seen:  # a duplicate row: validation reports it; the first one counts
            continue
        seen.add(key)
        state = item_state(r)
        found = known.get(key)
        if found is None:
            fresh.append((*key, *state))
            if len(fresh) >= _BATCH:
                new += _add_items(db, fresh, rows)
            continue
        item_id, present, old = found[2], found[3], found[4:]
        if present and old == state:
            continue
        if not present:
            rows.add((item_id, "item", ABSENT, PRESENT))
        rows.extend((item_id, f, o, v) for f, o, v in zip(FIELDS, old, state, strict=True) if o != v)
        updates.append((*state, str(item_id)))
    new += _add_items(db, fresh, rows)
    gone = [row[2] for key, row in known.items() if row[3] and key not in seen]
    rows.extend((item_id, "item", PRESENT, ABSENT) for item_id in gone)
    db.executemany(
        "UPDATE history_items SET " + ", ".join(f"{f}=?" for f in FIELDS) + ", present=1 WHERE id=?",
        updates,
    )
    db.executemany("UPDATE history_items SET present=0 WHERE id=?", [(i,) for i in gone])
    return Written(new, len(updates), len(gone), rows.flush(), len(seen))


def _add_items(db: LedgerDb, fresh: list[tuple[str, ...]], rows: _ChangeRows) -> int:
    """The new items in one statement, with their change rows (every field they have, as
    their first state); ``fresh`` is emptied. How many there were."""
    if not fresh:
        return 0
    last = db.execute("SELECT IFNULL(MAX(id), 0) FROM history_items").fetchone()[0]
    db.executemany(
        "INSERT INTO history_items (publication, ref, present, " + ", ".join(FIELDS) + ")"
        " VALUES (?, ?, 1, " + ", ".join("?" * len(FIELDS)) + ")",
        fresh,
    )
    found = "SELECT publication, ref, id FROM history_items WHERE id > ?"
    ids = {(pub, ref): item_id for pub, ref, item_id in db.execute(found, (last,))}
    for values in fresh:
        item_id = ids[(values[0], values[1])]
        rows.add((item_id, "item", ABSENT, PRESENT))
        rows.extend((item_id, f, "", v) for f, v in zip(FIELDS, values[2:], strict=True) if v)
    added = len(fresh)
    fresh.clear()
    return added
