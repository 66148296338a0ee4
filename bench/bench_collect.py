"""Benchmark: collecting 500 returns into a 10,000-row register, against one guarded write of
the same register.

    python bench/bench_collect.py                  # 10,000 rows, 500 returns
    python bench/bench_collect.py --rows 2000 --returns 100 --repeat 3

Each return is issued from the register as the weekly job issues it (recorded in a ledger)
and filled in with openpyxl: an update on every row it holds (up to three), a proposed status
on the first, a requested target date on the second. ``tracker collect`` then finds, reads
and checks all of them and writes every accepted update in one guarded write. The baseline
is one guarded write of the same register that sets one cell, timed in the same run,
interleaved. Goal: collect within 1.5x the baseline (one guarded write plus at most 50%).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from bench.bench_status import TODAY, _load
from bench.generate import cached_register

GOAL = 1.5
ROWS_PER_RETURN = 3


def _returns(register: Path, ledger: Path, folder: Path, count: int, today: date) -> int:
    """``count`` filled-in returns in ``folder``, recorded in ``ledger``; the updates they hold."""
    from automation.core.rating import status_report
    from automation.register.load import load_register
    from automation.returns.issue import issue_return
    from automation.returns.ledger import ReturnsLedger
    from automation.returns.workbook import HEADER_ROW, return_workbook

    loaded = load_register(register)
    by_owner: dict[str, list] = {}
    for rated in status_report(loaded, today).rated:
        if rated.item.owner and rated.item.status and rated.item.status.is_open:
            by_owner.setdefault(rated.item.owner, []).append(rated)
    owners = [o for o in loaded.owners if by_owner.get(o.name)]
    updates = 0
    with ReturnsLedger(ledger) as book:
        for n in range(count):
            owner = owners[n % len(owners)]
            mine = by_owner[owner.name]
            start = (n // len(owners)) * ROWS_PER_RETURN % max(len(mine), 1)
            chosen = (mine[start:] + mine[:start])[:ROWS_PER_RETURN]
            issued = issue_return(owner, chosen, week="2021-W39", issued=today, register=register.name)
            book.record_issued(issued)
            wb = openpyxl.load_workbook(io.BytesIO(return_workbook(issued, "OFFICIAL")))
            sheet = wb["Update"]
            for row in range(HEADER_ROW + 2, HEADER_ROW + 2 + len(chosen)):
                sheet[f"I{row}"] = f"Progress noted in return {n}, row {row}."
                updates += 1
            sheet[f"J{HEADER_ROW + 2}"] = "In progress"
            if len(chosen) > 1:
                sheet[f"L{HEADER_ROW + 3}"], sheet[f"M{HEADER_ROW + 3}"] = date(2022, 6, 30), "Supplier delay"
            wb.save(folder / f"return-{n:04d}.xlsx")
    return updates


def _guarded_write(source: Path, work: Path) -> float:
    from automation.register.safe_write.write import guarded_update

    target = Path(shutil.copy(source, work / "baseline.xlsx"))

    def touch(wb: openpyxl.Workbook) -> None:
        wb["Register"]["W2"] = "Checked by the benchmark"

    started = time.perf_counter()
    guarded_update(target, touch, backup_dir=work / "backups")
    return time.perf_counter() - started


def _collect(source: Path, ledger: Path, folder: Path, work: Path, today: date) -> tuple[float, int]:
    from automation.returns.collect import collect_returns
    from automation.returns.sources import FolderSource

    target = Path(shutil.copy(source, work / "collect.xlsx"))
    book = Path(shutil.copy(ledger, work / "collect.ledger.sqlite"))
    started = time.perf_counter()
    result = collect_returns(
        FolderSource(folder, max_bytes=10_000_000), target, book, today, backup_dir=work / "backups"
    )
    took = time.perf_counter() - started
    if result.refused or result.written is None:
        sys.exit(f"collect refused {len(result.refused)} returns: {[v.reasons for v in result.refused][:3]}")
    return took, len(result.plan.changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--returns", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median counts")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the goal is missed")
    args = parser.parse_args(argv)
    today = date.fromisoformat(TODAY)
    register = cached_register(args.rows, args.owners)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        folder, ledger = work / "returns", work / "issued.ledger.sqlite"
        folder.mkdir()
        updates = _returns(register, ledger, folder, args.returns, today)
        baseline, collect = [], []
        for _ in range(args.repeat):
            baseline.append(_guarded_write(register, work))
            took, written = _collect(register, ledger, folder, work, today)
            collect.append(took)
    base, took = statistics.median(baseline), statistics.median(collect)
    ratio = took / base
    verdict = "PASS" if ratio <= GOAL else f"MISS (+{(ratio / GOAL - 1) * 100:.0f}%)"
    print(_load())
    print(
        f"register: {args.rows:,} rows; {args.returns} returns holding {updates} updates ({written} written)"
    )
    print(f"one guarded write (baseline): {base:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in baseline)})")
    print(f"tracker collect:              {took:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in collect)})")
    print(f"collect / guarded write: {ratio:.2f}x (goal <= {GOAL}x): {verdict}")
    return 1 if args.strict and ratio > GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
