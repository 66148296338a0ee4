"""tracker collect: exact output for a folder of returns, a dry run, a refusal and a rerun."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from automation.cli import main
from tests.returns.helpers import at, blank, fill, issue, shipped_register

TODAY = date(2021, 10, 4)


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    register = shipped_register(tmp_path)
    dana = issue(register, tmp_path / "tracker.ledger.sqlite", "Dana Whitfield", TODAY)
    first = dana.rows[0]
    replies = tmp_path / "replies"
    replies.mkdir()
    typed = at(
        dana, first.ref, update="Audit booked.", status="Complete – awaiting sign-off", evidence="AUD-17"
    )
    (replies / "a-dana.xlsx").write_bytes(fill(blank(dana), typed))
    (replies / "b-dana.xlsx").write_bytes(fill(blank(dana), at(dana, first.ref, status="Closed")))
    return first


def run(*args: str):
    return CliRunner().invoke(main, ["collect", "replies", "--today", "2021-10-04", *args])


def test_collect_dry_run_then_for_real_then_again(folder):
    ref = folder.ref
    pub = folder.publication[:29] + "…"
    status = folder.status
    dry = run("--dry-run")
    lines = [
        "Would collect returns from replies into tracker.xlsx, 04/10/2021",
        "  accepted  a-dana.xlsx: Dana Whitfield, 1 update",
        "  refused   b-dana.xlsx: Dana Whitfield",
        "              Update!J12: 'Closed': an owner cannot close an item; propose 'Complete – awaiting "
        "sign-off' and the assurance meeting signs it off",
        "Updates that would be written:",
        f"  {ref:<20}{pub:<32}{'Dana Whitfield':<18}update 'Audit booked.'; status {status} -> "
        "Complete – awaiting sign-off (applied)",
        "1 update, 0 status changes held, 0 target dates requested, 1 return refused.",
        "Dry run: nothing was written, recorded or moved.",
    ]
    assert (dry.exit_code, dry.output) == (1, "\n".join(lines) + "\n")

    real = run()
    assert real.exit_code == 1
    assert real.output.splitlines()[0] == "Collected returns from replies into tracker.xlsx, 04/10/2021"
    assert real.output.splitlines()[-1].startswith(
        "Saved tracker.xlsx (logged on its Updates sheet); the previous"
    )

    again = run("--format", "json")
    found = json.loads(again.output)
    assert again.exit_code == 0
    assert (found["returns"], found["updates"]) == ([], [])
    assert found["already_collected"] == ["a-dana.xlsx", "b-dana.xlsx"]


def test_collect_needs_an_existing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shipped_register(tmp_path)
    result = CliRunner().invoke(main, ["collect", "nowhere"])
    assert result.exit_code == 2
    assert (
        result.output
        == "tracker: nowhere does not exist (pass a folder of .xlsx or .eml files, or mailbox:)\n"
    )


def test_collect_appears_in_help():
    assert "collect" in CliRunner().invoke(main, ["--help"]).output
    assert "SOURCE is a folder" in CliRunner().invoke(main, ["collect", "--help"]).output
