"""How fast is ``tracker status``, against a bare read of the same workbook?

Every timing is a fresh subprocess (interpreter start-up and imports included), measured
in this run, and runs are interleaved (A, B, A, B, ...) after one untimed warm-up each, so
that ratios compare like with like on the same machine and the same disk cache.

    python bench/bench_status.py                      # 1,000, 10,000 and 50,000 rows
    python bench/bench_status.py --rows 10000 --repeat 5
    python bench/bench_status.py --launcher script    # the installed ``tracker`` script

Figures, goals and how to read the profile: bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

try:  # run as ``python bench/bench_status.py`` or ``python -m bench.bench_status``
    from generate import DEFAULT_OWNERS, DEFAULT_SEED, cached_register
except ImportError:  # pragma: no cover
    from bench.generate import DEFAULT_OWNERS, DEFAULT_SEED, cached_register

TODAY = "2021-10-01"
STATUS_GOAL = 2.0  # status end to end / bare python-calamine read of the Register sheet
GOAL_FROM_ROWS = 10_000  # the goal is set for 10,000 and 50,000 rows; below, start-up dominates
HELP_GOAL = 3.0  # tracker --help / python -c pass
BARE_REGISTER = (
    "import python_calamine as c; wb=c.CalamineWorkbook.from_path({path!r}); "
    "[wb.get_sheet_by_name(s).to_python() for s in ('Register',)]"
)
BARE_ALL = (
    "import python_calamine as c; wb=c.CalamineWorkbook.from_path({path!r}); "
    "[wb.get_sheet_by_name(s).to_python() for s in wb.sheet_names]"
)
IMPORTS = (
    "import automation.cli, automation.core.rating, automation.register.load, automation.cli.views.register"
)


def _show(path: Path) -> str:
    """A path as printed: relative to the working directory when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.name


def _load() -> str:
    """The machine's load average: other work on it skews every timing."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def tracker_command(launcher: str) -> list[str]:
    if launcher == "module":
        return [sys.executable, "-m", "automation"]
    script = Path(sysconfig.get_path("scripts")) / ("tracker.exe" if os.name == "nt" else "tracker")
    if not script.exists():
        sys.exit(f"no tracker script next to this Python ({_show(script)}); use --launcher module")
    return [str(script)]


def _run(argv: Sequence[str], *, capture: bool = False) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        list(argv),
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )


def _checked(name: str, done: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[bytes]:
    if done.returncode != 0:
        sys.exit(f"{name} failed (exit {done.returncode}):\n{done.stderr.decode(errors='replace')[-2000:]}")
    return done


def time_interleaved(
    commands: dict[str, list[str]], repeat: int, capture: Sequence[str] = ()
) -> tuple[dict[str, list[float]], dict[str, list[bytes]]]:
    """Seconds per run of each command, interleaved; stdout to the null device, except for
    the ``capture`` commands, whose outputs are returned."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, list[bytes]] = {name: [] for name in capture}
    for _ in range(repeat):
        for name, argv in commands.items():
            started = time.perf_counter()
            done = _run(argv, capture=name in capture)
            times[name].append(time.perf_counter() - started)
            _checked(name, done)
            if name in capture:
                outputs[name].append(done.stdout)
    return times, outputs


def _stage_medians(outputs: list[bytes]) -> dict[str, float]:
    runs = [json.loads(out) for out in outputs]
    return {stage: statistics.median(run[stage] for run in runs) for stage in runs[0]}


def bench_rows(rows: int, args: argparse.Namespace, tracker: list[str]) -> dict[str, Any]:
    """Bare reads and status at one size; at the profile size, the stage timings too, in the
    same interleaved loop so that they share the machine's conditions with status."""
    path = cached_register(rows, args.owners, args.seed)
    shown = _show(path)
    commands = {
        "bare": [sys.executable, "-c", BARE_REGISTER.format(path=str(path))],
        "bare_all": [sys.executable, "-c", BARE_ALL.format(path=str(path))],
        "status": [*tracker, "status", "--register", str(path), "--today", TODAY, "--format", "json"],
    }
    capture: tuple[str, ...] = ()
    if rows == args.profile_rows:
        commands["pass"] = [sys.executable, "-c", "pass"]
        commands["stages"] = [sys.executable, "-c", STAGES, str(path), "gc", TODAY]
        commands["stages_nogc"] = [sys.executable, "-c", STAGES, str(path), "nogc", TODAY]
        capture = ("stages", "stages_nogc")
    # Warm-up (disk cache, .pyc files), and a check that status really rated every row.
    for name, argv in commands.items():
        if name != "status":
            _checked(name, _run(argv))
    report = json.loads(_checked("tracker status", _run(commands["status"], capture=True)).stdout)
    if len(report["items"]) != rows:
        sys.exit(f"tracker status rated {len(report['items'])} items of {rows} in {shown}")
    times, outputs = time_interleaved(commands, args.repeat, capture)
    result: dict[str, Any] = {name: statistics.median(values) for name, values in times.items()}
    result.update(rows=rows, file=shown, size=path.stat().st_size, runs=times)
    result["ratio"] = result["status"] / result["bare"]
    for name in capture:
        result[name] = _stage_medians(outputs[name])
    return result


