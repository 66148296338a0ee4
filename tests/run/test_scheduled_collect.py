"""The scheduled weekly run collects owners' returns first when [schedule] collect_returns
says from where, so the week's digests and summaries already reflect them; a collection that
cannot run is told to the register owner and IT, and the weekly run still goes out."""

from __future__ import annotations

import email
import email.policy
from datetime import date
from pathlib import Path

from automation.cli.views.runs import weekly_text
from automation.core.model import Status
from automation.register.load import load_register
from automation.run.config import load_config
from automation.run.unattended import scheduled_weekly
from tests.returns.helpers import at, blank, fill, issue, shipped_register

ISSUED, NEXT_WEEK = date(2021, 10, 4), date(2021, 10, 11)


def setup(tmp_path: Path, collect_from: str) -> tuple[Path, str]:
    register = shipped_register(tmp_path)
    dana = issue(register, tmp_path / "tracker.ledger.sqlite", "Dana Whitfield", ISSUED)
    ref = dana.rows[0].ref
    replies = tmp_path / "replies"
    replies.mkdir()
    typed = at(dana, ref, update="Audit booked.", status="Complete – awaiting sign-off", evidence="AUD-17")
    (replies / "dana.xlsx").write_bytes(fill(blank(dana), typed))
    (tmp_path / "tracker.toml").write_text(
        f'[schedule]\ncollect_returns = "{collect_from}"\n\n[mail]\n'
        'register_owner = "governance@example.police.uk"\n',
        encoding="utf-8",
    )
    return register, ref


def bodies(outbox: Path) -> dict[str, str]:
    found = {}
    for path in sorted(outbox.rglob("*.eml")):
        parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found[path.name] = parsed.get_body(("plain",)).get_content()
    return found


def test_returns_are_collected_before_the_week_digests(tmp_path: Path) -> None:
    register, ref = setup(tmp_path, "replies")
    config = load_config(tmp_path / "tracker.toml")
    result = scheduled_weekly(config, register, NEXT_WEEK)
    assert result is not None and result.exit_code == 0
    item = next(i for i in load_register(register).items if i.ref == ref and i.owner == "Dana Whitfield")
    assert (item.status, item.progress) == (Status.AWAITING_SIGN_OFF, "Audit booked.")
    summaries = [text for name, text in bodies(tmp_path / "outbox").items() if name.startswith("summary~")]
    assert summaries and all("UPDATES RECEIVED THIS WEEK (1)" in text for text in summaries)


def test_a_collection_that_cannot_run_is_reported_and_the_week_still_goes(tmp_path: Path) -> None:
    register, _ = setup(tmp_path, "no-such-folder")
    config = load_config(tmp_path / "tracker.toml")
    result = scheduled_weekly(config, register, NEXT_WEEK)
    assert result is not None and result.exit_code == 1  # a scheduler's watcher sees it failed
    assert result.collect_problem.startswith(f"collecting from {tmp_path / 'no-such-folder'} failed")
    assert weekly_text(result, register).splitlines()[-1] == (
        f"Returns not collected: collecting from {tmp_path / 'no-such-folder'} failed (the log says "
        "why; the register owner and IT were emailed)"
    )
    sent = bodies(tmp_path / "outbox")
    assert any(name.startswith("owner~") for name in sent)
    notices = [text for text in sent.values() if "collecting returns" in text]
    assert notices and "no-such-folder does not exist" in notices[0]
