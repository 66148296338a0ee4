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
_NEW = -1  # what an item never recorded is found as
_HASH = (1 << 64) - 1  # a state's hash, as a non-negative number


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
    known = _known(db)  # an item's entry becomes None once seen (no second set of keys)
    rows = _ChangeRows(db, snapshot_id)
    changed: list[tuple[int, int, State]] = []  # (id, present, state now) of items that changed
    fresh: list[tuple[str, ...]] = []  # (pub, ref, *state) of items never seen before
    fresh_keys: set[tuple[str, str]] = set()
    new = seen = 0
    for r in rated:
        key = r.item.key
        found = known.get(key, _NEW)
        if found is None or key in fresh_keys:  # a duplicate row: validation reports it
            continue
        seen += 1
        state = item_state(r)
        if found == _NEW:
            fresh_keys.add(key)
            fresh.append((*key, *state))
            if len(fresh) >= _BATCH:
                new += _add_items(db, fresh, rows)
            continue
        known[key] = None
        item_id, present, last = _unpacked(found)
        if not present or last != hash(state) & _HASH:
            changed.append((item_id, present, state))
    new += _add_items(db, fresh, rows)
    _add_changes(db, changed, rows)
    left = (_unpacked(packed) for packed in known.values() if packed is not None)  # not seen now
    gone = [item_id for item_id, present, _ in left if present]
    rows.extend((item_id, "item", PRESENT, ABSENT) for item_id in gone)
    db.executemany(
        "UPDATE history_items SET " + ", ".join(f"{f}=?" for f in FIELDS) + ", present=1 WHERE id=?",
        [(*state, str(item_id)) for item_id, _, state in changed],
    )
    db.executemany("UPDATE history_items SET present=0 WHERE id=?", [(i,) for i in gone])
    return Written(new, len(changed), len(gone), rows.flush(), seen)


def _known(db: LedgerDb) -> dict[tuple[str, str], int | None]:
    """Every recorded item, by publication and ref: its id, whether it is present and a
    hash of its last state, packed in one number. Only the hash is kept (the states
    themselves are read again for the few items that changed): a large register's states
    would be its size again in memory. Each publication's title is held once."""
    known: dict[tuple[str, str], int | None] = {}
    titles: dict[str, str] = {}
    for row in db.execute(_KNOWN):
        title = titles.setdefault(row[0], row[0])
        known[(title, row[1])] = (hash(row[4:]) & _HASH) | row[2] << 65 | bool(row[3]) << 64
    return known


def _unpacked(packed: int) -> tuple[int, int, int]:
    """(id, present, hash of its state) of a ``_known`` entry."""
    return packed >> 65, (packed >> 64) & 1, packed & _HASH


def _add_changes(db: LedgerDb, changed: list[tuple[int, int, State]], rows: _ChangeRows) -> None:
    """The change rows of the items that changed: each field whose value is not the one last
    recorded (and the item's return, when it had gone)."""
    old = _states(db, [item_id for item_id, _, _ in changed])
    for item_id, present, state in changed:
        if not present:
            rows.add((item_id, "item", ABSENT, PRESENT))
        last = old[item_id]
        rows.extend((item_id, f, o, v) for f, o, v in zip(FIELDS, last, state, strict=True) if o != v)


_STATES = "SELECT id, " + ", ".join(f"IFNULL({f}, '')" for f in FIELDS) + " FROM history_items WHERE id IN "
_CHUNK = 500  # ids a query: within any SQLite's limit on parameters


def _states(db: LedgerDb, ids: list[int]) -> dict[int, State]:
    """The last recorded state of each of ``ids``."""
    found: dict[int, State] = {}
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at : at + _CHUNK]
        query = _STATES + "(" + ", ".join("?" * len(chunk)) + ")"
        found.update((row[0], tuple(row[1:])) for row in db.execute(query, chunk))
    return found


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
