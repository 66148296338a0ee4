"""The ledger: an SQLite file recording every run and every message.

It is what makes the weekly job safe to rerun: a message is keyed by ISO week, kind and
recipient, moves attempting -> sent (with the transport's id) or failed (with the reason),
and a key already sent this week is not sent again. A key left at 'attempting' by a crash is
reported, never silently resent: nobody knows whether the mail system took it. A message
sent but deferred (4xx) for some recipients keeps, in ``deferred``, those recipients and the
message as it went, until a later run of the week gets it to them. Tables added since the first
ledgers are made when an older ledger is opened, which keeps all it recorded.

What each run saw of the items (their ratings) is in the items' history, in tables of its
own in the same file (``automation.reports.history``). The ``ratings`` table holds what
runs recorded before that; it is read, never written.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from automation.core.errors import CannotRun
from automation.core.model import Rag
from automation.mail.digests import History
from automation.mail.ledger_files import check_room, open_ledger
from automation.mail.ledger_records import (
    Deferred,
    MessageRecord,
    RunKind,
    RunOutcome,
    RunRecord,
    iso_week,
    message_record,
    run_record,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, week TEXT NOT NULL, as_of TEXT NOT NULL,
    started TEXT NOT NULL, finished TEXT, outcome TEXT, sent INTEGER DEFAULT 0,
    failed INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, errors INTEGER DEFAULT 0,
    warnings INTEGER DEFAULT 0, detail TEXT DEFAULT '');
CREATE TABLE IF NOT EXISTS messages (
    key TEXT PRIMARY KEY, week TEXT NOT NULL, kind TEXT NOT NULL, recipient TEXT NOT NULL,
    subject TEXT NOT NULL, state TEXT NOT NULL, transport TEXT NOT NULL, transport_id TEXT,
    error TEXT, attempts INTEGER NOT NULL DEFAULT 0, run_id INTEGER, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deferred (
    key TEXT PRIMARY KEY, recipients TEXT NOT NULL, message BLOB NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (
    run_id INTEGER NOT NULL, publication TEXT NOT NULL, ref TEXT NOT NULL, owner TEXT,
    rag TEXT NOT NULL, due TEXT, PRIMARY KEY (run_id, publication, ref));
"""
_RAG = {rag.key: rag for rag in Rag}