def bench_help(tracker: list[str], repeat: int) -> dict[str, Any]:
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "help": [*tracker, "--help"],
        "imports": [sys.executable, "-c", IMPORTS],
    }
    for name, argv in commands.items():
        _checked(name, _run(argv))
    times, _ = time_interleaved(commands, repeat)
    result: dict[str, Any] = {name: statistics.median(values) for name, values in times.items()}
    result["ratio"] = result["help"] / result["pass"]
    return result


def _verdict(ratio: float, goal: float) -> str:
    return "PASS" if ratio <= goal else f"MISS (+{(ratio / goal - 1) * 100:.0f}%)"


def print_status_table(results: list[dict[str, Any]], repeat: int, launcher: list[str]) -> None:
    how = "python -m automation" if launcher[1:2] == ["-m"] else "tracker (console script)"
    print(f"tracker status vs a bare python-calamine read: median of {repeat} fresh subprocesses")
    print('  bare read : python -c "...CalamineWorkbook.from_path(P); Register sheet .to_python()"')
    print("  all sheets: the same over every sheet (for reference; the ratio uses the Register sheet)")
    print(f"  status    : {how} status --register P --today {TODAY} --format json > /dev/null")
    print()
    header = (
        f"{'rows':>7}  {'file MB':>7}  {'bare read s':>11}  {'all sheets s':>12}  "
        f"{'status s':>8}  {'status/bare':>11}  {'goal':>6}  result"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['rows']:>7,}  {r['size'] / 1e6:>7.1f}  {r['bare']:>11.3f}  {r['bare_all']:>12.3f}  "
            f"{r['status']:>8.3f}  {r['ratio']:>10.2f}×  {_goal(r['rows']):>6}  "
            f"{_row_verdict(r)}"
        )


def _row_verdict(row: dict[str, Any]) -> str:
    return _verdict(row["ratio"], STATUS_GOAL) if row["rows"] >= GOAL_FROM_ROWS else "(no goal)"


def _goal(rows: int) -> str:
    return f"≤ {STATUS_GOAL}×" if rows >= GOAL_FROM_ROWS else "–"


def print_help_table(result: dict[str, Any], repeat: int, launcher: list[str]) -> None:
    how = "python -m automation --help" if launcher[1:2] == ["-m"] else "tracker --help (console script)"
    print(f"\n{how} vs python -c pass: median of {repeat} fresh subprocesses")
    print(f"  python -c pass         {result['pass']:.3f} s")
    print(
        f"  --help                 {result['help']:.3f} s   ratio {result['ratio']:.2f}×   "
        f"goal ≤ {HELP_GOAL}×   {_verdict(result['ratio'], HELP_GOAL)}"
    )
    print(
        f"  (for reference: python -c '{IMPORTS}'  {result['imports']:.3f} s, the imports "
        "every status run pays)"
    )


# ---------------------------------------------------------------------------------------- profile


STAGES = """
import gc, json, sys, time
t0 = time.perf_counter()
import automation.cli, automation.core.rating, automation.register.load, automation.cli.views.register
from datetime import date
from automation.cli.views.register import status_json
from automation.register.load import load_register
from automation.core.rating import status_report
t1 = time.perf_counter()
if sys.argv[2] == "nogc":
    gc.disable()
register = load_register(__import__("pathlib").Path(sys.argv[1]), for_rating=True)
t2 = time.perf_counter()
report = status_report(register, date.fromisoformat(sys.argv[3]))
t3 = time.perf_counter()
text = status_json(report)
t4 = time.perf_counter()
from automation.core.validation import validate
validate(register)
t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "rate": t3 - t2, "render": t4 - t3,
                  "validate": t5 - t4}))
"""


def stage_times(path: Path, repeat: int) -> dict[str, Any]:
    """Stage timings when the profiled size was not among the timed sizes."""
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "stages": [sys.executable, "-c", STAGES, str(path), "gc", TODAY],
        "stages_nogc": [sys.executable, "-c", STAGES, str(path), "nogc", TODAY],
    }
    for name, argv in commands.items():
        _checked(name, _run(argv))
    times, outputs = time_interleaved(commands, repeat, ("stages", "stages_nogc"))
    return {
        "pass": statistics.median(times["pass"]),
        "status": None,
        "stages": _stage_medians(outputs["stages"]),
        "stages_nogc": _stage_medians(outputs["stages_nogc"]),
    }


def _where(key: tuple[str, int, str]) -> str:
    filename, line, func = key
    if filename == "~":  # built-in
        return func
    parts = Path(filename).parts
    for anchor in ("automation", "python_calamine", "json", "xlsxwriter"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :]) + f":{line} {func}"
    return f"{Path(filename).name}:{line} {func}"


