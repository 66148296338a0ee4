"""Benchmark: the committee paper and the dashboard on a large register with a year of
weekly history, against a bare read of the register; and what recording the history adds
to the weekly run.

    python bench/bench_reports.py                  # 10,000 rows, 500 owners, 52 weeks
    python bench/bench_reports.py --rows 2000 --weeks 20 --repeat 7

1. A history of ``--weeks`` weekly snapshots is built in a temporary ledger: each week about
   3% of items get a new update (date and text), 0.5% a new owner and 0.5% a later target
   date, and every rating is worked out on that week's date, as the weekly run would.
2. ``tracker report paper`` (Word) and ``tracker report dashboard``, each a fresh
   subprocess (start-up and imports included), are run once untimed, then timed
   interleaved with a bare python-calamine read of the same Register sheet, ``--repeat``
   rounds, the order reversed every other round. Each run's CPU time (user + system, from
   the OS) and wall-clock time are kept; the ratios are of medians.
   **Goal: each within 8x the bare read**, judged on CPU time, which a busy machine barely
   moves; the wall-clock ratio is printed beside it.
3. The weekly job (``weekly_run`` with the outbox transport, every message sent again with
   ``force``) is run in this process with the history's recording on and off, once each
   untimed, then in ``--pairs`` back-to-back pairs, the order alternating; each run starts
   from a copy of the year-long ledger. **Goal: the recording adds under 10%**: its own
   CPU time inside each run against that run's CPU time, median over the runs (both from
   the same run, so the machine's load cancels out). The with/without comparison of whole
   runs is printed as a cross-check, with its spread: on a busy machine two identical runs
   differ by more than the recording costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no CPU time for child processes; wall-clock only
    resource = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_status import BARE_REGISTER, _load, _show
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


@dataclass
class Times:
    """Wall-clock and CPU seconds of each run of one command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    @property
    def median(self) -> tuple[float, float]:
        return statistics.median(self.wall), statistics.median(self.cpu)


def _children_cpu() -> float:
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(argv: Sequence[str]) -> tuple[float, float]:
    """One fresh process: (wall-clock seconds, CPU seconds it used)."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[:5])} ... failed:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return wall, _children_cpu() - cpu


def time_commands(commands: dict[str, list[str]], repeat: int) -> dict[str, Times]:
    """Each command once untimed, then ``repeat`` rounds, every other round in reverse."""
    for argv in commands.values():
        run_timed(argv)
    times = {name: Times() for name in commands}
    for round_ in range(repeat):
        names = list(commands) if round_ % 2 == 0 else list(reversed(commands))
        for name in names:
            times[name].add(*run_timed(commands[name]))
    return times


@dataclass(frozen=True)
class WeeklyCost:
    without: Times  # the weekly run without recording the history
    with_history: Times
    recording: Times  # the recording itself, inside each run with it

    @property
    def share(self) -> tuple[float, float]:
        """The recording's share of the run it is part of, wall and CPU: median over runs."""
        runs, rec = self.with_history, self.recording
        return (
            statistics.median(r / w for r, w in zip(rec.wall, runs.wall, strict=True)),
            statistics.median(r / c for r, c in zip(rec.cpu, runs.cpu, strict=True)),
        )

    def paired(self, which: str) -> tuple[float, float, float]:
        """(with / without - 1) over the back-to-back pairs: lower quartile, median, upper."""
        without, with_history = getattr(self.without, which), getattr(self.with_history, which)
        extra = sorted(w / wo - 1 for wo, w in zip(without, with_history, strict=True))
        if len(extra) < 2:
            return extra[0], extra[0], extra[0]
        low, _, high = statistics.quantiles(extra, n=4)
        return low, statistics.median(extra), high


def weekly_cost(register: Path, folder: Path, pristine: Path, repeat: int) -> WeeklyCost:
    """The weekly run without and with recording the history, in back-to-back pairs, and
    the recording's own time inside each run with it. Each run starts from a copy of the
    year-long ledger, so each records this week's changes (what a week of time does to the
    ratings) on top of a year of history."""
    from automation.run import weekly

    real = weekly._record_history
    recording = Times()

    def timed(*args: object) -> str:
        cpu, started = time.process_time(), time.perf_counter()
        try:
            return real(*args)  # type: ignore[arg-type]
        finally:
            recording.add(time.perf_counter() - started, time.process_time() - cpu)

    hooks: dict[str, Callable[..., str]] = {"without": lambda *_: "", "with": timed}
    run = _weekly_runner(register, folder, pristine)
    times = {name: Times() for name in hooks}
    try:
        for name in hooks:  # warm-up: imports, compiled templates, the disk cache
            weekly._record_history = hooks[name]  # type: ignore[assignment]
            run()
        recording = Times()
        for pair in range(repeat):
            for name in ("without", "with") if pair % 2 == 0 else ("with", "without"):
                weekly._record_history = hooks[name]  # type: ignore[assignment]
                times[name].add(*run())
    finally:
        weekly._record_history = real
    return WeeklyCost(times["without"], times["with"], recording)


