"""What a wheel carries: the built-in templates and tracker.toml.example as package data, so a
plain install (a wheel, ``pip install .``, pipx, an offline wheelhouse) can send and check
without the checkout. The wheel is built here as pip builds it and run from an unpacked copy
outside the checkout; .ci/run also installs it into a fresh venv and runs the weekly job."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.builders import ROOT

SOURCES = ("automation", "templates", "setup.py", "pyproject.toml", "README.md", "tracker.toml.example")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)  # type: ignore[operator]
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
    done = subprocess.run([*command, "-w", str(out), str(source)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [built] = out.glob("tracker-*.whl")
    return built


def test_the_wheel_carries_the_templates_and_the_example_config(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"automation/templates/{p.name}" for p in (ROOT / "templates").iterdir() if p.is_file()}
    assert shipped <= names
    assert "automation/templates/tracker.toml.example" in names
    assert "automation/templates/owner_digest.html.j2" in names


def test_the_weekly_job_runs_from_the_wheel_outside_the_checkout(wheel, tmp_path):
    site, work = tmp_path / "site", tmp_path / "work"
    zipfile.ZipFile(wheel).extractall(site)
    work.mkdir()
    shutil.copy2(ROOT / "tracker.xlsx", work / "tracker.xlsx")
    env = {**os.environ, "PYTHONPATH": str(site)}  # the unpacked wheel, ahead of the editable install

    def tracker(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "automation", *args]
        return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=120)

    where = tracker("example-config")
    assert where.returncode == 0, where.stderr
    assert where.stdout == (ROOT / "tracker.toml.example").read_text(encoding="utf-8")
    remind = tracker("remind", "--today", "30/11/2026")
    assert remind.returncode == 0, remind.stdout + remind.stderr
    assert "Messages are in outbox" in remind.stdout
    assert list((work / "outbox").rglob("*.eml"))
    doctor = tracker("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert f"built-in templates (in {site / 'automation' / 'templates'})" in doctor.stdout


def test_what_the_readme_setup_makes_is_ignored_by_git():
    """The README's two setup commands make `.venv` and the weekly run makes `outbox/`: a
    `git add .` after following the README must not commit them."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    assert "python3 -m venv .venv" in (ROOT / "README.md").read_text(encoding="utf-8")
    names = [".venv/bin/python", "outbox/2021-W40/a.eml", "tracker.ledger.sqlite"]
    done = subprocess.run(["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.splitlines() == names