def profile_status(rows: int, args: argparse.Namespace, timed: dict[str, Any] | None) -> None:
    """Where one status run's time goes: stage times in fresh subprocesses, then cProfile."""
    from automation.cli.views.register import status_json
    from automation.core.rating import status_report
    from automation.register.load import load_register

    path = cached_register(rows, args.owners, args.seed)
    today = date.fromisoformat(TODAY)
    timed = timed or stage_times(path, args.repeat)
    stages, nogc = timed["stages"], timed["stages_nogc"]
    how = "interleaved with the status runs, " if timed["status"] is not None else ""
    print(f"\nWhere one status run goes, {rows:,} rows (fresh subprocesses {how}median of {args.repeat}):")
    parts = [
        ("interpreter start (python -c pass)", timed["pass"]),
        ("imports (automation.cli, jobs, output)", stages["imports"]),
        ("load_register (read + type rows)", stages["load"]),
        ("status_report (rate + sort)", stages["rate"]),
        ("output.status_json (render)", stages["render"]),
    ]
    for name, seconds in parts:
        print(f"  {name:<44}{seconds:>8.3f} s")
    if timed["status"] is not None:
        rest = timed["status"] - sum(s for _, s in parts)
        print(f"  {'rest (click, echo, exit; noise)':<44}{rest:>8.3f} s")
        print(f"  {'= status end to end (median in the table)':<44}{timed['status']:>8.3f} s")
    print(f"  {'not run by status: validate(register)':<44}{stages['validate']:>8.3f} s")
    print(
        f"  {'load_register with gc disabled':<44}{nogc['load']:>8.3f} s"
        f"   (cyclic GC: {stages['load'] - nogc['load']:.3f} s of the load)"
    )

    profiler = cProfile.Profile()
    profiler.enable()
    status_json(status_report(load_register(path), today))
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    entries = stats.stats
    print(
        f"\ncProfile of load + rate + render ({total:.3f} s under the profiler), top {args.top} by own time:"
    )
    print(f"  {'own s':>7} {'own %':>6} {'cum s':>7} {'calls':>9}  function")
    by_own = sorted(entries.items(), key=lambda kv: kv[1][2], reverse=True)[: args.top]
    for key, (_, ncalls, tottime, cumtime, _) in by_own:
        print(f"  {tottime:>7.3f} {tottime / total * 100:>5.1f}% {cumtime:>7.3f} {ncalls:>9,}  {_where(key)}")
    print(f"\n  top {args.top} automation functions by cumulative time:")
    ours = [kv for kv in entries.items() if "automation" in Path(kv[0][0]).parts]
    for key, (_, ncalls, tottime, cumtime, _) in sorted(ours, key=lambda kv: kv[1][3], reverse=True)[
        : args.top
    ]:
        print(
            f"  {cumtime:>7.3f} {cumtime / total * 100:>5.1f}% {tottime:>7.3f} {ncalls:>9,}  "
            f"{_where(key)}   (cum s, cum %, own s, calls)"
        )


# ------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows",
        type=int,
        nargs="+",
        default=[1000, 10000, 50000],
        help="register sizes to time (default: 1000 10000 50000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command; median (default 3)")
    parser.add_argument(
        "--help-repeat", type=int, default=15, help="timed runs of --help and python -c pass (default 15)"
    )
    parser.add_argument("--owners", type=int, default=DEFAULT_OWNERS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--launcher",
        choices=("module", "script"),
        default="module",
        help="run tracker as 'python -m automation' (default) or the console script",
    )
    parser.add_argument(
        "--profile-rows",
        type=int,
        default=10000,
        help="rows of the register to profile in-process (default 10000; 0: none)",
    )
    parser.add_argument("--top", type=int, default=15, help="functions in the profile lists")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.help_repeat < 1:
        parser.error("--repeat and --help-repeat must be at least 1")

    from importlib.metadata import version

    tracker = tracker_command(args.launcher)
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; python-calamine {version('python-calamine')}; "
        f"registers of {args.owners} owners, seed {args.seed}, in bench/out/; {_load()}\n"
    )
    for rows in args.rows:  # generate up front, so that no timing shares the machine with it
        cached_register(rows, args.owners, args.seed)
    if args.profile_rows:
        cached_register(args.profile_rows, args.owners, args.seed)

    results = [bench_rows(rows, args, tracker) for rows in args.rows]
    print_status_table(results, args.repeat, tracker)
    help_result = bench_help(tracker, args.help_repeat)
    print_help_table(help_result, args.help_repeat, tracker)
    if args.profile_rows:
        timed = next((r for r in results if r["rows"] == args.profile_rows), None)
        profile_status(args.profile_rows, args, timed)

    print(f"\n{_load()}")
    missed = any(r["ratio"] > STATUS_GOAL for r in results if r["rows"] >= GOAL_FROM_ROWS)
    missed = missed or help_result["ratio"] > HELP_GOAL
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
