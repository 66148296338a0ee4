"""Issue 11's goals, measured side by side in one run: every command against its baseline.

    python bench/bench_goals.py                          # everything (10k, 50k, 200k rows)
    python bench/bench_goals.py --rows 10000 --repeat 5  # reading commands at one size
    python bench/bench_goals.py --only write startup     # the guarded write and start-up only
    python bench/bench_goals.py --strict                 # exit 1 when a goal is missed

Every command runs from a plain (non-editable) install of this checkout: a wheel installed
into a new virtual environment, its modules compiled to bytecode as pip does. Reading commands
(``status``, ``validate``, ``remind --dry-run`` and a real ``remind`` to the outbox) are timed
against the floor, a bare python-calamine read of the Register sheet; the import's guarded
write against a naive openpyxl load, append and save of the same register; ``tracker --help``
and ``tracker status`` on the shipped register against ``python -c pass``. Every timing is a
fresh process, started outside the checkout (so that ``python -m automation`` runs the
installed package); runs are interleaved after one untimed warm-up, and the median counts.
Figures and how to read them: bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_status import BARE_REGISTER, TODAY, _load, _show
from bench.generate import cached_register
from bench.launch import ROOT, Command, Runs, interleaved, mib, plain_install, run, verdict

LAST_WEEK = "2021-09-24"  # a week before TODAY: the run whose ledger this week starts from
PAPER = ROOT / "automation" / "data" / "jac-overview-hmicfrs-2021-q3.txt"
OWNERS = 500
SIZES = (10_000, 50_000, 200_000)
WRITE_ROWS = 10_000
GOALS = {"status": 1.6, "validate": 2.0, "remind --dry-run": 2.5, "remind": 4.0}  # x the floor
MEMORY_GOAL = 1.5  # peak memory of each reading command / the floor's, at MEMORY_AT rows
MEMORY_AT = 50_000
STATUS_FROM = 10_000  # the status goal holds from 10,000 rows (start-up dominates below)
LINEAR_SLACK = 1.25  # remind --dry-run: seconds per row at the largest size / at the next
MESSAGE_GOAL = 1_000_000  # bytes: no manager summary passes about 1 MB
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


# ------------------------------------------------------------------------------- reading commands


class Reading:
    """The four reading commands on one register, each run in a folder of its own."""

    def __init__(self, python: Path, path: Path, scratch: Path) -> None:
        self.python, self.path, self.scratch, self.count = str(python), path, scratch, 0
        (scratch / "none.toml").write_text("", encoding="utf-8")
        self.outboxes: list[Path] = []
        self.ledger = scratch / "no-ledger"

    def tracker(self, *args: str) -> list[str]:
        return [self.python, "-m", "automation", *args, "--register", str(self.path)]

    def commands(self) -> dict[str, Command]:
        empty = str(self.scratch / "none.toml")
        dry = ("remind", "--today", TODAY, "--dry-run")
        return {
            "floor": lambda: [self.python, "-c", BARE_REGISTER.format(path=str(self.path))],
            "status": lambda: self.tracker("status", "--today", TODAY, "--format", "json"),
            "validate": lambda: [*self.tracker("validate"), "--config", empty],
            "remind --dry-run": lambda: [*self.tracker(*dry), "--config", empty],
            "remind": self.real_remind,
        }

    def deployment(self, name: str) -> Path:
        """A folder as a force deploys the tracker: a config naming its ledger and outbox."""
        folder = self.scratch / name
        folder.mkdir()
        config = folder / "tracker.toml"
        config.write_text('ledger = "ledger.sqlite"\n[mail]\noutbox = "outbox"\n', encoding="utf-8")
        return config

    def last_week(self) -> None:
        """The previous week's run (untimed, once): its ledger is where every timed run starts,
        as each week's run starts from the ledger the weeks before left."""
        config = self.deployment("last-week")
        argv = [*self.tracker("remind", "--today", LAST_WEEK), "--config", str(config)]
        run(argv, ok=(0, 1), cwd=self.scratch)
        self.ledger = config.parent / "ledger.sqlite"

    def real_remind(self) -> list[str]:
        """This week's run, in a fresh copy of the deployment after last week's run: a new
        outbox, and last week's ledger (so every message of this week is written, the history
        records this week's changes, and red streaks and escalation see last week)."""
        self.count += 1
        config = self.deployment(f"run{self.count}")
        shutil.copyfile(self.ledger, config.parent / "ledger.sqlite")
        self.outboxes.append(config.parent / "outbox")
        return [*self.tracker("remind", "--today", TODAY), "--config", str(config)]


