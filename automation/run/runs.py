"""Run history: what the ledger says about recent runs (``tracker runs``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from automation.mail.ledger import Ledger
from automation.mail.ledger_records import RunRecord
from automation.run.config import Config
from automation.run.weekly import ledger_path


@dataclass(frozen=True)
class RunHistory:
    ledger: Path
    runs: tuple[RunRecord, ...]  # newest first
    exists: bool = True


def recent_runs(config: Config, register: Path, limit: int = 20) -> RunHistory:
    """The ``limit`` most recent runs; no runs (and ``exists`` False) when there is no ledger."""
    path = ledger_path(config, register)
    if not path.exists():
        return RunHistory(path, (), exists=False)
    with Ledger(path) as ledger:
        return RunHistory(path, tuple(ledger.runs(limit)))
