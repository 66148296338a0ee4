"""Issue 11's goals, measured side by side in one run: every command against its baseline.

    python bench/bench_goals.py                          # everything (10k, 50k, 200k rows)
    python bench/bench_goals.py --rows 10000 --repeat 5  # reading commands at one size
    python bench/bench_goals.py --only write startup     # the guarded write and start-up only
    python bench/bench_goals.py --strict                 # exit 1 when a goal is missed

Reading commands (``status``, ``validate``, ``remind --dry-run`` and a real ``remind`` to the
outbox) are timed against the floor, a bare python-calamine read of the Register sheet; the
import's guarded write against a naive openpyxl load, append and save of the same register;
``tracker --help`` and ``tracker status`` on the shipped register against ``python -c pass``
in a plain (non-editable) install built from this checkout. Every timing is a fresh
subprocess, runs are interleaved after one untimed warm-up, and the median counts; peak
memory is the child's maximum resident set size. Figures and how to read them:
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_status import BARE_REGISTER, TODAY, _load, _show
from bench.generate import cached_register

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "automation" / "data" / "jac-overview-hmicfrs-2021-q3.txt"
OWNERS = 500
SIZES = (10_000, 50_000, 200_000)
WRITE_ROWS = 10_000
GOALS = {  # command -> (goal as a multiple of its baseline, baseline)
    "status": 1.6,
    "validate": 2.0,
    "remind --dry-run": 2.5,
    "remind": 4.0,
}
MEMORY_GOAL = 1.5  # peak memory of each reading command / the floor's, at MEMORY_AT rows
MEMORY_AT = 50_000
STATUS_FROM = 10_000  # the status goal holds from 10,000 rows (start-up dominates below)
LINEAR_SLACK = 1.25  # remind --dry-run: seconds per row at the largest size / at the next
WRITE_GOAL = 1.5
HELP_GOAL = 3.0
STARTUP_STATUS_GOAL = 5.0
NAIVE_WRITE = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Register"]
for n in range(int(sys.argv[2])):
    ws.append(["New publication", f"Recommendation {n + 1}", None, None, "Not started", "",
               None, None, "By March 2022", "The force should review its arrangements " * 4,
               "Recommendation", "No", "", "Chief constables", "Yes"])
wb.save(sys.argv[1])
"""