@dataclass
class SizeResult:
    rows: int
    size: int
    runs: dict[str, Runs]
    messages: int
    outbox_bytes: int
    largest: dict[str, int]  # kind of message (owner, summary) -> its largest, in bytes


def bench_reading(python: Path, rows: int, repeat: int) -> SizeResult:
    path = cached_register(rows, OWNERS)
    messages = [0]

    def check(name: str, stdout: bytes) -> None:
        text = stdout.decode(errors="replace")
        if name == "status" and text.count('"rag"') != rows:
            sys.exit(f"tracker status rated {text.count(chr(34) + 'rag' + chr(34))} of {rows} items")
        if name == "remind":
            messages[0] = sum(1 for line in text.splitlines() if line.startswith("  sent "))

    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        reading = Reading(python, path, Path(scratch))
        reading.last_week()
        ok = {"validate": (0, 1), "remind": (0, 1), "remind --dry-run": (0, 1)}
        runs = interleaved(reading.commands(), repeat, ok, check, cwd=Path(scratch))
        files = [(f.name, f.stat().st_size) for f in reading.outboxes[-1].rglob("*.eml")]
    largest = {
        kind: max((size for name, size in files if name.startswith(kind + "~")), default=0)
        for kind in ("owner", "summary")
    }
    total = sum(size for _, size in files)
    return SizeResult(rows, path.stat().st_size, runs, messages[0], total, largest)


def print_reading(results: list[SizeResult], repeat: int) -> bool:
    print(f"Reading commands, {OWNERS} owners: median of {repeat} fresh processes (python -m automation)")
    print('  floor: python -c "...CalamineWorkbook.from_path(P); Register sheet .to_python()"')
    print(f"  status --today {TODAY} --format json; validate; remind --today {TODAY} [--dry-run]")
    print("  (remind: each run a fresh outbox and a copy of last week's ledger, so every message is written)")
    print("  x floor: wall-clock time (the goal) | CPU time (user + system), for reference\n")
    header = (
        f"{'rows':>7}  {'command':<16}  {'seconds':>7}  {'x floor':>7}  {'goal':>7}  {'result':<11}  "
        f"{'CPU s':>6}  {'x floor':>7}  {'peak MiB':>8}  {'x floor':>7}  {'goal':>7}  result"
    )
    print(header)
    print("-" * len(header))
    missed = False
    for r in results:
        for name, runs in r.runs.items():
            missed |= _print_command(r, name, runs)
        sizes = ", ".join(f"largest {kind} {size / 1e6:.2f} MB" for kind, size in r.largest.items())
        result = verdict(r.largest["summary"], MESSAGE_GOAL)
        missed |= "MISS" in result
        print(
            f"{'':>7}  ({r.size / 1e6:.1f} MB file; the real remind wrote {r.messages} messages, "
            f"{r.outbox_bytes / 1e6:.1f} MB; {sizes}: summary goal <= 1 MB {result})"
        )
    missed |= print_linearity(results)
    return missed


def _print_command(r: SizeResult, name: str, runs: Runs) -> bool:
    floor = r.runs["floor"]
    ratio, cpu, memory = runs.time / floor.time, runs.cpu_time / floor.cpu_time, runs.peak / floor.peak
    goal = GOALS.get(name)
    has_goal = goal is not None and (name != "status" or r.rows >= STATUS_FROM)
    time_verdict = verdict(ratio, goal) if has_goal and goal else ""
    memory_goal = name != "floor" and r.rows == MEMORY_AT
    memory_verdict = verdict(memory, MEMORY_GOAL) if memory_goal else ""
    print(
        f"{r.rows:>7,}  {name:<16}  {runs.time:>7.3f}  {ratio:>6.2f}x  "
        f"{f'<= {goal}x' if has_goal else '':>7}  {time_verdict:<11}  {runs.cpu_time:>6.2f}  {cpu:>6.2f}x  "
        f"{mib(runs.peak):>8}  {memory:>6.2f}x  {f'<= {MEMORY_GOAL}x' if memory_goal else '':>7}  "
        f"{memory_verdict}"
    )
    return "MISS" in time_verdict + memory_verdict


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


