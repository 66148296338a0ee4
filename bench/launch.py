"""Running commands for the benchmarks: fresh processes, timed and measured by a small launcher,
interleaved, in a plain (non-editable) install of this checkout.

Every figure comes from a child process started by a tiny launcher (so that the child's peak
memory is its own, not this process's), with its wall-clock time, its CPU time (user +
system, as the OS counts it) and its peak resident memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Runs:
    """Wall seconds, CPU seconds and peak resident memory (bytes) of each timed run."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def time(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_time(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak(self) -> int:
        return max(self.peaks)


# A child forked from this (large) benchmark process would count this process's memory in its
# own peak, as Linux keeps the larger of the two at exec: a small launcher starts each command.
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
cpu = usage.ru_utime + usage.ru_stime
with open(report, "w") as out:
    json.dump([took, cpu, usage.ru_maxrss * scale, os.waitstatus_to_exitcode(status)], out)
"""


@dataclass(frozen=True)
class Ran:
    seconds: float
    cpu: float
    peak: int
    stdout: bytes


def run(argv: Sequence[str], *, ok: Sequence[int] = (0,), cwd: Path | None = None) -> Ran:
    """One fresh process, timed by the launcher."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        launcher = [sys.executable, "-c", LAUNCH, json.dumps(list(argv)), str(report)]
        done = subprocess.run(launcher, stdout=out, stderr=subprocess.PIPE, cwd=cwd, check=False)
        found = json.loads(report.read_text()) if report.exists() else (0.0, 0.0, 0, done.returncode)
        took, cpu, peak, code = found
        out.seek(0)
        stdout = out.read()
    if code not in ok:
        sys.exit(f"{' '.join(argv[:4])} ... failed (exit {code}):\n{done.stderr.decode()[-3000:]}")
    return Ran(took, cpu, peak, stdout)


Command = Callable[[], list[str]]  # a fresh argv for each run (a new outbox folder, a new copy)


def interleaved(
    commands: dict[str, Command],
    repeat: int,
    ok: dict[str, Sequence[int]],
    after: Callable[[str, bytes], None],
    cwd: Path | None = None,
) -> dict[str, Runs]:
    """Warm each command up once, then time them in turn ``repeat`` times, the order reversed
    every other round (so no command always follows the same one)."""
    for name, argv in commands.items():
        after(name, run(argv(), ok=ok.get(name, (0,)), cwd=cwd).stdout)
    runs = {name: Runs() for name in commands}
    names = list(commands)
    for round_ in range(repeat):
        for name in names if round_ % 2 == 0 else reversed(names):
            ran = run(commands[name](), ok=ok.get(name, (0,)), cwd=cwd)
            runs[name].seconds.append(ran.seconds)
            runs[name].cpu.append(ran.cpu)
            runs[name].peaks.append(ran.peak)
    return runs


def verdict(value: float, goal: float) -> str:
    return "PASS" if value <= goal else f"MISS (+{(value / goal - 1) * 100:.0f}%)"


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f}"


def plain_install(folder: Path) -> Path:
    """Build a wheel of this checkout and install it (not editable) into a new virtual
    environment, as an officer's ``pip install`` would: its modules are compiled to bytecode
    at install time. Returns the environment's python."""
    wheels = folder / "wheels"
    pip = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)]
    subprocess.run(pip, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    wheel = next(wheels.glob("tracker-*.whl"))
    install = [str(python), "-m", "pip", "install", "-q", str(wheel)]
    subprocess.run(install, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return python