class Ledger:
    def __init__(self, path: Path, *, busy_timeout: float = 10.0) -> None:
        """Open (or start) the ledger at ``path``. Raises ``LedgerError`` saying what is wrong:
        a missing or read-only folder, a full disk, a lock, an empty or damaged file."""
        self.path = path
        self._db = open_ledger(path, busy_timeout=busy_timeout)
        try:
            self._db.executescript(SCHEMA)
            self._check_schema()
        except BaseException:
            self._db.close()
            raise

    def check_room(self) -> None:
        """Raise ``LedgerError`` when the ledger's disk is (nearly) full."""
        check_room(self.path)

    def _check_schema(self) -> None:
        wanted = {
            "runs": {"kind", "week", "outcome"},
            "messages": {"key", "state", "attempts"},
            "ratings": {"run_id", "rag"},
        }
        for table, columns in wanted.items():
            found = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if not columns <= found:
                raise CannotRun(
                    f"{self.path} is not a tracker ledger (its {table} table differs)",
                    fix="set 'ledger' in tracker.toml to another file, or move this one aside",
                )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def start_run(self, kind: RunKind | str, as_of: date, now: datetime) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (kind, week, as_of, started) VALUES (?, ?, ?, ?)",
            (RunKind(kind).value, iso_week(as_of), as_of.isoformat(), now.isoformat(timespec="seconds")),
        )
        return int(cursor.lastrowid or 0)

    def finish_run(
        self,
        run_id: int,
        now: datetime,
        outcome: RunOutcome | str,
        *,
        sent: int = 0,
        failed: int = 0,
        skipped: int = 0,
        errors: int = 0,
        warnings: int = 0,
        detail: str = "",
    ) -> None:
        self._db.execute(
            "UPDATE runs SET finished=?, outcome=?, sent=?, failed=?, skipped=?, errors=?,"
            " warnings=?, detail=? WHERE id=?",
            (
                now.isoformat(timespec="seconds"),
                RunOutcome(outcome).value,
                sent,
                failed,
                skipped,
                errors,
                warnings,
                detail,
                run_id,
            ),
        )

    def runs(self, limit: int = 20) -> list[RunRecord]:
        rows = self._db.execute(
            "SELECT id, kind, week, as_of, started, finished, outcome, sent, failed, skipped,"
            " errors, warnings, detail FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [run_record(row) for row in rows]

    def week_completed(self, week: str, kind: RunKind = RunKind.WEEKLY) -> bool:
        done = [o.value for o in RunOutcome if o.completes_week]
        marks = ", ".join("?" * len(done))
        row = self._db.execute(
            f"SELECT 1 FROM runs WHERE week=? AND kind=? AND outcome IN ({marks}) LIMIT 1",
            (week, kind.value, *done),
        ).fetchone()
        return row is not None

    def reached(self, week: str) -> frozenset[str]:
        """The owners (email, casefolded) whose digest was sent in ``week``."""
        return frozenset(
            recipient.casefold()
            for (recipient,) in self._db.execute(
                "SELECT recipient FROM messages WHERE week=? AND kind='owner' AND state='sent'", (week,)
            )
        )

    def history(self, before_week: str) -> History:
        """From a ledger written before the items' history took its place (runs that
        recorded a ``ratings`` table): the ratings of the latest weekly run before
        ``before_week``, when each item's current red streak began (over the latest run of
        each earlier week), and who that week's owner digests reached."""
        runs = self._db.execute(
            "SELECT week, MAX(id), as_of FROM runs WHERE kind='weekly' AND week < ?"
            " AND EXISTS (SELECT 1 FROM ratings WHERE run_id = runs.id)"
            " GROUP BY week ORDER BY week DESC",
            (before_week,),
        ).fetchall()
        if not runs:
            return History()
        latest_id = runs[0][1]
        previous = {
            (p, r): _RAG[rag]
            for p, r, rag in self._db.execute(
                "SELECT publication, ref, rag FROM ratings WHERE run_id=?", (latest_id,)
            )
        }
        red_since = self._red_streaks(runs, previous)
        return History(date.fromisoformat(runs[0][2]), previous, red_since, self.reached(runs[0][0]))

    def _red_streaks(
        self, runs: list[tuple[str, int, str]], previous: dict[tuple[str, str], Rag]
    ) -> dict[tuple[str, str], date]:
        streaks: dict[tuple[str, str], date] = {}
        open_keys = {key for key, rag in previous.items() if rag is Rag.RED}
        for _, run_id, as_of in runs:
            if not open_keys:
                break
            red = {
                (p, r)
                for p, r in self._db.execute(
                    "SELECT publication, ref FROM ratings WHERE run_id=? AND rag='red'", (run_id,)
                )
            }
            for key in list(open_keys):
                if key in red:
                    streaks[key] = date.fromisoformat(as_of)
                else:
                    open_keys.discard(key)
        return streaks

    def message(self, key: str) -> MessageRecord | None:
        row = self._db.execute(
            "SELECT key, recipient, state, transport_id, error, attempts FROM messages WHERE key=?", (key,)
        ).fetchone()
        return message_record(row) if row else None

    def attempting(
        self,
        key: str,
        *,
        week: str,
        kind: str,
        recipient: str,
        subject: str,
        transport: str,
        run_id: int,
        now: datetime,
    ) -> None:
        self._db.execute(
            "INSERT INTO messages (key, week, kind, recipient, subject, state, transport, attempts,"
            " run_id, updated) VALUES (?, ?, ?, ?, ?, 'attempting', ?, 1, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET state='attempting', transport=excluded.transport,"
            " subject=excluded.subject, attempts=attempts+1, run_id=excluded.run_id,"
            " updated=excluded.updated, error=NULL",
            (key, week, kind, recipient, subject, transport, run_id, now.isoformat(timespec="seconds")),
        )

    def sent(self, key: str, transport_id: str, now: datetime, *, deferred: Deferred | None = None) -> None:
        """Record ``key`` sent, to everyone but the recipients ``deferred`` names, if any."""
        stamp = now.isoformat(timespec="seconds")
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "UPDATE messages SET state='sent', transport_id=?, updated=? WHERE key=?",
                (transport_id, stamp, key),
            )
            self._db.execute("DELETE FROM deferred WHERE key=?", (key,))
            if deferred is not None and deferred.recipients:
                self._db.execute(
                    "INSERT INTO deferred (key, recipients, message, updated) VALUES (?, ?, ?, ?)",
                    (key, "\n".join(deferred.recipients), deferred.message, stamp),
                )

    def deferred(self, key: str) -> Deferred | None:
        """The recipients a message sent as ``key`` has yet to reach, and the message."""
        row = self._db.execute("SELECT recipients, message FROM deferred WHERE key=?", (key,)).fetchone()
        return Deferred(tuple(row[0].split("\n")), bytes(row[1])) if row else None

    def in_doubt(self, key: str, why: str, now: datetime) -> None:
        """Keep ``key`` at 'attempting' (it may have gone), noting why nobody knows; whom it
        had yet to reach is no longer known either."""
        self._db.execute(
            "UPDATE messages SET state='attempting', error=?, updated=? WHERE key=?",
            (why, now.isoformat(timespec="seconds"), key),
        )
        self._db.execute("DELETE FROM deferred WHERE key=?", (key,))

    def failed(self, key: str, error: str, now: datetime) -> None:
        self._db.execute(
            "UPDATE messages SET state='failed', error=?, updated=? WHERE key=?",
            (error, now.isoformat(timespec="seconds"), key),
        )

    def stuck(self, week: str) -> list[MessageRecord]:
        rows = self._db.execute(
            "SELECT key, recipient, state, transport_id, error, attempts FROM messages"
            " WHERE week=? AND state='attempting'",
            (week,),
        ).fetchall()
        return [message_record(row) for row in rows]
