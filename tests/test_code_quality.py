"""The checks CI holds the code to, run by the same test command: lint, format, types and the
import contract (the rooms of automation/ import only from the rooms below them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import ROOT

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
    "mypy": [sys.executable, "-m", "mypy"],
    "import contract": ["lint-imports", "--no-cache"],
}


@pytest.mark.parametrize("name", CHECKS)
def test_code_passes(name: str) -> None:
    command = CHECKS[name]
    if command[0] == "lint-imports":  # a console script, beside this Python in its environment
        beside = Path(sys.executable).with_name("lint-imports")
        found = str(beside) if beside.exists() else shutil.which("lint-imports")
        assert found, "lint-imports is not installed: pip install -e '.[test]'"
        command = [found, *command[1:]]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