def _weekly_runner(register: Path, folder: Path, pristine: Path) -> Callable[[], tuple[float, float]]:
    import shutil

    from automation.mail.settings import MailConfig
    from automation.run import weekly
    from automation.run.config import Config

    config = Config(
        base_dir=folder,
        ledger=str(folder / "ledger.sqlite"),
        mail=MailConfig(allowed_domains=["example.police.uk"], register_owner="governance@example.police.uk"),
    )

    def run() -> tuple[float, float]:
        for leftover in folder.glob("ledger.sqlite*"):
            leftover.unlink()
        shutil.copy(pristine, folder / "ledger.sqlite")
        if hasattr(os, "sync"):  # the copy and the last run's outbox written out first, not
            os.sync()  # during this run (the first fsync of the ledger would pay for the copy)
        cpu, started = time.process_time(), time.perf_counter()
        weekly.weekly_run(config, register, TODAY, force=True)
        return time.perf_counter() - started, time.process_time() - cpu

    return run


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report_commands(path: Path, folder: Path, ledger: Path) -> dict[str, list[str]]:
    config = folder / "tracker.toml"
    config.write_text(f'ledger = "{ledger.as_posix()}"\n', encoding="utf-8")
    common = ["--register", str(path), "--config", str(config), "--today", TODAY.isoformat()]
    tracker = [sys.executable, "-m", "automation", "report"]
    period = ["--from", "2021-07-01", "--to", "2021-09-30"]
    return {
        "bare": [sys.executable, "-c", BARE_REGISTER.format(path=str(path))],
        "paper": [*tracker, "paper", *period, *common, "--out", str(folder / "paper.docx")],
        "dashboard": [*tracker, "dashboard", *common, "--out", str(folder / "dashboard.xlsx")],
    }


def print_reports(times: dict[str, Times]) -> bool:
    bare_wall, bare_cpu = times["bare"].median
    print(f"  bare read (Register sheet)   {bare_wall:7.3f} s wall   {bare_cpu:6.3f} s CPU")
    missed = False
    for name in ("paper", "dashboard"):
        wall, cpu = times[name].median
        ratios = (wall / bare_wall, cpu / bare_cpu)
        judged = ratios[1] if ratios[1] == ratios[1] else ratios[0]  # CPU time; wall-clock without it
        missed |= judged > GOAL_REPORT
        print(
            f"  tracker report {name:<10}    {wall:7.3f} s wall   {cpu:6.3f} s CPU"
            f"   ratio {ratios[1]:.2f}x CPU ({ratios[0]:.2f}x wall)   goal <= {GOAL_REPORT}x"
            f"   {_verdict(judged <= GOAL_REPORT)}"
        )
    return missed


def print_weekly(cost: WeeklyCost, repeat: int) -> bool:
    (wo_wall, wo_cpu), (w_wall, w_cpu) = cost.without.median, cost.with_history.median
    (rec_wall, rec_cpu), (share_wall, share_cpu) = cost.recording.median, cost.share
    print(f"  weekly run without history   {wo_wall:7.3f} s wall   {wo_cpu:6.3f} s CPU")
    print(f"  weekly run with history      {w_wall:7.3f} s wall   {w_cpu:6.3f} s CPU")
    ok = share_cpu < GOAL_HISTORY if share_cpu == share_cpu else share_wall < GOAL_HISTORY
    print(
        f"  recording the history        {rec_wall:7.3f} s wall   {rec_cpu:6.3f} s CPU"
        f"   {share_wall:.1%} of its run's wall, {share_cpu:.1%} of its CPU"
        f"   goal < {GOAL_HISTORY:.0%}   {_verdict(ok)}"
    )
    (wall_low, wall, wall_high), (cpu_low, cpu, cpu_high) = cost.paired("wall"), cost.paired("cpu")
    print(
        f"  with / without, {repeat} pairs     {wall:+.1%} wall (middle half {wall_low:+.0%}"
        f" to {wall_high:+.0%}), {cpu:+.1%} CPU ({cpu_low:+.0%} to {cpu_high:+.0%})"
    )
    return not ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each; the median counts")
    parser.add_argument("--pairs", type=int, default=7, help="weekly runs with and without the history")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    path = cached_register(args.rows, args.owners)
    print(_load())
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        ledger = folder / "history.sqlite"
        rows, built = build_history(path, ledger, args.weeks)
        size = ledger.stat().st_size / 1e6
        print(f"register {_show(path)}: {args.rows:,} rows; history of {args.weeks} weeks:")
        print(f"  {rows:,} change rows, {size:.1f} MB ledger, built in {built:.1f} s")
        times = time_commands(report_commands(path, folder, ledger), args.repeat)
        cost = weekly_cost(path, folder, ledger, args.pairs)
    missed = print_reports(times)
    missed |= print_weekly(cost, args.pairs)
    print(_load())
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
