"""``tracker runs``: recent runs from the ledger as a table."""

from __future__ import annotations

from datetime import date, datetime

from click.testing import CliRunner

from automation.run.unattended import unattended_weekly
from tests.run.fakes import cli, config, register


def runs(tmp_path, *args):
    toml = tmp_path / "tracker.toml"
    if not toml.exists():
        toml.write_text(
            '[mail]\nregister_owner = "governance@demo.police.uk"\nallowed_domains = ["demo.police.uk"]\n'
        )
    result = CliRunner().invoke(cli(), ["runs", "--config", str(toml), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_no_ledger_yet(tmp_path):
    assert runs(tmp_path).startswith("No runs recorded yet")
    assert not (tmp_path / "tracker.ledger.sqlite").exists()


def test_lists_runs_newest_first_aligned(tmp_path):
    cfg = config(tmp_path)
    path = register(tmp_path)
    unattended_weekly(cfg, path, date(2021, 10, 4), now=lambda: datetime(2021, 10, 4, 8))
    unattended_weekly(cfg, path, date(2021, 10, 5), now=lambda: datetime(2021, 10, 5, 8))
    path.unlink()
    unattended_weekly(cfg, path, date(2021, 10, 11), now=lambda: datetime(2021, 10, 11, 8))
    lines = runs(tmp_path).splitlines()
    assert lines[0].split() == [
        "id",
        "kind",
        "week",
        "started",
        "finished",
        "outcome",
        "sent",
        "failed",
        "skipped",
        "errors",
        "warnings",
        "detail",
    ]
    assert len(lines) == 4
    assert lines[1].split()[:6] == [
        "3",
        "weekly",
        "2021-W41",
        "2021-10-11T08:00:00",
        "2021-10-11T08:00:00",
        "failed",
    ]
    assert "does not exist" in lines[1]
    assert lines[2].split()[5:9] == ["done", "0", "0", "3"]
    assert lines[3].split()[5:9] == ["done", "3", "0", "0"]
    column = lines[0].index("outcome")
    assert all(line[column:].startswith(("outcome", "failed", "done")) for line in lines)
    assert len(runs(tmp_path, "--limit", "1").splitlines()) == 2