@dataclass
class Runs:
    """Wall seconds and peak resident memory (bytes) of each timed run of one command."""

    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def time(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> int:
        return max(self.peaks)


# A small launcher runs each command: a child forked from this (large) benchmark process would
# count this process's memory in its own peak, as Linux keeps the larger of the two at exec.
LAUNCH = """
import json, os, sys, time
argv, report = json.loads(sys.argv[1]), sys.argv[2]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
took = time.perf_counter() - started
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
with open(report, "w") as out:
    json.dump([took, usage.ru_maxrss * scale, os.waitstatus_to_exitcode(status)], out)
"""


def run(
    argv: Sequence[str], *, ok: Sequence[int] = (0,), cwd: Path | None = None
) -> tuple[float, int, bytes]:
    """One fresh process, timed by the launcher: (wall seconds, peak RSS in bytes, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        launcher = [sys.executable, "-c", LAUNCH, json.dumps(list(argv)), str(report)]
        done = subprocess.run(launcher, stdout=out, stderr=subprocess.PIPE, cwd=cwd, check=False)
        took, peak, code = json.loads(report.read_text()) if report.exists() else (0.0, 0, done.returncode)
        out.seek(0)
        stdout = out.read()
    if code not in ok:
        sys.exit(f"{' '.join(argv[:4])} ... failed (exit {code}):\n{done.stderr.decode()[-3000:]}")
    return took, peak, stdout


Command = Callable[[], list[str]]  # a fresh argv for each run (a new outbox folder, a new copy)


def interleaved(
    commands: dict[str, Command],
    repeat: int,
    ok: dict[str, Sequence[int]],
    after: Callable[[str, bytes], None],
    cwd: Path | None = None,
) -> dict[str, Runs]:
    """Warm each command up once, then time them in turn ``repeat`` times."""
    for name, argv in commands.items():
        after(name, run(argv(), ok=ok.get(name, (0,)), cwd=cwd)[2])
    runs = {name: Runs() for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            took, peak, _ = run(argv(), ok=ok.get(name, (0,)), cwd=cwd)
            runs[name].seconds.append(took)
            runs[name].peaks.append(peak)
    return runs


def verdict(value: float, goal: float) -> str:
    return "PASS" if value <= goal else f"MISS (+{(value / goal - 1) * 100:.0f}%)"


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f}"


# ------------------------------------------------------------------------------- reading commands


class Reading:
    """The four reading commands on one register, each run in a folder of its own."""

    def __init__(self, path: Path, scratch: Path) -> None:
        self.path, self.scratch, self.count = path, scratch, 0
        (scratch / "none.toml").write_text("", encoding="utf-8")
        self.outboxes: list[Path] = []

    def tracker(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "automation", *args, "--register", str(self.path)]

    def commands(self) -> dict[str, Command]:
        empty = str(self.scratch / "none.toml")
        return {
            "floor": lambda: [sys.executable, "-c", BARE_REGISTER.format(path=str(self.path))],
            "status": lambda: [*self.tracker("status", "--today", TODAY, "--format", "json")],
            "validate": lambda: [*self.tracker("validate"), "--config", empty],
            "remind --dry-run": lambda: [
                *self.tracker("remind", "--today", TODAY, "--dry-run"),
                "--config",
                empty,
            ],
            "remind": self.real_remind,
        }

    def real_remind(self) -> list[str]:
        """A fresh deployment folder each run: its own outbox and ledger, so every run sends."""
        self.count += 1
        folder = self.scratch / f"run{self.count}"
        folder.mkdir()
        config = folder / "tracker.toml"
        config.write_text('ledger = "ledger.sqlite"\n[mail]\noutbox = "outbox"\n', encoding="utf-8")
        self.outboxes.append(folder / "outbox")
        return [*self.tracker("remind", "--today", TODAY), "--config", str(config)]


@dataclass
class SizeResult:
    rows: int
    size: int
    runs: dict[str, Runs]
    messages: int
    outbox_bytes: int
    largest_message: int


def bench_reading(rows: int, repeat: int) -> SizeResult:
    path = cached_register(rows, OWNERS)
    messages = [0]

    def check(name: str, stdout: bytes) -> None:
        text = stdout.decode(errors="replace")
        if name == "status" and text.count('"rag"') != rows:
            sys.exit(f"tracker status rated {text.count(chr(34) + 'rag' + chr(34))} of {rows} items")
        if name == "remind":
            messages[0] = sum(1 for line in text.splitlines() if line.startswith("  sent "))

    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        reading = Reading(path, Path(scratch))
        ok = {"validate": (0, 1), "remind": (0, 1), "remind --dry-run": (0, 1)}
        runs = interleaved(reading.commands(), repeat, ok, check)
        sizes = [p.stat().st_size for p in reading.outboxes[-1].rglob("*.eml")]
    return SizeResult(rows, path.stat().st_size, runs, messages[0], sum(sizes), max(sizes, default=0))


def print_reading(results: list[SizeResult], repeat: int) -> bool:
    print(f"Reading commands, {OWNERS} owners: median of {repeat} fresh subprocesses (python -m automation)")
    print('  floor: python -c "...CalamineWorkbook.from_path(P); Register sheet .to_python()"')
    print(f"  status --today {TODAY} --format json; validate; remind --today {TODAY} [--dry-run]")
    print("  (remind: a fresh outbox and ledger each run, so every message is written)\n")
    header = (
        f"{'rows':>7}  {'command':<16}  {'seconds':>7}  {'x floor':>7}  {'goal':>6}  {'result':<11}  "
        f"{'peak MiB':>8}  {'x floor':>7}  {'goal':>6}  result"
    )
    print(header)
    print("-" * len(header))
    missed = False
    for r in results:
        floor = r.runs["floor"]
        for name, runs in r.runs.items():
            ratio, memory = runs.time / floor.time, runs.peak / floor.peak
            goal = GOALS.get(name)
            has_goal = goal is not None and (name != "status" or r.rows >= STATUS_FROM)
            time_verdict = verdict(ratio, goal) if has_goal and goal else ""
            memory_goal = name != "floor" and r.rows == MEMORY_AT
            memory_verdict = verdict(memory, MEMORY_GOAL) if memory_goal else ""
            missed |= "MISS" in time_verdict + memory_verdict
            print(
                f"{r.rows:>7,}  {name:<16}  {runs.time:>7.3f}  {ratio:>6.2f}x  "
                f"{f'<= {goal}x' if has_goal else '':>6}  {time_verdict:<11}  {mib(runs.peak):>8}  "
                f"{memory:>6.2f}x  {f'<= {MEMORY_GOAL}x' if memory_goal else '':>6}  {memory_verdict}"
            )
        print(
            f"{'':>7}  ({r.size / 1e6:.1f} MB file; the real remind wrote {r.messages} messages, "
            f"{r.outbox_bytes / 1e6:.1f} MB, the largest {r.largest_message / 1e6:.2f} MB)"
        )
    missed |= print_linearity(results)
    return missed


def print_linearity(results: list[SizeResult]) -> bool:
    """remind --dry-run: seconds per 1,000 rows at each size; linear if it does not grow."""
    if len(results) < 2:
        return False
    ordered = sorted(results, key=lambda r: r.rows)
    per = [(r.rows, r.runs["remind --dry-run"].time / r.rows * 1000) for r in ordered]
    growth = per[-1][1] / per[-2][1]
    shown = ", ".join(f"{rows:,}: {seconds * 1000:.1f} ms" for rows, seconds in per)
    result = verdict(growth, LINEAR_SLACK)
    print(
        f"\nremind --dry-run per 1,000 rows: {shown}; largest / next size {growth:.2f}x, "
        f"goal <= {LINEAR_SLACK}x (linear)  {result}"
    )
    return "MISS" in result


# ---------------------------------------------------------------------------------- guarded write


def bench_write(repeat: int) -> bool:
    """``tracker import`` of the example paper into a 10,000-row register, against a naive
    openpyxl load + append + save of as many rows into the same register."""
    source = cached_register(WRITE_ROWS, OWNERS)
    added = [0]
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        folder, count = Path(scratch), [0]

        def copy() -> Path:
            count[0] += 1
            target = folder / f"copy{count[0]}" / "tracker.xlsx"
            target.parent.mkdir()
            shutil.copyfile(source, target)
            return target

        commands: dict[str, Command] = {
            "naive": lambda: [sys.executable, "-c", NAIVE_WRITE, str(copy()), str(added[0] or 93)],
            "import": lambda: [
                sys.executable,
                "-m",
                "automation",
                "import",
                str(PAPER),
                "--register",
                str(copy()),
            ],
        }

        def check(name: str, stdout: bytes) -> None:
            if name == "import":
                line = next(x for x in stdout.decode().splitlines() if x.startswith("Added"))
                added[0] = int(line.split(" and ")[1].split()[0])

        runs = interleaved(commands, repeat, {}, check)
    ratio = runs["import"].time / runs["naive"].time
    result = verdict(ratio, WRITE_GOAL)
    print(f"\nGuarded write: tracker import of the example paper ({added[0]} items) into a")
    print(f"{WRITE_ROWS:,}-row register, against a naive openpyxl load, append {added[0]} rows, save")
    print(f"(median of {repeat}; a fresh copy of the register each run)")
    print(f"  naive openpyxl        {runs['naive'].time:7.3f} s   peak {mib(runs['naive'].peak)} MiB")
    print(
        f"  tracker import        {runs['import'].time:7.3f} s   peak {mib(runs['import'].peak)} MiB   "
        f"ratio {ratio:.2f}x   goal <= {WRITE_GOAL}x   {result}"
    )
    return "MISS" in result


# ---------------------------------------------------------------------------------------- start-up


def plain_install(folder: Path) -> Path:
    """Build a wheel of this checkout and install it (not editable) into a new venv."""
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    wheel = next(wheels.glob("tracker-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    return python


def bench_startup(repeat: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        python = plain_install(Path(scratch))
        script = python.with_name("tracker.exe" if os.name == "nt" else "tracker")
        commands: dict[str, Command] = {
            "pass": lambda: [str(python), "-c", "pass"],
            "help": lambda: [str(script), "--help"],
            "status": lambda: [str(script), "status"],  # in the checkout: the shipped tracker.xlsx
        }
        runs = interleaved(commands, repeat, {}, lambda *_: None, cwd=ROOT)
    base = runs["pass"].time
    help_result = verdict(runs["help"].time / base, HELP_GOAL)
    status_result = verdict(runs["status"].time / base, STARTUP_STATUS_GOAL)
    print(f"\nStart-up in a plain install (wheel of this checkout in a new venv), median of {repeat}:")
    print(f"  python -c pass                   {base:7.3f} s")
    print(
        f"  tracker --help                   {runs['help'].time:7.3f} s   "
        f"{runs['help'].time / base:5.2f}x   goal <= {HELP_GOAL}x   {help_result}"
    )
    print(
        f"  tracker status (shipped)        {runs['status'].time:7.3f} s   "
        f"{runs['status'].time / base:5.2f}x   goal <= {STARTUP_STATUS_GOAL}x   {status_result}"
    )
    return "MISS" in help_result + status_result


# -------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=list(SIZES), help="register sizes to read")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each command; the median counts")
    parser.add_argument("--help-repeat", type=int, default=15, help="timed runs of each start-up command")
    parser.add_argument(
        "--only", nargs="+", choices=("read", "write", "startup"), default=["read", "write", "startup"]
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    from importlib.metadata import version

    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; python-calamine {version('python-calamine')}, openpyxl "
        f"{version('openpyxl')}; registers in {_show(cached_register(WRITE_ROWS, OWNERS).parent)}; "
        f"{_load()}\n"
    )
    for rows in args.rows:  # generate up front, so that no timing shares the machine with it
        cached_register(rows, OWNERS)
    missed = False
    if "read" in args.only:
        missed |= print_reading([bench_reading(rows, args.repeat) for rows in args.rows], args.repeat)
    if "write" in args.only:
        missed |= bench_write(args.repeat)
    if "startup" in args.only:
        missed |= bench_startup(args.help_repeat)
    print(f"\n{_load()}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
