"""A register marked read-only is refused, before any work, by every command that would write
to it; it stays byte for byte as it was, and read-only. (The mode bits are what is checked,
so this holds when the tests run as root, whom the system would let write.)"""

from __future__ import annotations

import hashlib
import stat
from datetime import date

import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.returns.helpers import at, blank, fill, issue, shipped_register

PAPER = """# An inspection of how well the police use body-worn video

Published 1 March 2024.

## Recommendations

Recommendation 1: By 31 March 2025, chief constables should publish their body-worn video policy.
"""
TODAY = date(2021, 10, 4)
REFUSED = (
    "tracker: tracker.xlsx: the workbook is read-only, so tracker will not change it (nothing was "
    "changed; if it should be updated, make it writable and run again: in Windows, right-click it > "
    "Properties > untick Read-only; elsewhere, chmod u+w tracker.xlsx)\n"
)


@pytest.fixture()
def read_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    register = shipped_register(tmp_path)
    dana = issue(register, tmp_path / "tracker.ledger.sqlite", "Dana Whitfield", TODAY)
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "dana.xlsx").write_bytes(
        fill(blank(dana), at(dana, dana.rows[0].ref, update="Done"))
    )
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    register.chmod(0o444)
    return register


@pytest.mark.parametrize(
    "command",
    [["import", "paper.md"], ["collect", "replies", "--today", "2021-10-04"]],
    ids=["import", "collect"],
)
def test_a_read_only_register_is_refused_before_any_work(read_only, command):
    before = hashlib.sha256(read_only.read_bytes()).hexdigest()

    result = CliRunner().invoke(main, command)

    assert (result.exit_code, result.output) == (2, REFUSED)
    assert hashlib.sha256(read_only.read_bytes()).hexdigest() == before
    assert stat.S_IMODE(read_only.stat().st_mode) == 0o444
    assert not (read_only.parent / "backups").exists()


def test_a_dry_run_reads_a_read_only_register(read_only):
    result = CliRunner().invoke(main, ["import", "paper.md", "--dry-run"])
    assert result.exit_code == 0 and result.output.endswith("Dry run: nothing was written.\n")
