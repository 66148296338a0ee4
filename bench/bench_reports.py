"""Benchmark: the committee paper and the dashboard on a large register with a year of
weekly history, against a bare read of the register; and what recording the history adds
to the weekly run.

    python bench/bench_reports.py                  # 10,000 rows, 500 owners, 52 weeks
    python bench/bench_reports.py --rows 2000 --weeks 20 --repeat 5

1. A history of ``--weeks`` weekly snapshots is built in a temporary ledger: each week about
   3% of items get a new update (date and text), 0.5% a new owner and 0.5% a later target
   date, and every rating is worked out on that week's date, as the weekly run would.
2. ``tracker report paper`` (Word) and ``tracker report dashboard``, each a fresh
   subprocess (start-up and imports included), are timed interleaved with a bare
   python-calamine read of the same Register sheet; median of ``--repeat``.
   **Goal: each within 8x the bare read.**
3. The weekly job (``weekly_run`` with the outbox transport, every message sent again with
   ``force``) is timed in this process with the history hook on and off, interleaved;
   median of ``--repeat``. **Goal: the history adds under 10%.**
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_status import BARE_REGISTER, _load, _show, time_interleaved
from bench.generate import cached_register

TODAY = date(2021, 10, 1)
GOAL_REPORT, GOAL_HISTORY = 8.0, 0.10


def build_history(register_path: Path, ledger: Path, weeks: int, seed: int = 0) -> tuple[int, float]:
    """A year (or ``weeks``) of weekly snapshots; returns (change rows, seconds taken)."""
    from automation.core.rating import status_report
    from automation.register.load import load_register
    from automation.reports.history import HistoryStore

    rng = random.Random(seed)
    register = load_register(register_path)
    items = list(register.items)
    owners = sorted({i.owner for i in items if i.owner})
    started = time.perf_counter()
    with HistoryStore(ledger) as store:
        for week in range(weeks, 1, -1):
            day = TODAY - timedelta(weeks=week)
            for n in rng.sample(range(len(items)), len(items) * 3 // 100):
                items[n] = dataclasses.replace(
                    items[n], last_update=day, progress=f"Update of {day:%d/%m/%Y}"
                )
            for n in rng.sample(range(len(items)), len(items) // 200):
                items[n] = dataclasses.replace(items[n], owner=rng.choice(owners))
            for n in rng.sample(range(len(items)), len(items) // 200):
                due = items[n].target_date or items[n].deadline_date or day
                items[n] = dataclasses.replace(items[n], target_date=due + timedelta(days=30))
            report = status_report(dataclasses.replace(register, items=tuple(items)), day)
            store.record(report.rated, day, datetime.combine(day, datetime.min.time()), "weekly")
        last = TODAY - timedelta(weeks=1)  # last week's run saw the register as it is now
        store.record(
            status_report(register, last).rated, last, datetime.combine(last, datetime.min.time()), "weekly"
        )
        rows = store._db.execute("SELECT COUNT(*) FROM history_changes").fetchone()[0]
    return rows, time.perf_counter() - started


def weekly_cost(register: Path, folder: Path, pristine: Path, repeat: int) -> tuple[float, float, float]:
    """Median seconds of the weekly run without and with the history, and of the recording.
    Each run starts from a copy of the year-long ledger, so each records this week's
    changes (what a week of time does to the ratings) on top of a year of history."""
    import shutil

    from automation.mail.settings import MailConfig
    from automation.run import weekly
    from automation.run.config import Config

    config = Config(
        base_dir=folder,
        ledger=str(folder / "ledger.sqlite"),
        mail=MailConfig(allowed_domains=["example.police.uk"], register_owner="governance@example.police.uk"),
    )
    real = weekly._record_history
    recording: list[float] = []

    def timed(*args: object) -> str:
        started = time.perf_counter()
        try:
            return real(*args)  # type: ignore[arg-type]
        finally:
            recording.append(time.perf_counter() - started)

    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(repeat):
        for name, hook in (("without", lambda *_: ""), ("with", timed)):
            weekly._record_history = hook  # type: ignore[assignment]
            for leftover in folder.glob("ledger.sqlite*"):
                leftover.unlink()
            shutil.copy(pristine, folder / "ledger.sqlite")
            started = time.perf_counter()
            weekly.weekly_run(config, register, TODAY, force=True)
            times[name].append(time.perf_counter() - started)
    weekly._record_history = real
    return statistics.median(times["without"]), statistics.median(times["with"]), statistics.median(recording)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the median counts")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    path = cached_register(args.rows, args.owners)
    print(_load())
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        ledger = folder / "history.sqlite"
        rows, built = build_history(path, ledger, args.weeks)
        size = ledger.stat().st_size / 1e6
        print(
            f"register {_show(path)}: {args.rows:,} rows; "
            f"history of {args.weeks} weeks: {rows:,} change rows,"
        )
        print(f"  {size:.1f} MB ledger, built in {built:.1f} s")
        config = folder / "tracker.toml"
        config.write_text(f'ledger = "{ledger.as_posix()}"\n', encoding="utf-8")
        common = ["--register", str(path), "--config", str(config), "--today", TODAY.isoformat()]
        tracker = [sys.executable, "-m", "automation", "report"]
        commands = {
            "bare": [sys.executable, "-c", BARE_REGISTER.format(path=str(path))],
            "paper": [
                *tracker,
                "paper",
                "--from",
                "2021-07-01",
                "--to",
                "2021-09-30",
                *common,
                "--out",
                str(folder / "paper.docx"),
            ],
            "dashboard": [*tracker, "dashboard", *common, "--out", str(folder / "dashboard.xlsx")],
        }
        times, _ = time_interleaved(commands, args.repeat)
        without, with_history, recording = weekly_cost(path, folder, ledger, args.repeat)
    bare = statistics.median(times["bare"])
    missed = False
    print(f"  bare read (Register sheet)   {bare:7.3f} s")
    for name in ("paper", "dashboard"):
        took = statistics.median(times[name])
        ratio = took / bare
        missed |= ratio > GOAL_REPORT
        verdict = "PASS" if ratio <= GOAL_REPORT else "MISS"
        print(
            f"  tracker report {name:<10}    {took:7.3f} s   ratio {ratio:.2f}x"
            f"   goal <= {GOAL_REPORT}x   {verdict}"
        )
    extra = with_history / without - 1
    missed |= extra >= GOAL_HISTORY
    verdict = "PASS" if extra < GOAL_HISTORY else "MISS"
    print(f"  weekly run without history   {without:7.3f} s")
    print(
        f"  weekly run with history      {with_history:7.3f} s"
        f"   recording {recording:.3f} s ({recording / without:.1%})"
    )
    print(f"  extra cost of the history    {extra:+.1%}   goal < {GOAL_HISTORY:.0%}   {verdict}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
