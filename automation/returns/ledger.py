"""What the ledger remembers about returns: each one issued (so a return coming back can be
proved to be ours, its rows its owner's, its grey cells as sent) and each file collected, by
content hash (so collecting again skips it). Tables of their own in the register's ledger."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from automation.mail.ledger_files import blank_ledger, open_ledger
from automation.returns.model import IssuedReturn, SentRow

SCHEMA = """
CREATE TABLE IF NOT EXISTS returns_issued (
    return_id TEXT PRIMARY KEY, week TEXT NOT NULL, issued TEXT NOT NULL, register TEXT NOT NULL,
    owner TEXT NOT NULL, email TEXT NOT NULL, manager_email TEXT NOT NULL, rows TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS returns_collected (
    digest TEXT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL, received TEXT,
    collected TEXT NOT NULL, outcome TEXT NOT NULL, return_id TEXT, owner TEXT, email TEXT,
    reasons TEXT NOT NULL DEFAULT '');
"""


@dataclass(frozen=True)
class Collected:
    """A return collected earlier, as the ledger recorded it."""

    name: str
    source: str
    received: date
    outcome: str  # accepted | refused
    owner: str
    email: str
    reasons: tuple[str, ...]


class ReturnsLedger:
    def __init__(self, path: Path, *, create: bool = True) -> None:
        """The returns' tables in the ledger at ``path``, opened through the ledger's checks
        (an empty or damaged ledger is refused, never started again). Without ``create``, a
        missing ledger is an empty one in memory, and no file is made."""
        self.path = path
        missing = not create and not path.exists()
        self._db = blank_ledger(path) if missing else open_ledger(path, busy_timeout=30)
        try:
            self._db.executescript(SCHEMA)
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReturnsLedger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def record_issued(self, issued: IssuedReturn) -> None:
        rows = json.dumps([[r.key, r.fingerprint, list(r.cells)] for r in issued.rows], ensure_ascii=False)
        self._db.execute(
            "INSERT OR REPLACE INTO returns_issued VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                issued.return_id,
                issued.week,
                issued.issued.isoformat(),
                issued.register,
                issued.owner,
                issued.email,
                issued.manager_email,
                rows,
            ),
        )

    def issued(self, return_id: str) -> IssuedReturn | None:
        row = self._db.execute(
            "SELECT return_id, week, issued, register, owner, email, manager_email, rows"
            " FROM returns_issued WHERE return_id=?",
            (return_id,),
        ).fetchone()
        if row is None:
            return None
        rows = tuple(SentRow(key, print_, tuple(cells)) for key, print_, cells in json.loads(row[7]))
        return IssuedReturn(row[0], row[1], date.fromisoformat(row[2]), row[3], row[4], row[5], row[6], rows)

    def seen(self, digest: str) -> bool:
        found = self._db.execute("SELECT 1 FROM returns_collected WHERE digest=?", (digest,)).fetchone()
        return found is not None

    def collected(self, digest: str) -> Collected | None:
        """The file with this content as an earlier collect recorded it; None if never seen."""
        row = self._db.execute(
            "SELECT name, source, received, outcome, owner, email, reasons FROM returns_collected"
            " WHERE digest=?",
            (digest,),
        ).fetchone()
        return _collected(row) if row else None

    def record_collected(
        self,
        digest: str,
        *,
        name: str,
        source: str,
        received: date,
        collected: datetime,
        outcome: str,
        return_id: str = "",
        owner: str = "",
        email: str = "",
        reasons: tuple[str, ...] = (),
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO returns_collected VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                name,
                source,
                received.isoformat(),
                collected.isoformat(timespec="seconds"),
                outcome,
                return_id,
                owner,
                email,
                "\n".join(reasons),
            ),
        )

    def refused_between(self, after: date, until: date) -> list[Collected]:
        """Returns refused that arrived after ``after``, up to and including ``until``."""
        rows = self._db.execute(
            "SELECT name, source, received, outcome, owner, email, reasons FROM returns_collected"
            " WHERE outcome='refused' AND received > ? AND received <= ? ORDER BY received, name",
            (after.isoformat(), until.isoformat()),
        ).fetchall()
        return [_collected(row) for row in rows]


def _collected(row: tuple) -> Collected:
    name, source, received, outcome, owner, email, reasons = row
    return Collected(
        name,
        source,
        date.fromisoformat(received),
        outcome,
        owner,
        email,
        tuple(filter(None, reasons.split("\n"))),
    )
