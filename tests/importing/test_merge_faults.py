"""Importing under concurrency, crashes and hostile papers (issue 10, items 7, 9, 14, 17)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from automation.importing import merge
from automation.register.load import load_register
from automation.register.lockfile import held
from automation.register.safe_write.guards import lock_path
from automation.register.template import write_register
from automation.run.paper import import_paper
from tests.builders import item, workbook

TODAY = date(2021, 10, 1)
PAPER = """Recommendations

Inspection of widgets
Published 1 March 2022

Recommendation 1
By 31 August 2022, chief constables should fix the widgets.

Recommendation 2
By 30 September 2022, chief constables should count the widgets.
"""


def test_two_imports_at_once_add_each_item_once(tmp_path, monkeypatch):
    """Item 7: both imports plan before either writes; the second re-plans under the lock."""
    register = tmp_path / "tracker.xlsx"
    write_register(register)
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    planned = threading.Semaphore(0)
    plan = merge.plan_merge

    def plan_and_tell(*args, **kwargs):
        done = plan(*args, **kwargs)
        planned.release()
        return done

    monkeypatch.setattr(merge, "plan_merge", plan_and_tell)
    results, errors = [], []

    def run():
        try:
            results.append(import_paper(register, paper, TODAY))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with held(lock_path(register), timeout=5):  # both plan, then both wait for the write lock
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        assert planned.acquire(timeout=30) and planned.acquire(timeout=30)
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    refs = sorted(i.ref for i in load_register(register).items)
    assert refs == ["Recommendation 1", "Recommendation 2"]
    assert sorted(len(r.plan.items) if r.written else 0 for r in results) == [0, 2]


def test_import_through_a_symbolic_link_writes_the_real_workbook(tmp_path):
    """Item 9: the link stays a link, and the workbook it points to gets the rows."""
    real = tmp_path / "shared" / "tracker.xlsx"
    real.parent.mkdir()
    write_register(real)
    link = tmp_path / "tracker.xlsx"
    link.symlink_to(real)
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")

    done = import_paper(link, paper, TODAY)

    assert link.is_symlink() and link.resolve() == real.resolve()
    assert len(load_register(real).items) == 2
    assert done.written is not None and done.written.backup.parent == real.parent / "backups"
    assert not (tmp_path / "backups").exists()


def test_control_characters_in_a_paper_are_dropped_not_a_crash(tmp_path):
    """Item 14: a cell cannot hold them (IllegalCharacterError); the rest of the text is kept."""
    register = tmp_path / "tracker.xlsx"
    write_register(register)
    paper = tmp_path / "paper.txt"
    paper.write_text(
        PAPER.replace("fix the widgets", "fix the \x07\x1b[31mwidgets\x1b[0m\x00"), encoding="utf-8"
    )

    import_paper(register, paper, TODAY)

    [first, _] = sorted(load_register(register).items, key=lambda i: i.ref)
    assert "widgets" in first.text and not any(ord(ch) < 32 for ch in first.text)


def test_notes_are_kept_whole_through_an_import(tmp_path):
    """Item 14: each note keeps its author, its formatted text and its box."""
    register = workbook(tmp_path / "tracker.xlsx", [item(ref="R1")])
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    before = zipfile.ZipFile(register)
    originals = {n: before.read(n) for n in before.namelist() if "comment" in n or n.endswith(".vml")}
    before.close()
    assert originals, "the register should have notes"

    import_paper(register, paper, TODAY)

    with zipfile.ZipFile(register) as after:
        kept = {after.read(n) for n in after.namelist() if "comment" in n or n.endswith(".vml")}
    assert set(originals.values()) <= kept
    assert b"<author>None</author>" not in b"".join(kept)


def test_a_killed_import_leaves_no_temporary_copy_after_the_next_one(tmp_path):
    """Item 17: kill -9 during the save, then import again: the leftovers are removed."""
    register = tmp_path / "tracker.xlsx"
    write_register(register, items=[item(ref=f"R{n}", row=n + 1) for n in range(1, 400)])
    env = {**os.environ, "PYTHONPATH": str(Path(merge.__file__).parents[2])}
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    command = [sys.executable, "-m", "automation", "import", "--register", str(register), str(paper)]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 90
    while not list(tmp_path.glob(".tracker.*.tracker-tmp")) and process.poll() is None:
        if time.monotonic() > deadline:  # pragma: no cover
            break
        time.sleep(0.005)
    if process.poll() is not None:
        pytest.skip("the import finished before its temporary copy could be seen")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    left = list(tmp_path.glob(".tracker.*.tracker-tmp"))
    assert left, "a killed import leaves its temporary copy"
    (tmp_path / "backups").mkdir(exist_ok=True)
    stale_backup = tmp_path / "backups" / "tracker.backup-20211001-080000.xlsx.partial"
    stale_backup.write_bytes(b"half a backup")
    assert load_register(register).items[0].ref == "R1"  # the register itself is intact

    import_paper(register, paper, TODAY)

    assert list(tmp_path.glob(".tracker.*.tracker-tmp")) == []
    assert not stale_backup.exists()


def test_leftovers_of_another_register_are_not_touched(tmp_path):
    register = tmp_path / "tracker.xlsx"
    write_register(register)
    other = tmp_path / ".other.abc123.tracker-tmp"
    other.write_bytes(b"someone else's")
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")

    import_paper(register, paper, TODAY)

    assert other.exists()
    assert openpyxl.load_workbook(register)["Register"]["B2"].value == "Recommendation 1"