def bench_write(python: Path, repeat: int) -> bool:
    """``tracker import`` of the example paper into a 10,000-row register, against a naive
    openpyxl load + append + save of as many rows into the same register."""
    source = cached_register(WRITE_ROWS, OWNERS)
    added = [0]
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as scratch:
        folder, count = Path(scratch), [0]

        def copy() -> str:
            count[0] += 1
            target = folder / f"copy{count[0]}" / "tracker.xlsx"
            target.parent.mkdir()
            shutil.copyfile(source, target)
            return str(target)

        commands: dict[str, Command] = {
            "naive": lambda: [str(python), "-c", NAIVE_WRITE, copy(), str(added[0] or 93)],
            "import": lambda: [str(python), "-m", "automation", "import", str(PAPER), "--register", copy()],
        }

        def check(name: str, stdout: bytes) -> None:
            if name == "import":
                line = next(x for x in stdout.decode().splitlines() if x.startswith("Added"))
                added[0] = int(line.split(" and ")[1].split()[0])

        runs = interleaved(commands, repeat, {}, check, cwd=folder)
    ratio, cpu = runs["import"].time / runs["naive"].time, runs["import"].cpu_time / runs["naive"].cpu_time
    result = verdict(ratio, WRITE_GOAL)
    print(f"\nGuarded write: tracker import of the example paper ({added[0]} items) into a")
    print(f"{WRITE_ROWS:,}-row register, against a naive openpyxl load, append {added[0]} rows, save")
    print(f"(median of {repeat}; a fresh copy of the register each run)")
    tail = f"   ratio {ratio:.2f}x (CPU {cpu:.2f}x)   goal <= {WRITE_GOAL}x   {result}"
    for name, label in (("naive", "naive openpyxl"), ("import", "tracker import")):
        r = runs[name]
        line = f"  {label:<20}{r.time:7.3f} s   CPU {r.cpu_time:6.2f} s   peak {mib(r.peak)} MiB"
        print(line + (tail if name == "import" else ""))
    return "MISS" in result


# ---------------------------------------------------------------------------------------- start-up


def bench_startup(python: Path, repeat: int) -> bool:
    script = python.with_name("tracker.exe" if os.name == "nt" else "tracker")
    commands: dict[str, Command] = {
        "pass": lambda: [str(python), "-c", "pass"],
        "import click": lambda: [str(python), "-c", "import click"],
        "help": lambda: [str(script), "--help"],
        "status": lambda: [str(script), "status"],  # in the checkout: the shipped tracker.xlsx
    }
    runs = interleaved(commands, repeat, {}, lambda *_: None, cwd=ROOT)
    base, base_cpu = runs["pass"].time, runs["pass"].cpu_time
    print(f"\nStart-up in the plain install, median of {repeat}:")
    print(f"  python -c pass                   {base:7.3f} s   CPU {base_cpu:6.3f} s")
    missed = False
    for name, label, goal in (
        ("import click", "python -c 'import click'", None),
        ("help", "tracker --help", HELP_GOAL),
        ("status", "tracker status (shipped)", STARTUP_STATUS_GOAL),
    ):
        r = runs[name]
        result = verdict(r.time / base, goal) if goal else "(reference: any click command pays it)"
        missed |= "MISS" in result
        print(
            f"  {label:<32}{r.time:7.3f} s   CPU {r.cpu_time:6.3f} s   {r.time / base:5.2f}x "
            f"(CPU {r.cpu_time / base_cpu:5.2f}x)   {f'goal <= {goal}x   ' if goal else ''}{result}"
        )
    return missed


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
        f"{_load()}"
    )
    for rows in args.rows:  # generate up front, so that no timing shares the machine with it
        cached_register(rows, OWNERS)
    missed = False
    with tempfile.TemporaryDirectory(prefix="tracker-plain-") as folder:
        python = plain_install(Path(folder))
        print("tracker installed from a wheel of this checkout into a new virtual environment\n")
        if "read" in args.only:
            results = [bench_reading(python, rows, args.repeat) for rows in args.rows]
            missed |= print_reading(results, args.repeat)
        if "write" in args.only:
            missed |= bench_write(python, args.repeat)
        if "startup" in args.only:
            missed |= bench_startup(python, args.help_repeat)
    print(f"\n{_load()}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
