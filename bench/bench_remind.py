"""Benchmark: the weekly job composing every message, against a bare read of the register.

    python bench/bench_remind.py                     # 10,000 rows, 500 owners
    python bench/bench_remind.py --rows 2000 --repeat 5

``tracker remind --dry-run`` reads and validates the register, rates every item, composes
every owner digest and manager summary and renders each through the templates (HTML and
text); it sends and records nothing. The baseline is a bare python-calamine read of the same
file's Register sheet, timed in the same interleaved loop. Goal: remind within 3x the read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_status import BARE_REGISTER, TODAY, _load, _run, _show, time_interleaved
from bench.generate import cached_register

GOAL = 3.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the median counts")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the goal is missed")
    args = parser.parse_args(argv)
    path = cached_register(args.rows, args.owners)
    with tempfile.TemporaryDirectory() as folder:  # no tracker.toml, no ledger: a fresh machine
        remind = [
            sys.executable,
            "-m",
            "automation",
            "remind",
            "--register",
            str(path),
            "--today",
            TODAY,
            "--dry-run",
            "--config",
            str(Path(folder) / "none.toml"),
        ]
        (Path(folder) / "none.toml").write_text("", encoding="utf-8")
        commands = {"bare": [sys.executable, "-c", BARE_REGISTER.format(path=str(path))], "remind": remind}
        done = _run(remind, capture=True)
        if done.returncode not in (0, 1):
            sys.exit(f"tracker remind failed:\n{done.stderr.decode(errors='replace')[-2000:]}")
        messages = sum(1 for line in done.stdout.decode().splitlines() if "would send" in line)
        times, _ = time_interleaved(commands, args.repeat)
    bare, took = statistics.median(times["bare"]), statistics.median(times["remind"])
    ratio = took / bare
    verdict = "PASS" if ratio <= GOAL else f"MISS (+{(ratio / GOAL - 1) * 100:.0f}%)"
    print(f"{_load()}")
    print(f"register {_show(path)}: {args.rows:,} rows, {args.owners} owners; {messages} messages composed")
    print(f"  bare read (Register sheet)  {bare:7.3f} s")
    print(f"  tracker remind --dry-run    {took:7.3f} s   ratio {ratio:.2f}x   goal <= {GOAL}x   {verdict}")
    return 1 if args.strict and ratio > GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
